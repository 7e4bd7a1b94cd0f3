import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { checkBudget, checkGrant, checkRedemption, toCents } from "~/domain/pilot-lifecycle";
import { audit } from "./audit.server";

// Incentives (算力券 compute vouchers and 补贴 subsidies) the office grants to pilots, within each
// edition's budget, and the redemptions recorded against them.
//
// The budget rule must hold under concurrent grants. Kysely's SQLite transactions start with a
// plain BEGIN, which is DEFERRED: the read of the granted sum takes only a read lock, so two
// connections (two server processes on one file) could both read the old sum before either writes.
// Every workflow below therefore WRITES FIRST — a no-op update of the edition row — which takes
// SQLite's write lock at the start of the transaction, like BEGIN IMMEDIATE. A second writer then
// waits (busy_timeout) until the first commits and reads the new sum. Within one process the
// Kysely SQLite driver also hands its single connection to one transaction at a time.

export interface OfficeActor {
  userId: number;
  ip?: string | null;
}

async function lockEdition(trx: DB, editionId: number) {
  const result = await trx.updateTable("editions").set({ incentive_budget_wan: sql`incentive_budget_wan` }).where("id", "=", editionId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

async function grantedIn(trx: DB, editionId: number): Promise<number> {
  const row = await trx
    .selectFrom("incentives")
    .where("edition_id", "=", editionId)
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_wan"), sql<number>`0`).as("total"))
    .executeTakeFirstOrThrow();
  return toCents(Number(row.total)) / 100;
}

export type IncentiveOutcome =
  | { ok: true; id: number }
  | { ok: false; problem: "not_found" }
  | { ok: false; problem: "over_budget"; leftWan: number }
  | { ok: false; problem: "over_granted"; leftWan: number }
  | { ok: false; problem: "below_granted"; grantedWan: number }
  | { ok: false; problem: "pilot_closed" };

export async function setIncentiveBudget(db: DB, input: { editionId: number; budgetWan: number; actor: OfficeActor }): Promise<IncentiveOutcome> {
  return db.transaction().execute(async (trx): Promise<IncentiveOutcome> => {
    if (!(await lockEdition(trx, input.editionId))) return { ok: false, problem: "not_found" };
    const edition = await trx.selectFrom("editions").where("id", "=", input.editionId).select("incentive_budget_wan").executeTakeFirstOrThrow();
    const granted = await grantedIn(trx, input.editionId);
    const check = checkBudget(input.budgetWan, granted);
    if (!check.ok) return { ok: false, problem: "below_granted", grantedWan: check.grantedWan };
    await trx.updateTable("editions").set({ incentive_budget_wan: input.budgetWan }).where("id", "=", input.editionId).execute();
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "edition.incentive_budget",
      subjectType: "edition",
      subjectId: input.editionId,
      before: { budgetWan: edition.incentive_budget_wan },
      after: { budgetWan: input.budgetWan },
      ip: input.actor.ip,
    });
    return { ok: true, id: input.editionId };
  });
}

export async function grantIncentive(
  db: DB,
  input: { pilotId: number; kind: "compute_voucher" | "subsidy"; amountWan: number; actor: OfficeActor },
  now = new Date(),
): Promise<IncentiveOutcome> {
  const pilot = await db
    .selectFrom("pilots as p")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .where("p.id", "=", input.pilotId)
    .select(["p.id", "p.status", "s.edition_id"])
    .executeTakeFirst();
  if (!pilot) return { ok: false, problem: "not_found" };
  if (pilot.status === "ended") return { ok: false, problem: "pilot_closed" };
  return db.transaction().execute(async (trx): Promise<IncentiveOutcome> => {
    // Write first, then read the sum: see the note at the top.
    if (!(await lockEdition(trx, pilot.edition_id))) return { ok: false, problem: "not_found" };
    const edition = await trx.selectFrom("editions").where("id", "=", pilot.edition_id).select("incentive_budget_wan").executeTakeFirstOrThrow();
    const granted = await grantedIn(trx, pilot.edition_id);
    const check = checkGrant(edition.incentive_budget_wan, granted, input.amountWan);
    if (!check.ok) return { ok: false, problem: "over_budget", leftWan: check.leftWan };
    const row = await trx
      .insertInto("incentives")
      .values({ edition_id: pilot.edition_id, pilot_id: pilot.id, kind: input.kind, amount_wan: input.amountWan, granted_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "incentive.grant",
      subjectType: "incentive",
      subjectId: row.id,
      after: { pilotId: pilot.id, editionId: pilot.edition_id, kind: input.kind, amountWan: input.amountWan, grantedBeforeWan: granted },
      ip: input.actor.ip,
    });
    return { ok: true, id: row.id };
  });
}

export async function redeemIncentive(
  db: DB,
  input: { incentiveId: number; amountWan: number; note: string; actor: OfficeActor },
  now = new Date(),
): Promise<IncentiveOutcome> {
  const incentive = await db.selectFrom("incentives").where("id", "=", input.incentiveId).select(["id", "edition_id"]).executeTakeFirst();
  if (!incentive) return { ok: false, problem: "not_found" };
  return db.transaction().execute(async (trx): Promise<IncentiveOutcome> => {
    await lockEdition(trx, incentive.edition_id);
    const current = await trx.selectFrom("incentives").where("id", "=", incentive.id).select(["amount_wan", "redeemed_wan"]).executeTakeFirstOrThrow();
    const check = checkRedemption(current.amount_wan, current.redeemed_wan, input.amountWan);
    if (!check.ok) return { ok: false, problem: "over_granted", leftWan: check.leftWan };
    const row = await trx
      .insertInto("incentive_redemptions")
      .values({ incentive_id: incentive.id, amount_wan: input.amountWan, note: input.note, redeemed_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const redeemed = (toCents(current.redeemed_wan) + toCents(input.amountWan)) / 100;
    await trx.updateTable("incentives").set({ redeemed_wan: redeemed }).where("id", "=", incentive.id).execute();
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "incentive.redeem",
      subjectType: "incentive",
      subjectId: incentive.id,
      before: { redeemedWan: current.redeemed_wan },
      after: { redemptionId: row.id, amountWan: input.amountWan, redeemedWan: redeemed },
      ip: input.actor.ip,
    });
    return { ok: true, id: row.id };
  });
}

/** The office's page: editions with budget and granted sums, and one edition's pilots with their grants
 * (the asked year, else the newest edition that has pilots). */
export async function loadIncentivesPage(db: DB, year?: number) {
  const editions = await db
    .selectFrom("editions as e")
    .leftJoin("incentives as i", "i.edition_id", "e.id")
    .groupBy("e.id")
    .select((eb) => [
      "e.id",
      "e.year",
      "e.title",
      "e.incentive_budget_wan",
      eb.fn.coalesce(eb.fn.sum<number>("i.amount_wan"), sql<number>`0`).as("granted_wan"),
      eb.fn.coalesce(eb.fn.sum<number>("i.redeemed_wan"), sql<number>`0`).as("redeemed_wan"),
    ])
    .orderBy("e.year", "desc")
    .execute();
  const withPilots = await db
    .selectFrom("pilots as p")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .groupBy("e.year")
    .select((eb) => ["e.year", eb.fn.countAll<number>().as("n")])
    .execute();
  const counts = new Map(withPilots.map((r) => [r.year, Number(r.n)]));
  const shownYear = year !== undefined && editions.some((e) => e.year === year) ? year : Math.max(0, ...counts.keys());
  const pilots = await db
    .selectFrom("pilots as p")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .innerJoin("organisations as v", "v.id", "p.vendor_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .where("e.year", "=", shownYear)
    .select(["p.id", "p.status", "s.title as scenario_title", "s.status as scenario_status", "v.name as vendor_name", "e.year"])
    .orderBy("p.id", "desc")
    .execute();
  const incentives = await db.selectFrom("incentives").where("pilot_id", "in", pilots.length ? pilots.map((p) => p.id) : [0]).select(["id", "pilot_id", "kind", "amount_wan", "redeemed_wan", "granted_at"]).orderBy("id").execute();
  return {
    year: shownYear,
    editions: editions.map((e) => ({ ...e, pilots: counts.get(e.year) ?? 0, granted_wan: toCents(Number(e.granted_wan)) / 100, redeemed_wan: toCents(Number(e.redeemed_wan)) / 100 })),
    pilots: pilots.map((p) => ({ ...p, incentives: incentives.filter((i) => i.pilot_id === p.id) })),
  };
}
