// The public showcase of certified benchmarks (/benchmarks): its query string, filtering and
// counts over the certified set, the headline result of a card, and the title of a draft started
// from a benchmark. Pure: the certified set is small (hundreds), so it is filtered here, in memory.

import { normalise, parseSearchText } from "~/search/text";
import { CAPABILITIES, DISTRICTS, DOMAINS, VENUE_TYPES } from "./vocabulary";

export const BENCHMARK_NUMBER = /^BM-\d{4}-\d{4}$/;
export const SHOWCASE_PAGE_SIZE = 12;
export const MAX_SHOWCASE_QUERY = 100;

export const SHOWCASE_FACETS = ["domain", "venue", "district", "year", "capability"] as const;
export type ShowcaseFacet = (typeof SHOWCASE_FACETS)[number];

const FIXED_VALUES: Record<Exclude<ShowcaseFacet, "year">, readonly string[]> = {
  domain: DOMAINS,
  venue: VENUE_TYPES,
  district: DISTRICTS,
  capability: CAPABILITIES.map((c) => c.slug),
};

export interface ShowcaseQuery {
  q: string;
  filters: Record<ShowcaseFacet, string[]>;
  page: number;
}

/** One certified benchmark as the filter sees it. */
export interface ShowcaseEntry {
  id: number;
  domain: string;
  venue: string | null;
  district: string;
  /** Year of certification, Beijing time. */
  year: string;
  capabilities: string[];
  /** Title, organisation, vendor, narrative, KPI names and capability names, for the text search. */
  text: string;
}

/** Normalises a benchmark number as typed in a URL (bm-2026-0042); null if it cannot be one. */
export function parseBenchmarkNumber(raw: string | undefined): string | null {
  const number = (raw ?? "").trim().toUpperCase();
  return BENCHMARK_NUMBER.test(number) ? number : null;
}

/** Reads the query string; unknown values are dropped (a link to a page is never an error). */
export function parseShowcaseQuery(params: URLSearchParams): ShowcaseQuery {
  const q = [...(params.get("q") ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim()]
    .slice(0, MAX_SHOWCASE_QUERY).join("");
  const filters = {} as Record<ShowcaseFacet, string[]>;
  for (const facet of SHOWCASE_FACETS) {
    const values = params.getAll(facet).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    const allowed = (v: string) => (facet === "year" ? /^20\d{2}$/.test(v) : FIXED_VALUES[facet].includes(v));
    filters[facet] = [...new Set(values.filter(allowed))];
  }
  const page = Number(params.get("page") ?? "1");
  return { q, filters, page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1 };
}

export function serializeShowcaseQuery(query: ShowcaseQuery, overrides: Partial<ShowcaseQuery> = {}): URLSearchParams {
  const v = { ...query, ...overrides };
  const params = new URLSearchParams();
  if (v.q) params.set("q", v.q);
  for (const facet of SHOWCASE_FACETS) for (const value of v.filters[facet]) params.append(facet, value);
  if (v.page !== 1) params.set("page", String(v.page));
  return params;
}

function facetValue(entry: ShowcaseEntry, facet: ShowcaseFacet): string[] {
  switch (facet) {
    case "domain": return [entry.domain];
    case "venue": return entry.venue ? [entry.venue] : [];
    case "district": return [entry.district];
    case "year": return [entry.year];
    case "capability": return entry.capabilities;
  }
}

/** Every search word (or one of its capability synonyms) appears in the text: a substring match, so 医 finds 医院. */
function matchesText(entry: ShowcaseEntry, q: string): boolean {
  const terms = parseSearchText(q);
  if (!terms.length) return true;
  const text = normalise(entry.text);
  return terms.every((t) => t.alternatives.some((a) => text.includes(a)));
}

function matchesFacets(entry: ShowcaseEntry, filters: ShowcaseQuery["filters"], except?: ShowcaseFacet): boolean {
  return SHOWCASE_FACETS.every((facet) => {
    const wanted = filters[facet];
    if (facet === except || !wanted.length) return true;
    // Within a facet any chosen value will do; across facets all must hold.
    return facetValue(entry, facet).some((v) => wanted.includes(v));
  });
}

export interface ShowcaseResult {
  /** Ids of all matching entries, in the order given. */
  ids: number[];
  /** Per facet, how many entries each value would give: each facet ignores its own selection. */
  facets: Record<ShowcaseFacet, Record<string, number>>;
  /** The years there are benchmarks for, newest first (the year filter's choices). */
  years: string[];
}

export function filterShowcase(entries: ShowcaseEntry[], query: ShowcaseQuery): ShowcaseResult {
  const byText = query.q ? entries.filter((e) => matchesText(e, query.q)) : entries;
  const facets = {} as ShowcaseResult["facets"];
  for (const facet of SHOWCASE_FACETS) {
    const counts: Record<string, number> = {};
    for (const entry of byText) {
      if (!matchesFacets(entry, query.filters, facet)) continue;
      for (const value of facetValue(entry, facet)) counts[value] = (counts[value] ?? 0) + 1;
    }
    facets[facet] = counts;
  }
  return {
    ids: byText.filter((e) => matchesFacets(e, query.filters)).map((e) => e.id),
    facets,
    years: [...new Set(entries.map((e) => e.year))].sort().reverse(),
  };
}

/** The year in Beijing of an ISO instant. */
export function beijingYear(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 4);
}

export interface KpiResult {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  measured: number | null;
  higherIsBetter: boolean;
}

/**
 * How much better the measured value is than the baseline, in percent of the baseline, in the
 * KPI's good direction (a waiting time down from 30 to 12 minutes is +60). Null when unmeasured or
 * when the baseline is 0 (no percentage of nothing).
 */
export function improvementPercent(kpi: KpiResult): number | null {
  if (kpi.measured === null || kpi.baseline === 0) return null;
  const change = kpi.higherIsBetter ? kpi.measured - kpi.baseline : kpi.baseline - kpi.measured;
  return Math.round((change / Math.abs(kpi.baseline)) * 1000) / 10;
}

/**
 * The KPI a card leads with: the most improved one relative to its baseline (ties: the first
 * recorded); if none has a percentage, the first measured one; null if nothing was measured.
 */
export function headlineKpi<K extends KpiResult>(kpis: K[]): { kpi: K; improvement: number | null } | null {
  let best: { kpi: K; improvement: number | null } | null = null;
  for (const kpi of kpis) {
    if (kpi.measured === null) continue;
    const improvement = improvementPercent(kpi);
    if (!best || (improvement !== null && (best.improvement === null || improvement > best.improvement))) best = { kpi, improvement };
  }
  return best;
}

/**
 * "参照 BM-2026-0042：…", cut to the title limit (counted as the form counts it, in UTF-16 units)
 * with an ellipsis, never inside a character.
 */
export function replicaTitle(number: string, title: string, max = 100): string {
  const full = `参照 ${number}：${title.trim()}`;
  if (full.length <= max) return full;
  let cut = "";
  for (const ch of full) {
    if (cut.length + ch.length > max - 1) break;
    cut += ch;
  }
  return `${cut}…`;
}
