// All demo dates hang off one fixed "today", so the data looks the same whenever it is generated.
// Instants are epoch milliseconds while planning and ISO UTC strings in the database.
import type { Rng } from "./random";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const DEMO_TODAY = Date.parse("2026-11-20T10:00:00+08:00");
/** The last certification in the demo: a few days before today, so a notice period can be running. */
export const CERTIFIED_UNTIL = Date.parse("2026-11-15T17:00:00+08:00");

export function at(text: string): number {
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new Error(`bad date ${text}`);
  return t;
}

export function iso(t: number): string {
  return new Date(t).toISOString();
}

/** The calendar date in Asia/Shanghai, which is what people in Nanjing read. */
export function shanghaiDate(t: number): string {
  return new Date(t + 8 * HOUR).toISOString().slice(0, 10);
}

/** Midnight in Shanghai of the day that contains t. */
export function shanghaiMidnight(t: number): number {
  return Math.floor((t + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
}

/** The same Shanghai day, at a random time people are at work (09:00–17:30). */
export function officeTime(rng: Rng, t: number): number {
  return shanghaiMidnight(t) + 9 * HOUR + rng.int(0, 510) * MINUTE;
}

/** 17:00 Shanghai on the day `days` after t: how proposal deadlines are announced. */
export function deadlineAfter(t: number, days: number): number {
  return shanghaiMidnight(t + days * DAY) + 17 * HOUR;
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Later than `previous` by at least a few minutes: history steps must strictly increase. */
export function after(rng: Rng, previous: number, candidate: number): number {
  return candidate > previous ? candidate : previous + rng.int(10, 150) * MINUTE;
}
