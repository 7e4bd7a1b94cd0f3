import type { DB } from "~/db/db.server";
import { publicPhase, type PublicPhase } from "~/domain/public-phase";
import { PAGE_SIZE, type ParsedQuery } from "~/domain/scenario-query";
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { SearchUnavailableError, type FacetCounts, type SearchEngine } from "~/search/engine";
import { highlightWords, parseSearchText, prepareQuery } from "~/search/text";

export interface ScenarioCard {
  id: number;
  code: string;
  title: string;
  organisation: string;
  description: string;
  domain: string;
  district: string;
  venueType: string | null;
  cooperationMode: string;
  tier: string;
  status: ScenarioStatus;
  /** What a person sees now: open, closing soon, awaiting selection, … (app/domain/public-phase.ts). */
  phase: PublicPhase;
  budgetWan: number | null;
  proposalDeadline: string | null;
  publishedAt: string | null;
  editionYear: number;
  batchOrdinal: number | null;
  capabilities: { slug: string; zh: string; en: string }[];
}

export interface ScenarioListResult {
  total: number;
  pageCount: number;
  items: ScenarioCard[];
  facets: FacetCounts | null;
  /** True when the search engine failed and the list is shown without the text query. */
  degraded: boolean;
  highlight: string[];
  /** Words of the query past the 10th, which neither engine searches (docs/decisions/026); empty when none. */
  droppedWords: string[];
}

/** Cards for scenario ids, in the order given; only public scenarios are ever returned. */
export async function loadScenarioCards(db: DB, ids: number[], now = new Date()): Promise<ScenarioCard[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .leftJoin("batches as b", "b.id", "s.batch_id")
    .where("s.id", "in", ids)
    .where("s.status", "in", PUBLIC_SCENARIO_STATUSES)
    .where("s.code", "is not", null)
    .select([
      "s.id", "s.code", "s.title", "o.name as organisation", "s.description", "s.domain", "s.district",
      "s.venue_type", "s.cooperation_mode", "s.tier", "s.status", "s.budget_wan", "s.proposal_deadline",
      "s.published_at", "e.year", "b.ordinal",
    ])
    .execute();
  const capabilities = await capabilityNames(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      id: r.id,
      code: r.code!,
      title: r.title,
      organisation: r.organisation,
      description: r.description,
      domain: r.domain,
      district: r.district,
      venueType: r.venue_type,
      cooperationMode: r.cooperation_mode,
      tier: r.tier,
      status: r.status,
      phase: publicPhase({ status: r.status, proposalDeadline: r.proposal_deadline }, now)!,
      budgetWan: r.budget_wan,
      proposalDeadline: r.proposal_deadline,
      publishedAt: r.published_at,
      editionYear: r.year,
      batchOrdinal: r.ordinal,
      capabilities: capabilities.get(id) ?? [],
    }];
  });
}

async function capabilityNames(db: DB, ids: number[]): Promise<Map<number, ScenarioCard["capabilities"]>> {
  const rows = await db
    .selectFrom("scenario_capabilities as sc")
    .innerJoin("capabilities as c", "c.id", "sc.capability_id")
    .where("sc.scenario_id", "in", ids)
    .select(["sc.scenario_id", "c.slug", "c.name_zh", "c.name_en"])
    .orderBy("c.id")
    .execute();
  const map = new Map<number, ScenarioCard["capabilities"]>();
  for (const row of rows) {
    map.set(row.scenario_id, [...(map.get(row.scenario_id) ?? []), { slug: row.slug, zh: row.name_zh, en: row.name_en }]);
  }
  return map;
}

/**
 * The public list: the search engine finds and counts, the database supplies what is shown. When
 * the engine is down the list is served from the database without the text query.
 */
export async function listPublicScenarios(
  db: DB,
  engine: SearchEngine,
  { query }: ParsedQuery,
  options: { withFacets?: boolean; pageSize?: number; now?: Date } = {},
): Promise<ScenarioListResult> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const now = options.now ?? new Date();
  const request = { query, pageSize, withFacets: options.withFacets ?? true, now };
  // What both engines search: the query without punctuation, cut after its 10th word.
  const searched = prepareQuery(query.q);
  let degraded = false;
  let response;
  try {
    response = await engine.searchScenarios(request);
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    console.warn(`[search] ${engine.name} unavailable, listing without text: ${error.message}`);
    degraded = true;
    const sort = query.sort === "relevance" ? "newest" : query.sort;
    response = await createEmbeddedEngine(db).searchScenarios({ ...request, query: { ...query, q: "", sort } });
  }
  return {
    total: response.total,
    pageCount: Math.max(1, Math.ceil(response.total / pageSize)),
    items: await loadScenarioCards(db, response.ids, now),
    facets: response.facets,
    degraded,
    highlight: degraded ? [] : highlightWords(parseSearchText(searched.text)),
    droppedWords: degraded ? [] : searched.dropped,
  };
}
