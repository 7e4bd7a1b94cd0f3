import { z } from "zod";
import { CAPABILITIES, DISTRICTS, DOMAINS, PRODUCT_KINDS, VENUE_TYPES } from "./vocabulary";

// The public vendor directory's state, as it sits in the query string:
// /vendors?q=导诊&cap=llm&domain=livelihood&venue=hospital&district=鼓楼区&kind=agent&filed=1&page=2
// Anything unreadable is dropped rather than refused: a shared link keeps working.

export const VENDOR_PAGE_SIZE = 20;
export const MAX_VENDOR_QUERY = 100;

const CAPABILITY_SLUGS = CAPABILITIES.map((c) => c.slug) as [string, ...string[]];
const drop = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);

export const vendorQuerySchema = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v?.normalize("NFKC").replace(/\s+/g, " ").trim().slice(0, MAX_VENDOR_QUERY) || undefined),
  cap: drop(z.enum(CAPABILITY_SLUGS)),
  domain: drop(z.enum(DOMAINS)),
  venue: drop(z.enum(VENUE_TYPES)),
  district: drop(z.enum(DISTRICTS)),
  kind: drop(z.enum(PRODUCT_KINDS)),
  filed: z.enum(["1"]).optional().catch(undefined).transform((v) => v === "1"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type VendorQuery = z.output<typeof vendorQuerySchema>;
export type VendorFacet = "cap" | "domain" | "venue" | "district" | "kind";
export const VENDOR_FACETS: readonly VendorFacet[] = ["cap", "domain", "venue", "district", "kind"];

export function parseVendorQuery(params: URLSearchParams): VendorQuery {
  return vendorQuerySchema.parse(Object.fromEntries(params.entries()));
}

/** The query string for a directory state; defaults are left out so links stay short. */
export function serializeVendorQuery(query: VendorQuery, change: Partial<VendorQuery> = {}): URLSearchParams {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.q) params.set("q", q.q);
  for (const facet of VENDOR_FACETS) {
    const value = q[facet];
    if (value) params.set(facet, value);
  }
  if (q.filed) params.set("filed", "1");
  if (q.page > 1) params.set("page", String(q.page));
  return params;
}

/** Whether any filter or search text narrows the directory. */
export function isFiltered(query: VendorQuery): boolean {
  return Boolean(query.q || query.filed || VENDOR_FACETS.some((f) => query[f]));
}

/**
 * The capabilities a search word names, in either language or by a synonym ("LLM", "机器视觉"),
 * so that a vendor tagged 大模型 is found by "LLM" although no text of its says so.
 */
export function capabilitiesNamedBy(word: string): string[] {
  const needle = word.toLowerCase();
  if (needle.length < 2) return [];
  return CAPABILITIES.filter((c) => [c.zh, c.en, ...c.synonyms].some((name) => name.toLowerCase().includes(needle))).map((c) => c.slug);
}

/** The plan's product goals (十百千万): 100 industry models, 1,000 smart terminals and agents. */
export const PRODUCT_TARGETS = { industryModels: 100, terminalsAndAgents: 1000 } as const;
