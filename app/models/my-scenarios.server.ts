import type { DB } from "~/db/db.server";
import { publicPhase, type PublicPhase } from "~/domain/public-phase";
import type { ScenarioUpdate } from "~/db/schema";
import { requestSearchSync } from "~/search/worker.server";
import { changedFields, reviewCommentField, toFormValues, type ScenarioField, type ScenarioInput } from "~/domain/forms/scenario";
import { availableActions, type ScenarioStatus } from "~/domain/scenario-lifecycle";
import { notifyUser } from "~/mail/outbox.server";
import { audit } from "./audit.server";
import { transitionScenario, TransitionRefused, type TransitionInput } from "./scenario-workflow.server";

// A demand organisation's own scenarios. Every query names the organisation, so a scenario of
// another organisation is simply not found.

export const EDITABLE_STATUSES: readonly ScenarioStatus[] = ["draft", "returned"];

/** The edition taking submissions now; the newest if an office ever opens two. */
export async function openCall(db: DB) {
  const edition = await db
    .selectFrom("editions")
    .where("call_status", "=", "open")
    .select(["id", "year", "call_closes_at"])
    .orderBy("year", "desc")
    .executeTakeFirst();
  return edition ?? null;
}

export type NextStep =
  | "draft_submit" | "draft_unverified" | "draft_call_closed" | "returned_fix" | "returned_call_closed"
  | "submitted" | "approved" | "published" | "awaiting_select" | "awaiting_none" | "matched" | "piloting" | "benchmark" | "closed" | "withdrawn";

/**
 * What the organisation should do next with a scenario (a translation key suffix). A published call
 * whose deadline has passed is the one that needs the owner: select among the proposals waiting, or
 * close it when none came (app/domain/public-phase.ts).
 */
export function nextStep(
  status: ScenarioStatus,
  ctx: { verified: boolean; callOpen: boolean },
  call: { phase: PublicPhase | null; waiting: number } = { phase: null, waiting: 0 },
): NextStep {
  if (status === "draft") return !ctx.verified ? "draft_unverified" : !ctx.callOpen ? "draft_call_closed" : "draft_submit";
  if (status === "returned") return ctx.callOpen ? "returned_fix" : "returned_call_closed";
  if (call.phase === "awaiting_selection") return call.waiting > 0 ? "awaiting_select" : "awaiting_none";
  return status;
}

/** Steps that need the owner now; the list puts them first. */
export const NEEDS_ACTION: readonly NextStep[] = ["awaiting_select", "awaiting_none", "returned_fix", "draft_submit"];

/** What the form needs around a scenario: the capability vocabulary, the call, the home district. */
export async function formContext(db: DB, organisationId: number) {
  const [capabilities, call, organisation] = await Promise.all([
    db.selectFrom("capabilities").select(["slug", "name_zh", "name_en"]).orderBy("id").execute(),
    openCall(db),
    db.selectFrom("organisations").where("id", "=", organisationId).select("district").executeTakeFirstOrThrow(),
  ]);
  return { capabilities, call, district: organisation.district };
}

export async function isMine(db: DB, organisationId: number, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom("scenarios").where("id", "=", id).where("organisation_id", "=", organisationId).select("id").executeTakeFirst());
}

export async function listMyScenarios(db: DB, organisationId: number, status: ScenarioStatus | null, now = new Date()) {
  const rows = await db
    .selectFrom("scenarios as s")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .where("s.organisation_id", "=", organisationId)
    .select((eb) => ["s.id", "s.code", "s.title", "s.status", "s.updated_at", "s.proposal_deadline", "e.year",
      // Proposals the owner still has to decide on (sealed until the deadline; only counted here).
      eb.selectFrom("proposals as p").whereRef("p.scenario_id", "=", "s.id").where("p.status", "in", ["submitted", "shortlisted"])
        .select((q) => q.fn.countAll<number>().as("n")).as("waiting")])
    .orderBy("s.updated_at", "desc")
    .orderBy("s.id", "desc")
    .execute();
  const counts: Partial<Record<ScenarioStatus, number>> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const items = rows.map((r) => ({
    ...r,
    waiting: Number(r.waiting ?? 0),
    phase: publicPhase({ status: r.status, proposalDeadline: r.proposal_deadline }, now),
  }));
  return { items: status ? items.filter((r) => r.status === status) : items, counts, total: rows.length };
}

/** One of the organisation's scenarios with everything its page shows, or null. */
export async function getMyScenario(db: DB, organisationId: number, id: number) {
  const scenario = await db
    .selectFrom("scenarios as s")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .where("s.id", "=", id)
    .where("s.organisation_id", "=", organisationId)
    .selectAll("s")
    .select("e.year")
    .executeTakeFirst();
  if (!scenario) return null;
  const [capabilities, dataResources, history] = await Promise.all([
    db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .where("sc.scenario_id", "=", id).select("c.slug").orderBy("c.id").execute(),
    db.selectFrom("scenario_data_resources").where("scenario_id", "=", id)
      .select(["kind", "volume", "labelled", "sensitivity"]).orderBy("id").execute(),
    db.selectFrom("scenario_status_history as h").leftJoin("users as u", "u.id", "h.actor_user_id")
      .where("h.scenario_id", "=", id)
      .select(["h.id", "h.from_status", "h.to_status", "h.reason", "h.created_at", "u.name as actor", "u.role as actorRole"])
      .orderBy("h.created_at", "desc").orderBy("h.id", "desc").execute(),
  ]);
  const values = toFormValues(scenario, capabilities.map((c) => c.slug), dataResources);
  return { scenario, values, history, review: await latestReturn(db, scenario.status, history) };
}

/** The comments of the latest return, by form field; shown while the owner is fixing them. */
async function latestReturn(db: DB, status: ScenarioStatus, history: { id: number; to_status: ScenarioStatus; reason: string | null }[]) {
  const entry = history.find((h) => h.to_status === "returned");
  if (status !== "returned" || !entry) return null;
  const rows = await db.selectFrom("scenario_review_comments").where("history_id", "=", entry.id)
    .select(["field", "comment"]).orderBy("id").execute();
  const byField: Partial<Record<ScenarioField, string[]>> = {};
  const general: string[] = [];
  for (const row of rows) {
    const field = reviewCommentField(row.field);
    if (field) (byField[field] ??= []).push(row.comment);
    else general.push(row.comment);
  }
  // A return recorded without per-field comments still has its reason.
  if (rows.length === 0 && entry.reason) general.push(entry.reason);
  return { byField, general };
}

export function ownerActions(status: ScenarioStatus) {
  const actions = availableActions(status);
  return {
    editable: EDITABLE_STATUSES.includes(status),
    // A published scenario changes only through a public amendment, until a vendor is selected.
    amendable: status === "published",
    canSubmit: actions.includes("submit"),
    canWithdraw: actions.includes("withdraw"),
  };
}

export interface Owner {
  userId: number;
  organisationId: number;
  verified: boolean;
  ip: string;
}

export type WriteProblem =
  | { code: "not_found" }
  | { code: "stale"; version: number; changed: ScenarioField[] }
  | { code: "not_editable"; status: ScenarioStatus }
  | { code: "unverified" }
  | { code: "call_closed" }
  | { code: "no_edition" }
  | { code: "key_taken" };
/** `duplicate`: the form had been posted before; this is the scenario that post created. */
export type WriteResult = { ok: true; id: number; duplicate?: boolean } | { ok: false; problem: WriteProblem };

class CallClosed extends Error {}

/**
 * Creates a draft once per form: a second post of the same submission key (double click, resend)
 * finds the scenario the first one created. A draft joins the open call's edition, or, between
 * calls, the next one; submitting moves it to whichever call is open then. `replicatedFrom` names
 * the certified benchmark application the draft was started from.
 */
export async function createDraft(
  db: DB, owner: Owner, submissionKey: string, input: ScenarioInput, origin: { replicatedFrom?: number } = {},
): Promise<WriteResult> {
  const existing = () => db.selectFrom("scenarios").where("submission_key", "=", submissionKey).select(["id", "organisation_id"]).executeTakeFirst();
  const found = (row: { id: number; organisation_id: number }): WriteResult =>
    row.organisation_id === owner.organisationId ? { ok: true, id: row.id, duplicate: true } : { ok: false, problem: { code: "key_taken" } };
  const before = await existing();
  if (before) return found(before);
  try {
    return await db.transaction().execute(async (trx) => {
      const edition = (await openCall(trx)) ?? (await nextEdition(trx));
      if (!edition) return { ok: false, problem: { code: "no_edition" } } as const;
      const { id } = await trx
        .insertInto("scenarios")
        .values({
          ...columns(input), edition_id: edition.id, organisation_id: owner.organisationId, created_by: owner.userId, submission_key: submissionKey,
          replicated_from: origin.replicatedFrom ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await replaceLists(trx, id, input);
      await trx.insertInto("scenario_status_history").values({ scenario_id: id, from_status: null, to_status: "draft", actor_user_id: owner.userId }).execute();
      await audit(trx, { actorUserId: owner.userId, action: "scenario.create", subjectType: "scenario", subjectId: id, after: { title: input.title, ...(origin.replicatedFrom ? { replicatedFrom: origin.replicatedFrom } : {}) }, ip: owner.ip });
      return { ok: true, id } as const;
    });
  } catch (error) {
    // Two posts raced past the first look: the unique key let one through; answer with its scenario.
    const winner = isUniqueViolation(error) ? await existing() : undefined;
    if (winner) return found(winner);
    throw error;
  }
}

/** Saves a draft or returned scenario if nobody saved it since `version` was read. */
export async function saveScenario(db: DB, owner: Owner, id: number, version: number, input: ScenarioInput): Promise<WriteResult> {
  const problem = await db.transaction().execute(async (trx): Promise<WriteProblem | null> => {
    const current = await trx.selectFrom("scenarios").where("id", "=", id).where("organisation_id", "=", owner.organisationId)
      .select(["status", "version"]).executeTakeFirst();
    if (!current) return { code: "not_found" };
    if (!EDITABLE_STATUSES.includes(current.status)) return { code: "not_editable", status: current.status };
    const updated = await trx.updateTable("scenarios")
      .set({ ...columns(input), version: version + 1, updated_at: new Date().toISOString() })
      .where("id", "=", id).where("version", "=", version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { code: "stale", version: current.version, changed: [] };
    await replaceLists(trx, id, input);
    await audit(trx, { actorUserId: owner.userId, action: "scenario.update", subjectType: "scenario", subjectId: id, before: { version }, after: { version: version + 1 }, ip: owner.ip });
    return null;
  });
  return problem ? { ok: false, problem: await explain(db, owner, id, problem, input) } : { ok: true, id };
}

/** Saves what the form holds and submits it for review, all or nothing. */
export async function submitScenario(db: DB, owner: Owner, id: number, version: number, input: ScenarioInput): Promise<WriteResult> {
  if (!(await isMine(db, owner.organisationId, id))) return { ok: false, problem: { code: "not_found" } };
  if (!owner.verified) return { ok: false, problem: { code: "unverified" } };
  return move(db, owner, id, input, {
    scenarioId: id,
    action: "submit",
    expectedVersion: version,
    actor: { userId: owner.userId, role: "owner", ip: owner.ip },
    also: async (trx) => {
      const call = await openCall(trx);
      if (!call) throw new CallClosed();
      await trx.updateTable("scenarios").set({ ...columns(input), edition_id: call.id }).where("id", "=", id).execute();
      await replaceLists(trx, id, input);
      await audit(trx, { actorUserId: owner.userId, action: "scenario.update", subjectType: "scenario", subjectId: id, before: { version }, ip: owner.ip });
      await tellReviewers(trx, id, input.title, owner.organisationId);
    },
  });
}

/**
 * Withdraws a scenario; a published one also leaves the search index (the list no longer shows it)
 * through the search outbox, written in the same transaction.
 */
export async function withdrawScenario(db: DB, owner: Owner, id: number, version: number, reason: string): Promise<WriteResult> {
  const result = await move(db, owner, id, null, {
    scenarioId: id,
    action: "withdraw",
    reason,
    expectedVersion: version,
    actor: { userId: owner.userId, role: "owner", ip: owner.ip },
  });
  if (result.ok) requestSearchSync();
  return result;
}

/** Every reviewer hears of a new submission (at once, or in their daily digest). */
async function tellReviewers(trx: DB, id: number, title: string, organisationId: number) {
  const organisation = await trx.selectFrom("organisations").where("id", "=", organisationId).select("name").executeTakeFirstOrThrow();
  const reviewers = await trx.selectFrom("users").where("role", "=", "reviewer").select("id").execute();
  for (const r of reviewers) {
    await notifyUser(trx, r.id, (t) => ({
      kind: "scenario.submitted",
      title: t("review.notice.submitted.title", { title }),
      body: t("review.notice.submitted.body", { organisation: organisation.name }),
      link: `/review/${id}`,
    }));
  }
}

async function move(db: DB, owner: Owner, id: number, input: ScenarioInput | null, transition: TransitionInput): Promise<WriteResult> {
  if (!(await isMine(db, owner.organisationId, id))) return { ok: false, problem: { code: "not_found" } };
  try {
    await transitionScenario(db, transition);
    return { ok: true, id };
  } catch (error) {
    if (error instanceof CallClosed) return { ok: false, problem: { code: "call_closed" } };
    if (!(error instanceof TransitionRefused)) throw error;
    const r = error.refusal;
    const problem: WriteProblem = r.code === "stale" ? { code: "stale", version: r.version, changed: [] }
      : r.code === "not_found" ? { code: "not_found" }
      : { code: "not_editable", status: (await db.selectFrom("scenarios").where("id", "=", id).select("status").executeTakeFirstOrThrow()).status };
    return { ok: false, problem: await explain(db, owner, id, problem, input) };
  }
}

/** A stale write says which fields now differ from what the user typed. */
async function explain(db: DB, owner: Owner, id: number, problem: WriteProblem, input: ScenarioInput | null): Promise<WriteProblem> {
  if (problem.code !== "stale" || !input) return problem;
  const stored = await getMyScenario(db, owner.organisationId, id);
  return stored ? { ...problem, changed: changedFields(stored.values, input) } : problem;
}

async function nextEdition(db: DB) {
  const upcoming = await db.selectFrom("editions").where("call_status", "=", "not_open").select("id").orderBy("year").executeTakeFirst();
  return upcoming ?? (await db.selectFrom("editions").select("id").orderBy("year", "desc").executeTakeFirst());
}

/** Writes a scenario's fields and lists as the form holds them, with any other columns to set. */
export async function writeScenarioColumns(trx: DB, id: number, input: ScenarioInput, also: ScenarioUpdate) {
  await trx.updateTable("scenarios").set({ ...columns(input), ...also }).where("id", "=", id).execute();
  await replaceLists(trx, id, input);
}

function columns(v: ScenarioInput) {
  return {
    title: v.title, description: v.description, requirements: v.requirements ?? "", acceptance_criteria: v.acceptanceCriteria ?? "",
    domain: v.domain, venue_type: v.venueType ?? null, district: v.district, cooperation_mode: v.cooperationMode, tier: v.tier,
    budget_wan: v.budgetWan ?? null, period_start: v.periodStart ?? null, period_end: v.periodEnd ?? null, site_access: v.siteAccess ?? "",
    contact_name: v.contactName, contact_phone: v.contactPhone ?? "", contact_email: v.contactEmail ?? "",
  };
}

async function replaceLists(trx: DB, id: number, v: ScenarioInput) {
  await trx.deleteFrom("scenario_capabilities").where("scenario_id", "=", id).execute();
  const caps = v.capabilities.length ? await trx.selectFrom("capabilities").where("slug", "in", v.capabilities).select("id").execute() : [];
  if (caps.length) await trx.insertInto("scenario_capabilities").values(caps.map((c) => ({ scenario_id: id, capability_id: c.id }))).execute();
  await trx.deleteFrom("scenario_data_resources").where("scenario_id", "=", id).execute();
  if (v.dataResources.length) {
    await trx.insertInto("scenario_data_resources")
      .values(v.dataResources.map((d) => ({ scenario_id: id, kind: d.kind, volume: d.volume, labelled: d.labelled ? 1 : 0, sensitivity: d.sensitivity })))
      .execute();
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}
