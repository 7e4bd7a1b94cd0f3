import { createHash } from "node:crypto";
import type { DB } from "~/db/db.server";
import type { ProposalInput } from "~/domain/forms/proposal";
import { ATTACHMENT_LIMITS } from "~/domain/attachments";
import {
  canReadProposal, checkProposalAction, COUNTED_STATUSES, LIVE_STATUSES,
  type ProposalAction, type ProposalStatus, type Viewer,
} from "~/domain/proposals";
import { deleteFiles, openStoredFile, storeThenCommit, type StoredFile } from "~/files/storage.server";
import { notifyUser } from "~/mail/outbox.server";
import { audit } from "./audit.server";

// A vendor's own proposals (揭榜方案). Every query names the vendor organisation, so another
// vendor's proposal is simply not found; the rules (deadline, lifecycle, sealing) are the pure ones
// in app/domain/proposals.ts, asked with the time passed in.

export interface VendorActor {
  userId: number;
  organisationId: number;
  verified: boolean;
  ip: string;
}

export type ProposalProblem =
  | { code: "not_found" }
  | { code: "scenario_not_open" }
  | { code: "deadline_passed"; deadline: string }
  | { code: "illegal"; status: ProposalStatus }
  | { code: "stale" }
  | { code: "unverified" }
  | { code: "not_needed" }
  | { code: "foreign_link" }
  | { code: "too_many_files"; max: number };

/** `duplicate`: the same post arrived twice (double click, resend); the first one did the work. */
export type ProposalResult = { ok: true; id: number; duplicate?: boolean } | { ok: false; problem: ProposalProblem };

/** A file that passed `checkAttachment`: its name as shown, its type from its content, its bytes. */
export interface AcceptedFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

class Refused extends Error {
  constructor(readonly problem: ProposalProblem) {
    super(problem.code);
  }
}

const LIVE = [...LIVE_STATUSES];

async function scenarioOf(db: DB, scenarioId: number) {
  return db.selectFrom("scenarios").where("id", "=", scenarioId)
    .select(["id", "code", "title", "status", "proposal_deadline", "organisation_id"]).executeTakeFirst();
}

/** The scenario's newest amendment number; 0 when it was never amended. */
export async function newestAmendment(db: DB, scenarioId: number): Promise<number> {
  const row = await db.selectFrom("scenario_amendments").where("scenario_id", "=", scenarioId)
    .select((eb) => eb.fn.max("number").as("n")).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function liveProposal(db: DB, organisationId: number, scenarioId: number) {
  return db.selectFrom("proposals").where("vendor_id", "=", organisationId).where("scenario_id", "=", scenarioId)
    .where("status", "in", LIVE).selectAll().executeTakeFirst();
}

/** How many files the vendor's live proposal on the scenario has. */
export async function countAttachments(db: DB, organisationId: number, scenarioId: number): Promise<number> {
  const row = await db.selectFrom("proposal_attachments as a").innerJoin("proposals as p", "p.id", "a.proposal_id")
    .where("p.vendor_id", "=", organisationId).where("p.scenario_id", "=", scenarioId).where("p.status", "in", LIVE)
    .select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

type ProposalRow = NonNullable<Awaited<ReturnType<typeof liveProposal>>>;
type ScenarioRow = NonNullable<Awaited<ReturnType<typeof scenarioOf>>>;

function check(action: ProposalAction, p: { status: ProposalStatus; needs_reconfirmation: number }, s: ScenarioRow, now: Date) {
  const result = checkProposalAction(action, {
    status: p.status, scenarioStatus: s.status, deadline: s.proposal_deadline, needsReconfirmation: Boolean(p.needs_reconfirmation), now,
  });
  if (result.ok) return;
  const r = result.refusal;
  if (r.code === "deadline_passed") throw new Refused({ code: "deadline_passed", deadline: r.deadline });
  if (r.code === "illegal") throw new Refused({ code: "illegal", status: p.status });
  throw new Refused({ code: "scenario_not_open" });
}

async function createDraftIn(trx: DB, vendor: VendorActor, scenario: ScenarioRow, now: Date): Promise<ProposalRow> {
  check("edit", { status: "draft", needs_reconfirmation: 0 }, scenario, now);
  const row = await trx.insertInto("proposals")
    .values({
      scenario_id: scenario.id, vendor_id: vendor.organisationId, status: "draft",
      confirmed_amendment: await newestAmendment(trx, scenario.id), created_at: now.toISOString(), updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, { actorUserId: vendor.userId, action: "proposal.create", subjectType: "proposal", subjectId: row.id, after: { scenarioId: scenario.id }, ip: vendor.ip });
  return row;
}

/** Runs a write; a refusal becomes a problem, and a lost race for the one live proposal is run again once. */
async function attempt(run: () => Promise<ProposalResult>): Promise<ProposalResult> {
  for (let tries = 0; ; tries++) {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Refused) return { ok: false, problem: error.problem };
      if (tries === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** The vendor's live proposal on the scenario, created as an empty draft if there is none. */
export async function getOrCreateDraft(db: DB, vendor: VendorActor, scenarioId: number, now = new Date()): Promise<ProposalResult & { created?: boolean }> {
  return attempt(() => db.transaction().execute(async (trx) => {
    const existing = await liveProposal(trx, vendor.organisationId, scenarioId);
    if (existing) return { ok: true, id: existing.id, created: false };
    const scenario = await scenarioOf(trx, scenarioId);
    if (!scenario) throw new Refused({ code: "not_found" });
    return { ok: true, id: (await createDraftIn(trx, vendor, scenario, now)).id, created: true };
  }));
}

export const saveProposal = (db: DB, vendor: VendorActor, scenarioId: number, input: ProposalInput, files: AcceptedFile[] = [], now = new Date()) =>
  writeProposal(db, vendor, scenarioId, { ...input, intent: "save" }, files, now);

export const submitProposal = (db: DB, vendor: VendorActor, scenarioId: number, input: ProposalInput, files: AcceptedFile[] = [], now = new Date()) =>
  writeProposal(db, vendor, scenarioId, { ...input, intent: "submit" }, files, now);

/**
 * Saves what the form holds, with any new files, and submits it when asked — all or nothing. The
 * first save creates the proposal. `input.version` is the version the form was loaded at (0: none
 * yet); a proposal changed since is not overwritten, unless this is the same post arriving again.
 */
export async function writeProposal(db: DB, vendor: VendorActor, scenarioId: number, input: ProposalInput, files: AcceptedFile[], now = new Date()): Promise<ProposalResult> {
  const hashes = files.map((f) => createHash("sha256").update(f.bytes).digest("hex"));
  return attempt(() => storeThenCommit(files.map((f) => f.bytes), (stored) => db.transaction().execute(async (trx): Promise<ProposalResult> => {
    const scenario = await scenarioOf(trx, scenarioId);
    if (!scenario) throw new Refused({ code: "not_found" });
    let p = await liveProposal(trx, vendor.organisationId, scenarioId);
    if (p && p.version !== input.version) {
      if (await isRepeat(trx, p, input, hashes)) return { ok: true, id: p.id, duplicate: true };
      throw new Refused({ code: "stale" });
    }
    if (!p && input.version !== 0) throw new Refused({ code: "stale" });
    p ??= await createDraftIn(trx, vendor, scenario, now);
    const submitting = input.intent === "submit" && p.status === "draft";
    check(submitting ? "submit" : "edit", p, scenario, now);
    // Drafts are for everyone; what the demand side will read needs a verified organisation.
    if ((submitting || p.status !== "draft") && !vendor.verified) throw new Refused({ code: "unverified" });
    await checkLinks(trx, vendor.organisationId, input);
    const { count } = await trx.selectFrom("proposal_attachments").where("proposal_id", "=", p.id)
      .select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
    if (count + files.length > ATTACHMENT_LIMITS.maxFiles) throw new Refused({ code: "too_many_files", max: ATTACHMENT_LIMITS.maxFiles });

    const at = now.toISOString();
    await trx.updateTable("proposals")
      .set({
        approach: input.approach ?? "", team: input.team ?? "", price_wan: input.priceWan ?? null, timeline: input.timeline ?? "",
        version: p.version + 1, updated_at: at,
        ...(submitting ? { status: "submitted", submitted_at: at, submitted_by: vendor.userId, needs_reconfirmation: 0, confirmed_amendment: await newestAmendment(trx, scenarioId) } : {}),
      })
      .where("id", "=", p.id)
      .execute();
    await replaceLinks(trx, p.id, input);
    await recordFiles(trx, p.id, files, stored, at);
    await audit(trx, {
      actorUserId: vendor.userId, action: submitting ? "proposal.submit" : "proposal.update", subjectType: "proposal", subjectId: p.id,
      before: { status: p.status, version: p.version }, after: { status: submitting ? "submitted" : p.status, version: p.version + 1, files: files.map((f) => f.name) }, ip: vendor.ip,
    });
    if (submitting) {
      await notifyColleagues(trx, vendor.organisationId, (t) => ({
        kind: "proposal.submitted",
        title: t("proposal.notice.submitted", { title: scenario.title }),
        body: t("proposal.notice.submittedBody", { code: scenario.code ?? "" }),
        link: `/scenarios/${scenario.code}/proposal`,
      }));
    }
    return { ok: true, id: p.id };
  }), (result) => result.ok && !result.duplicate));
}

/** The same post again: what it would write is what is stored, and its files are already there. */
async function isRepeat(trx: DB, p: ProposalRow, input: ProposalInput, hashes: string[]): Promise<boolean> {
  if (input.intent === "submit" && p.status !== "submitted") return false;
  const same = p.approach === (input.approach ?? "") && p.team === (input.team ?? "") && p.price_wan === (input.priceWan ?? null) && p.timeline === (input.timeline ?? "");
  if (!same) return false;
  const [products, cases, files] = await Promise.all([
    trx.selectFrom("proposal_products").where("proposal_id", "=", p.id).select("product_id as id").execute(),
    trx.selectFrom("proposal_cases").where("proposal_id", "=", p.id).select("case_id as id").execute(),
    trx.selectFrom("proposal_attachments").where("proposal_id", "=", p.id).select("sha256").execute(),
  ]);
  const sameSet = (a: number[], b: number[]) => a.length === new Set(b).size && a.every((x) => b.includes(x));
  return sameSet(products.map((r) => r.id), input.productIds) && sameSet(cases.map((r) => r.id), input.caseIds)
    && hashes.every((h) => files.some((f) => f.sha256 === h));
}

/** Linked products and cases must be the vendor's own: another id means a stale or forged form. */
async function checkLinks(trx: DB, organisationId: number, input: ProposalInput) {
  const [products, cases] = await Promise.all([
    input.productIds.length ? trx.selectFrom("products").where("id", "in", input.productIds).where("organisation_id", "=", organisationId).select("id").execute() : [],
    input.caseIds.length ? trx.selectFrom("reference_cases").where("id", "in", input.caseIds).where("organisation_id", "=", organisationId).select("id").execute() : [],
  ]);
  if (products.length !== new Set(input.productIds).size || cases.length !== new Set(input.caseIds).size) throw new Refused({ code: "foreign_link" });
}

async function replaceLinks(trx: DB, proposalId: number, input: ProposalInput) {
  await trx.deleteFrom("proposal_products").where("proposal_id", "=", proposalId).execute();
  await trx.deleteFrom("proposal_cases").where("proposal_id", "=", proposalId).execute();
  const products = [...new Set(input.productIds)];
  const cases = [...new Set(input.caseIds)];
  if (products.length) await trx.insertInto("proposal_products").values(products.map((product_id) => ({ proposal_id: proposalId, product_id }))).execute();
  if (cases.length) await trx.insertInto("proposal_cases").values(cases.map((case_id) => ({ proposal_id: proposalId, case_id }))).execute();
}

async function recordFiles(trx: DB, proposalId: number, files: AcceptedFile[], stored: StoredFile[], at: string) {
  if (!files.length) return;
  await trx.insertInto("proposal_attachments")
    .values(files.map((f, i) => ({
      proposal_id: proposalId, file_name: f.name, media_type: f.mediaType, size_bytes: stored[i]!.size,
      sha256: stored[i]!.sha256, storage_key: stored[i]!.key, created_at: at,
    })))
    .execute();
}

async function notifyColleagues(trx: DB, organisationId: number, notice: Parameters<typeof notifyUser>[2]) {
  const members = await trx.selectFrom("users").where("organisation_id", "=", organisationId).select("id").execute();
  for (const m of members) await notifyUser(trx, m.id, notice);
}

/** Takes the live proposal back; allowed until the deadline, and the vendor may bid again after. */
export async function withdrawProposal(db: DB, vendor: VendorActor, scenarioId: number, version: number, now = new Date()): Promise<ProposalResult> {
  return attempt(() => db.transaction().execute(async (trx) => {
    const { p, scenario } = await ownLive(trx, vendor, scenarioId, version);
    check("withdraw", p, scenario, now);
    await trx.updateTable("proposals").set({ status: "withdrawn", version: p.version + 1, updated_at: now.toISOString() }).where("id", "=", p.id).execute();
    await audit(trx, { actorUserId: vendor.userId, action: "proposal.withdraw", subjectType: "proposal", subjectId: p.id, before: { status: p.status }, after: { status: "withdrawn" }, ip: vendor.ip });
    if (p.status === "submitted") {
      await notifyColleagues(trx, vendor.organisationId, (t) => ({
        kind: "proposal.withdrawn",
        title: t("proposal.notice.withdrawn", { title: scenario.title }),
        link: `/scenarios/${scenario.code}/proposal`,
      }));
    }
    return { ok: true, id: p.id };
  }));
}

/**
 * The vendor confirms that the proposal stands after the scenario was amended: it counts again in
 * selection, confirmed against the newest amendment. Only before the deadline.
 */
export async function reconfirmProposal(db: DB, vendor: VendorActor, scenarioId: number, version: number, now = new Date()): Promise<ProposalResult> {
  return attempt(() => db.transaction().execute(async (trx) => {
    const { p, scenario } = await ownLive(trx, vendor, scenarioId, version);
    check("reconfirm", p, scenario, now);
    if (!p.needs_reconfirmation) throw new Refused({ code: "not_needed" });
    const newest = await newestAmendment(trx, scenarioId);
    await trx.updateTable("proposals")
      .set({ needs_reconfirmation: 0, confirmed_amendment: newest, version: p.version + 1, updated_at: now.toISOString() })
      .where("id", "=", p.id)
      .execute();
    await audit(trx, {
      actorUserId: vendor.userId, action: "proposal.reconfirm", subjectType: "proposal", subjectId: p.id,
      before: { confirmedAmendment: p.confirmed_amendment }, after: { confirmedAmendment: newest }, ip: vendor.ip,
    });
    return { ok: true, id: p.id };
  }));
}

async function ownLive(trx: DB, vendor: VendorActor, scenarioId: number, version: number) {
  const scenario = await scenarioOf(trx, scenarioId);
  const p = scenario && (await liveProposal(trx, vendor.organisationId, scenarioId));
  if (!scenario || !p) throw new Refused({ code: "not_found" });
  if (p.version !== version) throw new Refused({ code: "stale" });
  return { p, scenario };
}

/** Removes one file of the vendor's live proposal while it may still be edited. */
export async function removeAttachment(db: DB, vendor: VendorActor, scenarioId: number, attachmentId: number, now = new Date()): Promise<ProposalResult> {
  let removedKey: string | null = null;
  const result = await attempt(() => db.transaction().execute(async (trx) => {
    const scenario = await scenarioOf(trx, scenarioId);
    const row = await trx.selectFrom("proposal_attachments as a").innerJoin("proposals as p", "p.id", "a.proposal_id")
      .where("a.id", "=", attachmentId).where("p.vendor_id", "=", vendor.organisationId).where("p.scenario_id", "=", scenarioId).where("p.status", "in", LIVE)
      .select(["a.id", "a.file_name", "a.storage_key", "p.id as proposalId", "p.status", "p.needs_reconfirmation"])
      .executeTakeFirst();
    if (!scenario || !row) throw new Refused({ code: "not_found" });
    check("edit", row, scenario, now);
    await trx.deleteFrom("proposal_attachments").where("id", "=", row.id).execute();
    await trx.updateTable("proposals").set({ updated_at: now.toISOString() }).where("id", "=", row.proposalId).execute();
    await audit(trx, { actorUserId: vendor.userId, action: "proposal.remove_file", subjectType: "proposal", subjectId: row.proposalId, before: { file: row.file_name }, ip: vendor.ip });
    removedKey = row.storage_key;
    return { ok: true, id: row.proposalId };
  }));
  // Only once the row is gone for good: a failed transaction keeps both.
  if (result.ok && removedKey) await deleteFiles([removedKey]);
  return result;
}

/** The vendor organisation's proposals, newest first, with what each needs and how each ended. */
export async function listMyProposals(db: DB, organisationId: number) {
  return db.selectFrom("proposals as p")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .where("p.vendor_id", "=", organisationId)
    .select([
      "p.id", "p.status", "p.price_wan", "p.needs_reconfirmation", "p.submitted_at", "p.updated_at", "p.decided_at", "p.decision_reason",
      "s.code", "s.title", "s.status as scenarioStatus", "s.proposal_deadline as deadline", "o.name as organisation",
    ])
    .orderBy("p.updated_at", "desc")
    .orderBy("p.id", "desc")
    .execute();
}

export type AttachmentRead =
  | { ok: true; name: string; mediaType: string; size: number; body: ReadableStream<Uint8Array> }
  | { ok: false; status: 403 | 404 };

/**
 * One attached file for `viewer`, if the sealing rule lets them read the proposal: its vendor
 * always; the scenario's organisation and the office after the deadline, and then only bids that
 * were made (never a draft or a withdrawn proposal).
 */
export async function readAttachment(db: DB, viewer: Viewer, proposalId: number, attachmentId: number, now = new Date()): Promise<AttachmentRead> {
  const row = await db.selectFrom("proposal_attachments as a")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .where("a.id", "=", attachmentId)
    .select(["a.proposal_id", "a.file_name", "a.media_type", "a.storage_key", "p.vendor_id", "p.status", "s.organisation_id", "s.proposal_deadline"])
    .executeTakeFirst();
  if (!row || row.proposal_id !== proposalId) return { ok: false, status: 404 };
  const readable = canReadProposal(viewer, { vendorId: row.vendor_id, scenarioOrganisationId: row.organisation_id, deadline: row.proposal_deadline }, now)
    && (viewer.kind === "vendor" || COUNTED_STATUSES.includes(row.status));
  if (!readable) return { ok: false, status: 403 };
  const file = await openStoredFile(row.storage_key);
  if (!file) return { ok: false, status: 404 };
  return { ok: true, name: row.file_name, mediaType: row.media_type, size: file.size, body: file.body };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}
