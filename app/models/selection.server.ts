import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import {
  canReadProposal, checkProposalAction, COUNTED_STATUSES, isConsidered, isOpen,
  type ProposalAction, type ProposalRefusal, type ProposalStatus,
} from "~/domain/proposals";
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import { OTHER_SELECTED_REASON } from "~/domain/selection";
import type { Translate } from "~/i18n/i18n";
import { notifyUser } from "~/mail/outbox.server";
import { requestSearchSync } from "~/search/worker.server";
import { audit } from "./audit.server";
import { transitionScenarioIn } from "./scenario-workflow.server";

// Selection by the demand side: after the deadline the scenario's organisation compares the sealed
// proposals, shortlists, declines with a reason and selects one. Selecting matches the scenario,
// opens its pilot and declines everything still undecided, telling every bidder its outcome.

const UNDECIDED: ProposalStatus[] = ["submitted", "shortlisted"];

export interface ScenarioHead {
  id: number;
  code: string | null;
  title: string;
  status: ScenarioStatus;
  proposalDeadline: string;
}

export interface ProposalView {
  id: number;
  vendor: { id: number; name: string };
  status: ProposalStatus;
  approach: string;
  team: string;
  priceWan: number | null;
  timeline: string;
  submittedAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  needsReconfirmation: boolean;
  products: { id: number; name: string; kind: string; filingNumber: string | null }[];
  cases: { id: number; client: string; scenario: string; result: string; year: number | null }[];
  /** Names and sizes only; the files are served by the proposal attachment route. */
  attachments: { id: number; fileName: string; mediaType: string; sizeBytes: number }[];
  /** What the owner may do with it now. */
  can: { shortlist: boolean; select: boolean; decline: boolean };
}

export type OwnerProposals =
  | { kind: "not_found" }
  | { kind: "sealed"; scenario: ScenarioHead; count: number }
  | { kind: "opened"; scenario: ScenarioHead; considered: ProposalView[]; notConsidered: ProposalView[] };

const ORDER: Record<ProposalStatus, number> = { selected: 0, shortlisted: 1, submitted: 2, declined: 4, draft: 5, withdrawn: 5 };

/**
 * The proposals for one of the organisation's scenarios: sealed (only the count) before the
 * deadline, every counted proposal with its contents after it. Drafts and withdrawn proposals are
 * the vendor's own and never listed.
 */
export async function listProposalsForOwner(db: DB, organisationId: number, scenarioId: number, now = new Date()): Promise<OwnerProposals> {
  const row = await db
    .selectFrom("scenarios")
    .where("id", "=", scenarioId)
    .where("organisation_id", "=", organisationId)
    .select(["id", "code", "title", "status", "proposal_deadline"])
    .executeTakeFirst();
  if (!row || row.proposal_deadline === null) return { kind: "not_found" };
  const scenario: ScenarioHead = { id: row.id, code: row.code, title: row.title, status: row.status, proposalDeadline: row.proposal_deadline };

  if (isOpen(row.proposal_deadline, now)) {
    const { n } = await db
      .selectFrom("proposals")
      .where("scenario_id", "=", scenarioId)
      .where("status", "in", COUNTED_STATUSES)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return { kind: "sealed", scenario, count: n };
  }

  const viewer = { kind: "demand", organisationId } as const;
  const proposals = (
    await db
      .selectFrom("proposals as p")
      .innerJoin("organisations as o", "o.id", "p.vendor_id")
      .where("p.scenario_id", "=", scenarioId)
      .where("p.status", "in", COUNTED_STATUSES)
      .select([
        "p.id", "p.vendor_id", "o.name as vendor_name", "p.status", "p.approach", "p.team", "p.price_wan", "p.timeline",
        "p.submitted_at", "p.decided_at", "p.decision_reason", "p.needs_reconfirmation",
      ])
      .orderBy("p.submitted_at")
      .orderBy("p.id")
      .execute()
  ).filter((p) => canReadProposal(viewer, { vendorId: p.vendor_id, scenarioOrganisationId: organisationId, deadline: row.proposal_deadline }, now));

  const ids = proposals.map((p) => p.id);
  const [products, cases, attachments] = ids.length
    ? await Promise.all([
        db.selectFrom("proposal_products as pp").innerJoin("products as x", "x.id", "pp.product_id").where("pp.proposal_id", "in", ids)
          .select(["pp.proposal_id", "x.id", "x.name", "x.kind", "x.filing_number"]).orderBy("x.id").execute(),
        db.selectFrom("proposal_cases as pc").innerJoin("reference_cases as c", "c.id", "pc.case_id").where("pc.proposal_id", "in", ids)
          .select(["pc.proposal_id", "c.id", "c.client", "c.scenario", "c.result", "c.year"]).orderBy("c.id").execute(),
        db.selectFrom("proposal_attachments").where("proposal_id", "in", ids)
          .select(["proposal_id", "id", "file_name", "media_type", "size_bytes"]).orderBy("id").execute(),
      ])
    : [[], [], []];

  const views: ProposalView[] = proposals.map((p) => {
    const needsReconfirmation = p.needs_reconfirmation === 1;
    const ctx = { status: p.status, scenarioStatus: row.status, deadline: row.proposal_deadline, needsReconfirmation, now };
    const may = (action: ProposalAction) => checkProposalAction(action, ctx).ok;
    return {
      id: p.id,
      vendor: { id: p.vendor_id, name: p.vendor_name },
      status: p.status,
      approach: p.approach,
      team: p.team,
      priceWan: p.price_wan,
      timeline: p.timeline,
      submittedAt: p.submitted_at,
      decidedAt: p.decided_at,
      decisionReason: p.decision_reason,
      needsReconfirmation,
      products: products.filter((x) => x.proposal_id === p.id).map((x) => ({ id: x.id, name: x.name, kind: x.kind, filingNumber: x.filing_number })),
      cases: cases.filter((c) => c.proposal_id === p.id).map((c) => ({ id: c.id, client: c.client, scenario: c.scenario, result: c.result, year: c.year })),
      attachments: attachments.filter((a) => a.proposal_id === p.id).map((a) => ({ id: a.id, fileName: a.file_name, mediaType: a.media_type, sizeBytes: a.size_bytes })),
      can: { shortlist: may("shortlist"), select: may("select"), decline: may("decline") },
    };
  });
  const rank = (v: ProposalView) => ORDER[v.status] + (v.needsReconfirmation && v.status !== "declined" ? 1.5 : 0);
  views.sort((a, b) => rank(a) - rank(b));
  return {
    kind: "opened",
    scenario,
    considered: views.filter((v) => isConsidered(v)),
    notConsidered: views.filter((v) => !isConsidered(v)),
  };
}

/** The scenario a public code names, with its owner: for the JSON API, which is addressed by code. */
export async function scenarioByCode(db: DB, code: string) {
  const row = await db.selectFrom("scenarios").where("code", "=", code).select(["id", "organisation_id"]).executeTakeFirst();
  return row ?? null;
}

export interface Award {
  vendor: { id: number; name: string };
  priceWan: number | null;
  decidedAt: string | null;
  /** Proposals that were in the running: counted and not waiting for re-confirmation. */
  considered: number;
}

/** The award notice (中选结果) of a scenario: public facts about the selected proposal, or null. */
export async function awardFor(db: DB, scenarioId: number): Promise<Award | null> {
  const selected = await db
    .selectFrom("proposals as p")
    .innerJoin("organisations as o", "o.id", "p.vendor_id")
    .where("p.scenario_id", "=", scenarioId)
    .where("p.status", "=", "selected")
    .select(["o.id", "o.name", "p.price_wan", "p.decided_at"])
    .executeTakeFirst();
  if (!selected) return null;
  const { n } = await db
    .selectFrom("proposals")
    .where("scenario_id", "=", scenarioId)
    .where("status", "in", COUNTED_STATUSES)
    .where("needs_reconfirmation", "=", 0)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { vendor: { id: selected.id, name: selected.name }, priceWan: selected.price_wan, decidedAt: selected.decided_at, considered: n };
}

// --- Decisions -----------------------------------------------------------------------------------

export interface SelectionActor {
  userId: number;
  organisationId: number;
  ip?: string | null;
}

export type DecisionProblem = { code: "not_found" } | { code: "reason_required" } | { code: "refused"; refusal: ProposalRefusal };
export type DecisionResult = { ok: true } | { ok: false; problem: DecisionProblem };

class DecisionRefused extends Error {
  constructor(readonly problem: DecisionProblem) {
    super(`Decision refused: ${problem.code}`);
  }
}

interface Target {
  scenarioId: number;
  proposalId: number;
}

/**
 * Runs one decision in one transaction. The proposal and its scenario are read inside it, so of two
 * decisions racing each other the second sees what the first wrote (SQLite serialises writers) and
 * is refused by the same rule as if it had come later.
 */
async function decide(db: DB, actor: SelectionActor, target: Target, action: ProposalAction, now: Date, write: (trx: DB, p: Loaded) => Promise<void>): Promise<DecisionResult> {
  try {
    await db.transaction().execute(async (trx) => {
      const p = await trx
        .selectFrom("proposals as p")
        .innerJoin("scenarios as s", "s.id", "p.scenario_id")
        .where("p.id", "=", target.proposalId)
        .where("p.scenario_id", "=", target.scenarioId)
        .where("s.organisation_id", "=", actor.organisationId)
        .where("p.status", "in", COUNTED_STATUSES)
        .select(["p.id", "p.vendor_id", "p.status", "p.needs_reconfirmation", "s.id as scenario_id", "s.code", "s.title", "s.status as scenario_status", "s.proposal_deadline"])
        .executeTakeFirst();
      if (!p) throw new DecisionRefused({ code: "not_found" });
      const check = checkProposalAction(action, {
        status: p.status, scenarioStatus: p.scenario_status, deadline: p.proposal_deadline, needsReconfirmation: p.needs_reconfirmation === 1, now,
      });
      if (!check.ok) throw new DecisionRefused({ code: "refused", refusal: check.refusal });
      await write(trx, p);
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof DecisionRefused) return { ok: false, problem: error.problem };
    throw error;
  }
}

type Loaded = { id: number; vendor_id: number; status: ProposalStatus; scenario_id: number; code: string | null; title: string };

async function setStatus(trx: DB, ids: number[], status: ProposalStatus, now: Date, reason?: string | null) {
  if (!ids.length) return;
  await trx
    .updateTable("proposals")
    .set({
      status,
      updated_at: now.toISOString(),
      version: sql`version + 1`,
      ...(status === "shortlisted" ? {} : { decided_at: now.toISOString(), decision_reason: reason?.trim() || null }),
    })
    .where("id", "in", ids)
    .where("status", "in", UNDECIDED)
    .execute();
}

/** Tells every member of the vendor organisation, each in their own language. */
async function notifyVendor(trx: DB, vendorId: number, notice: (t: Translate) => { kind: string; title: string; body: string; link: string }) {
  const members = await trx.selectFrom("users").where("organisation_id", "=", vendorId).where("role", "=", "vendor_member").select("id").orderBy("id").execute();
  for (const m of members) await notifyUser(trx, m.id, notice);
}

const proposalLink = (code: string | null) => `/scenarios/${code ?? ""}/proposal`;

export async function shortlistProposal(db: DB, actor: SelectionActor, target: Target, now = new Date()): Promise<DecisionResult> {
  return decide(db, actor, target, "shortlist", now, async (trx, p) => {
    await setStatus(trx, [p.id], "shortlisted", now);
    await audit(trx, {
      actorUserId: actor.userId, action: "proposal.shortlist", subjectType: "scenario", subjectId: p.scenario_id,
      before: { proposalId: p.id, status: p.status }, after: { proposalId: p.id, status: "shortlisted" }, ip: actor.ip,
    });
  });
}

export async function declineProposal(db: DB, actor: SelectionActor, target: Target & { reason: string }, now = new Date()): Promise<DecisionResult> {
  const reason = target.reason.trim();
  if (!reason) return { ok: false, problem: { code: "reason_required" } };
  return decide(db, actor, target, "decline", now, async (trx, p) => {
    await setStatus(trx, [p.id], "declined", now, reason);
    await audit(trx, {
      actorUserId: actor.userId, action: "proposal.decline", subjectType: "scenario", subjectId: p.scenario_id,
      before: { proposalId: p.id, status: p.status }, after: { proposalId: p.id, status: "declined", reason }, ip: actor.ip,
    });
    await notifyVendor(trx, p.vendor_id, (t) => ({
      kind: "proposal.declined",
      title: t("selection.notice.declined.title", { title: p.title }),
      body: t("selection.notice.declined.body", { title: p.title, reason }),
      link: proposalLink(p.code),
    }));
  });
}

/**
 * Selects one proposal: it becomes `selected`, the scenario moves published → matched through the
 * state machine, the pilot is opened, every other undecided proposal is declined with the standard
 * reason, and every bidder still waiting hears its outcome — all in one transaction.
 */
export async function selectProposal(
  db: DB,
  actor: SelectionActor,
  target: Target & { note?: string | null },
  options: { now?: Date } = {},
): Promise<DecisionResult> {
  const now = options.now ?? new Date();
  const result = await decide(db, actor, target, "select", now, async (trx, p) => {
    const others = await trx
      .selectFrom("proposals")
      .where("scenario_id", "=", p.scenario_id)
      .where("id", "!=", p.id)
      .where("status", "in", UNDECIDED)
      .select(["id", "vendor_id"])
      .orderBy("id")
      .execute();
    await setStatus(trx, [p.id], "selected", now, target.note);
    await setStatus(trx, others.map((o) => o.id), "declined", now, OTHER_SELECTED_REASON);
    await transitionScenarioIn(trx, { scenarioId: p.scenario_id, action: "match", actor: { userId: actor.userId, role: "owner", ip: actor.ip } });
    // pilots.scenario_id is unique: a second pilot for the scenario cannot exist, whatever raced.
    const pilot = await trx
      .insertInto("pilots")
      .values({ scenario_id: p.scenario_id, proposal_id: p.id, vendor_id: p.vendor_id, status: "active", started_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: actor.userId, action: "proposal.select", subjectType: "scenario", subjectId: p.scenario_id,
      before: { proposalId: p.id, status: p.status },
      after: { proposalId: p.id, vendorId: p.vendor_id, pilotId: pilot.id, declined: others.map((o) => o.id) }, ip: actor.ip,
    });
    await notifyVendor(trx, p.vendor_id, (t) => ({
      kind: "proposal.selected",
      title: t("selection.notice.selected.title", { title: p.title }),
      body: t("selection.notice.selected.body", { title: p.title }),
      link: proposalLink(p.code),
    }));
    for (const o of others) {
      await notifyVendor(trx, o.vendor_id, (t) => ({
        kind: "proposal.declined",
        title: t("selection.notice.declined.title", { title: p.title }),
        body: t("selection.notice.otherSelected.body", { title: p.title }),
        link: proposalLink(p.code),
      }));
    }
  });
  // The new status reaches the index through the search outbox, written in the same transaction.
  if (result.ok) requestSearchSync();
  return result;
}
