// Benchmark applications: every benchmark scenario certified (with a number and three reviews),
// plus a few piloting scenarios under review, in their 公示 notice period, or rejected.
import type { Rng } from "../random";
import { CERTIFIED_UNTIL, DAY, DEMO_TODAY, HOUR, MINUTE, officeTime, shanghaiMidnight } from "../time";
import { planKpis } from "./market";
import type { ApplicationPlan, PilotPlan, ReviewPlan } from "./world";

/** The default rubric (DESIGN.md): criterion → weight, summing to 100. */
export const RUBRIC = { impact: 30, innovation: 20, replicability: 20, maturity: 15, safety: 15 } as const;

function scoreSheet(rng: Rng, aim: number): { scores: Record<string, number>; total: number } {
  const scores: Record<string, number> = {};
  let total = 0;
  for (const [criterion, weight] of Object.entries(RUBRIC)) {
    const ratio = Math.min(1, Math.max(0.3, aim / 100 + rng.float(-0.06, 0.06)));
    const points = Math.round(weight * ratio * 2) / 2;
    scores[criterion] = points;
    total += points;
  }
  return { scores, total };
}

/** Three reviewers' sheets whose mean falls in [lo, hi]. */
function reviews(rng: Rng, reviewerIds: number[], lo: number, hi: number, from: number, to: number, submitted = 3): { reviews: ReviewPlan[]; mean: number | null } {
  for (;;) {
    const aim = rng.float(lo + 3, hi - 3);
    const sheets = [0, 1, 2].map(() => scoreSheet(rng, aim + rng.float(-4, 4)));
    const mean = Math.round((sheets.reduce((a, s) => a + s.total, 0) / 3) * 10) / 10;
    if (submitted === 3 && (mean < lo || mean > hi)) continue;
    const who = rng.sample(reviewerIds, 3);
    const plans = sheets.map((s, i): ReviewPlan => {
      if (i >= submitted) return { reviewerId: who[i]!, scores: null, total: null, submittedAt: null };
      const at = from + Math.floor(rng.next() * Math.max(HOUR, to - from));
      const office = officeTime(rng, at);
      return { reviewerId: who[i]!, scores: s.scores, total: s.total, submittedAt: office < to ? office : at - (at % MINUTE) };
    });
    return { reviews: plans, mean: submitted === 3 ? mean : null };
  }
}

export function planBenchmarks(rng: Rng, pilots: PilotPlan[], reviewerIds: number[], scenarioCount: number): ApplicationPlan[] {
  const apps: ApplicationPlan[] = [];
  const add = (pilot: PilotPlan, fields: Omit<ApplicationPlan, "id" | "pilot" | "narrative" | "objections">) => apps.push({ id: 0, pilot, narrative: "", objections: [], ...fields });

  for (const pilot of pilots) {
    const certifiedAt = pilot.scenario.timeline.certifiedAt;
    if (pilot.status !== "completed" || certifiedAt === null) continue;
    // Work backwards from certification: notice (7 days), review, application, end of pilot.
    // 公示 runs from 09:00 on day one to 17:00 seven days later; certification follows.
    const noticeEndsAt = shanghaiMidnight(certifiedAt) - 7 * HOUR;
    const noticeStartsAt = shanghaiMidnight(noticeEndsAt - 7 * DAY) + 9 * HOUR;
    const reviewsEnd = noticeStartsAt - rng.int(1, 5) * DAY;
    const createdAt = officeTime(rng, reviewsEnd - rng.int(8, 20) * DAY);
    pilot.endedAt = officeTime(rng, createdAt - rng.int(2, 7) * DAY);
    const r = reviews(rng, reviewerIds, 75, 95, createdAt + 2 * DAY, reviewsEnd);
    add(pilot, { status: "certified", createdAt, noticeStartsAt, noticeEndsAt, certifiedAt, number: null, meanScore: r.mean, reviews: r.reviews });
  }

  // Some pilots that have run long enough are on their way: in review, in notice, or turned down.
  const candidates = rng.shuffle(pilots.filter((p) => p.scenario.status === "piloting" && p.startedAt < DEMO_TODAY - 100 * DAY));
  const take = (k: number) => candidates.splice(0, Math.min(k, candidates.length));
  for (const pilot of take(Math.max(3, Math.round(scenarioCount * 0.012)))) {
    const createdAt = officeTime(rng, DEMO_TODAY - rng.int(5, 30) * DAY);
    const r = reviews(rng, reviewerIds, 70, 92, createdAt + DAY, DEMO_TODAY - HOUR, rng.int(0, 2));
    pilot.measured = true;
    add(pilot, { status: "in_review", createdAt, noticeStartsAt: null, noticeEndsAt: null, certifiedAt: null, number: null, meanScore: null, reviews: r.reviews });
  }
  const notices: ApplicationPlan[] = [];
  take(Math.max(3, Math.round(scenarioCount * 0.008))).forEach((pilot, i) => {
    // The first notice has already ended and waits for the office to certify it; the others run.
    const noticeStartsAt = shanghaiMidnight(DEMO_TODAY - (rng.int(1, 6) + (i === 0 ? 7 : 0)) * DAY) + 9 * HOUR;
    const createdAt = officeTime(rng, noticeStartsAt - rng.int(15, 30) * DAY);
    const r = reviews(rng, reviewerIds, 76, 92, createdAt + 2 * DAY, noticeStartsAt - DAY);
    pilot.measured = true;
    add(pilot, { status: "notice", createdAt, noticeStartsAt, noticeEndsAt: noticeStartsAt + 7 * DAY + 8 * HOUR, certifiedAt: null, number: null, meanScore: r.mean, reviews: r.reviews });
    notices.push(apps[apps.length - 1]!);
  });
  planObjections(notices);
  for (const pilot of take(Math.max(2, Math.round(scenarioCount * 0.004)))) {
    const createdAt = officeTime(rng, DEMO_TODAY - rng.int(40, 120) * DAY);
    const r = reviews(rng, reviewerIds, 60, 74.9, createdAt + 2 * DAY, createdAt + 20 * DAY);
    pilot.measured = true;
    add(pilot, { status: "rejected", createdAt, noticeStartsAt: null, noticeEndsAt: null, certifiedAt: null, number: null, meanScore: r.mean, reviews: r.reviews });
  }

  planKpis(rng, pilots);
  for (const app of apps) app.narrative = narrative(app.pilot);
  // Only a completed pilot can apply: the pilots of applications under way finished before applying.
  for (const app of apps) {
    if (app.pilot.status !== "active") continue;
    app.pilot.status = "completed";
    app.pilot.endedAt = shanghaiMidnight(app.createdAt) - 6 * HOUR - 2 * DAY;
  }

  // Numbers run per year of certification, in certification order.
  const certified = apps.filter((a) => a.certifiedAt !== null).sort((a, b) => a.certifiedAt! - b.certifiedAt!);
  const perYear = new Map<number, number>();
  for (const app of certified) {
    const year = new Date(app.certifiedAt! + 8 * HOUR).getUTCFullYear();
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    app.number = `BM-${year}-${String(perYear.get(year)).padStart(4, "0")}`;
  }
  if (certified.some((a) => a.certifiedAt! > CERTIFIED_UNTIL + MINUTE)) throw new Error("certification after the demo's cut-off");
  apps.sort((a, b) => a.createdAt - b.createdAt || a.pilot.id - b.pilot.id);
  apps.forEach((a, i) => (a.id = i + 1));
  tieReviewerToVendor(apps, reviewerIds);
  return apps;
}

/**
 * A conflict of interest for the demo: on the first application under review that reviewer@ is
 * assigned to, the last reviewer not assigned to it once wrote the vendor's winning proposal (an
 * expert who used to work for the vendor), so the office sees them excluded with the reason.
 */
function tieReviewerToVendor(apps: ApplicationPlan[], reviewerIds: number[]) {
  const inReview = apps.filter((a) => a.status === "in_review");
  const app = inReview.find((a) => a.reviews.some((r) => r.reviewerId === reviewerIds[0])) ?? inReview[0];
  if (!app) return;
  const free = reviewerIds.filter((id) => !app.reviews.some((r) => r.reviewerId === id));
  app.pilot.proposal.submittedBy = free[free.length - 1];
}

/**
 * Objections on the notices, without drawing from the generator (so nothing else changes): the ended
 * notice had one that the office did not uphold, so it can be certified; a running one has one open.
 */
function planObjections(notices: ApplicationPlan[]) {
  const [ended, running] = notices;
  if (ended) {
    const createdAt = ended.noticeStartsAt! + 2 * DAY + 2 * HOUR;
    ended.objections.push({
      name: "周先生",
      contact: "025-83456789",
      reason: "申报材料称系统上线后平均等候时间明显下降，但测量期间恰逢就诊淡季，数据可能不具有代表性，建议核实测量时段。",
      status: "rejected",
      resolution: "异议认为测量时段为就诊淡季。经核查，测量覆盖连续 8 周，含两个就诊高峰周，并与上年同期数据对比，结论成立。异议不成立。",
      createdAt,
      resolvedAt: createdAt + DAY + 5 * HOUR,
    });
  }
  if (running) {
    running.objections.push({
      name: "李女士",
      contact: "li.objection@example.com",
      reason: "据了解，该项目部分功能在试点开始前已由其他单位建设完成，申报的成效是否全部来自本次先行先试，请予以核实。",
      status: "open",
      resolution: null,
      createdAt: running.noticeStartsAt! + 3 * HOUR,
      resolvedAt: null,
    });
  }
}

function narrative(pilot: PilotPlan): string {
  const results = pilot.kpis
    .filter((k) => k.measured !== null)
    .map((k) => `${k.name}由${k.baseline}${k.unit}${k.higherIsBetter ? "提升" : "降低"}至${k.measured}${k.unit}（目标${k.target}${k.unit}）`);
  return `${pilot.scenario.org.name}与${pilot.vendor.name}合作开展“${pilot.scenario.title}”先行先试。${results.join("；")}。方案已形成标准化实施路径，可在同类单位复制推广。`;
}
