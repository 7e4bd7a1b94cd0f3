import type { DB } from "~/db/db.server";
import type { ScenarioQuery } from "~/domain/scenario-query";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { SearchUnavailableError, type SearchEngine } from "~/search/engine";
import { loadScenarioRecords, type ScenarioRecord } from "./scenario-records.server";

// The whole filtered public list (not one page of it), for the CSV/Excel export and the printed
// notice. The search engine decides what matches and in what order, exactly as on /scenarios.

/** More rows than any yearly list holds; a longer result is cut and says so. */
export const EXPORT_MAX_ROWS = 5000;
const CHUNK = 500;

export interface ExportResult {
  records: ScenarioRecord[];
  total: number;
  truncated: boolean;
}

/**
 * Every scenario the query matches, in the list's order. Without search text the embedded engine
 * answers exactly when the configured one is down; with text it cannot, and the error is passed
 * on, because an export that silently ignored the search would be wrong.
 */
export async function exportPublicScenarios(db: DB, engine: SearchEngine, query: ScenarioQuery, maxRows = EXPORT_MAX_ROWS): Promise<ExportResult> {
  try {
    return await collect(db, engine, query, maxRows);
  } catch (error) {
    if (!(error instanceof SearchUnavailableError) || query.q) throw error;
    console.warn(`[search] ${engine.name} unavailable, exporting from the database: ${error.message}`);
    return collect(db, createEmbeddedEngine(db), query, maxRows);
  }
}

async function collect(db: DB, engine: SearchEngine, query: ScenarioQuery, maxRows: number): Promise<ExportResult> {
  const ids: number[] = [];
  let total = 0;
  for (let page = 1; ids.length < maxRows; page++) {
    const response = await engine.searchScenarios({ query: { ...query, page }, pageSize: CHUNK, withFacets: false });
    total = response.total;
    ids.push(...response.ids);
    if (response.ids.length < CHUNK || ids.length >= total) break;
  }
  const kept = ids.slice(0, maxRows);
  return { records: await loadScenarioRecords(db, kept), total, truncated: total > kept.length };
}
