import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { REVIEW_FIELDS, type ReviewField, type ReviewQueueFilters } from "~/domain/forms/review";
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import { translator } from "~/i18n/i18n";
import { notifyUser, type Notice } from "~/mail/outbox.server";
import { TransitionRefused, transitionScenarioIn } from "./scenario-workflow.server";

// Notifications and history reasons are stored text, written once for every reader: in Chinese,
// the site's default language (users have no language preference yet).
const zh = translator("zh");

export interface ReviewActor {
  userId: number;
  role: "reviewer" | "admin";
  ip?: string | null;
}

export type ReviewProblem =
  | { code: "not_found" }
  /** Someone decided first, or the owner withdrew it: the scenario is no longer waiting. */
  | { code: "not_submitted"; status: ScenarioStatus }
  /** Still waiting, but changed since the reviewer opened it. */
  | { code: "stale" };

export type ReviewOutcome = { ok: true; status: ScenarioStatus } | { ok: false; problem: ReviewProblem };

interface DecisionBase {
  scenarioId: number;
  expectedVersion: number;
  actor: ReviewActor;
}

export function approveScenario(db: DB, input: DecisionBase & { note?: string }): Promise<ReviewOutcome> {
  return decide(db, input, "approve", input.note?.trim() || null, []);
}

/** Sends a scenario back to its owner with at least one comment, each tied to a field. */
export function returnScenario(
  db: DB,
  input: DecisionBase & { comments: { field: ReviewField; comment: string }[] },
): Promise<ReviewOutcome> {
  if (input.comments.length === 0) throw new Error("returnScenario needs at least one comment");
  const reason = input.comments.map((c) => `${zh(`review.field.${c.field}`)}：${c.comment}`).join("\n");
  return decide(db, input, "return", reason, input.comments);
}

async function decide(
  db: DB,
  input: DecisionBase,
  action: "approve" | "return",
  reason: string | null,
  comments: { field: ReviewField; comment: string }[],
): Promise<ReviewOutcome> {
  try {
    const status = await db.transaction().execute(async (trx) => {
      const { status, historyId } = await transitionScenarioIn(trx, {
        scenarioId: input.scenarioId,
        action,
        actor: input.actor,
        reason,
        expectedVersion: input.expectedVersion,
      });
      if (comments.length) {
        await trx
          .insertInto("scenario_review_comments")
          .values(comments.map((c) => ({ scenario_id: input.scenarioId, history_id: historyId, field: c.field, comment: c.comment })))
          .execute();
      }
      await notifySubmitters(trx, input.scenarioId, action, reason);
      return status;
    });
    return { ok: true, status };
  } catch (error) {
    if (!(error instanceof TransitionRefused)) throw error;
    return { ok: false, problem: await explainRefusal(db, input.scenarioId, error) };
  }
}

async function explainRefusal(db: DB, scenarioId: number, error: TransitionRefused): Promise<ReviewProblem> {
  const current = await db.selectFrom("scenarios").where("id", "=", scenarioId).select("status").executeTakeFirst();
  if (!current) return { code: "not_found" };
  // A stale version usually means another reviewer decided first: say that, not "reload".
  if (current.status !== "submitted") return { code: "not_submitted", status: current.status };
  if (error.refusal.code === "stale") return { code: "stale" };
  throw error;
}

/** Who hears about a decision: the user who submitted, or else every member of the organisation. */
export async function scenarioOwners(db: DB, scenarioId: number): Promise<number[]> {
  const scenario = await db
    .selectFrom("scenarios")
    .where("id", "=", scenarioId)
    .select(["created_by", "organisation_id"])
    .executeTakeFirstOrThrow();
  if (scenario.created_by !== null) return [scenario.created_by];
  const members = await db.selectFrom("users").where("organisation_id", "=", scenario.organisation_id).select("id").execute();
  return members.map((m) => m.id);
}

async function notifySubmitters(db: DB, scenarioId: number, action: "approve" | "return", reason: string | null) {
  const { title } = await db.selectFrom("scenarios").where("id", "=", scenarioId).select("title").executeTakeFirstOrThrow();
  const notice: Notice =
    action === "approve"
      ? { kind: "scenario.approved", title: zh("review.notice.approved.title", { title }), body: zh("review.notice.approved.body") }
      : { kind: "scenario.returned", title: zh("review.notice.returned.title", { title }), body: `${zh("review.notice.returned.body")}\n\n${reason}` };
  notice.link = `/my/scenarios/${scenarioId}`;
  for (const userId of await scenarioOwners(db, scenarioId)) await notifyUser(db, userId, notice);
}

export const REVIEW_PAGE_SIZE = 20;

/** Submitted scenarios waiting for a decision, longest-waiting first. */
export async function listReviewQueue(db: DB, filters: ReviewQueueFilters) {
  let query = db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .where("s.status", "=", "submitted");
  if (filters.domain) query = query.where("s.domain", "=", filters.domain);
  if (filters.district) query = query.where("s.district", "=", filters.district);
  if (filters.edition) query = query.where("e.year", "=", filters.edition);
  if (filters.org) query = query.where(sql<boolean>`instr(lower(o.name), lower(${filters.org})) > 0`);

  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const items = await query
    .select((eb) => [
      "s.id", "s.title", "s.domain", "s.district", "s.tier", "s.budget_wan", "e.year", "o.name as organisation",
      eb
        .selectFrom("scenario_status_history as h")
        .whereRef("h.scenario_id", "=", "s.id")
        .where("h.to_status", "=", "submitted")
        .select((h) => h.fn.max("h.created_at").as("at"))
        .as("submitted_at"),
      eb
        .selectFrom("scenario_status_history as h")
        .whereRef("h.scenario_id", "=", "s.id")
        .where("h.to_status", "=", "returned")
        .select((h) => h.fn.countAll<number>().as("n"))
        .as("times_returned"),
    ])
    .orderBy("submitted_at", "asc")
    .orderBy("s.id", "asc")
    .limit(REVIEW_PAGE_SIZE)
    .offset((filters.page - 1) * REVIEW_PAGE_SIZE)
    .execute();
  const editions = await db.selectFrom("editions").select("year").orderBy("year", "desc").execute();
  return { total, items, pageCount: Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE)), editionYears: editions.map((e) => e.year) };
}

/** Everything a reviewer needs to decide, with the full history and every earlier comment. */
export async function getReviewScenario(db: DB, scenarioId: number) {
  const scenario = await db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .where("s.id", "=", scenarioId)
    .where("s.status", "!=", "draft")
    .selectAll("s")
    .select(["o.name as organisation", "o.credit_code", "o.verified as organisation_verified", "e.year"])
    .executeTakeFirst();
  if (!scenario) return null;
  const [capabilities, dataResources, attachments, history, comments] = await Promise.all([
    db
      .selectFrom("scenario_capabilities as sc")
      .innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .where("sc.scenario_id", "=", scenarioId)
      .select(["c.slug", "c.name_zh", "c.name_en"])
      .orderBy("c.id")
      .execute(),
    db.selectFrom("scenario_data_resources").where("scenario_id", "=", scenarioId).selectAll().orderBy("id").execute(),
    db.selectFrom("scenario_attachments").where("scenario_id", "=", scenarioId).select(["id", "file_name", "size_bytes"]).orderBy("id").execute(),
    db
      .selectFrom("scenario_status_history as h")
      .leftJoin("users as u", "u.id", "h.actor_user_id")
      .where("h.scenario_id", "=", scenarioId)
      .select(["h.id", "h.from_status", "h.to_status", "h.reason", "h.created_at", "u.name as actor_name", "u.role as actor_role"])
      .orderBy("h.created_at", "desc")
      .orderBy("h.id", "desc")
      .execute(),
    db.selectFrom("scenario_review_comments").where("scenario_id", "=", scenarioId).selectAll().orderBy("id").execute(),
  ]);
  const fieldOrder = (f: string) => REVIEW_FIELDS.indexOf(f as ReviewField);
  const timeline = history.map((h) => ({
    ...h,
    comments: comments
      .filter((c) => c.history_id === h.id)
      .sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field))
      .map((c) => ({ field: c.field as ReviewField, comment: c.comment })),
  }));
  return { scenario, capabilities, dataResources, attachments, timeline };
}
