// Proposals (揭榜方案, DESIGN.md): draft → submitted → shortlisted → selected | declined, withdrawn by
// the vendor before the deadline. Sealed: the demand side reads contents only after the deadline,
// vendors never read each other's. One live proposal per vendor per scenario (a unique index).

export const PROPOSAL_STATUSES = ["draft", "submitted", "shortlisted", "selected", "declined", "withdrawn"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Statuses the public count includes: bids that were made and not taken back. */
export const COUNTED_STATUSES: readonly ProposalStatus[] = ["submitted", "shortlisted", "selected", "declined"];
export const LIVE_STATUSES: readonly ProposalStatus[] = ["draft", "submitted", "shortlisted", "selected"];

export type ProposalAction = "submit" | "edit" | "withdraw" | "reconfirm" | "shortlist" | "select" | "decline";

export type ProposalRefusal =
  | { code: "deadline_passed"; deadline: string }
  | { code: "before_deadline"; deadline: string }
  | { code: "illegal"; status: ProposalStatus; action: ProposalAction }
  | { code: "needs_reconfirmation" }
  | { code: "scenario_not_open" };

export interface ProposalContext {
  status: ProposalStatus;
  /** The scenario's status and proposal deadline. */
  scenarioStatus: string;
  deadline: string | null;
  needsReconfirmation: boolean;
  now: Date;
}

const VENDOR_ACTIONS: Partial<Record<ProposalAction, readonly ProposalStatus[]>> = {
  submit: ["draft"],
  edit: ["draft", "submitted"],
  withdraw: ["draft", "submitted"],
  reconfirm: ["submitted"],
};
const DEMAND_ACTIONS: Partial<Record<ProposalAction, readonly ProposalStatus[]>> = {
  shortlist: ["submitted"],
  select: ["submitted", "shortlisted"],
  decline: ["submitted", "shortlisted"],
};

export function isOpen(deadline: string | null, now: Date): boolean {
  return deadline !== null && now.getTime() < new Date(deadline).getTime();
}

/** Whether `action` may be taken on a proposal now; the refusal says why not. */
export function checkProposalAction(action: ProposalAction, ctx: ProposalContext): { ok: true } | { ok: false; refusal: ProposalRefusal } {
  const refuse = (refusal: ProposalRefusal) => ({ ok: false as const, refusal });
  const vendorSide = VENDOR_ACTIONS[action];
  if (vendorSide) {
    if (ctx.scenarioStatus !== "published") return refuse({ code: "scenario_not_open" });
    if (!isOpen(ctx.deadline, ctx.now)) return refuse({ code: "deadline_passed", deadline: ctx.deadline ?? "" });
    if (!vendorSide.includes(ctx.status)) return refuse({ code: "illegal", status: ctx.status, action });
    return { ok: true };
  }
  const demandSide = DEMAND_ACTIONS[action] ?? [];
  if (ctx.scenarioStatus !== "published") return refuse({ code: "scenario_not_open" });
  if (isOpen(ctx.deadline, ctx.now)) return refuse({ code: "before_deadline", deadline: ctx.deadline ?? "" });
  if (!demandSide.includes(ctx.status)) return refuse({ code: "illegal", status: ctx.status, action });
  // An unconfirmed proposal is not considered: it can be declined, not shortlisted or selected.
  if (ctx.needsReconfirmation && action !== "decline") return refuse({ code: "needs_reconfirmation" });
  return { ok: true };
}

export type Viewer =
  | { kind: "vendor"; organisationId: number }
  | { kind: "demand"; organisationId: number }
  | { kind: "admin" }
  | { kind: "other" };

/**
 * Who may read a proposal's contents: its own vendor always; the scenario's organisation and the
 * office once the deadline has passed; nobody else, ever.
 */
export function canReadProposal(viewer: Viewer, proposal: { vendorId: number; scenarioOrganisationId: number; deadline: string | null }, now: Date): boolean {
  if (viewer.kind === "vendor") return viewer.organisationId === proposal.vendorId;
  const opened = !isOpen(proposal.deadline, now);
  if (viewer.kind === "demand") return viewer.organisationId === proposal.scenarioOrganisationId && opened;
  if (viewer.kind === "admin") return opened;
  return false;
}

/** A proposal counts in selection when it was submitted and, after any material amendment, re-confirmed. */
export function isConsidered(p: { status: ProposalStatus; needsReconfirmation: boolean }): boolean {
  return (p.status === "submitted" || p.status === "shortlisted" || p.status === "selected") && !p.needsReconfirmation;
}
