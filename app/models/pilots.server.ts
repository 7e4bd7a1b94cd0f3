import type { DB } from "~/db/db.server";
import {
  canEditWorkspace,
  checkPilotAction,
  sideOf,
  type PilotAction,
  type PilotRefusal,
  type PilotSide,
} from "~/domain/pilot-lifecycle";
import { audit } from "./audit.server";
import { transitionScenarioIn } from "./scenario-workflow.server";
import { notifyUser } from "~/mail/outbox.server";

// The pilot workspace (先行先试工作台): what the pair records while a pilot runs, and the moves of the
// pilot's lifecycle. Rules are in app/domain/pilot-lifecycle.ts; every write here is one transaction
// with its audit row.

export interface PilotViewer {
  id: number;
  role: string;
  organisationId: number | null;
}

export interface PilotActor {
  userId: number;
  ip?: string | null;
}

async function pilotHead(db: DB, pilotId: number) {
  return db
    .selectFrom("pilots as p")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .innerJoin("organisations as d", "d.id", "s.organisation_id")
    .innerJoin("organisations as v", "v.id", "p.vendor_id")
    .where("p.id", "=", pilotId)
    .select([
      "p.id",
      "p.status",
      "p.started_at",
      "p.ended_at",
      "p.summary",
      "p.vendor_id",
      "p.scenario_id",
      "s.title as scenario_title",
      "s.code as scenario_code",
      "s.status as scenario_status",
      "s.organisation_id as demand_organisation_id",
      "s.edition_id",
      "d.name as demand_name",
      "v.name as vendor_name",
    ])
    .executeTakeFirst();
}

/** How the viewer relates to the pilot, or null when there is no such pilot. */
export async function pilotSide(db: DB, pilotId: number, viewer: PilotViewer): Promise<PilotSide | null> {
  const head = await pilotHead(db, pilotId);
  if (!head) return null;
  return sideOf(viewer, { demandOrganisationId: head.demand_organisation_id, vendorId: head.vendor_id });
}

export async function loadPilotWorkspace(db: DB, pilotId: number) {
  const head = await pilotHead(db, pilotId);
  if (!head) return null;
  const [milestones, kpis, measurements, updates, incentives, redemptions] = await Promise.all([
    db.selectFrom("pilot_milestones").where("pilot_id", "=", pilotId).select(["id", "title", "due_on", "done_at"]).orderBy("due_on").orderBy("id").execute(),
    db.selectFrom("pilot_kpis").where("pilot_id", "=", pilotId).select(["id", "name", "unit", "baseline", "target", "measured", "higher_is_better"]).orderBy("id").execute(),
    db
      .selectFrom("pilot_kpi_measurements as m")
      .innerJoin("pilot_kpis as k", "k.id", "m.kpi_id")
      .leftJoin("users as u", "u.id", "m.recorded_by")
      .where("k.pilot_id", "=", pilotId)
      .select(["m.id", "m.kpi_id", "m.value", "m.measured_on", "m.note", "u.name as recorded_by"])
      .orderBy("m.measured_on", "desc")
      .orderBy("m.id", "desc")
      .execute(),
    db
      .selectFrom("pilot_updates as pu")
      .leftJoin("users as u", "u.id", "pu.author_id")
      .leftJoin("organisations as o", "o.id", "u.organisation_id")
      .where("pu.pilot_id", "=", pilotId)
      .select(["pu.id", "pu.body", "pu.created_at", "u.name as author", "o.name as organisation"])
      .orderBy("pu.id", "desc")
      .execute(),
    db.selectFrom("incentives").where("pilot_id", "=", pilotId).select(["id", "kind", "amount_wan", "redeemed_wan", "granted_at"]).orderBy("id").execute(),
    db
      .selectFrom("incentive_redemptions as r")
      .innerJoin("incentives as i", "i.id", "r.incentive_id")
      .where("i.pilot_id", "=", pilotId)
      .select(["r.id", "r.incentive_id", "r.amount_wan", "r.note", "r.redeemed_at"])
      .orderBy("r.id")
      .execute(),
  ]);
  return {
    pilot: head,
    milestones,
    kpis: kpis.map((k) => ({
      ...k,
      higher_is_better: Boolean(k.higher_is_better),
      measurements: measurements.filter((m) => m.kpi_id === k.id),
    })),
    updates,
    incentives: incentives.map((i) => ({ ...i, redemptions: redemptions.filter((r) => r.incentive_id === i.id) })),
  };
}

/** The pilot of a scenario, for the link from the owner's scenario page. */
export async function pilotIdForScenario(db: DB, scenarioId: number): Promise<number | null> {
  const row = await db.selectFrom("pilots").where("scenario_id", "=", scenarioId).select("id").executeTakeFirst();
  return row?.id ?? null;
}

export type WorkspaceOutcome = { ok: true } | { ok: false; problem: PilotRefusal | "not_found" };

export type WorkspaceChange =
  | { intent: "milestone"; title: string; dueOn: string }
  | { intent: "toggle-milestone"; milestoneId: number }
  | { intent: "kpi"; name: string; unit: string; baseline: number; target: number; higherIsBetter: boolean }
  | { intent: "measurement"; kpiId: number; value: number; measuredOn: string; note: string }
  | { intent: "update"; body: string };

/** Records one change to the workspace (either side of the pair, while the pilot is active). */
export async function changeWorkspace(
  db: DB,
  pilotId: number,
  side: PilotSide,
  change: WorkspaceChange,
  actor: PilotActor,
  now = new Date(),
): Promise<WorkspaceOutcome> {
  return db.transaction().execute(async (trx): Promise<WorkspaceOutcome> => {
    const pilot = await trx.selectFrom("pilots").where("id", "=", pilotId).select(["id", "status"]).executeTakeFirst();
    if (!pilot) return { ok: false, problem: "not_found" };
    if (!canEditWorkspace(side, pilot.status)) {
      return { ok: false, problem: side === "demand" || side === "vendor" ? "not_active" : "not_allowed" };
    }
    const at = now.toISOString();
    let after: Record<string, unknown>;
    switch (change.intent) {
      case "milestone": {
        const row = await trx
          .insertInto("pilot_milestones")
          .values({ pilot_id: pilotId, title: change.title, due_on: change.dueOn, created_by: actor.userId, created_at: at })
          .returning("id")
          .executeTakeFirstOrThrow();
        after = { milestoneId: row.id, title: change.title, dueOn: change.dueOn };
        break;
      }
      case "toggle-milestone": {
        const m = await trx.selectFrom("pilot_milestones").where("id", "=", change.milestoneId).where("pilot_id", "=", pilotId).select(["id", "done_at"]).executeTakeFirst();
        if (!m) return { ok: false, problem: "not_found" };
        const doneAt = m.done_at ? null : at;
        await trx.updateTable("pilot_milestones").set({ done_at: doneAt }).where("id", "=", m.id).execute();
        after = { milestoneId: m.id, done: doneAt !== null };
        break;
      }
      case "kpi": {
        const row = await trx
          .insertInto("pilot_kpis")
          .values({ pilot_id: pilotId, name: change.name, unit: change.unit, baseline: change.baseline, target: change.target, higher_is_better: change.higherIsBetter ? 1 : 0 })
          .returning("id")
          .executeTakeFirstOrThrow();
        after = { kpiId: row.id, name: change.name, baseline: change.baseline, target: change.target };
        break;
      }
      case "measurement": {
        const kpi = await trx.selectFrom("pilot_kpis").where("id", "=", change.kpiId).where("pilot_id", "=", pilotId).select("id").executeTakeFirst();
        if (!kpi) return { ok: false, problem: "not_found" };
        await trx
          .insertInto("pilot_kpi_measurements")
          .values({ kpi_id: kpi.id, value: change.value, measured_on: change.measuredOn, note: change.note, recorded_by: actor.userId, created_at: at })
          .execute();
        // The latest measurement (by date, then by entry) is the KPI's measured value.
        const latest = await trx
          .selectFrom("pilot_kpi_measurements")
          .where("kpi_id", "=", kpi.id)
          .select("value")
          .orderBy("measured_on", "desc")
          .orderBy("id", "desc")
          .executeTakeFirstOrThrow();
        await trx.updateTable("pilot_kpis").set({ measured: latest.value }).where("id", "=", kpi.id).execute();
        after = { kpiId: kpi.id, value: change.value, measuredOn: change.measuredOn, measured: latest.value };
        break;
      }
      case "update": {
        const row = await trx.insertInto("pilot_updates").values({ pilot_id: pilotId, body: change.body, author_id: actor.userId, created_at: at }).returning("id").executeTakeFirstOrThrow();
        after = { updateId: row.id };
        break;
      }
    }
    await audit(trx, { actorUserId: actor.userId, action: `pilot.${change.intent}`, subjectType: "pilot", subjectId: pilotId, after, ip: actor.ip });
    return { ok: true };
  });
}

/** A move of the pilot's lifecycle (the demand side's), with the scenario's own move where there is one. */
export async function movePilot(
  db: DB,
  pilotId: number,
  side: PilotSide,
  action: PilotAction,
  actor: PilotActor & { reason?: string | null },
  now = new Date(),
): Promise<WorkspaceOutcome> {
  return db.transaction().execute(async (trx): Promise<WorkspaceOutcome> => {
    const pilot = await trx
      .selectFrom("pilots as p")
      .innerJoin("scenarios as s", "s.id", "p.scenario_id")
      .where("p.id", "=", pilotId)
      .select(["p.id", "p.status", "p.scenario_id", "p.vendor_id", "s.status as scenario_status", "s.code", "s.title"])
      .executeTakeFirst();
    if (!pilot) return { ok: false, problem: "not_found" };
    const measured = await trx
      .selectFrom("pilot_kpis")
      .where("pilot_id", "=", pilotId)
      .where("measured", "is not", null)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const check = checkPilotAction(action, side, { pilotStatus: pilot.status, scenarioStatus: pilot.scenario_status, measuredKpis: Number(measured.n) }, actor.reason);
    if (!check.ok) return { ok: false, problem: check.refusal };
    const scenarioActor = { userId: actor.userId, role: "owner" as const, ip: actor.ip };
    const at = now.toISOString();
    if (action === "start") {
      await transitionScenarioIn(trx, { scenarioId: pilot.scenario_id, action: "start_pilot", actor: scenarioActor });
      await trx.updateTable("pilots").set({ started_at: at }).where("id", "=", pilotId).execute();
    } else if (action === "complete") {
      await trx.updateTable("pilots").set({ status: "completed", ended_at: at }).where("id", "=", pilotId).execute();
    } else {
      await transitionScenarioIn(trx, { scenarioId: pilot.scenario_id, action: "close", actor: scenarioActor, reason: actor.reason });
      await trx.updateTable("pilots").set({ status: "ended", ended_at: at, summary: actor.reason?.trim() ?? "" }).where("id", "=", pilotId).execute();
    }
    const status = action === "complete" ? "completed" : action === "end" ? "ended" : "active";
    await audit(trx, {
      actorUserId: actor.userId,
      action: `pilot.${action}`,
      subjectType: "pilot",
      subjectId: pilotId,
      before: { status: pilot.status, scenarioStatus: pilot.scenario_status },
      after: { status, reason: actor.reason ?? undefined },
      ip: actor.ip,
    });
    // The demand side moves the pilot; the vendor's people hear of it, in their own language.
    const vendorMembers = await trx.selectFrom("users").where("organisation_id", "=", pilot.vendor_id).where("role", "=", "vendor_member").select("id").execute();
    for (const member of vendorMembers) {
      await notifyUser(trx, member.id, (t) => ({
        kind: `pilot.${action}`,
        title: t(`pilots.notice.${action}`, { code: pilot.code ?? "", title: pilot.title }),
        body: action === "end" ? t("pilots.notice.reason", { reason: actor.reason?.trim() ?? "" }) : "",
        link: `/pilots/${pilotId}`,
      }));
    }
    return { ok: true };
  });
}

/** The vendor's pilots by proposal, for the link from its proposals list. */
export async function pilotIdsByProposal(db: DB, vendorId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom("pilots").where("vendor_id", "=", vendorId).where("proposal_id", "is not", null).select(["id", "proposal_id"]).execute();
  return new Map(rows.map((r) => [r.proposal_id!, r.id]));
}
