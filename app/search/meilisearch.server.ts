// The Meilisearch implementation of SearchEngine, through the official client. Filters, facets and
// sorts mean the same as in the embedded engine; tests check the HTTP requests with MSW.

import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type IndexSwap, type MultiSearchQuery, type Settings } from "meilisearch";
import { z } from "zod";
import { FACETS, type Facet, type ScenarioQuery } from "~/domain/scenario-query";
import { phaseBoundaries, phasesOfFilter, type PublicPhase } from "~/domain/public-phase";
import { capabilitySynonymGroups, PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import {
  SearchUnavailableError,
  type FacetCounts,
  type SearchServerVersion,
  type ScenarioDocument,
  type ScenarioSearchRequest,
  type SearchEngine,
  type VendorDocument,
  type VendorSearchFilters,
  type VendorSearchHit,
} from "./engine";
import { prepareQuery, vendorSearchTerms } from "./text";

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  indexPrefix: string;
  /** Budget for one search request; past it the list is shown unsearched. */
  timeoutMs: number;
  /** Budget for one indexing request (30 s unless given). */
  writeTimeoutMs?: number;
  /** Names the fresh index a rebuild fills before swapping it in (default: a timestamp). */
  rebuildSuffix?: () => string;
}

/** Meilisearch attribute of each facet. */
export const FACET_ATTRIBUTE: Record<Facet, string> = {
  domain: "domain",
  district: "district",
  venue: "venueType",
  mode: "cooperationMode",
  tier: "tier",
  status: "status",
};

const SORT: Record<ScenarioQuery["sort"], string[] | undefined> = {
  relevance: undefined,
  newest: ["publishedAt:desc", "id:desc"],
  budget: ["budgetWan:desc", "id:desc"],
  deadline: ["proposalDeadline:asc", "id:asc"],
};

const REPLACE_CHUNK = 1000;
// Indexing runs in the background (outbox worker, reindex script), so it may take far longer than
// a search: a settings change re-indexes every document.
const WRITE_TIMEOUT_MS = 30_000;
const TASK_WAIT = { timeout: 300_000, interval: 100 };

/** Every spelling of a capability finds every other one: Meilisearch synonyms only go one way. */
export function capabilitySynonyms(): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  for (const group of capabilitySynonymGroups()) {
    for (const term of group) {
      const others = synonyms.get(term) ?? new Set<string>();
      for (const other of group) if (other !== term) others.add(other);
      synonyms.set(term, others);
    }
  }
  return Object.fromEntries([...synonyms].map(([term, others]) => [term, [...others]]));
}

export function scenarioIndexSettings(): Settings {
  return {
    searchableAttributes: ["title", "capabilities", "organisation", "code", "description", "requirements"],
    filterableAttributes: [
      "domain",
      "district",
      "venueType",
      "cooperationMode",
      "tier",
      "status",
      "budgetWan",
      "editionYear",
      "batchOrdinal",
      // The public phase (open, closing soon, awaiting selection) is the status read against the clock.
      "proposalDeadline",
    ],
    // id breaks ties, so that both engines give the same order.
    sortableAttributes: ["publishedAt", "budgetWan", "proposalDeadline", "id"],
    localizedAttributes: [
      { attributePatterns: ["title", "description", "requirements", "organisation", "capabilities"], locales: ["cmn"] },
    ],
    synonyms: capabilitySynonyms(),
    // "sort" first: a chosen order (newest, budget, deadline) is the order the user gets, as in the
    // embedded engine; without a sort the rule does nothing and relevance decides. Equal hits are
    // then ordered newest first, as the embedded engine breaks its ties (published_at desc, id desc).
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness", "publishedAt:desc", "id:desc"],
    typoTolerance: { disableOnAttributes: ["code"] },
    pagination: { maxTotalHits: 100_000 },
    faceting: { maxValuesPerFacet: 100 },
  };
}

export function vendorIndexSettings(): Settings {
  return {
    searchableAttributes: ["capabilities", "products", "name", "summary", "cases"],
    filterableAttributes: ["capabilitySlugs", "district", "servedDomains", "servedVenueTypes", "servedDistricts"],
    sortableAttributes: ["id"],
    localizedAttributes: [{ attributePatterns: ["name", "summary", "capabilities", "products", "cases"], locales: ["cmn"] }],
    synonyms: capabilitySynonyms(),
    // Equal scores in id order, as the embedded engine orders them (rank, rowid).
    rankingRules: ["words", "typo", "proximity", "attribute", "exactness", "id:asc"],
    pagination: { maxTotalHits: 10_000 },
  };
}

/** The Meilisearch filter for a vendor search, or undefined when nothing is chosen. */
export function toVendorFilter(filters: VendorSearchFilters): string | undefined {
  const parts: string[] = [];
  if (filters.capabilities?.length) parts.push(inList("capabilitySlugs", filters.capabilities));
  if (filters.districts?.length) parts.push(inList("district", filters.districts));
  return parts.length ? parts.join(" AND ") : undefined;
}

const vendorSearchSchema = z.object({
  results: z.array(z.object({ hits: z.array(z.object({ id: z.number().int(), _rankingScore: z.number() })) })),
});

/**
 * The multi-search for a vendor search: one query per term (the terms the embedded engine ORs),
 * each requiring its whole term (`matchingStrategy: "all"`), each with its ranking score. Not one
 * query with every word: Meilisearch reads only its first 10 words, and with `frequency` it never
 * drops the rarest word, so a vendor without that word was never found. Not federated either: a
 * federated search keeps each document once, with the score of its best query, so a vendor
 * matching five terms would rank like one matching a single term (docs/decisions/026).
 */
export function toVendorQueries(indexUid: string, text: string, filters: VendorSearchFilters, limit: number): MultiSearchQuery[] {
  const filter = toVendorFilter(filters);
  return vendorSearchTerms(text).map((term) => ({
    indexUid,
    q: term.text,
    ...(filter ? { filter } : {}),
    limit,
    matchingStrategy: "all" as const,
    locales: ["cmn"],
    attributesToRetrieve: ["id"],
    showRankingScore: true,
  }));
}

/**
 * The vendors of all term queries, each scored by the sum of its terms' ranking scores (a vendor
 * matching more terms ranks higher, as bm25 sums over the terms in the embedded engine), best
 * first, equal scores by id, at most `limit`.
 */
export function mergeVendorHits(results: { hits: { id: number; _rankingScore: number }[] }[], limit: number): VendorSearchHit[] {
  const scores = new Map<number, number>();
  for (const { hits } of results) for (const hit of hits) scores.set(hit.id, (scores.get(hit.id) ?? 0) + hit._rankingScore);
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit);
}

/** The oldest server this code works with: `localizedAttributes` and the search `locales` came in 1.10. */
export const MEILISEARCH_MIN_VERSION = [1, 10] as const;
/** From 1.15 long Chinese words are split into shorter ones (charabia), which search relies on. */
export const MEILISEARCH_CHINESE_VERSION = [1, 15] as const;

/** What a server version means for this site: see docs/decisions/002. */
export function meilisearchVersionSupport(pkgVersion: string): SearchServerVersion["support"] {
  const match = /^v?(\d+)\.(\d+)/.exec(pkgVersion.trim());
  if (!match) return "unknown";
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const atLeast = ([m, n]: readonly [number, number]) => major > m || (major === m && minor >= n);
  if (!atLeast(MEILISEARCH_MIN_VERSION)) return "unsupported";
  if (!atLeast(MEILISEARCH_CHINESE_VERSION)) return "noChineseSplit";
  return "supported";
}

/** The log line for a server version, or null when there is nothing to say. */
export function describeMeilisearchVersion({ version, support }: SearchServerVersion): string | null {
  switch (support) {
    case "unsupported":
      return `Meilisearch ${version} is too old: 1.10 or later is needed (1.15 or later for Chinese); settings and every search are refused, so lists are shown unsearched`;
    case "noChineseSplit":
      return `Meilisearch ${version} does not split long Chinese words into shorter ones (1.15 or later does): many Chinese searches find less`;
    case "unknown":
      return `Meilisearch answered an unreadable version "${version}"; 1.10 or later is needed (1.15 or later for Chinese)`;
    default:
      return null;
  }
}

/** A Meilisearch filter string literal: always quoted, so no value can change the expression. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

const inList = (attribute: string, values: readonly string[]) => `${attribute} IN [${values.map(quoteFilterValue).join(", ")}]`;

function finite(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number: ${n}`);
  return String(n);
}

/**
 * The Meilisearch filter for a query: values within a facet OR'ed, everything else AND'ed.
 * `exceptFacet` leaves that facet's own selection out, for its disjunctive counts.
 */
/**
 * A Meilisearch filter for public phases (app/domain/public-phase.ts) at `now`, to the second: the
 * phase follows the clock, so it is never stored in the index but read from status and deadline.
 */
export function phaseFilter(phases: readonly PublicPhase[], now: Date): string {
  const b = phaseBoundaries(now);
  const nowSec = Math.floor(Date.parse(b.now) / 1000);
  const soonSec = Math.floor(Date.parse(b.soon) / 1000);
  const published = `status = "published"`;
  const parts = phases.map((phase) => {
    switch (phase) {
      case "open":
        return `(${published} AND proposalDeadline > ${soonSec})`;
      case "closing_soon":
        return `(${published} AND proposalDeadline > ${nowSec} AND proposalDeadline <= ${soonSec})`;
      case "awaiting_selection":
        return `(${published} AND (proposalDeadline <= ${nowSec} OR proposalDeadline NOT EXISTS))`;
      default:
        return `status = ${quoteFilterValue(phase)}`;
    }
  });
  return parts.length ? `(${parts.join(" OR ")})` : "id < 0";
}

export function toMeilisearchFilter(query: ScenarioQuery, options: { exceptFacet?: Facet; now?: Date } = {}): string {
  // Only public scenarios are indexed; the status clause keeps a draft out even if one slipped in.
  const parts = [inList("status", PUBLIC_SCENARIO_STATUSES)];
  if (query.edition !== null) parts.push(`editionYear = ${finite(query.edition)}`);
  if (query.edition !== null && query.batch !== null) parts.push(`batchOrdinal = ${finite(query.batch)}`);
  if (query.budgetMin !== null) parts.push(`budgetWan >= ${finite(query.budgetMin)}`);
  if (query.budgetMax !== null) parts.push(`budgetWan <= ${finite(query.budgetMax)}`);
  for (const facet of FACETS) {
    const values = query.filters[facet];
    if (facet === options.exceptFacet || !values.length) continue;
    if (facet === "status") parts.push(phaseFilter([...new Set(values.flatMap(phasesOfFilter))], options.now ?? new Date()));
    else parts.push(inList(FACET_ATTRIBUTE[facet], values));
  }
  return parts.join(" AND ");
}

/**
 * The multi-search queries for a request: the page first, then one count-only query per facet
 * with a selection (its own selection removed). Facets without a selection share the page's
 * filter, so the page query counts them itself.
 */
export function toMultiSearchQueries(indexUid: string, { query, pageSize, withFacets, now = new Date() }: ScenarioSearchRequest): MultiSearchQuery[] {
  const selected = FACETS.filter((f) => query.filters[f].length > 0);
  const unselected = FACETS.filter((f) => query.filters[f].length === 0);
  const sort = SORT[query.sort];
  // Without punctuation (no phrases, no exclusions) and at most 10 words, as the embedded engine reads it.
  const q = prepareQuery(query.q).text;
  const page: MultiSearchQuery = {
    indexUid,
    q,
    filter: toMeilisearchFilter(query, { now }),
    ...(sort ? { sort } : {}),
    // Every word must match, as in the embedded engine (Meilisearch's default drops words).
    matchingStrategy: "all",
    locales: ["cmn"],
    hitsPerPage: pageSize,
    page: query.page,
    attributesToRetrieve: ["id"],
    ...(withFacets && unselected.length ? { facets: unselected.map((f) => FACET_ATTRIBUTE[f]) } : {}),
  };
  if (!withFacets) return [page];
  return [
    page,
    ...selected.map((facet) => ({
      indexUid,
      q,
      filter: toMeilisearchFilter(query, { exceptFacet: facet, now }),
      matchingStrategy: "all" as const,
      locales: ["cmn"],
      facets: [FACET_ATTRIBUTE[facet]],
      hitsPerPage: 0,
    })),
    ...PHASE_COUNTS.map((phase) => ({
      indexUid,
      q,
      filter: `${toMeilisearchFilter(query, { exceptFacet: "status", now })} AND ${phaseFilter([phase], now)}`,
      matchingStrategy: "all" as const,
      locales: ["cmn"],
      hitsPerPage: 0,
    })),
  ];
}

/**
 * The phases of a published call, which no stored attribute holds (they follow the clock): counted
 * one query each, after the facet queries, in this order. The later states are the status facet's.
 */
const PHASE_COUNTS = ["open", "closing_soon", "awaiting_selection"] as const;

const searchResultSchema = z.object({
  hits: z.array(z.object({ id: z.number().int() })),
  totalHits: z.number().int().nonnegative(),
  facetDistribution: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())).optional(),
});
const multiSearchResponseSchema = z.object({ results: z.array(searchResultSchema) });

/** Documents without their null fields: Meilisearch sorts a missing field last, a null one not. */
export function toMeilisearchDocument(document: ScenarioDocument | VendorDocument): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([, value]) => value !== null));
}

async function succeeded(enqueued: EnqueuedTaskPromise, allowedErrorCode?: string): Promise<void> {
  const task = await enqueued.waitTask(TASK_WAIT);
  if (task.status === "succeeded") return;
  if (allowedErrorCode && task.error?.code === allowedErrorCode) return;
  throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no error given"}`, {
    cause: task.error ?? undefined,
  });
}

/** `20261120T083000123Z`: sorts in time order and is a valid index uid. */
const timestampSuffix = () => new Date().toISOString().replace(/[-:.]/g, "");

export function createMeilisearchEngine({
  host, apiKey, indexPrefix, timeoutMs, writeTimeoutMs = WRITE_TIMEOUT_MS, rebuildSuffix = timestampSuffix,
}: MeilisearchEngineOptions): SearchEngine {
  const indexUid = `${indexPrefix}_scenarios`;
  const searchClient = new Meilisearch({ host, apiKey, timeout: timeoutMs });
  const writeClient = new Meilisearch({ host, apiKey, timeout: Math.max(timeoutMs, writeTimeoutMs) });
  const index = writeClient.index(indexUid);
  const vendorIndexUid = `${indexPrefix}_vendors`;
  const vendorIndex = writeClient.index(vendorIndexUid);

  async function addDocuments(uid: string, documents: (ScenarioDocument | VendorDocument)[]) {
    for (let i = 0; i < documents.length; i += REPLACE_CHUNK) {
      await succeeded(writeClient.index(uid).addDocuments(documents.slice(i, i + REPLACE_CHUNK).map(toMeilisearchDocument)));
    }
  }

  /**
   * Replaces a whole index: built aside and swapped in, so searches see the old index, whole, until
   * the swap, and then the new one, whole. The swapped-out index (now under the fresh name) is deleted.
   */
  async function replaceAll(uid: string, settings: Settings, documents: (ScenarioDocument | VendorDocument)[]) {
    const fresh = `${uid}_${rebuildSuffix()}`;
    try {
      await succeeded(writeClient.createIndex(fresh, { primaryKey: "id" }));
      await succeeded(writeClient.index(fresh).updateSettings(settings));
      await addDocuments(fresh, documents);
      await ensureIndex(uid);
      // Without `rename` (a swap, the default): servers before 1.18 reject the unknown field.
      await succeeded(writeClient.swapIndexes([{ indexes: [uid, fresh] } as IndexSwap]));
    } catch (error) {
      // Leave no half-built index behind; the live one is untouched.
      await succeeded(writeClient.deleteIndex(fresh), "index_not_found").catch(() => undefined);
      throw error;
    }
    await succeeded(writeClient.deleteIndex(fresh));
  }

  /**
   * Makes sure the live index exists with its settings before documents go in: an index that a
   * document upload creates has default settings, nothing filterable, and every search of the site
   * (all are filtered by status) would be refused with a 400 until a rebuild. That happens when the
   * server was down at start (no rebuild ran) or lost its data; the outbox then creates the index.
   */
  async function ensureLiveIndex(uid: string, settings: Settings) {
    if (await indexExists(uid)) return;
    await succeeded(writeClient.createIndex(uid, { primaryKey: "id" }), "index_already_exists");
    await succeeded(writeClient.index(uid).updateSettings(settings));
  }

  async function serverVersion(): Promise<SearchServerVersion> {
    const { pkgVersion } = await searchClient.getVersion();
    return { version: pkgVersion, support: meilisearchVersionSupport(pkgVersion) };
  }

  async function indexExists(uid: string): Promise<boolean> {
    try {
      await writeClient.index(uid).getRawInfo();
      return true;
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.response.status === 404) return false;
      throw error;
    }
  }

  /** Creates the index with its settings unless it exists; another process may race us, which is fine. */
  async function ensureIndex(uid: string) {
    if (!(await indexExists(uid))) {
      await succeeded(writeClient.createIndex(uid, { primaryKey: "id" }), "index_already_exists");
    }
  }

  return {
    name: "meilisearch",

    async searchScenarios(request) {
      const queries = toMultiSearchQueries(indexUid, request);
      let results: z.infer<typeof searchResultSchema>[];
      try {
        const response = multiSearchResponseSchema.parse(await searchClient.multiSearch({ queries }));
        if (response.results.length !== queries.length) {
          throw new Error(`Meilisearch answered ${response.results.length} of ${queries.length} queries`);
        }
        results = response.results;
      } catch (error) {
        throw new SearchUnavailableError("Meilisearch did not answer the search", { cause: error });
      }

      const [page, ...rest] = results as [z.infer<typeof searchResultSchema>, ...typeof results];
      let facets: FacetCounts | null = null;
      if (request.withFacets) {
        const facetResults = rest.slice(0, rest.length - PHASE_COUNTS.length);
        const phaseTotals = rest.slice(rest.length - PHASE_COUNTS.length).map((r) => r.totalHits);
        const distributions = [page, ...facetResults].map((r) => r.facetDistribution ?? {});
        facets = Object.fromEntries(
          FACETS.map((facet) => {
            const attribute = FACET_ATTRIBUTE[facet];
            return [facet, { ...distributions.find((d) => attribute in d)?.[attribute] }];
          }),
        ) as FacetCounts;
        // The stored "published" splits by the clock; "open" includes closing soon, as its filter does.
        const [open, soon, awaiting] = phaseTotals as [number, number, number];
        delete facets.status.published;
        Object.assign(facets.status, { open: open + soon, closing_soon: soon, awaiting_selection: awaiting });
      }
      return { total: page.totalHits, ids: page.hits.map((hit) => hit.id), facets };
    },

    async upsertScenarios(documents) {
      if (!documents.length) return;
      await ensureLiveIndex(indexUid, scenarioIndexSettings());
      await addDocuments(indexUid, documents);
    },

    async deleteScenarios(ids) {
      // No index yet: nothing to delete.
      if (ids.length) await succeeded(index.deleteDocuments(ids), "index_not_found");
    },

    async replaceAllScenarios(documents) {
      await replaceAll(indexUid, scenarioIndexSettings(), documents);
    },

    async countScenarios() {
      // With the short search budget: the office page asks while loading.
      const stats = await searchClient.index(indexUid).getStats();
      return stats.numberOfDocuments;
    },

    async searchVendors(text, filters, limit) {
      const queries = toVendorQueries(vendorIndexUid, text, filters, limit);
      if (!queries.length) return [];
      let response: z.infer<typeof vendorSearchSchema>;
      try {
        response = vendorSearchSchema.parse(await searchClient.multiSearch({ queries }));
        if (response.results.length !== queries.length) {
          throw new Error(`Meilisearch answered ${response.results.length} of ${queries.length} queries`);
        }
      } catch (error) {
        throw new SearchUnavailableError("Meilisearch did not answer the vendor search", { cause: error });
      }
      return mergeVendorHits(response.results, limit);
    },

    async upsertVendors(documents) {
      if (!documents.length) return;
      await ensureLiveIndex(vendorIndexUid, vendorIndexSettings());
      await addDocuments(vendorIndexUid, documents);
    },

    async deleteVendors(ids) {
      // No index yet (before the first rebuild): nothing to delete.
      if (ids.length) await succeeded(vendorIndex.deleteDocuments(ids), "index_not_found");
    },

    async replaceAllVendors(documents) {
      // As for scenarios: matching never sees an empty vendor index between clearing and adding.
      await replaceAll(vendorIndexUid, vendorIndexSettings(), documents);
    },

    serverVersion,

    async applySettings() {
      // Below 1.10 the settings (and every search) are refused with a 400: say why, clearly.
      const version = await serverVersion();
      const problem = describeMeilisearchVersion(version);
      if (version.support === "unsupported") throw new Error(problem!);
      if (problem) console.warn(`[search] ${problem}`);
      await ensureIndex(indexUid);
      await succeeded(index.updateSettings(scenarioIndexSettings()));
      await ensureIndex(vendorIndexUid);
      await succeeded(vendorIndex.updateSettings(vendorIndexSettings()));
    },
  };
}
