import type { DB } from "~/db/db.server";
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import { transition, type ActorRole, type ScenarioAction, type TransitionRefusal } from "~/domain/scenario-lifecycle";
import { audit } from "./audit.server";

export class TransitionRefused extends Error {
  constructor(readonly refusal: TransitionRefusal | { code: "not_found" } | { code: "stale"; version: number }) {
    super(`Scenario transition refused: ${refusal.code}`);
    this.name = "TransitionRefused";
  }
}

export interface TransitionInput {
  scenarioId: number;
  action: ScenarioAction;
  actor: { userId: number | null; role: ActorRole; ip?: string | null };
  reason?: string | null;
  /** When given, the move is refused if the scenario changed since the actor read it. */
  expectedVersion?: number;
  /** More changes to make in the same transaction (publication sets the code and batch). */
  also?: (trx: DB, scenario: { id: number; status: ScenarioStatus }) => Promise<void>;
}

/**
 * Moves a scenario through its lifecycle: asks the state machine, then updates the status, bumps
 * the version, and writes the status history and the audit entry — all in one transaction, so a
 * refused or failed step leaves nothing behind. Returns the new status and the history row's id.
 */
export async function transitionScenario(db: DB, input: TransitionInput): Promise<TransitionOutcome> {
  return db.transaction().execute((trx) => transitionScenarioIn(trx, input));
}

export interface TransitionOutcome {
  status: ScenarioStatus;
  historyId: number;
}

/**
 * The same move inside a transaction the caller already holds, for workflows that move several
 * scenarios all or nothing (publishing a batch). Kysely transactions do not nest, hence two entry
 * points. A refusal throws, so the caller's whole transaction rolls back.
 */
export async function transitionScenarioIn(trx: DB, input: TransitionInput): Promise<TransitionOutcome> {
  const scenario = await trx
    .selectFrom("scenarios")
    .where("id", "=", input.scenarioId)
    .select(["id", "status", "version"])
    .executeTakeFirst();
  if (!scenario) throw new TransitionRefused({ code: "not_found" });
  if (input.expectedVersion !== undefined && input.expectedVersion !== scenario.version) {
    throw new TransitionRefused({ code: "stale", version: scenario.version });
  }
  const result = transition(scenario.status, input.action, { role: input.actor.role, reason: input.reason });
  if (!result.ok) throw new TransitionRefused(result.refusal);

  const now = new Date().toISOString();
  await trx
    .updateTable("scenarios")
    .set({ status: result.to, version: scenario.version + 1, updated_at: now })
    .where("id", "=", scenario.id)
    .execute();
  const history = await trx
    .insertInto("scenario_status_history")
    .values({
      scenario_id: scenario.id,
      from_status: scenario.status,
      to_status: result.to,
      actor_user_id: input.actor.userId,
      reason: input.reason?.trim() || null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await input.also?.(trx, { id: scenario.id, status: result.to });
  await audit(trx, {
    actorUserId: input.actor.userId,
    action: `scenario.${input.action}`,
    subjectType: "scenario",
    subjectId: scenario.id,
    before: { status: scenario.status },
    after: { status: result.to, reason: input.reason ?? undefined },
    ip: input.actor.ip,
  });
  return { status: result.to, historyId: history.id };
}
