import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { applicationsWithPair } from "./benchmark-query.server";
import {
  checkAssign,
  checkCloseReview,
  checkScore,
  noticeWindow,
  type ApplicationRefusal,
  type ApplicationStatus,
} from "~/domain/benchmark-lifecycle";
import { isExcluded, type ConflictReason } from "~/domain/reviewer-conflicts";
import { DEFAULT_PASS_MARK, MIN_REVIEWERS, parseRubric, scoreSheet, summariseReview, type Criterion, type SheetProblem } from "~/domain/rubric";
import { formatDate, translator } from "~/i18n/i18n";
import { notifyUser } from "~/mail/outbox.server";
import { audit } from "./audit.server";
import type { OfficeActor } from "./office.server";
import { reviewersWithConflicts } from "./reviewer-conflicts.server";

// The review of a benchmark application (标杆评审): the office assigns reviewers and closes the
// review; each assigned reviewer fills in a rubric sheet or declares a conflict. A
// benchmark_reviews row is an assignment. The rules are app/domain/benchmark-lifecycle.ts,
// rubric.ts and reviewer-conflicts.ts; every write here is one transaction with its audit row and
// the notifications it causes.

// Decision notes are stored text, written once for every reader in the site's default language.
const zh = translator("zh");

export type ReviewProblem =
  | { code: ApplicationRefusal }
  | { code: "not_found" }
  | { code: "not_assigned" }
  | { code: "not_reviewer" }
  | { code: "excluded"; names: string[] }
  | { code: "already_assigned"; names: string[] }
  | { code: "sheet_submitted" }
  | { code: "conflict_declared" }
  | { code: "sheet_invalid"; problems: (SheetProblem | { key: string; code: "comment_missing" })[] };

export type ReviewOutcome = { ok: true } | { ok: false; problem: ReviewProblem };
const refuse = (problem: ReviewProblem) => ({ ok: false, problem }) as const;

export type SheetState = "not_started" | "draft" | "submitted" | "conflict";

/** The application with its pilot, scenario, pair and edition. */
async function applicationHead(db: DB, applicationId: number) {
  return applicationsWithPair(db)
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .leftJoin("users as sub", "sub.id", "a.submitted_by")
    .where("a.id", "=", applicationId)
    .select([
      "a.id",
      "a.status",
      "a.narrative",
      "a.created_at",
      "a.rubric_json",
      "a.pass_mark",
      "a.mean_score",
      "a.notice_starts_at",
      "a.notice_ends_at",
      "a.review_closed_at",
      "a.decision_note",
      "a.benchmark_number",
      "a.pilot_id",
      "p.started_at as pilot_started_at",
      "p.ended_at as pilot_ended_at",
      "s.id as scenario_id",
      "s.code as scenario_code",
      "s.title as scenario_title",
      "s.domain",
      "s.district",
      "d.id as demand_id",
      "d.name as demand_name",
      "v.id as vendor_id",
      "v.name as vendor_name",
      "e.year",
      "e.notice_days",
      "sub.name as submitted_by_name",
    ])
    .executeTakeFirst();
}

type Head = NonNullable<Awaited<ReturnType<typeof applicationHead>>>;

function parseJson<T>(json: string | null): T | null {
  return json ? (JSON.parse(json) as T) : null;
}

/** The assignments of an application, each with whether its sheet counts (no conflict of any kind). */
async function assignmentsOf(db: DB, applicationId: number) {
  const rows = await db
    .selectFrom("benchmark_reviews as r")
    .innerJoin("users as u", "u.id", "r.reviewer_id")
    .where("r.application_id", "=", applicationId)
    .select([
      "r.id",
      "r.reviewer_id",
      "u.name as reviewer_name",
      "u.email as reviewer_email",
      "r.assigned_at",
      "r.scores_json",
      "r.comments_json",
      "r.total",
      "r.submitted_at",
      "r.updated_at",
      "r.conflict_declared_at",
      "r.conflict_reason",
    ])
    .orderBy(sql`coalesce(r.assigned_at, '')`)
    .orderBy("r.id")
    .execute();
  const conflicts = await reviewersWithConflicts(db, applicationId, rows.map((r) => r.reviewer_id));
  return rows.map((r) => {
    const reasons: ConflictReason[] = conflicts.find((c) => c.id === r.reviewer_id)?.reasons ?? [];
    const state: SheetState = r.conflict_declared_at ? "conflict" : r.submitted_at ? "submitted" : r.scores_json || r.comments_json ? "draft" : "not_started";
    return {
      ...r,
      scores: parseJson<Record<string, number>>(r.scores_json) ?? {},
      comments: parseJson<Record<string, string>>(r.comments_json) ?? {},
      reasons,
      counts: !isExcluded(reasons),
      state,
    };
  });
}

type Assignment = Awaited<ReturnType<typeof assignmentsOf>>[number];

/** How far a review has come: assigned reviewers whose sheet counts, and how many of them submitted. */
function progressOf(assignments: readonly Assignment[]) {
  const active = assignments.filter((a) => a.counts);
  return { active: active.length, submitted: active.filter((a) => a.submitted_at !== null).length, conflicted: assignments.length - active.length };
}

const passMarkOf = (head: { pass_mark: number | null }) => head.pass_mark ?? DEFAULT_PASS_MARK;

// ─── The office ─────────────────────────────────────────────────────────────────────────────

export const CLOSED_PAGE_SIZE = 20;
const OPEN: ApplicationStatus[] = ["submitted", "in_review"];
const CLOSED: ApplicationStatus[] = ["notice", "certified", "rejected"];

function listQuery(db: DB) {
  return applicationsWithPair(db)
    .select([
      "a.id",
      "a.status",
      "a.created_at",
      "a.mean_score",
      "a.review_closed_at",
      "a.pass_mark",
      "s.code as scenario_code",
      "s.title as scenario_title",
      "d.name as demand_name",
      "v.name as vendor_name",
    ]);
}

/** The office's queue: waiting for reviewers and in review (longest waiting first), then the closed ones, newest first. */
export async function listApplicationsForOffice(db: DB, options: { page: number }) {
  const [awaiting, inReview, closedTotal, closed] = await Promise.all([
    listQuery(db).where("a.status", "=", "submitted").orderBy("a.created_at").orderBy("a.id").execute(),
    listQuery(db).where("a.status", "=", "in_review").orderBy("a.created_at").orderBy("a.id").execute(),
    db.selectFrom("benchmark_applications").where("status", "in", CLOSED).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    listQuery(db)
      .where("a.status", "in", CLOSED)
      .orderBy(sql`coalesce(a.review_closed_at, a.created_at)`, "desc")
      .orderBy("a.id", "desc")
      .limit(CLOSED_PAGE_SIZE)
      .offset((options.page - 1) * CLOSED_PAGE_SIZE)
      .execute(),
  ]);
  const progress = await Promise.all(inReview.map(async (a) => progressOf(await assignmentsOf(db, a.id))));
  return {
    awaiting,
    inReview: inReview.map((a, i) => ({ ...a, ...progress[i]! })),
    closed,
    closedTotal: closedTotal.n,
    page: options.page,
    pageCount: Math.max(1, Math.ceil(closedTotal.n / CLOSED_PAGE_SIZE)),
    minReviewers: MIN_REVIEWERS,
  };
}

/** Open assignments per reviewer: sheets not yet submitted on reviews still open. */
async function openLoad(db: DB): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("benchmark_reviews as r")
    .innerJoin("benchmark_applications as a", "a.id", "r.application_id")
    .where("a.status", "in", OPEN)
    .where("r.submitted_at", "is", null)
    .where("r.conflict_declared_at", "is", null)
    .groupBy("r.reviewer_id")
    .select((eb) => ["r.reviewer_id", eb.fn.countAll<number>().as("n")])
    .execute();
  return new Map(rows.map((r) => [r.reviewer_id, r.n]));
}

async function pilotFacts(db: DB, pilotId: number) {
  const [kpis, evidence] = await Promise.all([
    db.selectFrom("pilot_kpis").where("pilot_id", "=", pilotId).select(["id", "name", "unit", "baseline", "target", "measured", "higher_is_better"]).orderBy("id").execute(),
    db.selectFrom("pilot_evidence").where("pilot_id", "=", pilotId).select(["id", "kpi_id", "file_name", "size_bytes", "note", "created_at"]).orderBy("id").execute(),
  ]);
  return { kpis: kpis.map((k) => ({ ...k, higher_is_better: Boolean(k.higher_is_better) })), evidence };
}

function headView(head: Head) {
  const { rubric_json: _rubric, ...rest } = head;
  return { ...rest, passMark: passMarkOf(head) };
}

/** Everything the office needs on one application: the case, the reviewers (eligible, excluded, assigned), the sheets and the summary. */
export async function getApplicationForOffice(db: DB, applicationId: number) {
  const head = await applicationHead(db, applicationId);
  if (!head) return null;
  const rubric = parseRubric(head.rubric_json);
  const passMark = passMarkOf(head);
  const [facts, assignments, reviewers, load] = await Promise.all([
    pilotFacts(db, head.pilot_id),
    assignmentsOf(db, applicationId),
    reviewersWithConflicts(db, applicationId),
    openLoad(db),
  ]);
  const assigned = new Set(assignments.map((a) => a.reviewer_id));
  const unassigned = reviewers.filter((r) => !assigned.has(r.id));
  const eligible = unassigned
    .filter((r) => !isExcluded(r.reasons))
    .map((r) => ({ id: r.id, name: r.name, email: r.email, load: load.get(r.id) ?? 0 }))
    .sort((a, b) => a.load - b.load || a.id - b.id);
  const excluded = unassigned.filter((r) => isExcluded(r.reasons));

  // The summary is of the sheets that count; conflicted ones are shown but set apart.
  const counted = assignments.filter((a) => a.counts && a.submitted_at !== null && a.total !== null);
  const summary = summariseReview(counted.map((a) => a.total!), passMark);
  const outliers = new Set(summary.outliers.map((i) => counted[i]!.reviewer_id));
  const progress = progressOf(assignments);
  const close = checkCloseReview({ status: head.status, activeReviewers: progress.active, submittedSheets: progress.submitted });

  return {
    application: headView(head),
    rubric,
    ...facts,
    assignments: assignments.map(({ scores_json: _s, comments_json: _c, ...a }) => ({ ...a, load: load.get(a.reviewer_id) ?? 0, outlier: outliers.has(a.reviewer_id) })),
    eligible,
    excluded,
    summary,
    progress,
    canAssign: checkAssign(head.status).ok,
    close: close.ok ? { ok: true as const } : { ok: false as const, refusal: close.refusal },
    minReviewers: MIN_REVIEWERS,
  };
}

function noticeTitle(head: Pick<Head, "scenario_code" | "scenario_title">) {
  return { code: head.scenario_code ?? "", title: head.scenario_title };
}

/** Assigns several reviewers at once; every one must be a reviewer, not yet assigned, and without a conflict. */
export async function assignReviewers(
  db: DB,
  input: { applicationId: number; reviewerIds: readonly number[]; actor: OfficeActor; now?: Date },
): Promise<ReviewOutcome> {
  const now = (input.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const head = await applicationHead(trx, input.applicationId);
    if (!head) return refuse({ code: "not_found" });
    const allowed = checkAssign(head.status);
    if (!allowed.ok) return refuse({ code: allowed.refusal });
    const ids = [...new Set(input.reviewerIds)];
    const reviewers = await reviewersWithConflicts(trx, input.applicationId, ids);
    if (ids.length === 0 || reviewers.length !== ids.length) return refuse({ code: "not_reviewer" });
    const already = await trx.selectFrom("benchmark_reviews").where("application_id", "=", input.applicationId).where("reviewer_id", "in", ids).select("reviewer_id").execute();
    if (already.length) return refuse({ code: "already_assigned", names: reviewers.filter((r) => already.some((a) => a.reviewer_id === r.id)).map((r) => r.name) });
    // Refused even when the form was bypassed: an excluded reviewer is never offered, and never accepted.
    const excluded = reviewers.filter((r) => isExcluded(r.reasons));
    if (excluded.length) return refuse({ code: "excluded", names: excluded.map((r) => r.name) });

    await trx
      .insertInto("benchmark_reviews")
      .values(ids.map((id) => ({ application_id: input.applicationId, reviewer_id: id, scores_json: null, total: null, submitted_at: null, assigned_by: input.actor.userId, assigned_at: now, updated_at: now })))
      .execute();
    if (head.status === "submitted") {
      await trx.updateTable("benchmark_applications").set({ status: "in_review" }).where("id", "=", input.applicationId).where("status", "=", "submitted").execute();
    }
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "benchmark.assign",
      subjectType: "benchmark_application",
      subjectId: input.applicationId,
      before: { status: head.status },
      after: { status: "in_review", reviewerIds: ids },
      ip: input.actor.ip,
    });
    for (const reviewer of reviewers) {
      await notifyUser(trx, reviewer.id, (t) => ({
        kind: "benchmark.assigned",
        title: t("benchReview.notice.assigned.title", noticeTitle(head)),
        body: t("benchReview.notice.assigned.body", { demand: head.demand_name, vendor: head.vendor_name }),
        link: `/review/benchmarks/${input.applicationId}`,
      }));
    }
    return { ok: true } as const;
  });
}

/** Takes a reviewer off an open review, unless they submitted their sheet or declared a conflict (both stay on record). */
export async function removeAssignment(db: DB, input: { applicationId: number; reviewerId: number; actor: OfficeActor }): Promise<ReviewOutcome> {
  return db.transaction().execute(async (trx) => {
    const head = await applicationHead(trx, input.applicationId);
    if (!head) return refuse({ code: "not_found" });
    const allowed = checkAssign(head.status);
    if (!allowed.ok) return refuse({ code: allowed.refusal });
    const row = await trx.selectFrom("benchmark_reviews").where("application_id", "=", input.applicationId).where("reviewer_id", "=", input.reviewerId).selectAll().executeTakeFirst();
    if (!row) return refuse({ code: "not_assigned" });
    if (row.conflict_declared_at) return refuse({ code: "conflict_declared" });
    if (row.submitted_at) return refuse({ code: "sheet_submitted" });
    await trx.deleteFrom("benchmark_reviews").where("id", "=", row.id).execute();
    const left = await trx.selectFrom("benchmark_reviews").where("application_id", "=", input.applicationId).select("id").executeTakeFirst();
    if (!left) await trx.updateTable("benchmark_applications").set({ status: "submitted" }).where("id", "=", input.applicationId).where("status", "=", "in_review").execute();
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "benchmark.unassign",
      subjectType: "benchmark_application",
      subjectId: input.applicationId,
      before: { reviewerId: input.reviewerId, draft: row.scores_json !== null || row.comments_json !== null },
      after: left ? undefined : { status: "submitted" },
      ip: input.actor.ip,
    });
    await notifyUser(trx, input.reviewerId, (t) => ({
      kind: "benchmark.unassigned",
      title: t("benchReview.notice.unassigned.title", noticeTitle(head)),
      link: "/review/benchmarks",
    }));
    return { ok: true } as const;
  });
}

/**
 * Closes the review: the mean of the sheets that count becomes the application's score; at or
 * above its pass mark the public notice starts now and runs the edition's notice days, below it
 * the application is rejected. The pair and the reviewers are told.
 */
export async function closeReview(
  db: DB,
  input: { applicationId: number; actor: OfficeActor; note?: string | null; now?: Date },
): Promise<ReviewOutcome & { status?: ApplicationStatus }> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const head = await applicationHead(trx, input.applicationId);
    if (!head) return refuse({ code: "not_found" });
    const assignments = await assignmentsOf(trx, input.applicationId);
    const progress = progressOf(assignments);
    const allowed = checkCloseReview({ status: head.status, activeReviewers: progress.active, submittedSheets: progress.submitted });
    if (!allowed.ok) return refuse({ code: allowed.refusal });

    const passMark = passMarkOf(head);
    const counted = assignments.filter((a) => a.counts && a.submitted_at !== null);
    const summary = summariseReview(counted.map((a) => a.total ?? 0), passMark);
    const mean = summary.mean!;
    const note = input.note?.trim() || null;
    const closedAt = now.toISOString();
    const window = summary.passes ? noticeWindow(now, head.notice_days) : null;
    const status: ApplicationStatus = window ? "notice" : "rejected";
    const decisionNote = window ? note : [zh("benchReview.decision.below", { mean, passMark }), note].filter(Boolean).join("\n");

    const updated = await trx
      .updateTable("benchmark_applications")
      .set({
        status,
        mean_score: mean,
        review_closed_at: closedAt,
        notice_starts_at: window?.startsAt ?? null,
        notice_ends_at: window?.endsAt ?? null,
        decision_note: decisionNote,
      })
      .where("id", "=", input.applicationId)
      .where("status", "=", "in_review")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return refuse({ code: "not_in_review" });
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "benchmark.close_review",
      subjectType: "benchmark_application",
      subjectId: input.applicationId,
      before: { status: head.status },
      after: { status, meanScore: mean, passMark, sheets: counted.map((a) => ({ reviewerId: a.reviewer_id, total: a.total })), noticeEndsAt: window?.endsAt ?? null },
      ip: input.actor.ip,
    });

    const pair = await trx.selectFrom("users").where("organisation_id", "in", [head.vendor_id, head.demand_id]).select("id").orderBy("id").execute();
    for (const member of pair) {
      await notifyUser(trx, member.id, (t, lang) => ({
        kind: window ? "benchmark.notice" : "benchmark.rejected",
        title: t(window ? "benchReview.notice.passed.title" : "benchReview.notice.rejected.title", noticeTitle(head)),
        body: window
          ? t("benchReview.notice.passed.body", { mean, passMark, end: formatDate(window.endsAt, lang) })
          : [t("benchReview.notice.rejected.body", { mean, passMark }), note].filter(Boolean).join("\n"),
        link: `/pilots/${head.pilot_id}`,
      }));
    }
    for (const a of assignments) {
      await notifyUser(trx, a.reviewer_id, (t) => ({
        kind: "benchmark.review_closed",
        title: t("benchReview.notice.closed.title", noticeTitle(head)),
        body: t(window ? "benchReview.notice.closed.passed" : "benchReview.notice.closed.rejected", { mean, passMark }),
        link: `/review/benchmarks/${input.applicationId}`,
      }));
    }
    return { ok: true, status } as const;
  });
}

// ─── The reviewer ───────────────────────────────────────────────────────────────────────────

/** A reviewer's assignments: open reviews first, longest assigned first. */
export async function listReviewerAssignments(db: DB, reviewerId: number) {
  const rows = await db
    .selectFrom("benchmark_reviews as r")
    .innerJoin("benchmark_applications as a", "a.id", "r.application_id")
    .innerJoin("pilots as p", "p.id", "a.pilot_id")
    .innerJoin("scenarios as s", "s.id", "a.scenario_id")
    .innerJoin("organisations as d", "d.id", "s.organisation_id")
    .innerJoin("organisations as v", "v.id", "p.vendor_id")
    .where("r.reviewer_id", "=", reviewerId)
    .select([
      "a.id",
      "a.status",
      "s.code as scenario_code",
      "s.title as scenario_title",
      "d.name as demand_name",
      "v.name as vendor_name",
      "r.assigned_at",
      "r.submitted_at",
      "r.updated_at",
      "r.scores_json",
      "r.comments_json",
      "r.conflict_declared_at",
    ])
    .orderBy(sql`case when a.status = 'in_review' then 0 else 1 end`)
    .orderBy(sql`coalesce(r.assigned_at, a.created_at)`)
    .orderBy("a.id")
    .execute();
  return rows.map(({ scores_json, comments_json, ...r }) => ({
    ...r,
    state: (r.conflict_declared_at ? "conflict" : r.submitted_at ? "submitted" : scores_json || comments_json ? "draft" : "not_started") as SheetState,
    open: checkScore(r.status).ok,
  }));
}

/** How many sheets a reviewer still has to submit, for the link on /review. */
export async function openAssignmentCount(db: DB, reviewerId: number): Promise<number> {
  return (await openLoad(db)).get(reviewerId) ?? 0;
}

/** The application as its assigned reviewer sees it, with their own sheet only; "forbidden" for anyone not assigned. */
export async function getReviewerApplication(db: DB, applicationId: number, reviewerId: number) {
  const head = await applicationHead(db, applicationId);
  if (!head) return null;
  const row = await db.selectFrom("benchmark_reviews").where("application_id", "=", applicationId).where("reviewer_id", "=", reviewerId).selectAll().executeTakeFirst();
  if (!row) return "forbidden" as const;
  const [facts, [mine]] = await Promise.all([pilotFacts(db, head.pilot_id), reviewersWithConflicts(db, applicationId, [reviewerId])]);
  const { mean_score: _mean, decision_note: _note, ...application } = headView(head);
  const declared = row.conflict_declared_at !== null;
  return {
    application,
    rubric: parseRubric(head.rubric_json),
    ...facts,
    sheet: {
      scores: parseJson<Record<string, number>>(row.scores_json) ?? {},
      comments: parseJson<Record<string, string>>(row.comments_json) ?? {},
      total: row.total,
      submittedAt: row.submitted_at,
      updatedAt: row.updated_at,
      assignedAt: row.assigned_at,
      conflictDeclaredAt: row.conflict_declared_at,
      conflictReason: row.conflict_reason,
    },
    /** Ties the platform found on its own (not the declared one): the office will not count this sheet. */
    ties: (mine?.reasons ?? []).filter((r) => r.kind !== "declared"),
    canEdit: checkScore(head.status).ok && !declared,
  };
}

async function officeUsers(db: DB) {
  return db.selectFrom("users").where("role", "=", "admin").select("id").orderBy("id").execute();
}

/**
 * Saves a reviewer's sheet as a draft (scores may be missing, but none out of range) or submits it
 * (every criterion scored and commented). A submitted sheet stays editable, by submitting again,
 * until the review closes. When the last sheet that counts comes in, the office is told.
 */
export async function saveSheet(
  db: DB,
  input: {
    applicationId: number;
    reviewerId: number;
    scores: Record<string, number | undefined>;
    comments: Record<string, string | undefined>;
    submit: boolean;
    ip?: string | null;
    now?: Date;
  },
): Promise<ReviewOutcome> {
  const now = (input.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const head = await applicationHead(trx, input.applicationId);
    if (!head) return refuse({ code: "not_found" });
    const row = await trx.selectFrom("benchmark_reviews").where("application_id", "=", input.applicationId).where("reviewer_id", "=", input.reviewerId).selectAll().executeTakeFirst();
    if (!row) return refuse({ code: "not_assigned" });
    const open = checkScore(head.status);
    if (!open.ok) return refuse({ code: open.refusal });
    if (row.conflict_declared_at) return refuse({ code: "conflict_declared" });
    if (!input.submit && row.submitted_at) return refuse({ code: "sheet_submitted" });

    const rubric = parseRubric(head.rubric_json);
    const { scores, comments } = sheetValues(rubric, input.scores, input.comments);
    const result = scoreSheet(rubric, scores);
    const problems = result.ok ? [] : result.problems.filter((p) => input.submit || p.code === "score_range");
    const missingComments = input.submit ? rubric.filter((c) => !comments[c.key]).map((c) => ({ key: c.key, code: "comment_missing" as const })) : [];
    if (problems.length || missingComments.length) return refuse({ code: "sheet_invalid", problems: [...problems, ...missingComments] });

    const firstSubmission = input.submit && !row.submitted_at;
    await trx
      .updateTable("benchmark_reviews")
      .set({
        scores_json: Object.keys(scores).length ? JSON.stringify(scores) : null,
        comments_json: Object.keys(comments).length ? JSON.stringify(comments) : null,
        total: input.submit && result.ok ? result.total : null,
        submitted_at: input.submit ? (row.submitted_at ?? now) : null,
        updated_at: now,
      })
      .where("id", "=", row.id)
      .execute();
    await audit(trx, {
      actorUserId: input.reviewerId,
      action: !input.submit ? "benchmark.sheet_draft" : firstSubmission ? "benchmark.sheet_submit" : "benchmark.sheet_edit",
      subjectType: "benchmark_application",
      subjectId: input.applicationId,
      before: row.submitted_at ? { total: row.total } : undefined,
      after: { total: input.submit && result.ok ? result.total : null },
      ip: input.ip,
    });
    if (firstSubmission) {
      const progress = progressOf(await assignmentsOf(trx, input.applicationId));
      if (progress.active >= MIN_REVIEWERS && progress.submitted === progress.active) {
        for (const office of await officeUsers(trx)) {
          await notifyUser(trx, office.id, (t) => ({
            kind: "benchmark.ready",
            title: t("benchReview.notice.ready.title", noticeTitle(head)),
            link: `/admin/benchmarks/${input.applicationId}`,
          }));
        }
      }
    }
    return { ok: true } as const;
  });
}

/** Only the rubric's criteria are kept: numbers for scores, trimmed non-empty text for comments. */
function sheetValues(rubric: readonly Criterion[], rawScores: Record<string, number | undefined>, rawComments: Record<string, string | undefined>) {
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const c of rubric) {
    const score = Object.hasOwn(rawScores, c.key) ? rawScores[c.key] : undefined;
    if (typeof score === "number") scores[c.key] = score;
    const comment = Object.hasOwn(rawComments, c.key) ? rawComments[c.key]?.trim() : undefined;
    if (comment) comments[c.key] = comment;
  }
  return { scores, comments };
}

/** The reviewer declares a conflict: the assignment stays, marked, its sheet no longer counts, and the office is asked to assign another. */
export async function declareConflict(
  db: DB,
  input: { applicationId: number; reviewerId: number; reason: string; ip?: string | null; now?: Date },
): Promise<ReviewOutcome> {
  const now = (input.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const head = await applicationHead(trx, input.applicationId);
    if (!head) return refuse({ code: "not_found" });
    const row = await trx.selectFrom("benchmark_reviews").where("application_id", "=", input.applicationId).where("reviewer_id", "=", input.reviewerId).selectAll().executeTakeFirst();
    if (!row) return refuse({ code: "not_assigned" });
    const open = checkScore(head.status);
    if (!open.ok) return refuse({ code: open.refusal });
    if (row.conflict_declared_at) return refuse({ code: "conflict_declared" });
    const reason = input.reason.trim();
    await trx.updateTable("benchmark_reviews").set({ conflict_declared_at: now, conflict_reason: reason, updated_at: now }).where("id", "=", row.id).execute();
    await audit(trx, {
      actorUserId: input.reviewerId,
      action: "benchmark.conflict",
      subjectType: "benchmark_application",
      subjectId: input.applicationId,
      after: { reason, hadSubmitted: row.submitted_at !== null },
      ip: input.ip,
    });
    const reviewer = await trx.selectFrom("users").where("id", "=", input.reviewerId).select("name").executeTakeFirstOrThrow();
    for (const office of await officeUsers(trx)) {
      await notifyUser(trx, office.id, (t) => ({
        kind: "benchmark.conflict",
        title: t("benchReview.notice.conflict.title", { ...noticeTitle(head), reviewer: reviewer.name }),
        body: t("benchReview.notice.conflict.body", { reason }),
        link: `/admin/benchmarks/${input.applicationId}`,
      }));
    }
    return { ok: true } as const;
  });
}
