// Index sync that loses nothing. Database triggers write a `search_outbox` row in the same
// transaction as every change a search document is built from (migration 2026-11-29T1300). This
// module applies pending rows to the engine: it claims them in id order, loads the CURRENT state of
// each entity from the database and upserts it (or deletes it when it is no longer indexable), so
// applying is idempotent and the order of rows for one entity does not matter. A failure keeps the
// rows pending with the error, and backs off: 1 s, 2 s, 4 s … at most a minute; nothing is dropped.

import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import type { SearchEntity } from "~/db/schema";
import { refreshMatchFeatures } from "~/matching/features.server";
import { loadScenarioDocuments, loadVendorDocuments } from "./documents.server";
import type { SearchEngine } from "./engine";
import { reindexScenarios, reindexVendors } from "./search.server";

/** How one kind of search document is kept in step with the database. */
export interface EntitySync {
  /** Brings the index in line with the database for these ids: upsert what is indexable, delete the rest. */
  apply(db: DB, engine: SearchEngine, ids: number[]): Promise<void>;
  /** Rebuilds the whole index from the database, atomically; returns the number of documents. */
  rebuild(db: DB, engine: SearchEngine): Promise<number>;
}

export const scenarioSync: EntitySync = {
  async apply(db, engine, ids) {
    const documents = await loadScenarioDocuments(db, ids);
    const indexable = new Set(documents.map((d) => d.id));
    const gone = ids.filter((id) => !indexable.has(id));
    if (documents.length) await engine.upsertScenarios(documents);
    if (gone.length) await engine.deleteScenarios(gone);
    // Matching's precomputed features follow the same changes (app/matching/features.server.ts).
    await refreshMatchFeatures(db, "scenario", ids);
  },
  rebuild: reindexScenarios,
};

/** Verified vendors: one that loses its verification (or stops being a vendor) leaves the index. */
export const vendorSync: EntitySync = {
  async apply(db, engine, ids) {
    const documents = await loadVendorDocuments(db, ids);
    const indexable = new Set(documents.map((d) => d.id));
    const gone = ids.filter((id) => !indexable.has(id));
    if (documents.length) await engine.upsertVendors(documents);
    if (gone.length) await engine.deleteVendors(gone);
    await refreshMatchFeatures(db, "vendor", ids);
  },
  rebuild: reindexVendors,
};

const registry: Record<SearchEntity, EntitySync> = { scenario: scenarioSync, vendor: vendorSync };

export function entitySync(entity: SearchEntity): EntitySync | undefined {
  return registry[entity];
}

export function syncedEntities(): SearchEntity[] {
  return Object.keys(registry) as SearchEntity[];
}

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
/** A claimed row is left alone by other workers this long; a worker that dies mid-apply loses its claim after it. */
export const LEASE_MS = 10 * 60_000;
/** A rebuild that has not finished after this long is taken to have died with its process. */
export const REINDEX_STALE_MS = 60 * 60_000;
export const BATCH_SIZE = 200;
const MAX_ROUNDS = 100;

/** Wait before the next try after the `attempts`-th failure: 1 s, 2 s, 4 s … at most 60 s. Never gives up. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export interface ClaimedRow {
  id: number;
  entity: SearchEntity;
  entity_id: number;
  attempts: number;
}

/**
 * Claims, in one statement (so atomically, whatever other process runs the same), the pending rows
 * of the entities behind the first `batchSize` due rows in id order. Every pending row of a chosen
 * entity is taken, also those still backing off: the current state settles them all. An entity
 * with a row leased by another worker is skipped entirely, so two workers never write one entity
 * in the wrong order; so is an entity being rebuilt, or one without a registered sync.
 */
export async function claimSearchRows(
  db: DB,
  options: { now: Date; owner: string; batchSize?: number; entities?: SearchEntity[] },
): Promise<ClaimedRow[]> {
  const now = options.now.toISOString();
  const leaseEnd = new Date(options.now.getTime() + LEASE_MS).toISOString();
  const staleBefore = new Date(options.now.getTime() - REINDEX_STALE_MS).toISOString();
  const entities = options.entities ?? syncedEntities();
  if (!entities.length) return [];
  const result = await sql<ClaimedRow>`
    update search_outbox set leased_until = ${leaseEnd}, lease_owner = ${options.owner}
    where done_at is null
      and (leased_until is null or leased_until <= ${now})
      and (entity, entity_id) in (
        select o.entity, o.entity_id from search_outbox o
        where o.done_at is null
          and o.entity in (${sql.join(entities)})
          and (o.next_attempt_at is null or o.next_attempt_at <= ${now})
          and (o.leased_until is null or o.leased_until <= ${now})
          and not exists (
            select 1 from search_outbox l
            where l.entity = o.entity and l.entity_id = o.entity_id and l.done_at is null and l.leased_until > ${now})
          and not exists (
            select 1 from search_reindex r
            where r.entity = o.entity and r.finished_at is null and r.started_at > ${staleBefore})
        order by o.id
        limit ${options.batchSize ?? BATCH_SIZE})
    returning id, entity, entity_id, attempts`.execute(db);
  return result.rows.sort((a, b) => a.id - b.id);
}

export interface ApplyReport {
  /** Rows settled (the index now reflects them). */
  applied: number;
  /** Rows that failed this time and wait for their next attempt. */
  failed: number;
  errors: string[];
}

export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? e.message : typeof e === "object" ? JSON.stringify(e) : String(e);
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.join(" ← ").slice(0, 1000);
}

/**
 * Applies due outbox rows to the engine until none are left that can be applied now (rows that
 * failed wait for their backoff). Safe to run concurrently with itself, in this process or others.
 */
export async function applySearchOutbox(
  db: DB,
  engine: SearchEngine,
  options: { now?: () => Date; batchSize?: number; owner?: string } = {},
): Promise<ApplyReport> {
  const clock = options.now ?? (() => new Date());
  const owner = options.owner ?? `${process.pid}:${randomUUID()}`;
  const report: ApplyReport = { applied: 0, failed: 0, errors: [] };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const claimed = await claimSearchRows(db, { now: clock(), owner, batchSize: options.batchSize });
    if (!claimed.length) break;
    const byEntity = new Map<SearchEntity, ClaimedRow[]>();
    for (const row of claimed) byEntity.set(row.entity, [...(byEntity.get(row.entity) ?? []), row]);

    for (const [entity, rows] of byEntity) {
      const sync = registry[entity];
      const ids = [...new Set(rows.map((r) => r.entity_id))];
      try {
        if (!sync) throw new Error(`no index for ${entity}`);
        await sync.apply(db, engine, ids);
        await db
          .updateTable("search_outbox")
          .set({ done_at: clock().toISOString(), leased_until: null })
          .where("id", "in", rows.map((r) => r.id))
          .where("lease_owner", "=", owner)
          .execute();
        report.applied += rows.length;
      } catch (error) {
        const message = describeError(error);
        const at = clock();
        await db.transaction().execute(async (trx) => {
          for (const row of rows) {
            const attempts = row.attempts + 1;
            await trx
              .updateTable("search_outbox")
              .set({
                attempts,
                last_error: message,
                last_error_at: at.toISOString(),
                next_attempt_at: new Date(at.getTime() + retryDelayMs(attempts)).toISOString(),
                leased_until: null,
              })
              .where("id", "=", row.id)
              .where("lease_owner", "=", owner)
              .execute();
          }
        });
        report.failed += rows.length;
        report.errors.push(`${entity}: ${message}`);
        const attempts = Math.max(...rows.map((r) => r.attempts + 1));
        console.warn(
          `[search] ${rows.length} ${entity} change(s) not applied (attempt ${attempts}); retrying in ${retryDelayMs(attempts) / 1000} s: ${message}`,
        );
      }
    }
  }
  return report;
}

/** Settled rows are kept a week for the office page, then removed. */
export async function pruneSearchOutbox(db: DB, now = new Date(), keepMs = 7 * 86_400_000): Promise<number> {
  const result = await db
    .deleteFrom("search_outbox")
    .where("done_at", "is not", null)
    .where("done_at", "<", new Date(now.getTime() - keepMs).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface SearchSyncStatus {
  pending: number;
  /** Pending rows that have failed at least once. */
  failing: number;
  oldestPendingAt: string | null;
  nextAttemptAt: string | null;
  lastError: { message: string; at: string; entity: SearchEntity; entityId: number; resolved: boolean } | null;
  lastAppliedAt: string | null;
  lastReindex: {
    entity: string; engine: string; startedAt: string; finishedAt: string | null; documents: number | null; error: string | null;
  } | null;
}

export async function searchSyncStatus(db: DB): Promise<SearchSyncStatus> {
  const pendingRows = await db
    .selectFrom("search_outbox")
    .where("done_at", "is", null)
    .select((eb) => [
      "entity",
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number>(eb.case().when("attempts", ">", 0).then(1).else(0).end()).as("failing"),
      eb.fn.min("created_at").as("oldest"),
      eb.fn.min("next_attempt_at").as("next"),
    ])
    .groupBy("entity")
    .execute();
  const status: SearchSyncStatus = {
    pending: 0, failing: 0, oldestPendingAt: null, nextAttemptAt: null, lastError: null, lastAppliedAt: null, lastReindex: null,
  };
  const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
  for (const row of pendingRows) {
    status.pending += Number(row.n);
    status.failing += Number(row.failing ?? 0);
    status.oldestPendingAt = earliest(status.oldestPendingAt, row.oldest);
    status.nextAttemptAt = earliest(status.nextAttemptAt, row.next);
  }
  const error = await db
    .selectFrom("search_outbox")
    .where("last_error_at", "is not", null)
    .orderBy("last_error_at", "desc")
    .orderBy("id", "desc")
    .select(["last_error", "last_error_at", "entity", "entity_id", "done_at"])
    .executeTakeFirst();
  if (error?.last_error && error.last_error_at) {
    status.lastError = { message: error.last_error, at: error.last_error_at, entity: error.entity, entityId: error.entity_id, resolved: error.done_at !== null };
  }
  const applied = await db.selectFrom("search_outbox").select((eb) => eb.fn.max("done_at").as("at")).executeTakeFirst();
  status.lastAppliedAt = applied?.at ?? null;
  const reindex = await db.selectFrom("search_reindex").orderBy("id", "desc").selectAll().executeTakeFirst();
  if (reindex) {
    status.lastReindex = {
      entity: reindex.entity, engine: reindex.engine, startedAt: reindex.started_at, finishedAt: reindex.finished_at,
      documents: reindex.documents, error: reindex.error,
    };
  }
  return status;
}

/** Makes every pending row due now (the office's "retry now"); returns how many. */
export async function retrySearchOutboxNow(db: DB): Promise<number> {
  const result = await db
    .updateTable("search_outbox")
    .set({ next_attempt_at: null })
    .where("done_at", "is", null)
    .where("next_attempt_at", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
