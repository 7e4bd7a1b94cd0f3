// Progress toward the plan's benchmark target: the recent rate, the projection to the deadline,
// and whether that reaches the target. Pure, so the arithmetic is tested without a database.

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 365.25 / 12;

export interface ProjectionInput {
  /** ISO timestamps of each certification. */
  certifiedAt: string[];
  now: Date;
  target: number;
  /** YYYY-MM-DD, the last day that counts (Beijing time). */
  deadline: string;
  windowDays?: number;
}

export interface Projection {
  count: number;
  percent: number;
  ratePerMonth: number;
  requiredPerMonth: number;
  projected: number;
  /** projected − target: positive means ahead. */
  margin: number;
  onTrack: boolean;
  reached: boolean;
  daysLeft: number;
}

export function projectBenchmarks({ certifiedAt, now, target, deadline, windowDays = 90 }: ProjectionInput): Projection {
  const nowMs = now.getTime();
  const certified = certifiedAt.map((d) => Date.parse(d)).filter((t) => t <= nowMs);
  const count = certified.length;
  const recent = certified.filter((t) => t > nowMs - windowDays * DAY_MS).length;
  const ratePerDay = recent / windowDays;
  const end = Date.parse(`${deadline}T23:59:59+08:00`);
  const daysLeft = Math.max(0, (end - nowMs) / DAY_MS);
  const projected = Math.floor(count + ratePerDay * daysLeft);
  const remaining = Math.max(0, target - count);
  const monthsLeft = daysLeft / DAYS_PER_MONTH;
  return {
    count,
    percent: target > 0 ? Math.min(100, Math.round((count / target) * 1000) / 10) : 100,
    ratePerMonth: Math.round(ratePerDay * DAYS_PER_MONTH * 10) / 10,
    requiredPerMonth: remaining === 0 ? 0 : monthsLeft > 0 ? Math.ceil((remaining / monthsLeft) * 10) / 10 : Infinity,
    projected,
    margin: projected - target,
    onTrack: projected >= target,
    reached: count >= target,
    daysLeft: Math.ceil(daysLeft),
  };
}

/** Cumulative count at the end of each month (YYYY-MM, Beijing time) from the first certification. */
export function cumulativeByMonth(certifiedAt: string[], now: Date): { month: string; total: number }[] {
  const month = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 7);
  const months = certifiedAt.map((d) => month(Date.parse(d))).sort();
  if (!months.length) return [];
  const series: { month: string; total: number }[] = [];
  let [year, m] = months[0]!.split("-").map(Number) as [number, number];
  const last = month(now.getTime());
  let i = 0;
  for (;;) {
    const key = `${year}-${String(m).padStart(2, "0")}`;
    while (i < months.length && months[i]! <= key) i++;
    series.push({ month: key, total: i });
    if (key >= last) break;
    m += 1;
    if (m > 12) [year, m] = [year + 1, 1];
  }
  return series;
}
