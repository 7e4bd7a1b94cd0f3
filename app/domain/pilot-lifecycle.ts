// The pilot (先行先试) lifecycle: a pure rule book. A pilot row is opened 'active' when the demand
// side selects a proposal (the scenario is then 'matched'). From there:
//   start    — the scenario moves matched → piloting (the work begins);
//   complete — the pilot is done and its results are in: active → completed, ready for a benchmark
//              application (the scenario stays 'piloting' until certification);
//   end      — the pilot stops without a benchmark: active → ended, the scenario piloting → closed,
//              with a reason.
// Who: the pair is the scenario's demand organisation and the selected vendor. Both sides keep the
// workspace (milestones, KPIs, measurements, status updates) while the pilot is active. The lifecycle
// moves are the demand side's, because the scenario is theirs and its state machine takes them from
// the owner. The office reads everything and manages incentives only.

import type { ScenarioStatus } from "./scenario-lifecycle";

export const PILOT_STATUSES = ["active", "completed", "ended"] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];

export const PILOT_ACTIONS = ["start", "complete", "end"] as const;
export type PilotAction = (typeof PILOT_ACTIONS)[number];

/** How the viewer relates to the pilot: one side of the pair, the office, or nobody. */
export type PilotSide = "demand" | "vendor" | "office" | "none";

export type PilotRefusal =
  | "not_allowed"
  | "not_active"
  | "not_matched"
  | "not_started"
  | "no_measurement"
  | "reason_required";

export interface PilotFacts {
  pilotStatus: PilotStatus;
  scenarioStatus: ScenarioStatus;
  /** How many KPIs have a measured value. */
  measuredKpis: number;
}

export function sideOf(
  user: { role: string; organisationId: number | null },
  pilot: { demandOrganisationId: number; vendorId: number },
): PilotSide {
  if (user.role === "admin") return "office";
  if (user.role === "demand_member" && user.organisationId === pilot.demandOrganisationId) return "demand";
  if (user.role === "vendor_member" && user.organisationId === pilot.vendorId) return "vendor";
  return "none";
}

/** Whether the viewer may open the workspace at all. */
export function canViewPilot(side: PilotSide): boolean {
  return side !== "none";
}

/** Milestones, KPIs, measurements and updates: either side of the pair, while the pilot runs. */
export function canEditWorkspace(side: PilotSide, pilotStatus: PilotStatus): boolean {
  return (side === "demand" || side === "vendor") && pilotStatus === "active";
}

export function checkPilotAction(
  action: PilotAction,
  side: PilotSide,
  facts: PilotFacts,
  reason?: string | null,
): { ok: true } | { ok: false; refusal: PilotRefusal } {
  if (side !== "demand") return { ok: false, refusal: "not_allowed" };
  if (facts.pilotStatus !== "active") return { ok: false, refusal: "not_active" };
  switch (action) {
    case "start":
      return facts.scenarioStatus === "matched" ? { ok: true } : { ok: false, refusal: "not_matched" };
    case "complete":
      if (facts.scenarioStatus !== "piloting") return { ok: false, refusal: "not_started" };
      return facts.measuredKpis > 0 ? { ok: true } : { ok: false, refusal: "no_measurement" };
    case "end":
      if (facts.scenarioStatus !== "piloting") return { ok: false, refusal: "not_started" };
      return reason?.trim() ? { ok: true } : { ok: false, refusal: "reason_required" };
  }
}

/** Whether a KPI's measured value reaches its target. */
export function kpiReached(kpi: { target: number; measured: number | null; higherIsBetter: boolean }): boolean | null {
  if (kpi.measured === null) return null;
  return kpi.higherIsBetter ? kpi.measured >= kpi.target : kpi.measured <= kpi.target;
}

/** Amounts in 万元 are kept to two decimals; sums are compared in hundredths to avoid float drift. */
export function toCents(wan: number): number {
  return Math.round(wan * 100);
}

export type BudgetRefusal = "over_budget" | "over_granted" | "below_granted";

/** A grant fits when everything granted in the edition plus it stays within the budget. */
export function checkGrant(budgetWan: number, grantedWan: number, amountWan: number): { ok: true } | { ok: false; refusal: "over_budget"; leftWan: number } {
  const left = toCents(budgetWan) - toCents(grantedWan);
  return toCents(amountWan) <= left ? { ok: true } : { ok: false, refusal: "over_budget", leftWan: Math.max(0, left) / 100 };
}

export function checkRedemption(amountWan: number, redeemedWan: number, amount: number): { ok: true } | { ok: false; refusal: "over_granted"; leftWan: number } {
  const left = toCents(amountWan) - toCents(redeemedWan);
  return toCents(amount) <= left ? { ok: true } : { ok: false, refusal: "over_granted", leftWan: Math.max(0, left) / 100 };
}

export function checkBudget(newBudgetWan: number, grantedWan: number): { ok: true } | { ok: false; refusal: "below_granted"; grantedWan: number } {
  return toCents(newBudgetWan) >= toCents(grantedWan) ? { ok: true } : { ok: false, refusal: "below_granted", grantedWan };
}
