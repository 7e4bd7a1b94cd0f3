// Matching scenarios and vendors: every weight lives here, and every point a match earns comes with
// the reason it was given, so that the ranking explains itself. Pure functions: the data is loaded by
// app/models/matching.server.ts. The reasoning behind the weights is in docs/decisions/011-matching.md.

import { isGeneric, similarity, type Similarity } from "./matching-terms";
import { CAPABILITIES } from "./vocabulary";

export const MATCH_WEIGHTS = {
  /** Times the share of the scenario's capabilities the vendor has tagged in its profile. */
  capabilityExact: 40,
  /** Times the share covered only in the vendor's own words (products, cases, summary), not tagged. */
  capabilitySynonym: 16,
  /** The vendor says it serves the scenario's domain. */
  domainServed: 6,
  /** Per selected proposal or pilot in the scenario's domain, up to `experienceCap`. */
  domainExperience: 2,
  /** The vendor says it serves the scenario's venue type. */
  venueServed: 5,
  /** Per selected proposal or pilot at the scenario's venue type, up to `experienceCap`. */
  venueExperience: 3,
  experienceCap: 3,
  /** The vendor is registered in the scenario's district. */
  sameDistrict: 2,
  /** The vendor serves the scenario's district (when not registered there). */
  servesDistrict: 1,
  /** Per pilot on a scenario sharing a capability with this one, up to `pilotCap`. */
  similarPilot: 2,
  pilotCap: 3,
  /** Per certified benchmark in a similar scenario (same domain, venue type or a shared capability), up to `benchmarkCap`. */
  similarBenchmark: 3,
  benchmarkCap: 2,
  /** A filed (备案) industry model, when the scenario needs a large language model. */
  filedModel: 8,
  /**
   * Times the similarity of the vendor's most similar reference case to the scenario: the share of
   * the scenario's terms (title, requirements, description; weighted by rarity over the whole corpus)
   * that the case's text contains (see `similarity` in matching-terms.ts).
   */
  similarCase: 30,
  /** Times the same similarity over all the vendor's product names and descriptions. */
  productFit: 20,
  /** The vendor serves (declares, or its text shows) an industry the scenario is in. */
  industry: 12,
  /**
   * A capability the scenario does not declare but its text shows (系统推断) counts this share of a
   * declared one: the system's reading is evidence, not the owner's word.
   */
  inferredNeedShare: 0.5,
  /** Below this similarity a case or the products are not called similar, and earn nothing. */
  similarityFloor: 0.2,
  /** Times the engine's full-text relevance, normalised to 0..1 over the candidates. */
  text: 20,
} as const;

/** The most points a match can earn: scores are shown as a share of it, 0–100. */
export const MAX_POINTS =
  MATCH_WEIGHTS.capabilityExact +
  MATCH_WEIGHTS.domainServed +
  MATCH_WEIGHTS.domainExperience * MATCH_WEIGHTS.experienceCap +
  MATCH_WEIGHTS.venueServed +
  MATCH_WEIGHTS.venueExperience * MATCH_WEIGHTS.experienceCap +
  MATCH_WEIGHTS.sameDistrict +
  MATCH_WEIGHTS.similarPilot * MATCH_WEIGHTS.pilotCap +
  MATCH_WEIGHTS.similarBenchmark * MATCH_WEIGHTS.benchmarkCap +
  MATCH_WEIGHTS.filedModel +
  MATCH_WEIGHTS.similarCase +
  MATCH_WEIGHTS.productFit +
  MATCH_WEIGHTS.industry +
  MATCH_WEIGHTS.text;

/** Venue types too vague to count as shared experience. */
export const UNSPECIFIC_VENUES = ["other"] as const;

/** Capabilities whose scenarios call for a filed generative model (备案 under the generative AI rules). */
export const NEEDS_FILED_MODEL = ["llm"] as const;

export type MatchReasonCode =
  | "capability_exact"
  | "capability_synonym"
  | "domain_served"
  | "domain_experience"
  | "venue_served"
  | "venue_experience"
  | "same_district"
  | "serves_district"
  | "similar_pilots"
  | "similar_benchmarks"
  | "filed_model"
  | "similar_case"
  | "product_fit"
  | "industry"
  | "text";

export interface MatchReason {
  code: MatchReasonCode;
  /** What this reason added to the score, in points (see MATCH_WEIGHTS). */
  points: number;
  /** Machine-readable values for the sentence: capability slugs, a domain or venue code, a count, names. */
  values: {
    capabilities?: string[];
    domain?: string;
    venue?: string;
    district?: string;
    count?: number;
    names?: string[];
    /** Text relevance, 0..1. */
    relevance?: number;
    /** The meaningful words the scenario and the vendor share, rarest first (never generic words alone). */
    terms?: string[];
    /** Industry codes (GB/T 4754 sections). */
    industries?: string[];
    /** The tag behind this reason was inferred by the system from text (系统推断), not declared. */
    inferred?: boolean;
  };
}

export type MissingCode = "capability" | "filed_model";
export interface MissingItem {
  code: MissingCode;
  values: { capabilities?: string[] };
}

/** What matching needs to know about a scenario. */
export interface ScenarioProfile {
  id: number;
  domain: string;
  venueType: string | null;
  district: string;
  /** Capability slugs. */
  capabilities: string[];
  /**
   * What the scenario is about, in its own words: its matching terms (jieba words of title,
   * requirements and description) with their field weight. See app/matching/features.server.ts.
   */
  terms?: ReadonlyMap<string, number>;
  /** Capabilities its text shows; used only when it declares none, and weighed below declared ones. */
  inferredCapabilities?: string[];
  /** Industries it is in (inferred from its organisation and text). */
  industries?: string[];
}

/** A scenario the vendor was selected for, piloted or turned into a certified benchmark (public facts only). */
export interface TrackRecordItem {
  scenarioId: number;
  domain: string;
  venueType: string | null;
  capabilities: string[];
  selected: boolean;
  pilot: boolean;
  certifiedBenchmark: boolean;
}

/** What matching needs to know about a vendor. */
export interface VendorProfile {
  id: number;
  district: string;
  /** Capability slugs the vendor has tagged. */
  capabilities: string[];
  /** The vendor's own words: summary, product names and descriptions, reference cases. */
  text: string;
  servedDomains: string[];
  servedVenueTypes: string[];
  servedDistricts: string[];
  /** Names of the vendor's industry models that carry a filing number. */
  filedModels: string[];
  trackRecord: TrackRecordItem[];
  /** Products, each with its name and description. */
  products?: { name: string; description: string }[];
  /** Reference cases: the client and what was done (the case's scenario text). */
  cases?: { client: string; scenario: string }[];
  /** Matching terms of the vendor's profile text (summary, products, cases), when known. */
  terms?: ReadonlySet<string>;
  /** Products and reference cases with their terms: what a reason can name. */
  parts?: { kind: "product" | "case"; name: string; terms: ReadonlySet<string> }[];
  /** False when the vendor has no profile text with a meaningful word: it is never recommended on text. */
  hasText?: boolean;
  /** Industries it serves (declared or inferred); `general` alone means a general-purpose vendor. */
  industries?: string[];
  /** Whether `industries` were inferred by the system rather than declared. */
  industriesInferred?: boolean;
}

/** How rare a term is across all scenarios and vendors (log(1 + N/df)); see app/matching/features.server.ts. */
export type Rarity = (term: string) => number;

export interface MatchResult {
  score: number;
  points: number;
  reasons: MatchReason[];
  missing: MissingItem[];
}

const fold = (text: string) => text.normalize("NFKC").toLowerCase();
const LATIN_ONLY = /^[\p{Script=Latin}\p{N}\s-]+$/u;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each capability's spellings, folded: Latin ones as whole-word patterns, Chinese ones as plain substrings. */
const SPELLINGS = new Map(
  CAPABILITIES.map((c) => {
    const spellings = [...new Set([c.zh, c.en, ...c.synonyms].map(fold))];
    const latin = spellings.filter((t) => LATIN_ONLY.test(t));
    return [
      c.slug,
      {
        chinese: spellings.filter((t) => !LATIN_ONLY.test(t)),
        latin: latin.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${latin.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "u") : null,
      },
    ] as const;
  }),
);

function mentionsFolded(folded: string, slug: string): boolean {
  const spellings = SPELLINGS.get(slug);
  if (!spellings) return false;
  return spellings.chinese.some((t) => folded.includes(t)) || (spellings.latin?.test(folded) ?? false);
}

/**
 * Whether the text names the capability in any spelling. Latin spellings must stand as whole words
 * ("CV" is not found inside "CVS"); Chinese ones are found anywhere, as Chinese has no spaces.
 */
export function mentionsCapability(text: string, slug: string): boolean {
  return mentionsFolded(fold(text), slug);
}

/**
 * How the scenario's capabilities are covered: `exact` when the vendor tagged the capability,
 * `synonym` when it did not but its own text names the capability in any spelling (大语言模型, LLM,
 * GPT for 大模型), `missing` otherwise.
 */
export function capabilityCoverage(scenario: ScenarioProfile, vendor: Pick<VendorProfile, "capabilities" | "text">) {
  const tagged = new Set(vendor.capabilities);
  let folded: string | null = null;
  const exact: string[] = [];
  const synonym: string[] = [];
  const missing: string[] = [];
  for (const slug of scenario.capabilities) {
    if (tagged.has(slug)) exact.push(slug);
    else if (mentionsFolded((folded ??= fold(vendor.text)), slug)) synonym.push(slug);
    else missing.push(slug);
  }
  return { exact, synonym, missing };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** A reference case's short name: its description up to the first colon or full stop. */
export function caseTitle(scenario: string): string {
  const head = scenario.split(/[：:。；;\n]/)[0]!.trim();
  return Array.from(head).length > 24 ? `${Array.from(head).slice(0, 24).join("")}…` : head;
}

/** Scores one vendor for one scenario. `textRelevance` is the engine's relevance, 0..1. */
export function scoreMatch(scenario: ScenarioProfile, vendor: VendorProfile, textRelevance = 0, rarity: Rarity = () => 1): MatchResult {
  const w = MATCH_WEIGHTS;
  const reasons: MatchReason[] = [];
  const add = (code: MatchReasonCode, points: number, values: MatchReason["values"]) => {
    if (points > 0) reasons.push({ code, points: round1(points), values });
  };

  // Declared needs count fully; needs the system read from the scenario's text (when it declares
  // none) count `inferredNeedShare` of that, and their absence is no gap worth listing.
  const inferredNeeds = scenario.capabilities.length === 0 && (scenario.inferredCapabilities?.length ?? 0) > 0;
  const needs = inferredNeeds ? { ...scenario, capabilities: scenario.inferredCapabilities! } : scenario;
  const coverage = capabilityCoverage(needs, vendor);
  const required = needs.capabilities.length;
  const share = inferredNeeds ? w.inferredNeedShare : 1;
  const flag = inferredNeeds ? { inferred: true } : {};
  if (required > 0) {
    add("capability_exact", (share * w.capabilityExact * coverage.exact.length) / required, { capabilities: coverage.exact, ...flag });
    add("capability_synonym", (share * w.capabilitySynonym * coverage.synonym.length) / required, { capabilities: coverage.synonym, ...flag });
  }

  const history = vendor.trackRecord.filter((item) => item.scenarioId !== scenario.id);
  const experienced = history.filter((item) => item.selected || item.pilot);

  if (vendor.servedDomains.includes(scenario.domain)) add("domain_served", w.domainServed, { domain: scenario.domain });
  const inDomain = experienced.filter((item) => item.domain === scenario.domain).length;
  add("domain_experience", w.domainExperience * Math.min(inDomain, w.experienceCap), { domain: scenario.domain, count: inDomain });

  if (scenario.venueType && !(UNSPECIFIC_VENUES as readonly string[]).includes(scenario.venueType)) {
    if (vendor.servedVenueTypes.includes(scenario.venueType)) add("venue_served", w.venueServed, { venue: scenario.venueType });
    const atVenue = experienced.filter((item) => item.venueType === scenario.venueType).length;
    add("venue_experience", w.venueExperience * Math.min(atVenue, w.experienceCap), { venue: scenario.venueType, count: atVenue });
  }

  if (vendor.district === scenario.district) add("same_district", w.sameDistrict, { district: scenario.district });
  else if (vendor.servedDistricts.includes(scenario.district)) add("serves_district", w.servesDistrict, { district: scenario.district });

  const shares = (item: TrackRecordItem) => item.capabilities.some((c) => scenario.capabilities.includes(c));
  const similarPilots = history.filter((item) => item.pilot && shares(item)).length;
  add("similar_pilots", w.similarPilot * Math.min(similarPilots, w.pilotCap), { count: similarPilots });
  const similarBenchmarks = history.filter(
    (item) =>
      item.certifiedBenchmark &&
      (item.domain === scenario.domain || (scenario.venueType !== null && item.venueType === scenario.venueType) || shares(item)),
  ).length;
  add("similar_benchmarks", w.similarBenchmark * Math.min(similarBenchmarks, w.benchmarkCap), { count: similarBenchmarks });

  const missing: MissingItem[] = [];
  if (coverage.missing.length && !inferredNeeds) missing.push({ code: "capability", values: { capabilities: coverage.missing } });
  if (scenario.capabilities.some((c) => (NEEDS_FILED_MODEL as readonly string[]).includes(c))) {
    if (vendor.filedModels.length) add("filed_model", w.filedModel, { names: vendor.filedModels });
    else missing.push({ code: "filed_model", values: {} });
  }

  // What experts look at first: has the vendor done this kind of work, and does it sell this kind of product?
  const terms = scenario.terms;
  const parts = vendor.parts ?? [];
  let profile: Similarity | null = null;
  if (terms?.size) {
    let best: { sim: Similarity; name: string } | null = null;
    for (const c of parts.filter((p) => p.kind === "case")) {
      const sim = similarity(terms, c.terms, rarity);
      if (!best || sim.value > best.sim.value) best = { sim, name: c.name };
    }
    if (best && best.sim.value >= w.similarityFloor) {
      add("similar_case", w.similarCase * best.sim.value, { names: [best.name], terms: best.sim.shared.slice(0, 3), relevance: round2(best.sim.value) });
    }
    const products = parts.filter((p) => p.kind === "product");
    const fit = similarity(terms, new Set(products.flatMap((p) => [...p.terms])), rarity);
    if (fit.value >= w.similarityFloor) {
      const named = products
        .map((p) => ({ name: p.name, n: fit.shared.filter((t) => p.terms.has(t)).length }))
        .filter((p) => p.n > 0)
        .sort((a, b) => b.n - a.n)
        .slice(0, 2)
        .map((p) => p.name);
      add("product_fit", w.productFit * fit.value, { names: named, terms: fit.shared.slice(0, 3), relevance: round2(fit.value) });
    }
    profile = vendor.terms ? similarity(terms, vendor.terms, rarity) : null;
  }

  // Industry fit: a hospital's scenario wants vendors serving 卫生和社会工作. A general-purpose vendor
  // (通用 only) is scored on capability alone: no points here, and no penalty.
  const sharedIndustries = (scenario.industries ?? []).filter((i) => i !== "general" && (vendor.industries ?? []).includes(i));
  if (sharedIndustries.length) add("industry", w.industry, { industries: sharedIndustries, ...(vendor.industriesInferred ? { inferred: true } : {}) });

  // Text: when both sides' terms are known, the same corpus-weighted similarity over the vendor's
  // whole profile (summary, products, cases), absolute rather than relative to the best candidate, so
  // a weak likeness stays weak whichever engine found the vendor; otherwise the engine's relevance.
  // Either way a vendor with no profile text, or sharing no meaningful word with the scenario, earns
  // nothing here: it is never recommended on text alone.
  if (vendor.hasText === false) {
    // nothing
  } else if (profile) {
    if (profile.shared.length) add("text", w.text * profile.value, { relevance: round2(profile.value), terms: profile.shared.slice(0, 3) });
  } else {
    const relevance = Math.max(0, Math.min(1, textRelevance));
    add("text", w.text * relevance, { relevance: round1(relevance * 100) / 100 });
  }

  const points = round1(reasons.reduce((sum, r) => sum + r.points, 0));
  reasons.sort((a, b) => b.points - a.points);
  return { score: Math.round((points / MAX_POINTS) * 100), points, reasons, missing };
}

/** Best first; ties broken by the lower id so that the order is stable. */
export function rankMatches<T extends { points: number; id: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.points - a.points || a.id - b.id);
}

/**
 * Normalises raw engine scores (higher is better) to 0..1 relative to the best candidate; a
 * candidate the engine did not find gets 0.
 */
export function normaliseRelevance(scores: Map<number, number>): Map<number, number> {
  const best = Math.max(0, ...scores.values());
  if (best <= 0) return new Map([...scores.keys()].map((id) => [id, 0]));
  return new Map([...scores].map(([id, s]) => [id, Math.max(0, s) / best]));
}
