// Matching: the vendors that fit a scenario and the open scenarios that fit a vendor, each with its
// reasons. Candidates come from the search engine's full-text relevance (either engine, through the
// SearchEngine interface) united with everything sharing a capability in the database; the
// structured signals for all candidates are loaded in a handful of set queries and scored by the
// pure rules in app/domain/matching.ts.

import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import {
  normaliseRelevance,
  rankMatches,
  scoreMatch,
  type MatchReason,
  type MissingItem,
  type ScenarioProfile,
  type TrackRecordItem,
  type VendorProfile,
} from "~/domain/matching";
import { isOpen } from "~/domain/proposals";
import { emptyScenarioQuery } from "~/domain/scenario-query";
import { CAPABILITIES, PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import { loadVendorDocuments } from "~/search/documents.server";
import { SearchUnavailableError, type SearchEngine } from "~/search/engine";
import { isGeneric } from "~/domain/matching-terms";
import { loadScenarioFeatures, loadVendorFeatures, termStats, vendorsInIndustries, type ScenarioFeatures, type TermStats, type VendorFeatures } from "~/matching/features.server";

export interface VendorMatch {
  vendorId: number;
  name: string;
  district: string;
  /** 0–100: the share of the most points a match can earn. */
  score: number;
  points: number;
  reasons: MatchReason[];
  missing: MissingItem[];
}

export interface ScenarioMatch {
  scenarioId: number;
  code: string | null;
  title: string;
  organisation: string;
  proposalDeadline: string | null;
  score: number;
  points: number;
  reasons: MatchReason[];
  missing: MissingItem[];
}

const DEFAULT_LIMIT = 10;
/** How many full-text hits each engine query contributes to the candidates. */
const TEXT_CANDIDATES = 200;
/**
 * How many capability-sharing subjects join the candidates, best pre-ranked first. Without a cap a
 * common capability brought thousands of vendors or scenarios, each loaded and scored on every page view.
 */
const CAPABILITY_CANDIDATES = 300;
/** How many candidates, best pre-scored first, get their full profiles loaded and scored. */
const FULL_SCORE = 160;
/** SQLite takes 32,766 bound values; stay far below it. */
const CHUNK = 5000;

const CAPABILITY_ZH = new Map(CAPABILITIES.map((c) => [c.slug, c.zh]));

async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type ScenarioRow = ScenarioProfile & { status: string; code: string | null; title: string; requirements: string; organisation: string; proposalDeadline: string | null };

/** Scenario profiles with what the lists show, for the given ids, in one query plus one for capabilities. */
async function loadScenarioProfiles(db: DB, ids: number[]): Promise<Map<number, ScenarioRow>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom("scenarios as s")
      .innerJoin("organisations as o", "o.id", "s.organisation_id")
      .where("s.id", "in", chunk)
      .select(["s.id", "s.status", "s.code", "s.title", "s.requirements", "s.domain", "s.venue_type", "s.district", "s.proposal_deadline", "o.name as organisation"])
      .execute(),
  );
  const capabilities = await scenarioCapabilities(db, ids);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        status: r.status,
        code: r.code,
        title: r.title,
        requirements: r.requirements,
        organisation: r.organisation,
        proposalDeadline: r.proposal_deadline,
        domain: r.domain,
        venueType: r.venue_type,
        district: r.district,
        capabilities: capabilities.get(r.id) ?? [],
      },
    ]),
  );
}

async function scenarioCapabilities(db: DB, ids: number[]): Promise<Map<number, string[]>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom("scenario_capabilities as sc")
      .innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .where("sc.scenario_id", "in", chunk)
      .select(["sc.scenario_id", "c.slug"])
      .orderBy("c.id")
      .execute(),
  );
  const map = new Map<number, string[]>();
  for (const r of rows) push(map, r.scenario_id, r.slug);
  return map;
}

type VendorRow = VendorProfile & { name: string; productText: string };

/**
 * Profiles of the given verified vendors (others are left out), with their public track record:
 * selected proposals (announced), pilots and certified benchmarks. Sealed proposals never count.
 */
async function loadVendorProfiles(db: DB, ids: number[]): Promise<Map<number, VendorRow>> {
  const documents = await inChunks(ids, (chunk) => loadVendorDocuments(db, chunk));
  const vendorIds = documents.map((d) => d.id);
  if (!vendorIds.length) return new Map();
  const publicStatuses = [...PUBLIC_SCENARIO_STATUSES];
  const [products, cases, selected, pilots, benchmarks] = await Promise.all([
    inChunks(vendorIds, (chunk) =>
      db.selectFrom("products").where("organisation_id", "in", chunk)
        .select(["organisation_id", "name", "description", "kind", "filing_number"]).orderBy("id").execute(),
    ),
    inChunks(vendorIds, (chunk) =>
      db.selectFrom("reference_cases").where("organisation_id", "in", chunk)
        .select(["organisation_id", "client", "scenario"]).orderBy("id").execute(),
    ),
    inChunks(vendorIds, (chunk) =>
      db.selectFrom("proposals as p").innerJoin("scenarios as s", "s.id", "p.scenario_id")
        .where("p.vendor_id", "in", chunk).where("p.status", "=", "selected").where("s.status", "in", publicStatuses)
        .select(["p.vendor_id", "p.scenario_id"]).execute(),
    ),
    inChunks(vendorIds, (chunk) =>
      db.selectFrom("pilots").where("vendor_id", "in", chunk).select(["vendor_id", "scenario_id"]).execute(),
    ),
    inChunks(vendorIds, (chunk) =>
      db.selectFrom("benchmark_applications as ba").innerJoin("pilots as pi", "pi.id", "ba.pilot_id")
        .where("pi.vendor_id", "in", chunk).where("ba.status", "=", "certified")
        .select(["pi.vendor_id", "ba.scenario_id"]).execute(),
    ),
  ]);

  // One record per vendor and scenario, whichever of the three facts it comes from.
  const records = new Map<number, Map<number, TrackRecordItem>>();
  const record = (vendorId: number, scenarioId: number) => {
    let byScenario = records.get(vendorId);
    if (!byScenario) records.set(vendorId, (byScenario = new Map()));
    let item = byScenario.get(scenarioId);
    if (!item) {
      item = { scenarioId, domain: "", venueType: null, capabilities: [], selected: false, pilot: false, certifiedBenchmark: false };
      byScenario.set(scenarioId, item);
    }
    return item;
  };
  for (const r of selected) record(r.vendor_id, r.scenario_id).selected = true;
  for (const r of pilots) record(r.vendor_id, r.scenario_id).pilot = true;
  for (const r of benchmarks) record(r.vendor_id, r.scenario_id).certifiedBenchmark = true;
  const pastIds = [...new Set([...records.values()].flatMap((m) => [...m.keys()]))];
  const past = pastIds.length ? await loadScenarioProfiles(db, pastIds) : new Map<number, ScenarioRow>();
  for (const byScenario of records.values()) {
    for (const item of byScenario.values()) {
      const s = past.get(item.scenarioId);
      if (!s) continue;
      item.domain = s.domain;
      item.venueType = s.venueType;
      item.capabilities = s.capabilities;
    }
  }

  const filed = new Map<number, string[]>();
  const productsOf = new Map<number, { name: string; description: string }[]>();
  for (const p of products) {
    push(productsOf, p.organisation_id, { name: p.name, description: p.description });
    if (p.kind === "industry_model" && p.filing_number) push(filed, p.organisation_id, p.name);
  }
  const casesOf = new Map<number, { client: string; scenario: string }[]>();
  for (const c of cases) push(casesOf, c.organisation_id, { client: c.client, scenario: c.scenario });

  return new Map(
    documents.map((d) => [
      d.id,
      {
        id: d.id,
        name: d.name,
        district: d.district,
        capabilities: d.capabilitySlugs,
        text: [d.summary, d.products, d.cases].join("\n"),
        productText: d.products,
        servedDomains: d.servedDomains,
        servedVenueTypes: d.servedVenueTypes,
        servedDistricts: d.servedDistricts,
        filedModels: filed.get(d.id) ?? [],
        trackRecord: [...(records.get(d.id)?.values() ?? [])],
        products: productsOf.get(d.id) ?? [],
        cases: casesOf.get(d.id) ?? [],
      },
    ]),
  );
}

/** The engine's answer, or nothing when it is down: matching then runs on the database signals alone. */
async function tolerant<T>(search: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await search();
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    console.warn(`[matching] search engine unavailable, matching without text relevance: ${error.message}`);
    return fallback;
  }
}

/** A scenario profile with its matching features: terms, inferred capabilities and industries. */
function withScenarioFeatures<T extends ScenarioProfile>(s: T, f: ScenarioFeatures | undefined): T {
  if (!f) return s;
  return { ...s, terms: f.terms, inferredCapabilities: f.inferredCapabilities, industries: f.inferredIndustries };
}

/** A vendor profile with its matching features: terms, products and cases with their terms, industries. */
function withVendorFeatures<T extends VendorProfile>(v: T, f: VendorFeatures | undefined): T {
  if (!f) return v;
  return { ...v, terms: f.terms, parts: f.parts, hasText: f.hasText, industries: f.inferredIndustries, industriesInferred: true };
}

/** The words to look a scenario's vendors up by: its most telling terms, rarest and most central first. */
export function scenarioKeywords(capabilityNames: string[], features: ScenarioFeatures | undefined, stats: TermStats, max = 24): string[] {
  const ranked = [...(features?.terms ?? new Map<string, number>())]
    .filter(([t]) => !isGeneric(t))
    .map(([t, fieldWeight]) => ({ t, w: fieldWeight * stats.rarity(t) }))
    .sort((a, b) => b.w - a.w || a.t.localeCompare(b.t))
    .map((x) => x.t);
  return [...new Set([...capabilityNames, ...ranked])].slice(0, max);
}

/** The verified vendors that fit a scenario best, with reasons and what each is missing. */
export async function matchVendorsForScenario(
  db: DB,
  engine: SearchEngine,
  scenarioId: number,
  options: { limit?: number } = {},
): Promise<VendorMatch[]> {
  const profile = (await loadScenarioProfiles(db, [scenarioId])).get(scenarioId);
  if (!profile) return [];
  const [features, stats] = await Promise.all([loadScenarioFeatures(db, [scenarioId]), termStats(db)]);
  const scenario = withScenarioFeatures(profile, features.get(scenarioId));
  const needs = scenario.capabilities.length ? scenario.capabilities : (scenario.inferredCapabilities ?? []);

  // The same keywords go to either engine: capability names (their synonyms are expanded by the
  // engine), then the scenario's most telling words.
  const text = scenarioKeywords(needs.map((slug) => CAPABILITY_ZH.get(slug) ?? slug), features.get(scenarioId), stats).join(" ");
  const [hits, sharing, sameIndustry] = await Promise.all([
    tolerant(() => engine.searchVendors(text, {}, TEXT_CANDIDATES), []),
    scenario.capabilities.length
      ? db
          .selectFrom("vendor_capabilities as vc")
          .innerJoin("capabilities as c", "c.id", "vc.capability_id")
          .innerJoin("organisations as o", "o.id", "vc.organisation_id")
          .where("c.slug", "in", scenario.capabilities)
          .where("o.kind", "=", "vendor")
          .where("o.verified", "=", 1)
          .groupBy("vc.organisation_id")
          .select("vc.organisation_id")
          // Pre-ranked in SQL: the vendors sharing the most of the scenario's capabilities first
          // (capability points grow with the share covered), capped so scoring stays bounded.
          .orderBy((eb) => eb.fn.countAll(), "desc")
          .orderBy("vc.organisation_id")
          .limit(CAPABILITY_CANDIDATES)
          .execute()
      : Promise.resolve([]),
    vendorsInIndustries(db, scenario.industries ?? []),
  ]);
  const relevance = normaliseRelevance(new Map(hits.map((h) => [h.id, h.score])));
  const candidates = [...new Set([...hits.map((h) => h.id), ...sharing.map((r) => r.organisation_id), ...sameIndustry])];
  // A cheap pre-score on the precomputed features keeps the most promising candidates before their
  // full profiles and track records are loaded and scored.
  const vendorFeatures = await loadVendorFeatures(db, candidates);
  const tagged = new Map(sharing.map((r) => [r.organisation_id, true]));
  const scenarioTerms = [...(scenario.terms ?? new Map<string, number>())].filter(([t]) => !isGeneric(t));
  const termTotal = scenarioTerms.reduce((sum, [t, w]) => sum + w * stats.rarity(t), 0) || 1;
  const industries = new Set(sameIndustry);
  const pre = (id: number) => {
    const f = vendorFeatures.get(id);
    const overlap = f ? scenarioTerms.reduce((sum, [t, w]) => sum + (f.terms.has(t) ? w * stats.rarity(t) : 0), 0) / termTotal : 0;
    return (relevance.get(id) ?? 0) + (tagged.has(id) ? 1 : 0) + overlap + (industries.has(id) ? 0.5 : 0);
  };
  const kept = candidates.length > FULL_SCORE ? [...candidates].sort((a, b) => pre(b) - pre(a) || a - b).slice(0, FULL_SCORE) : candidates;
  const profiles = await loadVendorProfiles(db, kept);
  const vendors = new Map([...profiles].map(([id, v]) => [id, withVendorFeatures(v, vendorFeatures.get(id))]));

  const scored = [...vendors.values()].map((v) => ({ id: v.id, vendor: v, ...scoreMatch(scenario, v, relevance.get(v.id) ?? 0, stats.rarity) }));
  return rankMatches(scored.filter((m) => m.points > 0))
    .slice(0, options.limit ?? DEFAULT_LIMIT)
    .map((m) => ({
      vendorId: m.id,
      name: m.vendor.name,
      district: m.vendor.district,
      score: m.score,
      points: m.points,
      reasons: m.reasons,
      missing: m.missing,
    }));
}

/** Open scenarios (published, proposals still accepted) that fit a vendor best, with reasons. */
export async function matchScenariosForVendor(
  db: DB,
  engine: SearchEngine,
  vendorId: number,
  options: { limit?: number; now?: Date } = {},
): Promise<ScenarioMatch[]> {
  const profile = (await loadVendorProfiles(db, [vendorId])).get(vendorId);
  if (!profile) return [];
  const [features, stats] = await Promise.all([loadVendorFeatures(db, [vendorId]), termStats(db)]);
  const vendor = withVendorFeatures(profile, features.get(vendorId));
  const nowDate = options.now ?? new Date();
  const now = nowDate.toISOString();

  // One engine query per word: the scenario search wants every word of a query, and each of the
  // vendor's capabilities (its synonyms included) or most telling product words is a reason of its own.
  const productWords = [...new Set((vendor.parts ?? []).filter((p) => p.kind === "product").flatMap((p) => [...p.terms]))]
    .filter((t) => !isGeneric(t))
    .sort((a, b) => stats.rarity(b) - stats.rarity(a) || a.localeCompare(b));
  const words = [...new Set([...vendor.capabilities.map((slug) => CAPABILITY_ZH.get(slug) ?? slug), ...productWords])].slice(0, 10);
  const base = emptyScenarioQuery();
  const [answers, open] = await Promise.all([
    Promise.all(
      words.map((q) =>
        tolerant(
          () =>
            engine.searchScenarios({
              query: { ...base, q, filters: { ...base.filters, status: ["published"] }, sort: "relevance" },
              pageSize: TEXT_CANDIDATES,
              withFacets: false,
            }),
          { total: 0, ids: [], facets: null },
        ),
      ),
    ),
    vendor.capabilities.length
      ? db
          .selectFrom("scenarios as s")
          .innerJoin("scenario_capabilities as sc", "sc.scenario_id", "s.id")
          .innerJoin("capabilities as c", "c.id", "sc.capability_id")
          .where("s.status", "=", "published")
          .where("s.proposal_deadline", ">", now)
          .where("c.slug", "in", vendor.capabilities)
          .groupBy("s.id")
          .select("s.id")
          // Pre-ranked in SQL: the open scenarios the vendor covers the largest share of first
          // (shared capabilities over the scenario's own count), capped so scoring stays bounded.
          .orderBy(
            sql`cast(count(*) as real) / (select count(*) from scenario_capabilities x where x.scenario_id = s.id)`,
            "desc",
          )
          .orderBy("s.id")
          .limit(CAPABILITY_CANDIDATES)
          .execute()
      : Promise.resolve([]),
  ]);

  // A scenario found by more of the vendor's words, and nearer the top of each answer, is more relevant.
  const raw = new Map<number, number>();
  for (const answer of answers) {
    answer.ids.forEach((id, rank) => raw.set(id, (raw.get(id) ?? 0) + 1 - rank / (TEXT_CANDIDATES * 2)));
  }
  const candidates = [...new Set([...raw.keys(), ...open.map((r) => r.id)])];
  const scenarios = await loadScenarioProfiles(db, candidates);
  const openOnes = [...scenarios.values()].filter((s) => s.status === "published" && isOpen(s.proposalDeadline, nowDate));
  const openIds = new Set(openOnes.map((s) => s.id));
  const relevance = normaliseRelevance(new Map([...raw].filter(([id]) => openIds.has(id))));

  const scenarioFeatures = await loadScenarioFeatures(db, openOnes.map((s) => s.id));
  const scored = openOnes.map((s) => {
    const scenario = withScenarioFeatures(s, scenarioFeatures.get(s.id));
    return { id: s.id, scenario, ...scoreMatch(scenario, vendor, relevance.get(s.id) ?? 0, stats.rarity) };
  });
  return rankMatches(scored.filter((m) => m.points > 0))
    .slice(0, options.limit ?? DEFAULT_LIMIT)
    .map((m) => ({
      scenarioId: m.id,
      code: m.scenario.code,
      title: m.scenario.title,
      organisation: m.scenario.organisation,
      proposalDeadline: m.scenario.proposalDeadline,
      score: m.score,
      points: m.points,
      reasons: m.reasons,
      missing: m.missing,
    }));
}
