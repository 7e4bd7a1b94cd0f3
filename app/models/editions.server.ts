import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { phaseSql } from "~/search/public-phase-sql.server";
import { audit } from "./audit.server";
import type { OfficeActor } from "./office.server";

// The office's side of editions: creating them and running their call for scenarios. (The public
// list of editions and batches is edition.server.ts.)

/** Every edition, newest first, with its batches and how many scenarios wait at each step. */
export async function listEditionsForOffice(db: DB, now = new Date()) {
  // A published call is counted by its phase (app/domain/public-phase.ts): open, or past its deadline.
  const step = sql<string>`case when status = 'published' then ${phaseSql(now, "scenarios")} else status end`;
  const [editions, counts, batches] = await Promise.all([
    db.selectFrom("editions").selectAll().orderBy("year", "desc").execute(),
    db
      .selectFrom("scenarios")
      .where("status", "in", ["submitted", "approved", "published"])
      .groupBy(["edition_id", step])
      .select((eb) => ["edition_id", step.as("status"), eb.fn.countAll<number>().as("n")])
      .execute(),
    db
      .selectFrom("batches as b")
      .leftJoin("scenarios as s", "s.batch_id", "b.id")
      .groupBy("b.id")
      .select((eb) => ["b.id", "b.edition_id", "b.ordinal", "b.published_at", eb.fn.count<number>("s.id").as("scenarios")])
      .orderBy("b.ordinal")
      .execute(),
  ]);
  const count = (editionId: number, status: string) =>
    counts.find((c) => c.edition_id === editionId && c.status === status)?.n ?? 0;
  return editions.map((e) => ({
    id: e.id,
    year: e.year,
    title: e.title,
    callStatus: e.call_status,
    callOpensAt: e.call_opens_at,
    callClosesAt: e.call_closes_at,
    submitted: count(e.id, "submitted"),
    approved: count(e.id, "approved"),
    published: count(e.id, "open") + count(e.id, "closing_soon"),
    awaiting: count(e.id, "awaiting_selection"),
    batches: batches.filter((b) => b.edition_id === e.id),
  }));
}

export type EditionProblem =
  | { code: "year_taken"; year: number }
  | { code: "not_found" }
  | { code: "another_call_open"; year: number }
  | { code: "call_not_open" }
  | { code: "call_already_open" };

export type EditionOutcome = { ok: true; editionId: number } | { ok: false; problem: EditionProblem };

export async function createEdition(db: DB, input: { year: number; title: string; actor: OfficeActor }): Promise<EditionOutcome> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("editions").where("year", "=", input.year).select("id").executeTakeFirst();
    if (taken) return { ok: false, problem: { code: "year_taken", year: input.year } } as const;
    const row = await trx.insertInto("editions").values({ year: input.year, title: input.title }).returning("id").executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: "edition.create",
      subjectType: "edition",
      subjectId: row.id,
      after: { year: input.year, title: input.title },
      ip: input.actor.ip,
    });
    return { ok: true, editionId: row.id } as const;
  });
}

/**
 * Opens or closes an edition's call for scenarios. One call is open at a time, so that "the current
 * call" is never ambiguous for organisations submitting; a closed call may be reopened.
 */
export async function setCallOpen(db: DB, input: { editionId: number; open: boolean; actor: OfficeActor }): Promise<EditionOutcome> {
  return db.transaction().execute(async (trx) => {
    const edition = await trx.selectFrom("editions").where("id", "=", input.editionId).selectAll().executeTakeFirst();
    if (!edition) return { ok: false, problem: { code: "not_found" } } as const;
    const now = new Date().toISOString();
    if (input.open) {
      if (edition.call_status === "open") return { ok: false, problem: { code: "call_already_open" } } as const;
      const other = await trx
        .selectFrom("editions")
        .where("call_status", "=", "open")
        .where("id", "!=", edition.id)
        .select("year")
        .executeTakeFirst();
      if (other) return { ok: false, problem: { code: "another_call_open", year: other.year } } as const;
      // A planned closing date still ahead is kept; one already past would contradict the open call.
      const closes = edition.call_closes_at && edition.call_closes_at > now ? edition.call_closes_at : null;
      await trx.updateTable("editions").set({ call_status: "open", call_opens_at: now, call_closes_at: closes }).where("id", "=", edition.id).execute();
    } else {
      if (edition.call_status !== "open") return { ok: false, problem: { code: "call_not_open" } } as const;
      await trx.updateTable("editions").set({ call_status: "closed", call_closes_at: now }).where("id", "=", edition.id).execute();
    }
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: input.open ? "edition.open_call" : "edition.close_call",
      subjectType: "edition",
      subjectId: edition.id,
      before: { callStatus: edition.call_status },
      after: { callStatus: input.open ? "open" : "closed" },
      ip: input.actor.ip,
    });
    return { ok: true, editionId: edition.id } as const;
  });
}
