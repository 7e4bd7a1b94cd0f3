// How long until a deadline, for "还剩 3 天 5 小时". Computed from the server's `now` that the loader
// passes down, so the page renders the same text on the server and in the browser.

export type TimeLeft =
  | { kind: "none" }
  | { kind: "closed" }
  | { kind: "days"; days: number; hours: number }
  | { kind: "hours"; hours: number; minutes: number }
  | { kind: "minutes"; minutes: number };

export function timeLeft(deadline: string | null, now: Date): TimeLeft {
  if (!deadline) return { kind: "none" };
  const ms = new Date(deadline).getTime() - now.getTime();
  if (Number.isNaN(ms)) return { kind: "none" };
  if (ms <= 0) return { kind: "closed" };
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return { kind: "minutes", minutes: Math.max(minutes, 1) };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { kind: "hours", hours, minutes: minutes % 60 };
  return { kind: "days", days: Math.floor(hours / 24), hours: hours % 24 };
}
