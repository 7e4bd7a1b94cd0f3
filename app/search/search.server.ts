import { db as defaultDb, type DB } from "~/db/db.server";
import { refreshMatchFeatures } from "~/matching/features.server";
import { env } from "~/utils/env.server";
import { loadScenarioDocuments, loadVendorDocuments } from "./documents.server";
import { createEmbeddedEngine } from "./embedded.server";
import type { SearchEngine } from "./engine";
import { createMeilisearchEngine, describeMeilisearchVersion } from "./meilisearch.server";

/** Picks the engine from the environment: Meilisearch when MEILI_HOST is set, else embedded. */
export function createSearchEngine(database: DB): SearchEngine {
  const { MEILI_HOST, MEILI_MASTER_KEY, MEILI_INDEX_PREFIX, MEILI_TIMEOUT_MS } = env();
  if (MEILI_HOST) {
    return createMeilisearchEngine({
      host: MEILI_HOST,
      apiKey: MEILI_MASTER_KEY || undefined,
      indexPrefix: MEILI_INDEX_PREFIX,
      timeoutMs: MEILI_TIMEOUT_MS,
    });
  }
  return createEmbeddedEngine(database);
}

const holder = globalThis as unknown as { __search?: SearchEngine };

export function searchEngine(): SearchEngine {
  if (!holder.__search) {
    holder.__search = createSearchEngine(defaultDb());
    console.info(`[search] engine: ${holder.__search.name}`);
    void logServerVersion(holder.__search);
  }
  return holder.__search;
}

/** Rebuilds an engine's scenario index from the database. */
export async function reindexScenarios(database: DB, engine: SearchEngine): Promise<number> {
  const documents = await loadScenarioDocuments(database);
  await engine.applySettings();
  await engine.replaceAllScenarios(documents);
  // Matching's features (terms, inferred tags) are rebuilt with the index they accompany.
  await refreshMatchFeatures(database, "scenario", null);
  return documents.length;
}

/** Rebuilds an engine's vendor index (verified vendors) from the database. */
export async function reindexVendors(database: DB, engine: SearchEngine): Promise<number> {
  const documents = await loadVendorDocuments(database);
  await engine.applySettings();
  await engine.replaceAllVendors(documents);
  await refreshMatchFeatures(database, "vendor", null);
  return documents.length;
}

/** Logs the server's version at start: an error below 1.10, a warning below 1.15 (docs/decisions/002). */
export async function logServerVersion(engine: SearchEngine): Promise<void> {
  if (!engine.serverVersion) return;
  try {
    const version = await engine.serverVersion();
    const problem = describeMeilisearchVersion(version);
    if (version.support === "unsupported") console.error(`[search] ${problem}`);
    else if (problem) console.warn(`[search] ${problem}`);
    else console.info(`[search] Meilisearch ${version.version}`);
  } catch (error) {
    console.warn("[search] could not read the Meilisearch version:", error instanceof Error ? error.message : error);
  }
}
