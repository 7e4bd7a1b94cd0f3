import type { DB } from "~/db/db.server";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import type { SearchEngine, SearchServerVersion } from "~/search/engine";
import { describeError, searchSyncStatus, type SearchSyncStatus } from "~/search/sync.server";

export interface SearchOverview {
  engine: { name: SearchEngine["name"]; host: string | null };
  /** Scenario documents in the index, or why they could not be counted. */
  indexed: { count: number } | { error: string };
  publicScenarios: number;
  sync: SearchSyncStatus;
  /** The server's version (Meilisearch), or why it could not be read; null for the embedded engine. */
  version: SearchServerVersion | { error: string } | null;
}

/** The host without any credentials or query a URL might carry. */
export function displayHost(url: string): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return null;
  }
}

/** What the office's search page shows: the engine, the index against the database, the outbox. */
export async function searchOverview(db: DB, engine: SearchEngine, host: string): Promise<SearchOverview> {
  const [indexed, publicRow, sync, version] = await Promise.all([
    engine.countScenarios().then((count) => ({ count }), (error: unknown) => ({ error: describeError(error) })),
    db.selectFrom("scenarios").where("status", "in", PUBLIC_SCENARIO_STATUSES).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    searchSyncStatus(db),
    engine.serverVersion ? engine.serverVersion().catch((error: unknown) => ({ error: describeError(error) })) : Promise.resolve(null),
  ]);
  return {
    engine: { name: engine.name, host: engine.name === "meilisearch" ? displayHost(host) : null },
    indexed,
    publicScenarios: Number(publicRow.n),
    sync,
    version,
  };
}
