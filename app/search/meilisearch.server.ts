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
  type ScenarioDocument,
  type ScenarioSearchRequest,
  type SearchEngine,
  type VendorDocument,
  type VendorSearchFilters,
} from "./engine";

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
    // embedded engine; without a sort the rule does nothing and relevance decides.
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
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
    rankingRules: ["words", "typo", "proximity", "attribute", "exactness"],
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
  hits: z.array(z.object({ id: z.number().int(), _rankingScore: z.number().optional() })),
});

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
  const page: MultiSearchQuery = {
    indexUid,
    q: query.q,
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
      q: query.q,
      filter: toMeilisearchFilter(query, { exceptFacet: facet, now }),
      matchingStrategy: "all" as const,
      locales: ["cmn"],
      facets: [FACET_ATTRIBUTE[facet]],
      hitsPerPage: 0,
    })),
    ...PHASE_COUNTS.map((phase) => ({
      indexUid,
      q: query.q,
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

  async function addDocuments(uid: string, documents: ScenarioDocument[]) {
    for (let i = 0; i < documents.length; i += REPLACE_CHUNK) {
      await succeeded(writeClient.index(uid).addDocuments(documents.slice(i, i + REPLACE_CHUNK).map(toMeilisearchDocument)));
    }
  }

  async function addVendorDocuments(documents: VendorDocument[]) {
    for (let i = 0; i < documents.length; i += REPLACE_CHUNK) {
      await succeeded(vendorIndex.addDocuments(documents.slice(i, i + REPLACE_CHUNK).map(toMeilisearchDocument)));
    }
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
      await addDocuments(indexUid, documents);
    },

    async deleteScenarios(ids) {
      // No index yet: nothing to delete.
      if (ids.length) await succeeded(index.deleteDocuments(ids), "index_not_found");
    },

    async replaceAllScenarios(documents) {
      // Built aside and swapped in: searches see the old index, whole, until the swap, and then
      // the new one, whole. The swapped-out index (now under the fresh name) is deleted.
      const fresh = `${indexUid}_${rebuildSuffix()}`;
      try {
        await succeeded(writeClient.createIndex(fresh, { primaryKey: "id" }));
        await succeeded(writeClient.index(fresh).updateSettings(scenarioIndexSettings()));
        await addDocuments(fresh, documents);
        await ensureIndex(indexUid);
        // Without `rename` (a swap, the default): servers before 1.18 reject the unknown field.
        await succeeded(writeClient.swapIndexes([{ indexes: [indexUid, fresh] } as IndexSwap]));
      } catch (error) {
        // Leave no half-built index behind; the live one is untouched.
        await succeeded(writeClient.deleteIndex(fresh), "index_not_found").catch(() => undefined);
        throw error;
      }
      await succeeded(writeClient.deleteIndex(fresh));
    },

    async countScenarios() {
      // With the short search budget: the office page asks while loading.
      const stats = await searchClient.index(indexUid).getStats();
      return stats.numberOfDocuments;
    },

    async searchVendors(text, filters, limit) {
      if (!text.trim()) return [];
      let response: z.infer<typeof vendorSearchSchema>;
      try {
        const filter = toVendorFilter(filters);
        response = vendorSearchSchema.parse(
          await searchClient.index(vendorIndexUid).search(text, {
            ...(filter ? { filter } : {}),
            limit,
            // Matching passes a bag of words: any of them may match, the more the better.
            matchingStrategy: "frequency",
            locales: ["cmn"],
            attributesToRetrieve: ["id"],
            showRankingScore: true,
          }),
        );
      } catch (error) {
        throw new SearchUnavailableError("Meilisearch did not answer the vendor search", { cause: error });
      }
      return response.hits.map((hit) => ({ id: hit.id, score: hit._rankingScore ?? 0 }));
    },

    async upsertVendors(documents) {
      await addVendorDocuments(documents);
    },

    async deleteVendors(ids) {
      if (ids.length) await succeeded(vendorIndex.deleteDocuments(ids));
    },

    async replaceAllVendors(documents) {
      await succeeded(vendorIndex.deleteAllDocuments());
      await addVendorDocuments(documents);
    },

    async applySettings() {
      await ensureIndex(indexUid);
      await succeeded(index.updateSettings(scenarioIndexSettings()));
      await ensureIndex(vendorIndexUid);
      await succeeded(vendorIndex.updateSettings(vendorIndexSettings()));
    },
  };
}
