import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import type { PublicEntity } from "~/db/schema";

// Reading the change feed that the database triggers keep (public_changes). A page and the
// current state of the entities on it are read in one transaction, so they are one snapshot.
//
// Why `seq` is a safe cursor here: SQLite has one writer at a time, so `seq` values become
// visible in the order they are handed out; a reader never sees 12 before 11 commits. (On a
// database with concurrent writers this would need commit-ordered sequencing.)

export type FeedItem<T> =
  | { op: "upsert"; key: string; changedAt: string; data: T }
  | { op: "delete"; key: string; changedAt: string };

export interface FeedPage<T> {
  items: FeedItem<T>[];
  /** The position after this page: where the next page (or a later poll) starts. */
  nextSeq: number;
  /** More changes are waiting now; otherwise poll again later from `nextSeq`. */
  hasMore: boolean;
}

export interface FeedPosition {
  /** First page: changes at or after this UTC ISO time. */
  since: string | null;
  /** Later pages: changes after this position. */
  afterSeq: number | null;
  limit: number;
}

/**
 * One page of the feed for an entity. `load` gives the current public state of the upserted ids;
 * an id it does not return is reported as deleted, so a page never shows a non-public entity.
 */
export async function readFeed<T>(
  db: DB,
  entity: PublicEntity,
  { since, afterSeq, limit }: FeedPosition,
  load: (trx: DB, ids: number[]) => Promise<Map<number, T>>,
): Promise<FeedPage<T>> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom("public_changes")
      .where("entity", "=", entity)
      .select(["seq", "entity_id", "public_key", "op", "changed_at"])
      .orderBy("seq")
      .limit(limit + 1);
    if (afterSeq !== null) query = query.where("seq", ">", afterSeq);
    else if (since !== null) query = query.where("changed_at", ">=", since);
    const rows = await query.execute();
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);

    const states = await load(trx, page.filter((r) => r.op === "upsert").map((r) => r.entity_id));
    const items = page.map((r): FeedItem<T> => {
      const key = r.public_key ?? String(r.entity_id);
      const data = r.op === "upsert" ? states.get(r.entity_id) : undefined;
      return data === undefined ? { op: "delete", key, changedAt: r.changed_at } : { op: "upsert", key, changedAt: r.changed_at, data };
    });

    let nextSeq = page.at(-1)?.seq ?? afterSeq;
    if (nextSeq === undefined || nextSeq === null) {
      // Nothing since that time: later changes come after everything written so far.
      const top = await sql<{ seq: number | null }>`select max(seq) as seq from public_changes`.execute(trx);
      nextSeq = top.rows[0]?.seq ?? 0;
    }
    return { items, nextSeq, hasMore };
  });
}

export interface FeedStats {
  /** Public entities now (each has exactly one 'upsert' row). */
  public: Record<PublicEntity, number>;
  /** Entities whose latest change is within the last 30 days. */
  recent: Record<PublicEntity, number>;
  lastChange: string | null;
}

/** How much is published and how fast it changes, for the /open-data page. */
export async function feedStats(db: DB, now = new Date()): Promise<FeedStats> {
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const rows = await db
    .selectFrom("public_changes")
    .groupBy("entity")
    .select((eb) => [
      "entity",
      eb.fn.sum<number>(eb.case().when("op", "=", "upsert").then(1).else(0).end()).as("public"),
      eb.fn.sum<number>(eb.case().when("changed_at", ">=", since).then(1).else(0).end()).as("recent"),
      eb.fn.max("changed_at").as("last"),
    ])
    .execute();
  const zero = { scenario: 0, vendor: 0, benchmark: 0 };
  const stats: FeedStats = { public: { ...zero }, recent: { ...zero }, lastChange: null };
  for (const r of rows) {
    stats.public[r.entity] = Number(r.public);
    stats.recent[r.entity] = Number(r.recent);
    if (r.last && (!stats.lastChange || r.last > stats.lastChange)) stats.lastChange = r.last;
  }
  return stats;
}
