import type { DB } from "~/db/db.server";
import type { SessionUser } from "~/auth/session.server";
import { toProposalFormValues } from "~/domain/forms/proposal";
import { checkProposalAction, isOpen, LIVE_STATUSES, type ProposalStatus } from "~/domain/proposals";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";

// What the vendor's proposal page and the bid panel on the public scenario page show.

/** A public scenario someone may bid on or has bid on, by its code. */
export async function getBidScenario(db: DB, code: string) {
  const scenario = await db.selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .where("s.code", "=", code)
    .where("s.status", "in", [...PUBLIC_SCENARIO_STATUSES])
    .select(["s.id", "s.code", "s.title", "s.status", "s.proposal_deadline", "s.budget_wan", "o.name as organisation"])
    .executeTakeFirst();
  return scenario ?? null;
}
export type BidScenario = NonNullable<Awaited<ReturnType<typeof getBidScenario>>>;

/** The vendor's proposal on the scenario (the live one, else the latest), and what the form offers. */
export async function getProposalPage(db: DB, organisationId: number, scenario: BidScenario, now: Date) {
  const [proposals, products, cases] = await Promise.all([
    db.selectFrom("proposals").where("vendor_id", "=", organisationId).where("scenario_id", "=", scenario.id)
      .selectAll().orderBy("id", "desc").execute(),
    db.selectFrom("products").where("organisation_id", "=", organisationId)
      .select(["id", "name", "kind", "filing_number"]).orderBy("id").execute(),
    db.selectFrom("reference_cases").where("organisation_id", "=", organisationId)
      .select(["id", "client", "scenario", "year"]).orderBy("year", "desc").orderBy("id", "desc").execute(),
  ]);
  const live = proposals.find((p) => LIVE_STATUSES.includes(p.status));
  const proposal = live ?? proposals[0] ?? null;
  const [links, attachments, amendments] = proposal
    ? await Promise.all([linksOf(db, proposal.id), attachmentsOf(db, proposal.id), amendmentsSince(db, scenario.id, proposal.needs_reconfirmation ? proposal.confirmed_amendment : null)])
    : [{ productIds: [], caseIds: [] }, [], []];
  const values = proposal ? toProposalFormValues(proposal, links.productIds, links.caseIds) : null;
  const can = (action: "edit" | "submit" | "withdraw" | "reconfirm") =>
    checkProposalAction(action, {
      status: live?.status ?? "draft", scenarioStatus: scenario.status, deadline: scenario.proposal_deadline,
      needsReconfirmation: Boolean(live?.needs_reconfirmation), now,
    }).ok;
  return {
    proposal: proposal && {
      id: proposal.id, status: proposal.status, version: proposal.version, needsReconfirmation: Boolean(proposal.needs_reconfirmation),
      confirmedAmendment: proposal.confirmed_amendment, submittedAt: proposal.submitted_at, updatedAt: proposal.updated_at,
      decidedAt: proposal.decided_at, decisionReason: proposal.decision_reason,
    },
    live: Boolean(live),
    // A withdrawn proposal's text starts the next one, so bidding again is not typing it all again.
    values,
    // Files are not carried over from a withdrawn proposal: they belong to the one they were sent with.
    attachments: proposal?.status === "withdrawn" ? [] : attachments,
    products,
    cases,
    amendments,
    // Without a live proposal, editing and submitting start a new one.
    actions: {
      edit: can("edit"),
      submit: can("submit"),
      withdraw: Boolean(live) && can("withdraw"),
      reconfirm: Boolean(live?.needs_reconfirmation) && can("reconfirm"),
    },
    open: scenario.status === "published" && isOpen(scenario.proposal_deadline, now),
  };
}

async function linksOf(db: DB, proposalId: number) {
  const [products, cases] = await Promise.all([
    db.selectFrom("proposal_products").where("proposal_id", "=", proposalId).select("product_id").execute(),
    db.selectFrom("proposal_cases").where("proposal_id", "=", proposalId).select("case_id").execute(),
  ]);
  return { productIds: products.map((r) => r.product_id), caseIds: cases.map((r) => r.case_id) };
}

function attachmentsOf(db: DB, proposalId: number) {
  return db.selectFrom("proposal_attachments").where("proposal_id", "=", proposalId)
    .select(["id", "file_name", "media_type", "size_bytes", "created_at"]).orderBy("id").execute();
}

/** Amendments after the one the proposal was confirmed against; none when nothing is pending. */
async function amendmentsSince(db: DB, scenarioId: number, confirmed: number | null) {
  if (confirmed === null) return [];
  return db.selectFrom("scenario_amendments").where("scenario_id", "=", scenarioId).where("number", ">", confirmed)
    .select(["number", "reason", "created_at", "material"]).orderBy("number").execute();
}

export type BidPanel =
  | { kind: "vendor"; proposal: { status: ProposalStatus; needsReconfirmation: boolean } | null; now: string }
  | { kind: "owner"; scenarioId: number; now: string }
  | { kind: "anonymous" | "other"; now: string };

/** The bid panel on a public scenario page: a vendor member sees their own bid, the owner the way to the bids, others the state of the call. */
export async function bidPanel(db: DB, user: SessionUser | null, scenarioId: number, now = new Date()): Promise<BidPanel> {
  const at = now.toISOString();
  if (!user) return { kind: "anonymous", now: at };
  if (user.role === "demand_member" && user.organisationId) {
    const own = await db.selectFrom("scenarios").where("id", "=", scenarioId).where("organisation_id", "=", user.organisationId).select("id").executeTakeFirst();
    if (own) return { kind: "owner", scenarioId, now: at };
  }
  if (user.role !== "vendor_member" || !user.organisationId) return { kind: "other", now: at };
  const row = await db.selectFrom("proposals").where("vendor_id", "=", user.organisationId).where("scenario_id", "=", scenarioId)
    .select(["status", "needs_reconfirmation"]).orderBy("id", "desc").executeTakeFirst();
  return { kind: "vendor", proposal: row ? { status: row.status, needsReconfirmation: Boolean(row.needs_reconfirmation) } : null, now: at };
}
