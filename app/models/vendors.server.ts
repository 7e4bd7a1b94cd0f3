import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DB } from "~/db/db.server";
import type { Database, OrganisationTable } from "~/db/schema";
import { capabilitiesNamedBy, VENDOR_PAGE_SIZE, type VendorFacet, type VendorQuery } from "~/domain/vendor-directory";
import type { ProductKind } from "~/domain/vocabulary";

// The public vendor directory and vendor pages. Only verified vendor organisations are public.
// Text search is SQL LIKE over names, profiles, products and reference cases: enough for a few
// thousand vendors. `listVendors` is the one place that knows this, so a search engine can
// replace it later without touching the routes.

type OrgScope = ExpressionBuilder<Database & { o: OrganisationTable }, "o">;
type Served = "domain" | "venue_type" | "district";

// A selected proposal whose scenario went on to these is the vendor's public track record.
const TRACK_RECORD_STATUSES = ["matched", "piloting", "benchmark"] as const;

const SERVED_FACET: Record<"domain" | "venue" | "district", Served> = { domain: "domain", venue: "venue_type", district: "district" };

/** Matches `value` anywhere in a column, with LIKE's own wildcards in it taken literally. */
function contains(column: string, value: string) {
  const pattern = `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

function textMatch(eb: OrgScope, word: string): Expression<SqlBool> {
  const slugs = capabilitiesNamedBy(word);
  return eb.or([
    contains("o.name", word),
    contains("o.summary", word),
    eb.exists(eb.selectFrom("products as p").whereRef("p.organisation_id", "=", "o.id")
      .where((e) => e.or([contains("p.name", word), contains("p.description", word), contains("p.filing_number", word)]))
      .select(sql`1`.as("x"))),
    eb.exists(eb.selectFrom("reference_cases as rc").whereRef("rc.organisation_id", "=", "o.id")
      .where((e) => e.or([contains("rc.client", word), contains("rc.scenario", word), contains("rc.result", word)]))
      .select(sql`1`.as("x"))),
    ...(slugs.length
      ? [eb.exists(eb.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
          .whereRef("vc.organisation_id", "=", "o.id").where("c.slug", "in", slugs).select(sql`1`.as("x")))]
      : []),
  ]);
}

/**
 * How well a vendor matches the search words: a hit in its name counts most, then in a product's
 * name, then in its summary; a hit only in a case or description still counts, for the least.
 */
function relevance(eb: OrgScope, words: string[]) {
  const score = (word: string) => sql<number>`(
    (${contains("o.name", word)}) * 4
    + (${eb.exists(eb.selectFrom("products as p").whereRef("p.organisation_id", "=", "o.id").where(contains("p.name", word)).select(sql`1`.as("x")))}) * 3
    + (${contains("o.summary", word)}))`;
  return sql.join(words.map(score), sql` + `);
}

/** The directory's conditions; `except` leaves one filter out, for that filter's own counts. */
function conditions(eb: OrgScope, query: VendorQuery, except?: VendorFacet | "filed"): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [eb("o.kind", "=", "vendor"), eb("o.verified", "=", 1)];
  for (const word of query.q?.split(" ") ?? []) all.push(textMatch(eb, word));
  if (query.cap && except !== "cap") {
    all.push(eb.exists(eb.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
      .whereRef("vc.organisation_id", "=", "o.id").where("c.slug", "=", query.cap).select(sql`1`.as("x"))));
  }
  for (const facet of ["domain", "venue", "district"] as const) {
    const value = query[facet];
    if (!value || except === facet) continue;
    all.push(eb.exists(eb.selectFrom("vendor_served as vs").whereRef("vs.organisation_id", "=", "o.id")
      .where("vs.facet", "=", SERVED_FACET[facet]).where("vs.value", "=", value).select(sql`1`.as("x"))));
  }
  if (query.kind && except !== "kind") {
    all.push(eb.exists(eb.selectFrom("products as p").whereRef("p.organisation_id", "=", "o.id")
      .where("p.kind", "=", query.kind).select(sql`1`.as("x"))));
  }
  if (query.filed && except !== "filed") {
    all.push(eb.exists(eb.selectFrom("products as p").whereRef("p.organisation_id", "=", "o.id")
      .where("p.kind", "=", "industry_model").where("p.filing_number", "is not", null).select(sql`1`.as("x"))));
  }
  return eb.and(all);
}

function matchingIds(db: DB, query: VendorQuery, except?: VendorFacet | "filed") {
  return db.selectFrom("organisations as o").where((eb) => conditions(eb, query, except)).select("o.id");
}

export type VendorFacetCounts = Record<VendorFacet, Record<string, number>> & { filed: number };

/** How many vendors each filter value would leave, given the other filters and the search text. */
async function facetCounts(db: DB, query: VendorQuery): Promise<VendorFacetCounts> {
  const toRecord = (rows: { value: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.value, Number(r.n)]));
  const served = (facet: "domain" | "venue" | "district") =>
    db.selectFrom("vendor_served").where("facet", "=", SERVED_FACET[facet]).where("organisation_id", "in", matchingIds(db, query, facet))
      .select(["value", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("value").execute();
  const [cap, domain, venue, district, kind, filed] = await Promise.all([
    db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
      .where("vc.organisation_id", "in", matchingIds(db, query, "cap"))
      .select(["c.slug as value", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("c.slug").execute(),
    served("domain"),
    served("venue"),
    served("district"),
    db.selectFrom("products").where("organisation_id", "in", matchingIds(db, query, "kind"))
      .select(["kind as value", (eb) => eb.fn.count<number>("organisation_id").distinct().as("n")]).groupBy("kind").execute(),
    db.selectFrom("products").where("organisation_id", "in", matchingIds(db, query, "filed"))
      .where("kind", "=", "industry_model").where("filing_number", "is not", null)
      .select((eb) => eb.fn.count<number>("organisation_id").distinct().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { cap: toRecord(cap), domain: toRecord(domain), venue: toRecord(venue), district: toRecord(district), kind: toRecord(kind), filed: Number(filed.n) };
}

export interface VendorCard {
  id: number;
  name: string;
  district: string;
  summary: string;
  capabilities: { slug: string; zh: string; en: string }[];
  products: { kind: ProductKind; name: string; filed: boolean }[];
  cases: number;
  matchedCase: { client: string; scenario: string; result: string } | null;
  /** Scenarios its selected proposals won, now matched, piloting or certified. */
  won: number;
  benchmarks: number;
}

export interface VendorListResult {
  total: number;
  pageCount: number;
  items: VendorCard[];
  facets: VendorFacetCounts;
}

/** One page of the directory: verified vendors matching the query, best text match first, then most scenarios won. */
export async function listVendors(db: DB, query: VendorQuery): Promise<VendorListResult> {
  const [{ n: total }, facets] = await Promise.all([
    db.selectFrom("organisations as o").where((eb) => conditions(eb, query)).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    facetCounts(db, query),
  ]);
  const words = query.q?.split(" ") ?? [];
  const pageCount = Math.max(1, Math.ceil(total / VENDOR_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  let listing = db
    .selectFrom("organisations as o")
    .leftJoin(() => wonScenarios(db).as("won"), (join) => join.onRef("won.vendor_id", "=", "o.id"))
    .where((eb) => conditions(eb, query))
    .select(["o.id", "o.name", "o.district", "o.summary"]);
  if (words.length) listing = listing.orderBy((eb) => relevance(eb, words), "desc");
  const rows = await listing
    .orderBy(sql`coalesce(won.n, 0)`, "desc")
    .orderBy("o.id")
    .limit(VENDOR_PAGE_SIZE)
    .offset((page - 1) * VENDOR_PAGE_SIZE)
    .execute();
  return { total: Number(total), pageCount, items: await vendorCards(db, rows, words), facets };
}

async function vendorCards(db: DB, rows: { id: number; name: string; district: string; summary: string }[], words: string[]): Promise<VendorCard[]> {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const [caps, products, cases, record] = await Promise.all([
    db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
      .where("vc.organisation_id", "in", ids).select(["vc.organisation_id", "c.slug", "c.name_zh as zh", "c.name_en as en"]).orderBy("c.id").execute(),
    db.selectFrom("products").where("organisation_id", "in", ids)
      .select(["organisation_id", "kind", "name", "filing_number"]).orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("reference_cases").where("organisation_id", "in", ids)
      .select(["organisation_id", "client", "scenario", "result"]).orderBy("year", "desc").orderBy("id").execute(),
    trackRecordCounts(db, ids),
  ]);
  const lowered = words.map((w) => w.toLowerCase());
  const mentions = (text: string) => lowered.some((w) => text.toLowerCase().includes(w));
  return rows.map((r) => ({
    ...r,
    capabilities: caps.filter((c) => c.organisation_id === r.id).map(({ slug, zh, en }) => ({ slug, zh, en })),
    products: products.filter((p) => p.organisation_id === r.id).map((p) => ({ kind: p.kind, name: p.name, filed: p.filing_number !== null })),
    cases: cases.filter((c) => c.organisation_id === r.id).length,
    // A vendor found through one of its cases shows that case, so the reader sees why it is here.
    matchedCase: lowered.length
      ? pickCase(cases.find((c) => c.organisation_id === r.id && [c.client, c.scenario, c.result].some(mentions)))
      : null,
    won: record.get(r.id)?.won ?? 0,
    benchmarks: record.get(r.id)?.benchmarks ?? 0,
  }));
}

const pickCase = (c: { client: string; scenario: string; result: string } | undefined) =>
  c ? { client: c.client, scenario: c.scenario, result: c.result } : null;

/** Scenarios won (as on the vendor's page) and benchmarks certified, per vendor. */
async function trackRecordCounts(db: DB, ids: number[]) {
  const [won, certified] = await Promise.all([
    wonScenarios(db).where("p.vendor_id", "in", ids).execute(),
    db.selectFrom("benchmark_applications as a").innerJoin("pilots as pl", "pl.id", "a.pilot_id")
      .where("pl.vendor_id", "in", ids).where("a.status", "=", "certified")
      .select(["pl.vendor_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("pl.vendor_id").execute(),
  ]);
  return new Map(ids.map((id) => [id, {
    won: Number(won.find((w) => w.vendor_id === id)?.n ?? 0),
    benchmarks: Number(certified.find((c) => c.vendor_id === id)?.n ?? 0),
  }]));
}

/** Per vendor, how many scenarios its selected proposals won that are now matched, piloting or benchmarks. */
function wonScenarios(db: DB) {
  return db.selectFrom("proposals as p")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .where("p.status", "=", "selected")
    .where("s.status", "in", TRACK_RECORD_STATUSES)
    .select(["p.vendor_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("p.vendor_id");
}

/** Everything a vendor's public page shows, or null for anything but a verified vendor. */
export async function getPublicVendor(db: DB, id: number) {
  const vendor = await db
    .selectFrom("organisations")
    .where("id", "=", id)
    .where("kind", "=", "vendor")
    .where("verified", "=", 1)
    .select(["id", "name", "district", "summary", "website", "profile_updated_at"])
    .executeTakeFirst();
  if (!vendor) return null;
  const [capabilities, served, products, cases, record, certified] = await Promise.all([
    db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
      .where("vc.organisation_id", "=", id).select(["c.slug", "c.name_zh as zh", "c.name_en as en"]).orderBy("c.id").execute(),
    db.selectFrom("vendor_served").where("organisation_id", "=", id).select(["facet", "value"]).execute(),
    db.selectFrom("products").where("organisation_id", "=", id)
      .select(["id", "kind", "name", "description", "filing_number"]).orderBy("kind").orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("reference_cases").where("organisation_id", "=", id)
      .select(["id", "client", "scenario", "result", "year"]).orderBy("year", "desc").orderBy("id").execute(),
    db.selectFrom("proposals as p")
      .innerJoin("scenarios as s", "s.id", "p.scenario_id")
      .innerJoin("organisations as d", "d.id", "s.organisation_id")
      .leftJoin("benchmark_applications as a", (join) => join.onRef("a.scenario_id", "=", "s.id").on("a.status", "=", "certified"))
      .where("p.vendor_id", "=", id)
      .where("p.status", "=", "selected")
      .where("s.status", "in", TRACK_RECORD_STATUSES)
      .where("s.code", "is not", null)
      .select(["s.code", "s.title", "s.status", "s.domain", "s.district", "d.name as organisation", "p.decided_at", "a.benchmark_number"])
      .orderBy("p.decided_at", "desc")
      .orderBy("s.id", "desc")
      .execute(),
    db.selectFrom("benchmark_applications as a").innerJoin("pilots as pl", "pl.id", "a.pilot_id")
      .where("pl.vendor_id", "=", id).where("a.status", "=", "certified")
      .select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const facet = (f: Served) => served.filter((s) => s.facet === f).map((s) => s.value);
  return {
    vendor,
    capabilities,
    served: { domains: facet("domain"), venueTypes: facet("venue_type"), districts: facet("district") },
    products,
    cases,
    record: record.map((r) => ({ ...r, code: r.code! })),
    certifiedBenchmarks: Number(certified.n),
  };
}

export type PublicVendor = NonNullable<Awaited<ReturnType<typeof getPublicVendor>>>;
