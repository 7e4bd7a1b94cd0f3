// Full rebuilds of the search indexes (`npm run search:reindex`, the setup script, the office's
// search page). While one runs, the outbox worker leaves that entity alone; when it is done, the
// outbox rows written before it started are settled (the rebuild read a database that already
// held those changes) and those written during it stay pending, to be applied to the new index.

import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import type { SearchEntity } from "~/db/schema";
import type { SearchEngine } from "./engine";
import { describeError, entitySync, REINDEX_STALE_MS, syncedEntities } from "./sync.server";

export interface ReindexResult {
  entity: SearchEntity;
  ok: boolean;
  documents: number;
  /** Outbox rows the rebuild made unnecessary. */
  settledRows: number;
  error: string | null;
  ms: number;
}

export class ReindexBusyError extends Error {
  constructor(entity: SearchEntity) {
    super(`a rebuild of the ${entity} index is already running`);
    this.name = "ReindexBusyError";
  }
}

const LEASE_WAIT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rebuilds one entity's index; never throws for an engine failure (the result says what went wrong). */
export async function reindexEntity(
  db: DB,
  engine: SearchEngine,
  entity: SearchEntity,
  options: { now?: () => Date; leaseWaitMs?: number } = {},
): Promise<ReindexResult> {
  const clock = options.now ?? (() => new Date());
  const sync = entitySync(entity);
  if (!sync) throw new Error(`No search sync registered for ${entity}`);
  const started = clock();

  // Take the lock: at most one unfinished rebuild per entity (a unique partial index); one left
  // behind by a process that died long ago is closed first.
  await db
    .updateTable("search_reindex")
    .set({ finished_at: started.toISOString(), error: "abandoned" })
    .where("entity", "=", entity)
    .where("finished_at", "is", null)
    .where("started_at", "<=", new Date(started.getTime() - REINDEX_STALE_MS).toISOString())
    .execute();
  let reindexId: number;
  try {
    const row = await db
      .insertInto("search_reindex")
      .values({ entity, engine: engine.name, started_at: started.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    reindexId = row.id;
  } catch (error) {
    if (String(error).includes("UNIQUE")) throw new ReindexBusyError(entity);
    throw error;
  }

  try {
    // A worker that claimed rows before the lock finishes them first (it may be writing to the
    // index this rebuild is about to replace); then no one touches this entity until we are done.
    const deadline = Date.now() + (options.leaseWaitMs ?? LEASE_WAIT_MS);
    while (Date.now() < deadline && (await leasedRows(db, entity, clock())) > 0) await sleep(100);

    const { high } = await db
      .selectFrom("search_outbox")
      .where("entity", "=", entity)
      .select((eb) => eb.fn.max("id").as("high"))
      .executeTakeFirstOrThrow();
    const documents = await sync.rebuild(db, engine);

    // Rows up to `high` were committed before the rebuild read the database. Rows still leased
    // (a worker outlived the wait) are left to be applied again: applying is idempotent.
    const now = clock().toISOString();
    const settled = high === null ? { numUpdatedRows: 0n } : await db
      .updateTable("search_outbox")
      .set({ done_at: now })
      .where("entity", "=", entity)
      .where("id", "<=", high)
      .where("done_at", "is", null)
      .where((eb) => eb.or([eb("leased_until", "is", null), eb("leased_until", "<=", now)]))
      .executeTakeFirst();
    const settledRows = Number(settled.numUpdatedRows);
    await db.updateTable("search_reindex").set({ finished_at: now, documents, settled_rows: settledRows }).where("id", "=", reindexId).execute();
    return { entity, ok: true, documents, settledRows, error: null, ms: clock().getTime() - started.getTime() };
  } catch (error) {
    const message = describeError(error);
    await db.updateTable("search_reindex").set({ finished_at: clock().toISOString(), error: message }).where("id", "=", reindexId).execute();
    return { entity, ok: false, documents: 0, settledRows: 0, error: message, ms: clock().getTime() - started.getTime() };
  }
}

async function leasedRows(db: DB, entity: SearchEntity, now: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from search_outbox
    where entity = ${entity} and done_at is null and leased_until > ${now.toISOString()}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Rebuilds every registered index, one after the other. */
export async function reindexAll(db: DB, engine: SearchEngine, options: { now?: () => Date } = {}): Promise<ReindexResult[]> {
  const results: ReindexResult[] = [];
  for (const entity of syncedEntities()) results.push(await reindexEntity(db, engine, entity, options));
  return results;
}
