// The one search interface. Routes and models talk to a SearchEngine; which implementation runs
// (embedded SQLite FTS5 or Meilisearch) is decided once at start-up in search.server.ts.

import type { Facet, ScenarioQuery } from "~/domain/scenario-query";

/** What both engines index for a scenario: built from the database, the source of truth. */
export interface ScenarioDocument {
  id: number;
  code: string | null;
  title: string;
  description: string;
  requirements: string;
  organisation: string;
  capabilities: string[];
  domain: string;
  district: string;
  venueType: string | null;
  cooperationMode: string;
  tier: string;
  status: string;
  budgetWan: number | null;
  editionYear: number;
  batchOrdinal: number | null;
  /** Unix seconds, for sorting; null before publication. */
  publishedAt: number | null;
  proposalDeadline: number | null;
}

export type FacetCounts = Record<Facet, Record<string, number>>;

export interface ScenarioSearchRequest {
  query: ScenarioQuery;
  pageSize: number;
  /** Count every facet value (disjunctively: each facet ignores its own selection). */
  withFacets: boolean;
  /** The clock the public phases are read at (app/domain/public-phase.ts); the current time by default. */
  now?: Date;
}

export interface ScenarioSearchResponse {
  total: number;
  /** Scenario ids of the requested page, in order. */
  ids: number[];
  facets: FacetCounts | null;
}

/** What both engines index for a verified vendor: built from the database by `loadVendorDocuments`. */
export interface VendorDocument {
  id: number;
  name: string;
  district: string;
  summary: string;
  /** Capability names (Chinese), for the text; `capabilitySlugs` for filters. */
  capabilities: string[];
  capabilitySlugs: string[];
  /** Product names and descriptions, one per line. */
  products: string;
  /** Reference cases: client, scenario and result, one per line. */
  cases: string;
  servedDomains: string[];
  servedVenueTypes: string[];
  servedDistricts: string[];
}

export interface VendorSearchFilters {
  /** Any of these capability slugs. */
  capabilities?: string[];
  /** Registered in any of these districts. */
  districts?: string[];
}

export interface VendorSearchHit {
  id: number;
  /** The engine's relevance, higher is better; comparable only within one answer. */
  score: number;
}

/** A search server's version and what it means for this site (Meilisearch only). */
export interface SearchServerVersion {
  version: string;
  /**
   * `unsupported` below 1.10 (settings and searches are refused), `noChineseSplit` below 1.15
   * (long Chinese words are not split, so many Chinese searches find less), `unknown` when the
   * version cannot be read.
   */
  support: "supported" | "noChineseSplit" | "unsupported" | "unknown";
}

export interface SearchEngine {
  readonly name: "embedded" | "meilisearch";
  /**
   * Vendors whose text matches ANY of the words (capability synonyms included), best first. Meant
   * for matching: a long text is a bag of words, not a phrase that must match whole.
   */
  searchVendors(text: string, filters: VendorSearchFilters, limit: number): Promise<VendorSearchHit[]>;
  upsertVendors(documents: VendorDocument[]): Promise<void>;
  deleteVendors(ids: number[]): Promise<void>;
  /** Replaces the whole vendor index with these documents. */
  replaceAllVendors(documents: VendorDocument[]): Promise<void>;
  searchScenarios(request: ScenarioSearchRequest): Promise<ScenarioSearchResponse>;
  upsertScenarios(documents: ScenarioDocument[]): Promise<void>;
  deleteScenarios(ids: number[]): Promise<void>;
  /**
   * Replaces the whole index with these documents, atomically: searches see the old index until
   * the new one is complete (Meilisearch builds a fresh index and swaps it in).
   */
  replaceAllScenarios(documents: ScenarioDocument[]): Promise<void>;
  /** How many scenario documents the index holds (for the office's search page). */
  countScenarios(): Promise<number>;
  /** Creates indexes and applies settings; safe to call on every start. Refuses a server below the version floor. */
  applySettings(): Promise<void>;
  /** The server's version (`GET /version`); engines without a server leave it out. */
  serverVersion?(): Promise<SearchServerVersion>;
}

export class SearchUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SearchUnavailableError";
  }
}
