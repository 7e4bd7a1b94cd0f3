import { countAction, rateLimited, type RetryAfter } from "~/auth/rate-limit.server";
import { randomBytes } from "node:crypto";
import type { DB } from "~/db/db.server";
import type { SavedSearch } from "~/db/schema";
import { canonicalSavedQuery, MAX_SAVED_SEARCHES, savedQuery, type Frequency } from "~/domain/saved-searches";
import { SearchUnavailableError, type SearchEngine } from "~/search/engine";
import { audit } from "./audit.server";

// Saved searches: a user's own list queries of /scenarios. Only the owner reads or changes one;
// every lookup here is by (user, id), so another user's id is simply "not found".

const PAGE = 50;
/** The most pages of newest-first results one look goes through: bounds the work of a very broad search. */
const MAX_PAGES = 4;

export interface SavedSearchInput {
  name: string;
  query: string;
  frequency: Frequency;
}

/** `duplicate`: the same search was already saved (a double submit): its row, not a second one. */
export type SaveResult =
  | { ok: true; id: number; duplicate?: boolean }
  | { ok: false; problem: "too_many" }
  | { ok: false; problem: "rate_limited"; retryAfter: RetryAfter };

export async function createSavedSearch(db: DB, userId: number, input: SavedSearchInput, ip: string | null, now = new Date()): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const { count } = await trx.selectFrom("saved_searches").where("user_id", "=", userId)
      .select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
    const query = canonicalSavedQuery(new URLSearchParams(input.query));
    const same = await trx.selectFrom("saved_searches").where("user_id", "=", userId).where("query", "=", query).where("name", "=", input.name)
      .select("id").executeTakeFirst();
    if (same) return { ok: true, id: same.id, duplicate: true } as const;
    if (Number(count) >= MAX_SAVED_SEARCHES) return { ok: false, problem: "too_many" } as const;
    const who = { userId, address: ip ?? "unknown" };
    const wait = await rateLimited(trx, "savedSearch", who, now);
    if (wait) return { ok: false, problem: "rate_limited", retryAfter: wait } as const;
    await countAction(trx, "savedSearch", who, now);
    const row = await trx
      .insertInto("saved_searches")
      .values({
        user_id: userId,
        name: input.name,
        query,
        frequency: input.frequency,
        feed_token: randomBytes(32).toString("base64url"),
        created_at: now.toISOString(),
        last_viewed_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: userId, action: "saved_search.create", subjectType: "user", subjectId: userId, after: { id: row.id, ...input }, ip });
    return { ok: true, id: row.id } as const;
  });
}

export async function getOwnSavedSearch(db: DB, userId: number, id: number): Promise<SavedSearch | undefined> {
  return db.selectFrom("saved_searches").where("id", "=", id).where("user_id", "=", userId).selectAll().executeTakeFirst();
}

/** False when the user has no saved search with this id (someone else's, or gone). */
export async function setSavedSearchFrequency(db: DB, userId: number, id: number, frequency: Frequency, ip: string | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await getOwnSavedSearch(trx, userId, id);
    if (!before) return false;
    await trx.updateTable("saved_searches").set({ frequency }).where("id", "=", id).execute();
    await audit(trx, { actorUserId: userId, action: "saved_search.frequency", subjectType: "user", subjectId: userId,
      before: { id, frequency: before.frequency }, after: { id, frequency }, ip });
    return true;
  });
}

export async function deleteSavedSearch(db: DB, userId: number, id: number, ip: string | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await getOwnSavedSearch(trx, userId, id);
    if (!before) return false;
    await trx.deleteFrom("saved_search_seen").where("saved_search_id", "=", id).execute();
    await trx.deleteFrom("saved_searches").where("id", "=", id).execute();
    await audit(trx, { actorUserId: userId, action: "saved_search.delete", subjectType: "user", subjectId: userId,
      before: { id, name: before.name, query: before.query }, ip });
    return true;
  });
}

/** Records that the owner opened the results; returns the query to show, or null if not theirs. */
export async function openSavedSearch(db: DB, userId: number, id: number, now = new Date()): Promise<string | null> {
  const found = await getOwnSavedSearch(db, userId, id);
  if (!found) return null;
  await db.updateTable("saved_searches").set({ last_viewed_at: now.toISOString() }).where("id", "=", id).execute();
  return found.query;
}

export async function findSavedSearchByFeedToken(db: DB, token: string): Promise<SavedSearch | undefined> {
  return db.selectFrom("saved_searches").where("feed_token", "=", token).selectAll().executeTakeFirst();
}

export interface NewMatches {
  /** Newest first; at most what MAX_PAGES pages hold. */
  ids: number[];
  /** True when there may be more than `ids` (the look stopped at MAX_PAGES). */
  capped: boolean;
}

/**
 * Public scenarios matching a saved query that were published at or after `since`, newest first,
 * found through the search engine (so text, synonyms and filters mean what they mean on the list).
 * A SearchUnavailableError is left to the caller: without the engine, the text cannot be matched.
 */
export async function matchingPublishedSince(db: DB, engine: SearchEngine, canonical: string, since: string): Promise<NewMatches> {
  const query = { ...savedQuery(canonical), sort: "newest" as const };
  const ids: number[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await engine.searchScenarios({ query: { ...query, page }, pageSize: PAGE, withFacets: false });
    if (!response.ids.length) return { ids, capped: false };
    const rows = await db.selectFrom("scenarios").where("id", "in", response.ids).where("code", "is not", null)
      .select(["id", "published_at"]).execute();
    const publishedAt = new Map(rows.map((r) => [r.id, r.published_at]));
    for (const id of response.ids) {
      const at = publishedAt.get(id);
      // Newest first: the first one older than `since` ends the look.
      if (at === undefined) continue;
      if (at === null || at < since) return { ids, capped: false };
      ids.push(id);
    }
    if (response.ids.length < PAGE) return { ids, capped: false };
  }
  return { ids, capped: true };
}

export interface SavedSearchRow {
  id: number;
  name: string;
  query: string;
  frequency: Frequency;
  feedToken: string;
  createdAt: string;
  lastAlertedAt: string | null;
  /** Published since the owner last opened the results; null when the search engine is down. */
  newCount: number | null;
  newCapped: boolean;
}

/** The user's saved searches, newest first, each with how many scenarios are new since their last look. */
export async function listSavedSearches(db: DB, engine: SearchEngine, userId: number): Promise<SavedSearchRow[]> {
  const rows = await db.selectFrom("saved_searches").where("user_id", "=", userId).selectAll().orderBy("id", "desc").execute();
  return Promise.all(rows.map(async (row) => {
    let newCount: number | null = null;
    let newCapped = false;
    try {
      const found = await matchingPublishedSince(db, engine, row.query, row.last_viewed_at ?? row.created_at);
      newCount = found.ids.length;
      newCapped = found.capped;
    } catch (error) {
      if (!(error instanceof SearchUnavailableError)) throw error;
    }
    return {
      id: row.id, name: row.name, query: row.query, frequency: row.frequency, feedToken: row.feed_token,
      createdAt: row.created_at, lastAlertedAt: row.last_alerted_at, newCount, newCapped,
    };
  }));
}
