import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { phaseBoundaries } from "~/domain/public-phase";

// A cache for the public reads that many visitors repeat and that cost a scan: the list's total and
// facet counts, a scenario's related scenarios. An entry is valid for one version of the public
// data: the last row of the public change feed (written by triggers in the same transaction as any
// change to a public scenario) and the first scenario row still waiting in the search outbox (the
// embedded index changes when the worker applies it). Any change makes every entry stale, so a
// reader never sees counts older than the data; between changes the scans are not repeated.
// Drafts, reviews and vendor edits do not touch either, so they leave the cache alone.
//
// The clock changes what a person sees without any write: a call becomes "closing soon" 7 days
// before its deadline and "awaiting selection" at it (app/domain/public-phase.ts). So the version
// also holds the next deadline still ahead of `now` and of `now + 7 days` among published calls;
// when the clock passes either, the version moves and the counts are made afresh.

/** The version of the public scenarios, of their embedded index, and of their phases at `now`. */
export async function publicDataVersion(db: DB, now = new Date()): Promise<string> {
  const b = phaseBoundaries(now);
  const next = (after: string) => sql`coalesce((select min(proposal_deadline) from scenarios indexed by scenarios_status_deadline
      where status = 'published' and proposal_deadline > ${after}), '-')`;
  const { rows } = await sql<{ version: string }>`select
      coalesce((select seq from sqlite_sequence where name = 'public_changes'), 0) || ':' ||
      coalesce((select min(id) from search_outbox where done_at is null and entity = 'scenario'), 0) || ':' ||
      ${next(b.now)} || ':' || ${next(b.soon)} as version`.execute(db);
  return rows[0]!.version;
}

export interface PublicCache<T> {
  get(db: DB, key: string, compute: () => Promise<T>, now?: Date): Promise<T>;
}

/** At most `size` entries, least recently used dropped first; all of them dropped when the version moves. */
export function createPublicCache<T>(size = 500): PublicCache<T> {
  let version = "";
  const entries = new Map<string, T>();
  return {
    async get(db, key, compute, at = new Date()) {
      const now = await publicDataVersion(db, at);
      if (now !== version) {
        entries.clear();
        version = now;
      }
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const value = await compute();
      // A write between reading the version and computing: keep the value only if still current.
      if ((await publicDataVersion(db, at)) === version) {
        entries.set(key, value);
        if (entries.size > size) entries.delete(entries.keys().next().value!);
      }
      return value;
    },
  };
}
