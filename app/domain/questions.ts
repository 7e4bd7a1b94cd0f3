// Clarifications on published scenarios (DESIGN.md): vendors ask, the demand side answers, both in
// public, and nobody sees who asked. Questions close with the proposal deadline, so every vendor
// bids on the same information; answers stay possible afterwards for questions already asked.
import { PUBLIC_SCENARIO_STATUSES } from "./vocabulary";

export const QUESTION_INTENTS = ["ask", "answer", "follow", "unfollow"] as const;
export type QuestionIntent = (typeof QUESTION_INTENTS)[number];

export function isQuestionIntent(value: unknown): value is QuestionIntent {
  return (QUESTION_INTENTS as readonly unknown[]).includes(value);
}

export interface QuestionViewer {
  role: "demand_member" | "vendor_member" | "reviewer" | "admin";
  organisationId: number | null;
  organisationVerified: boolean;
}

export interface QuestionScenario {
  status: string;
  organisationId: number;
  proposalDeadline: string | null;
}

/** Why this viewer cannot ask now, or null when they can. The first reason that applies wins. */
export type AskBlocked = "sign_in" | "not_vendor" | "unverified" | "not_open" | "deadline_passed";

export function askBlocked(viewer: QuestionViewer | null, scenario: QuestionScenario, now: Date): AskBlocked | null {
  if (scenario.status !== "published") return "not_open";
  if (scenario.proposalDeadline && now.getTime() >= Date.parse(scenario.proposalDeadline)) return "deadline_passed";
  if (!viewer) return "sign_in";
  if (viewer.role !== "vendor_member" || viewer.organisationId === null) return "not_vendor";
  if (!viewer.organisationVerified) return "unverified";
  return null;
}

/** Only members of the organisation that posted the scenario answer its questions. */
export function canAnswer(viewer: QuestionViewer | null, scenario: QuestionScenario): boolean {
  return (
    viewer !== null &&
    viewer.role === "demand_member" &&
    viewer.organisationId === scenario.organisationId &&
    (PUBLIC_SCENARIO_STATUSES as readonly string[]).includes(scenario.status)
  );
}

/** Anyone signed in may follow a public scenario to hear of answers and amendments. */
export function canFollow(viewer: QuestionViewer | null, scenario: QuestionScenario): boolean {
  return viewer !== null && (PUBLIC_SCENARIO_STATUSES as readonly string[]).includes(scenario.status);
}

/** The first characters of a text for a notice title or summary, cut at a character, not a byte. */
export function excerpt(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}
