// What a person sees of a public scenario: its stored status read against the clock. A published
// call is open only until its proposal deadline; after it, it waits for the owner to select (or
// close) and must never be shown, counted or filtered as open. Every page, count, filter, API,
// export, OCDS release and feed asks this module, never `status === "published"`.
//
// The search engines cannot call a function per row, so they filter and count with the same
// boundaries, taken from `phaseBoundaries` (app/search/public-phase-sql.server.ts for SQLite;
// numeric deadline filters for Meilisearch). tests check them against `publicPhase` row by row.

import { isOpen } from "./proposals";
import type { ScenarioStatus } from "./scenario-lifecycle";

export const PUBLIC_PHASES = ["open", "closing_soon", "awaiting_selection", "matched", "piloting", "benchmark", "closed"] as const;
export type PublicPhase = (typeof PUBLIC_PHASES)[number];

/** A call whose deadline is this close is "closing soon" (and still open). */
export const CLOSING_SOON_DAYS = 7;
const DAY_MS = 86_400_000;

export interface PhaseInput {
  status: ScenarioStatus | string;
  /** ISO time; null on a call without one, which accepts no proposals (as the proposal rules say). */
  proposalDeadline: string | null;
}

/** The two instants that divide a published call's phases, as ISO strings comparable with stored deadlines. */
export function phaseBoundaries(now: Date): { now: string; soon: string } {
  return { now: now.toISOString(), soon: new Date(now.getTime() + CLOSING_SOON_DAYS * DAY_MS).toISOString() };
}

/**
 * The public phase of a scenario at `now`, or null for one the public does not see (draft,
 * submitted, returned, approved, withdrawn).
 */
export function publicPhase(scenario: PhaseInput, now: Date): PublicPhase | null {
  switch (scenario.status) {
    case "published": {
      if (!isOpen(scenario.proposalDeadline, now)) return "awaiting_selection";
      const left = new Date(scenario.proposalDeadline!).getTime() - now.getTime();
      return left <= CLOSING_SOON_DAYS * DAY_MS ? "closing_soon" : "open";
    }
    case "matched":
    case "piloting":
    case "benchmark":
    case "closed":
      return scenario.status;
    default:
      return null;
  }
}

/** Whether vendors may still bid: open, including closing soon. */
export function acceptsProposals(phase: PublicPhase | null): boolean {
  return phase === "open" || phase === "closing_soon";
}

/**
 * The phases a filter value stands for. "open" (征集揭榜中) includes the calls closing soon;
 * "closing_soon" is the narrower view. The old status code "published" is read as "open", so
 * links and saved searches made before the phases existed keep working.
 */
export function phasesOfFilter(value: string): PublicPhase[] {
  if (value === "open" || value === "published") return ["open", "closing_soon"];
  return (PUBLIC_PHASES as readonly string[]).includes(value) ? [value as PublicPhase] : [];
}

/** The phases a person filters by, in display order ("closing within 7 days" is one of them). */
export const PHASE_FILTERS: readonly PublicPhase[] = PUBLIC_PHASES;
