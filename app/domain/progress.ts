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

// The funnel from publication to benchmark, from the scenarios' status history.

export const FUNNEL_STAGES = ["published", "matched", "piloting", "benchmark"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface HistoryStep {
  scenarioId: number;
  toStatus: string;
  /** ISO timestamp. */
  at: string;
}

export interface FunnelStep {
  stage: FunnelStage;
  /** Scenarios that reached this stage. */
  count: number;
  /** Share of the previous stage's scenarios that reached this one, in percent (null for the first, or after none). */
  conversion: number | null;
  /** Median days from reaching the previous stage to reaching this one (null for the first, or without pairs). */
  medianDays: number | null;
  /** How many scenarios the median is taken over. */
  timed: number;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Counts the scenarios that reached each stage and times the steps between stages. A scenario
 * counts as having reached every stage before the furthest one it has a history row for (an
 * imported or hand-made history may skip a step; a benchmark was still published). A step is timed
 * from the first arrival at the previous stage to the first arrival at this one, only when both
 * rows exist. A scenario that went on to `closed` keeps the stages it had reached.
 */
export function funnel(steps: HistoryStep[]): FunnelStep[] {
  const firstAt = new Map<number, Map<FunnelStage, number>>();
  for (const step of steps) {
    const stage = FUNNEL_STAGES.find((s) => s === step.toStatus);
    if (!stage) continue;
    const t = Date.parse(step.at);
    const reached = firstAt.get(step.scenarioId) ?? new Map<FunnelStage, number>();
    if (!reached.has(stage) || t < reached.get(stage)!) reached.set(stage, t);
    firstAt.set(step.scenarioId, reached);
  }
  const furthest = [...firstAt.values()].map((reached) => Math.max(...[...reached.keys()].map((s) => FUNNEL_STAGES.indexOf(s))));
  return FUNNEL_STAGES.map((stage, i) => {
    const count = furthest.filter((f) => f >= i).length;
    const previousCount = i === 0 ? null : furthest.filter((f) => f >= i - 1).length;
    const days: number[] = [];
    if (i > 0) {
      for (const reached of firstAt.values()) {
        const from = reached.get(FUNNEL_STAGES[i - 1]!);
        const to = reached.get(stage);
        if (from !== undefined && to !== undefined && to >= from) days.push((to - from) / DAY_MS);
      }
    }
    const m = median(days);
    return {
      stage,
      count,
      conversion: previousCount ? Math.round((count / previousCount) * 1000) / 10 : null,
      medianDays: m === null ? null : Math.round(m * 10) / 10,
      timed: days.length,
    };
  });
}
