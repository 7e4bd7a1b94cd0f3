// Parses the public list's query string (the same for pages and the JSON API). Bad values never
// throw: each becomes a `problem` the page shows as a notice and the API answers with a 400.

import { parseSearchText } from "~/search/text";
import { PUBLIC_PHASES } from "./public-phase";
import { COOPERATION_MODES, DISTRICTS, DOMAINS, TIERS, VENUE_TYPES } from "./vocabulary";

export const MAX_QUERY_LENGTH = 100;
export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
export const SORTS = ["relevance", "newest", "budget", "deadline"] as const;
export type Sort = (typeof SORTS)[number];

export const FACETS = ["domain", "district", "venue", "mode", "tier", "status"] as const;
export type Facet = (typeof FACETS)[number];

const FACET_VALUES: Record<Facet, readonly string[]> = {
  domain: DOMAINS,
  district: DISTRICTS,
  venue: VENUE_TYPES,
  mode: COOPERATION_MODES,
  tier: TIERS,
  // The public phase (open, closing within 7 days, awaiting selection, …), which follows the clock.
  status: PUBLIC_PHASES,
};

// Links and saved searches from before the phases filtered on the stored status "published".
const ALIASES: Partial<Record<Facet, Record<string, string>>> = { status: { published: "open" } };

export function facetValues(facet: Facet): readonly string[] {
  return FACET_VALUES[facet];
}

export interface ScenarioQuery {
  q: string;
  edition: number | null;
  batch: number | null;
  filters: Record<Facet, string[]>;
  budgetMin: number | null;
  budgetMax: number | null;
  sort: Sort;
  page: number;
}

export type QueryProblem =
  | { param: string; code: "unknown_value"; value: string }
  | { param: string; code: "not_a_number"; value: string }
  | { param: "page"; code: "out_of_range"; value: string }
  | { param: "q"; code: "too_long"; value: string }
  | { param: "q"; code: "no_searchable_text"; value: string }
  | { param: "budgetMin"; code: "min_above_max"; value: string }
  | { param: "batch"; code: "batch_without_edition"; value: string };

export interface ParsedQuery {
  query: ScenarioQuery;
  problems: QueryProblem[];
}

function parseNonNegative(raw: string | null, param: string, problems: QueryProblem[], integer: boolean): number | null {
  if (raw === null || raw.trim() === "") return null;
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    problems.push({ param, code: "not_a_number", value: raw });
    return null;
  }
  return value;
}

export function parseScenarioQuery(params: URLSearchParams): ParsedQuery {
  const problems: QueryProblem[] = [];

  // Whitespace and control characters collapse; the text is otherwise kept as typed.
  let q = (params.get("q") ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  if ([...q].length > MAX_QUERY_LENGTH) {
    problems.push({ param: "q", code: "too_long", value: String(MAX_QUERY_LENGTH) });
    q = [...q].slice(0, MAX_QUERY_LENGTH).join("");
  }
  if (q && parseSearchText(q).length === 0) {
    problems.push({ param: "q", code: "no_searchable_text", value: q });
    q = "";
  }

  const filters = {} as Record<Facet, string[]>;
  for (const facet of FACETS) {
    const allowed = FACET_VALUES[facet];
    const values = params.getAll(facet).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    filters[facet] = [];
    for (const raw of values) {
      const value = ALIASES[facet]?.[raw] ?? raw;
      if (allowed.includes(value)) {
        if (!filters[facet].includes(value)) filters[facet].push(value);
      } else problems.push({ param: facet, code: "unknown_value", value });
    }
  }

  const edition = parseNonNegative(params.get("edition"), "edition", problems, true);
  let batch = parseNonNegative(params.get("batch"), "batch", problems, true);
  if (batch !== null && edition === null) {
    problems.push({ param: "batch", code: "batch_without_edition", value: String(batch) });
    batch = null;
  }

  let budgetMin = parseNonNegative(params.get("budgetMin"), "budgetMin", problems, false);
  let budgetMax = parseNonNegative(params.get("budgetMax"), "budgetMax", problems, false);
  if (budgetMin !== null && budgetMax !== null && budgetMin > budgetMax) {
    problems.push({ param: "budgetMin", code: "min_above_max", value: String(budgetMin) });
    [budgetMin, budgetMax] = [budgetMax, budgetMin];
  }

  const rawSort = params.get("sort");
  let sort: Sort = q ? "relevance" : "newest";
  if (rawSort) {
    if ((SORTS as readonly string[]).includes(rawSort)) sort = rawSort as Sort;
    else problems.push({ param: "sort", code: "unknown_value", value: rawSort });
  }
  // Relevance means nothing without search text.
  if (sort === "relevance" && !q) sort = "newest";

  let page = 1;
  const rawPage = params.get("page");
  if (rawPage !== null && rawPage !== "") {
    const n = Number(rawPage);
    if (!Number.isInteger(n)) problems.push({ param: "page", code: "not_a_number", value: rawPage });
    else if (n < 1 || n > MAX_PAGE) problems.push({ param: "page", code: "out_of_range", value: rawPage });
    else page = n;
  }

  return { query: { q, edition, batch, filters, budgetMin, budgetMax, sort, page }, problems };
}

/** The query string for a query, in a stable order, leaving out defaults: for links and pagination. */
export function serializeScenarioQuery(query: ScenarioQuery, overrides: Partial<ScenarioQuery> = {}): URLSearchParams {
  const q = { ...query, ...overrides };
  const params = new URLSearchParams();
  if (q.q) params.set("q", q.q);
  if (q.edition !== null) params.set("edition", String(q.edition));
  if (q.batch !== null) params.set("batch", String(q.batch));
  for (const facet of FACETS) for (const value of q.filters[facet]) params.append(facet, value);
  if (q.budgetMin !== null) params.set("budgetMin", String(q.budgetMin));
  if (q.budgetMax !== null) params.set("budgetMax", String(q.budgetMax));
  if (q.sort !== (q.q ? "relevance" : "newest")) params.set("sort", q.sort);
  if (q.page !== 1) params.set("page", String(q.page));
  return params;
}

export function emptyScenarioQuery(): ScenarioQuery {
  return parseScenarioQuery(new URLSearchParams()).query;
}
