// The scenario lifecycle (DESIGN.md): a pure state machine. Workflows ask it whether a move is
// legal before they write anything; the answer says why not, in a code the UI translates.

export const SCENARIO_STATUSES = [
  "draft",
  "submitted",
  "returned",
  "approved",
  "published",
  "matched",
  "piloting",
  "benchmark",
  "closed",
  "withdrawn",
] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

export const SCENARIO_ACTIONS = [
  "submit",
  "return",
  "approve",
  "publish",
  "match",
  "start_pilot",
  "certify",
  "close",
  "withdraw",
] as const;
export type ScenarioAction = (typeof SCENARIO_ACTIONS)[number];

export type ActorRole = "owner" | "reviewer" | "admin" | "system";

interface Transition {
  from: readonly ScenarioStatus[];
  to: ScenarioStatus;
  /** Who may take this step. `system` is the platform itself (selection, certification). */
  by: readonly ActorRole[];
  /** A reason must be recorded (returns, closures, withdrawals). */
  needsReason?: boolean;
}

const TRANSITIONS: Record<ScenarioAction, Transition> = {
  submit: { from: ["draft", "returned"], to: "submitted", by: ["owner"] },
  return: { from: ["submitted"], to: "returned", by: ["reviewer", "admin"], needsReason: true },
  approve: { from: ["submitted"], to: "approved", by: ["reviewer", "admin"] },
  publish: { from: ["approved"], to: "published", by: ["admin"] },
  match: { from: ["published"], to: "matched", by: ["owner", "system"] },
  start_pilot: { from: ["matched"], to: "piloting", by: ["owner", "system"] },
  certify: { from: ["piloting"], to: "benchmark", by: ["admin", "system"] },
  // published → closed: no suitable proposal; piloting → closed: the pilot ended without a benchmark.
  close: { from: ["published", "piloting"], to: "closed", by: ["owner", "admin"], needsReason: true },
  // The owner may withdraw at any point before a vendor is matched.
  withdraw: {
    from: ["draft", "submitted", "returned", "approved", "published"],
    to: "withdrawn",
    by: ["owner", "admin"],
    needsReason: true,
  },
};

export type TransitionRefusal =
  | { code: "illegal_transition"; from: ScenarioStatus; action: ScenarioAction }
  | { code: "not_allowed_for_role"; role: ActorRole; action: ScenarioAction }
  | { code: "reason_required"; action: ScenarioAction };

export type TransitionResult = { ok: true; to: ScenarioStatus } | { ok: false; refusal: TransitionRefusal };

export function transition(
  from: ScenarioStatus,
  action: ScenarioAction,
  actor: { role: ActorRole; reason?: string | null },
): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) return { ok: false, refusal: { code: "illegal_transition", from, action } };
  if (!rule.by.includes(actor.role)) {
    return { ok: false, refusal: { code: "not_allowed_for_role", role: actor.role, action } };
  }
  if (rule.needsReason && !actor.reason?.trim()) return { ok: false, refusal: { code: "reason_required", action } };
  return { ok: true, to: rule.to };
}

/** The actions that are legal from a status, whoever takes them: what a UI may offer. */
export function availableActions(from: ScenarioStatus): ScenarioAction[] {
  return SCENARIO_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(from));
}

export function isPublicStatus(status: ScenarioStatus): boolean {
  return ["published", "matched", "piloting", "benchmark", "closed"].includes(status);
}

export function isTerminal(status: ScenarioStatus): boolean {
  return availableActions(status).length === 0;
}
