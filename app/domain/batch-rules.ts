// Rules of publishing a batch, shared by the office pages and the publishing workflow.

/** Vendors have this many days from publication to submit proposals. */
export const PROPOSAL_WINDOW_DAYS = 45;

/** `NJ-2026-0137`: the stable public code of a scenario. */
export function scenarioCode(year: number, n: number): string {
  return `NJ-${year}-${String(n).padStart(4, "0")}`;
}
