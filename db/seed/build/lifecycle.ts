// Which statuses the demo's scenarios are in, and the dated path of legal transitions that got
// each one there. Quotas are exact (per mille of the total) so the acceptance numbers hold at
// every size: ≥ 80 % public, ≥ 20 % benchmarks, nothing public in the open 2027 edition.
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import { CLOSE_AFTER_PILOT_REASONS, CLOSE_AFTER_PUBLISH_REASONS, RETURN_REASONS, WITHDRAW_REASONS } from "../content/texts";
import type { Rng } from "../random";
import { CERTIFIED_UNTIL, DAY, DEMO_TODAY, HOUR, MINUTE, deadlineAfter, officeTime } from "../time";
import type { ActorKind, BatchPlan, EditionPlan, Timeline } from "./world";

export interface Cohort {
  year: number;
  batch: number | null;
  status: ScenarioStatus;
  afterPilot?: boolean;
  perMille: number;
}

export const COHORTS: readonly Cohort[] = [
  // 2027: the call is open and nothing has been published yet.
  { year: 2027, batch: null, status: "draft", perMille: 16 },
  { year: 2027, batch: null, status: "submitted", perMille: 15 },
  { year: 2027, batch: null, status: "returned", perMille: 6 },
  { year: 2027, batch: null, status: "approved", perMille: 13 },
  { year: 2027, batch: null, status: "withdrawn", perMille: 5 },
  // Stragglers of earlier calls: approved after the last 2026 batch, still in review, withdrawn.
  { year: 2026, batch: null, status: "draft", perMille: 3 },
  { year: 2026, batch: null, status: "submitted", perMille: 4 },
  { year: 2026, batch: null, status: "returned", perMille: 3 },
  { year: 2026, batch: null, status: "approved", perMille: 9 },
  { year: 2026, batch: null, status: "withdrawn", perMille: 11 },
  { year: 2025, batch: null, status: "withdrawn", perMille: 10 },
  // 2025: long finished, so mostly benchmarks, pilots and closures.
  { year: 2025, batch: 1, status: "benchmark", perMille: 88 },
  { year: 2025, batch: 1, status: "piloting", perMille: 18 },
  { year: 2025, batch: 1, status: "closed", afterPilot: true, perMille: 22 },
  { year: 2025, batch: 1, status: "closed", perMille: 22 },
  { year: 2025, batch: 2, status: "benchmark", perMille: 60 },
  { year: 2025, batch: 2, status: "piloting", perMille: 45 },
  { year: 2025, batch: 2, status: "closed", afterPilot: true, perMille: 15 },
  { year: 2025, batch: 2, status: "closed", perMille: 20 },
  { year: 2025, batch: 3, status: "benchmark", perMille: 20 },
  { year: 2025, batch: 3, status: "piloting", perMille: 65 },
  { year: 2025, batch: 3, status: "closed", afterPilot: true, perMille: 10 },
  { year: 2025, batch: 3, status: "closed", perMille: 20 },
  // 2026: the first batch is being piloted, the second is open for proposals.
  { year: 2026, batch: 1, status: "benchmark", perMille: 48 },
  { year: 2026, batch: 1, status: "piloting", perMille: 120 },
  { year: 2026, batch: 1, status: "matched", perMille: 52 },
  { year: 2026, batch: 1, status: "closed", perMille: 25 },
  { year: 2026, batch: 1, status: "closed", afterPilot: true, perMille: 7 },
  { year: 2026, batch: 1, status: "published", perMille: 18 },
  { year: 2026, batch: 2, status: "published", perMille: 230 },
];

const PRE_PUBLISH: readonly ScenarioStatus[] = ["draft", "submitted", "returned", "approved"];

/** The pre-publication path ending in `last` (a draft, a submission, a return, an approval). */
function prePath(rng: Rng, last: ScenarioStatus): ScenarioStatus[] {
  const path: ScenarioStatus[] = ["draft"];
  if (last === "draft") return path;
  path.push("submitted");
  if (last === "submitted") return rng.chance(0.15) ? [...path, "returned", "submitted"] : path;
  if (last === "returned") return [...path, "returned"];
  if (rng.chance(0.25)) path.push("returned", "submitted");
  path.push("approved");
  return path;
}

const GAP_DAYS: Partial<Record<ScenarioStatus, readonly [number, number]>> = {
  submitted: [1, 12],
  returned: [2, 8],
  approved: [3, 15],
  withdrawn: [2, 20],
};

/** Day gaps between the steps, squeezed proportionally when they would not fit before `end`. */
function placeSteps(rng: Rng, statuses: ScenarioStatus[], start: number, end: number): number[] {
  const gaps = statuses.map((s, i) => (i === 0 ? 0 : rng.float(...(GAP_DAYS[s] ?? [1, 5])) * DAY));
  const total = gaps.reduce((a, b) => a + b, 0);
  const room = end - start;
  const factor = total > room ? room / total : 1;
  const times: number[] = [];
  let t = start;
  for (const gap of gaps) {
    t += gap * factor;
    const prev = times[times.length - 1] ?? -Infinity;
    let x = officeTime(rng, t);
    if (x > end) x = t;
    if (x <= prev) x = prev + rng.int(5, 30) * MINUTE;
    times.push(x);
  }
  return times;
}

const ACTOR: Record<ScenarioStatus, ActorKind> = {
  draft: "owner", submitted: "owner", returned: "reviewer", approved: "reviewer", published: "admin",
  matched: "owner", piloting: "owner", benchmark: "admin", closed: "owner", withdrawn: "owner",
};

function reasonFor(rng: Rng, to: ScenarioStatus, afterPilot: boolean): string | null {
  if (to === "returned") return rng.pick(RETURN_REASONS);
  if (to === "withdrawn") return rng.pick(WITHDRAW_REASONS);
  if (to === "closed") return rng.pick(afterPilot ? CLOSE_AFTER_PILOT_REASONS : CLOSE_AFTER_PUBLISH_REASONS);
  return null;
}

function between(rng: Rng, from: number, to: number): number {
  return from + Math.floor(rng.next() * Math.max(0, to - from));
}

export function planTimeline(rng: Rng, cohort: Cohort, edition: EditionPlan, batch: BatchPlan | null): Timeline {
  const timeline: Timeline = { steps: [], publishedAt: null, deadline: null, matchedAt: null, pilotStart: null, closedAt: null, certifiedAt: null };
  const statuses: ScenarioStatus[] = [];
  const times: number[] = [];
  const last = DEMO_TODAY - 2 * HOUR;

  if (batch) {
    const path = prePath(rng, "approved");
    const start = between(rng, Math.max(edition.callOpens, batch.publishedAt - 110 * DAY), batch.publishedAt - 25 * DAY);
    statuses.push(...path);
    times.push(...placeSteps(rng, path, start, batch.publishedAt - DAY));
  } else {
    const target = cohort.status === "withdrawn" ? rng.pick(PRE_PUBLISH) : cohort.status;
    const path = prePath(rng, target);
    if (cohort.status === "withdrawn") path.push("withdrawn");
    // 2027 began on 1 November; earlier calls' leftovers were drafted before their call closed.
    const [from, to] =
      edition.year === 2027
        ? [edition.callOpens + HOUR, last]
        : [Math.max(edition.callOpens, edition.callCloses - 120 * DAY), edition.callCloses];
    const start = between(rng, from, edition.year === 2027 ? from + 12 * DAY : to - 20 * DAY);
    statuses.push(...path);
    times.push(...placeSteps(rng, path, start, edition.year === 2027 ? last : to));
    // Approved after the last published batch: it waits for the next one.
    const lastBatch = edition.batches[edition.batches.length - 1];
    if (lastBatch && path[path.length - 1] === "approved") {
      times[times.length - 1] = officeTime(rng, between(rng, lastBatch.publishedAt + DAY, last - DAY));
    }
  }

  if (batch) {
    const P = batch.publishedAt;
    statuses.push("published");
    times.push(P);
    timeline.publishedAt = P;
    const D = deadlineAfter(P, rng.int(40, 55));
    timeline.deadline = D;
    const s = cohort.status;
    if (s === "closed" && !cohort.afterPilot) {
      timeline.closedAt = officeTime(rng, D + rng.int(7, 40) * DAY);
      statuses.push("closed");
      times.push(timeline.closedAt);
    } else if (s !== "published") {
      const M = s === "matched" ? officeTime(rng, Math.min(D + rng.int(10, 150) * DAY, last - 3 * DAY)) : officeTime(rng, D + rng.int(5, 25) * DAY);
      timeline.matchedAt = M;
      statuses.push("matched");
      times.push(M);
      if (s !== "matched") {
        const S = officeTime(rng, M + rng.int(3, 14) * DAY);
        timeline.pilotStart = S;
        statuses.push("piloting");
        times.push(S);
        if (s === "closed") {
          timeline.closedAt = officeTime(rng, Math.min(S + rng.int(60, 300) * DAY, last - DAY));
          statuses.push("closed");
          times.push(timeline.closedAt);
        } else if (s === "benchmark") {
          // Certifications run from mid-2025 to a few days ago, denser recently.
          const earliest = S + 85 * DAY;
          // A few fast pilots are certified as soon as they can be: the first benchmarks of mid-2025.
          const u = rng.chance(0.05) ? rng.float(0, 0.05) : Math.pow(rng.next(), 0.55);
          const certified = earliest + (CERTIFIED_UNTIL - earliest) * u;
          timeline.certifiedAt = Math.min(officeTime(rng, certified), CERTIFIED_UNTIL);
          statuses.push("benchmark");
          times.push(timeline.certifiedAt);
        }
      }
    }
  }

  let previous: ScenarioStatus | null = null;
  statuses.forEach((to, i) => {
    const prevAt = timeline.steps[i - 1]?.at ?? -Infinity;
    const rounded = times[i]! - (times[i]! % MINUTE);
    const atTime = rounded > prevAt ? rounded : prevAt + rng.int(5, 30) * MINUTE;
    timeline.steps.push({ from: previous, to, at: atTime, actor: ACTOR[to], reason: reasonFor(rng, to, cohort.afterPilot === true) });
    previous = to;
  });
  // Closing a pilot that went nowhere is as often the office's call as the owner's.
  const final = timeline.steps[timeline.steps.length - 1]!;
  if (final.to === "closed" && rng.chance(0.35)) final.actor = "admin";
  return timeline;
}
