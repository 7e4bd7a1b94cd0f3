import type { DB } from "~/db/db.server";
import type { BenchmarkApplicationStatus } from "~/db/schema";
import { applicationSteps, checkApplication, checkApplyGate, LIVE_APPLICATION_STATUSES, type ApplyRefusal } from "~/domain/benchmark-apply";
import { scoresVisibleToApplicants } from "~/domain/benchmark-lifecycle";
import { kpiReached, sideOf, type PilotSide } from "~/domain/pilot-lifecycle";
import { DEFAULT_PASS_MARK, parseRubric, summariseReview, type Criterion } from "~/domain/rubric";
import { notifyUser } from "~/mail/outbox.server";
import { audit } from "./audit.server";

// Benchmark applications (标杆申报) from the applicants' side: applying from a completed pilot, what
// the pair sees of its application while it is reviewed, and the review sheets for the JSON API.
// Scores stay out of everything the pair receives until the review closes (`scoresVisibleToApplicants`).

export interface ApplyActor {
  userId: number;
  role: string;
  organisationId: number | null;
  ip?: string | null;
}

async function pilotFacts(db: DB, pilotId: number) {
  const head = await db
    .selectFrom("pilots as p")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .innerJoin("organisations as d", "d.id", "s.organisation_id")
    .innerJoin("organisations as v", "v.id", "p.vendor_id")
    .where("p.id", "=", pilotId)
    .select([
      "p.id", "p.status", "p.vendor_id", "p.scenario_id", "s.organisation_id as demand_organisation_id", "s.edition_id",
      "s.code as scenario_code", "s.title as scenario_title", "d.name as demand_name", "v.name as vendor_name",
    ])
    .executeTakeFirst();
  if (!head) return null;
  const [live, measured] = await Promise.all([
    db.selectFrom("benchmark_applications").where("pilot_id", "=", pilotId).where("status", "in", [...LIVE_APPLICATION_STATUSES])
      .select(["id", "status", "narrative", "submitted_by"]).executeTakeFirst(),
    db.selectFrom("pilot_kpis").where("pilot_id", "=", pilotId).where("measured", "is not", null)
      .select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { ...head, live: live ?? null, measuredKpis: Number(measured.n) };
}

const sideIn = (facts: { demand_organisation_id: number; vendor_id: number }, viewer: { role: string; organisationId: number | null }) =>
  sideOf(viewer, { demandOrganisationId: facts.demand_organisation_id, vendorId: facts.vendor_id });

/** `same`: this user sent this narrative a moment ago (a double submit); `other`: the pilot already had a live application. */
export type ApplyResult =
  | { ok: true; id: number; duplicate: false | "same" | "other" }
  | { ok: false; problem: Exclude<ApplyRefusal, "already_applied"> | "not_found" };

/**
 * Applies for benchmark status from a completed pilot, in one transaction: the application (status
 * 'submitted', judged by the rubric and pass mark its edition has now, copied in), the audit row,
 * and notices to the office (reviewers are to be assigned) and to the other side of the pair.
 * A second submit, or a race the unique index settles, answers with the application already there.
 */
export async function applyForBenchmark(
  db: DB,
  input: { pilotId: number; actor: ApplyActor; narrative: string },
  now = new Date(),
): Promise<ApplyResult> {
  const { pilotId, actor } = input;
  const narrative = input.narrative.trim();
  const existing = (live: { id: number; narrative: string; submitted_by: number | null }): ApplyResult => ({
    ok: true, id: live.id, duplicate: live.submitted_by === actor.userId && live.narrative === narrative ? "same" : "other",
  });
  try {
    return await db.transaction().execute(async (trx): Promise<ApplyResult> => {
      const facts = await pilotFacts(trx, pilotId);
      if (!facts) return { ok: false, problem: "not_found" };
      const side = sideIn(facts, actor);
      const check = checkApplication({ side, pilotStatus: facts.status, liveApplication: facts.live !== null, measuredKpis: facts.measuredKpis, narrative });
      if (!check.ok) {
        if (check.refusal === "already_applied" && facts.live) return existing(facts.live);
        return { ok: false, problem: check.refusal === "already_applied" ? "not_allowed" : check.refusal };
      }
      const edition = await trx.selectFrom("editions").where("id", "=", facts.edition_id).select(["year", "rubric_json", "pass_mark"]).executeTakeFirstOrThrow();
      // The resolved rubric is stored, so a later change to the edition (or to the default) leaves this review alone.
      const rubric = parseRubric(edition.rubric_json);
      const at = now.toISOString();
      const { id } = await trx
        .insertInto("benchmark_applications")
        .values({
          pilot_id: pilotId, scenario_id: facts.scenario_id, status: "submitted", narrative, submitted_by: actor.userId,
          rubric_json: JSON.stringify(rubric), pass_mark: edition.pass_mark, created_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actorUserId: actor.userId, action: "benchmark.apply", subjectType: "pilot", subjectId: pilotId,
        after: { applicationId: id, status: "submitted", passMark: edition.pass_mark, criteria: rubric.map((c) => `${c.key}:${c.weight}`) }, ip: actor.ip,
      });
      const values = { code: facts.scenario_code ?? "", title: facts.scenario_title };
      const office = await trx.selectFrom("users").where("role", "=", "admin").select("id").execute();
      for (const u of office) {
        await notifyUser(trx, u.id, (t) => ({
          kind: "benchmark.submitted",
          title: t("benchmarkApply.notice.office", values),
          body: t("benchmarkApply.notice.officeBody", { demand: facts.demand_name, vendor: facts.vendor_name }),
          link: `/admin/benchmarks/${id}`,
        }));
      }
      const [otherOrganisation, otherRole] = side === "demand" ? [facts.vendor_id, "vendor_member" as const] : [facts.demand_organisation_id, "demand_member" as const];
      const applicant = side === "demand" ? facts.demand_name : facts.vendor_name;
      const others = await trx.selectFrom("users").where("organisation_id", "=", otherOrganisation).where("role", "=", otherRole).select("id").execute();
      for (const u of others) {
        await notifyUser(trx, u.id, (t) => ({
          kind: "benchmark.submitted",
          title: t("benchmarkApply.notice.pair", { ...values, organisation: applicant }),
          body: t("benchmarkApply.notice.pairBody"),
          link: `/pilots/${pilotId}/benchmark`,
        }));
      }
      return { ok: true, id, duplicate: false };
    });
  } catch (error) {
    // Two posts raced past the first look: the unique index let one through; answer with it.
    if (isUniqueViolation(error)) {
      const facts = await pilotFacts(db, pilotId);
      if (facts?.live) return existing(facts.live);
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** What the apply page shows: the pilot, its KPIs with their outcome, and whether the form is open. */
export async function loadApplyPage(db: DB, pilotId: number, viewer: { role: string; organisationId: number | null }) {
  const facts = await pilotFacts(db, pilotId);
  if (!facts) return null;
  const side = sideIn(facts, viewer);
  const [kpis, edition] = await Promise.all([
    db.selectFrom("pilot_kpis").where("pilot_id", "=", pilotId)
      .select(["id", "name", "unit", "baseline", "target", "measured", "higher_is_better"]).orderBy("id").execute(),
    db.selectFrom("editions").where("id", "=", facts.edition_id).select(["rubric_json", "pass_mark"]).executeTakeFirstOrThrow(),
  ]);
  const gate = checkApplyGate({ side, pilotStatus: facts.status, liveApplication: facts.live !== null, measuredKpis: facts.measuredKpis });
  return {
    pilot: {
      id: facts.id, status: facts.status, scenarioCode: facts.scenario_code, scenarioTitle: facts.scenario_title,
      demandName: facts.demand_name, vendorName: facts.vendor_name,
    },
    side,
    kpis: kpis.map((k) => ({ ...k, higher_is_better: Boolean(k.higher_is_better), reached: kpiReached({ target: k.target, measured: k.measured, higherIsBetter: Boolean(k.higher_is_better) }) })),
    refusal: gate.ok ? null : gate.refusal,
    liveApplicationId: facts.live?.id ?? null,
    // What an application made now will be judged by.
    rubric: parseRubric(edition.rubric_json),
    passMark: edition.pass_mark,
  };
}

type ApplicationRow = {
  id: number;
  status: BenchmarkApplicationStatus;
  created_at: string;
  notice_starts_at: string | null;
  notice_ends_at: string | null;
  certified_at: string | null;
  review_closed_at: string | null;
  benchmark_number: string | null;
  decision_note: string | null;
  mean_score: number | null;
};

/** An application's state without anything of the review that is not yet the applicants' to see. */
function stateOf(a: ApplicationRow) {
  const visible = scoresVisibleToApplicants(a.status);
  return {
    id: a.id,
    status: a.status,
    createdAt: a.created_at,
    noticeStartsAt: a.notice_starts_at,
    noticeEndsAt: a.notice_ends_at,
    certifiedAt: a.certified_at,
    benchmarkNumber: a.benchmark_number,
    decisionNote: a.status === "rejected" ? a.decision_note : null,
    meanScore: visible ? a.mean_score : null,
    steps: applicationSteps({
      status: a.status, createdAt: a.created_at, noticeStartsAt: a.notice_starts_at, noticeEndsAt: a.notice_ends_at,
      certifiedAt: a.certified_at, reviewClosedAt: a.review_closed_at,
    }),
  };
}

const APPLICATION_COLUMNS = [
  "id", "status", "created_at", "notice_starts_at", "notice_ends_at", "certified_at", "review_closed_at", "benchmark_number", "decision_note", "mean_score",
] as const;

/** For the pilot page: the newest application's state (if any) and whether, or why not, the pair may apply. */
export async function benchmarkStateForPilot(db: DB, pilotId: number, side: PilotSide) {
  const facts = await pilotFacts(db, pilotId);
  if (!facts) return null;
  const latest = await db.selectFrom("benchmark_applications").where("pilot_id", "=", pilotId).select(APPLICATION_COLUMNS)
    .orderBy("id", "desc").executeTakeFirst();
  const gate = checkApplyGate({ side, pilotStatus: facts.status, liveApplication: facts.live !== null, measuredKpis: facts.measuredKpis });
  return { application: latest ? stateOf(latest) : null, canApply: gate.ok, refusal: gate.ok ? null : gate.refusal };
}

interface SheetRow {
  id: number;
  reviewer_id: number;
  reviewer_name: string;
  scores_json: string | null;
  comments_json: string | null;
  total: number | null;
  submitted_at: string | null;
  conflict_declared_at: string | null;
  conflict_reason: string | null;
}

function parseRecord<T>(json: string | null): Record<string, T> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, T>) : {};
  } catch {
    return {};
  }
}

/** A sheet counts when it was submitted by a reviewer without a declared conflict. */
const counts = (r: SheetRow) => r.submitted_at !== null && r.conflict_declared_at === null && r.total !== null;

/** The criteria in rubric order, with the sheet's points and comment for each. */
function sheetCriteria(rubric: readonly Criterion[], r: SheetRow) {
  const scores = parseRecord<number>(r.scores_json);
  const comments = parseRecord<string>(r.comments_json);
  return rubric.map((c) => ({ key: c.key, points: typeof scores[c.key] === "number" ? scores[c.key]! : null, comment: typeof comments[c.key] === "string" ? comments[c.key]! : "" }));
}

async function sheetsOf(db: DB, applicationId: number): Promise<SheetRow[]> {
  return db
    .selectFrom("benchmark_reviews as r")
    .innerJoin("users as u", "u.id", "r.reviewer_id")
    .where("r.application_id", "=", applicationId)
    .select(["r.id", "r.reviewer_id", "u.name as reviewer_name", "r.scores_json", "r.comments_json", "r.total", "r.submitted_at", "r.conflict_declared_at", "r.conflict_reason"])
    .orderBy("r.id")
    .execute();
}

/**
 * The closed review as the applicants (and the public) may see it: the mean, the pass mark, the
 * outcome, and each counting sheet by number only ("评审专家 1"), never by reviewer.
 */
function anonymousReview(app: { status: BenchmarkApplicationStatus; mean_score: number | null; pass_mark: number | null; rubric_json: string | null }, rows: SheetRow[]) {
  const rubric = parseRubric(app.rubric_json);
  const passMark = app.pass_mark ?? DEFAULT_PASS_MARK;
  const counted = rows.filter(counts);
  const mean = app.mean_score ?? summariseReview(counted.map((r) => r.total!), passMark).mean;
  return {
    rubric,
    passMark,
    mean,
    passes: mean !== null && mean >= passMark,
    sheets: counted.map((r, i) => ({ number: i + 1, total: r.total!, criteria: sheetCriteria(rubric, r) })),
  };
}

/** The application page of the pair: the newest application, its state, and the review once it closed. */
export async function loadApplicationForApplicants(db: DB, pilotId: number) {
  const facts = await pilotFacts(db, pilotId);
  if (!facts) return null;
  const rows = await db
    .selectFrom("benchmark_applications as a")
    .leftJoin("users as u", "u.id", "a.submitted_by")
    .leftJoin("organisations as o", "o.id", "u.organisation_id")
    .where("a.pilot_id", "=", pilotId)
    .select([
      "a.id", "a.status", "a.created_at", "a.notice_starts_at", "a.notice_ends_at", "a.certified_at", "a.review_closed_at", "a.benchmark_number",
      "a.decision_note", "a.mean_score", "a.narrative", "a.pass_mark", "a.rubric_json", "u.name as submitted_by", "o.name as submitted_for",
    ])
    .orderBy("a.id", "desc")
    .execute();
  const pilot = { id: facts.id, status: facts.status, scenarioCode: facts.scenario_code, scenarioTitle: facts.scenario_title, demandName: facts.demand_name, vendorName: facts.vendor_name };
  const [latest, ...earlier] = rows;
  if (!latest) return { pilot, application: null, review: null, reviewersAssigned: 0, earlier: [] };
  const sheets = await sheetsOf(db, latest.id);
  const visible = scoresVisibleToApplicants(latest.status);
  return {
    pilot,
    application: {
      ...stateOf(latest),
      narrative: latest.narrative,
      submittedBy: latest.submitted_by,
      submittedFor: latest.submitted_for,
      passMark: latest.pass_mark ?? DEFAULT_PASS_MARK,
    },
    // How many reviewers, never who; and no score, total or comment until the review is closed.
    reviewersAssigned: sheets.filter((r) => r.conflict_declared_at === null).length,
    review: visible ? anonymousReview(latest, sheets) : null,
    earlier: earlier.map((a) => ({ id: a.id, status: a.status, createdAt: a.created_at, decisionNote: a.status === "rejected" ? a.decision_note : null })),
  };
}

export type ReviewsAnswer =
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "hidden"; status: BenchmarkApplicationStatus }
  | { kind: "ok"; audience: "office" | "applicant" | "reviewer"; body: ReviewsBody };

export interface ReviewsBody {
  application: { id: number; status: BenchmarkApplicationStatus; scenario: { code: string | null; title: string }; passMark: number; meanScore: number | null; reviewClosedAt: string | null };
  rubric: Criterion[];
  sheets: Array<{
    number: number;
    reviewer?: { id: number; name: string };
    total: number | null;
    criteria: { key: string; points: number | null; comment: string }[];
    submittedAt?: string | null;
    conflictDeclaredAt?: string | null;
    conflictReason?: string | null;
    counts?: boolean;
  }>;
}

/**
 * The review sheets of an application for the viewer: the office sees every assignment with the
 * reviewer's name; an assigned reviewer only their own sheet; the pair the anonymous counting
 * sheets once the review closed ("hidden" before that); everyone else nothing.
 */
export async function reviewsForViewer(db: DB, applicationId: number, viewer: { id: number; role: string; organisationId: number | null }): Promise<ReviewsAnswer> {
  const app = await db
    .selectFrom("benchmark_applications as a")
    .innerJoin("pilots as p", "p.id", "a.pilot_id")
    .innerJoin("scenarios as s", "s.id", "a.scenario_id")
    .where("a.id", "=", applicationId)
    .select(["a.id", "a.status", "a.mean_score", "a.pass_mark", "a.rubric_json", "a.review_closed_at", "p.vendor_id", "s.organisation_id as demand_organisation_id", "s.code", "s.title"])
    .executeTakeFirst();
  if (!app) return { kind: "not_found" };
  const side = sideIn(app, viewer);
  const visible = scoresVisibleToApplicants(app.status);
  const rows = await sheetsOf(db, app.id);
  const rubric = parseRubric(app.rubric_json);
  const passMark = app.pass_mark ?? DEFAULT_PASS_MARK;
  const application = (meanScore: number | null) => ({
    id: app.id, status: app.status, scenario: { code: app.code, title: app.title }, passMark, meanScore, reviewClosedAt: app.review_closed_at,
  });
  if (side === "office") {
    const sheets = rows.map((r, i) => ({
      number: i + 1, reviewer: { id: r.reviewer_id, name: r.reviewer_name }, total: r.total, criteria: sheetCriteria(rubric, r),
      submittedAt: r.submitted_at, conflictDeclaredAt: r.conflict_declared_at, conflictReason: r.conflict_reason, counts: counts(r),
    }));
    const mean = app.mean_score ?? summariseReview(rows.filter(counts).map((r) => r.total!), passMark).mean;
    return { kind: "ok", audience: "office", body: { application: application(mean), rubric, sheets } };
  }
  if (side === "demand" || side === "vendor") {
    if (!visible) return { kind: "hidden", status: app.status };
    const review = anonymousReview(app, rows);
    return { kind: "ok", audience: "applicant", body: { application: application(review.mean), rubric, sheets: review.sheets } };
  }
  const own = viewer.role === "reviewer" ? rows.findIndex((r) => r.reviewer_id === viewer.id) : -1;
  if (own < 0) return { kind: "forbidden" };
  const r = rows[own]!;
  const sheets = [{ number: 1, reviewer: { id: r.reviewer_id, name: r.reviewer_name }, total: r.total, criteria: sheetCriteria(rubric, r), submittedAt: r.submitted_at, conflictDeclaredAt: r.conflict_declared_at, conflictReason: r.conflict_reason }];
  return { kind: "ok", audience: "reviewer", body: { application: application(visible ? app.mean_score : null), rubric, sheets } };
}
