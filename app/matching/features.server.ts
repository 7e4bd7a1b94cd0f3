// Matching's precomputed features (table match_features): for every public scenario and verified
// vendor, the matching terms of its text, whether it has profile text, and its inferred capabilities
// and industries. Kept current through the search outbox (app/search/sync.server.ts applies the same
// ids to the engine and here) and rebuilt with the indexes; a subject without a row yet is computed
// on the spot, so matching never depends on the worker having run. Term rarity (IDF) is counted over
// all rows, i.e. over every public scenario and every verified vendor, not over one candidate set.

import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { caseTitle } from "~/domain/matching";
import { fold, idf, inferCapabilities, inferIndustries, isGeneric } from "~/domain/matching-terms";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import { terms } from "./segment.server";

export type Subject = "scenario" | "vendor";

/** Field weights of a scenario's text: its title says what it is about; the rest adds detail. */
export const FIELD_WEIGHTS = { title: 1, requirements: 0.8, description: 0.6 } as const;

export interface ScenarioFeatures {
  id: number;
  /** term → field weight (the highest of the fields it occurs in). */
  terms: Map<string, number>;
  inferredCapabilities: string[];
  inferredIndustries: string[];
}

export interface VendorPart {
  kind: "product" | "case";
  /** A product's name, or a case's short title with its client. */
  name: string;
  terms: Set<string>;
}

export interface VendorFeatures {
  id: number;
  terms: Set<string>;
  parts: VendorPart[];
  /** Whether the vendor has any profile text with a meaningful word (summary, products, cases). */
  hasText: boolean;
  inferredCapabilities: string[];
  inferredIndustries: string[];
}

const CHUNK = 2000;

async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

function weighted(fields: [string, number][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [text, weight] of fields) for (const t of terms(text)) out.set(t, Math.max(out.get(t) ?? 0, weight));
  return out;
}

/** A scenario's features from its text. The demand organisation's own name is not what it needs. */
export function scenarioFeatures(s: { id: number; title: string; description: string; requirements: string; organisation: string }): ScenarioFeatures {
  const withoutOrg = (text: string) => (s.organisation ? fold(text).split(fold(s.organisation)).join(" ") : text);
  const termMap = weighted([
    [withoutOrg(s.title), FIELD_WEIGHTS.title],
    [withoutOrg(s.requirements), FIELD_WEIGHTS.requirements],
    [withoutOrg(s.description), FIELD_WEIGHTS.description],
  ]);
  // For inference the organisation counts: a hospital's scenario is a health scenario.
  const all = [s.organisation, s.title, s.requirements, s.description].join("\n");
  const allTerms = new Set([...termMap.keys(), ...terms(s.organisation)]);
  return {
    id: s.id,
    terms: termMap,
    inferredCapabilities: inferCapabilities(allTerms, all),
    inferredIndustries: inferIndustries(allTerms, all),
  };
}

/** A vendor's features from its profile text. Its name is left out: names mislead (工业互联网 selling 导诊). */
export function vendorFeatures(v: {
  id: number;
  summary: string;
  products: { name: string; description: string }[];
  cases: { client: string; scenario: string; result: string }[];
}): VendorFeatures {
  const parts: VendorPart[] = [
    ...v.products.map((p) => ({ kind: "product" as const, name: p.name, terms: new Set(terms(`${p.name} ${p.description}`)) })),
    ...v.cases.map((c) => ({ kind: "case" as const, name: `${caseTitle(c.scenario)}（${c.client}）`, terms: new Set(terms(`${c.scenario} ${c.result}`)) })),
  ];
  const all = new Set([...terms(v.summary), ...parts.flatMap((p) => [...p.terms])]);
  const text = [v.summary, ...v.products.map((p) => `${p.name} ${p.description}`), ...v.cases.map((c) => `${c.scenario} ${c.result}`)].join("\n");
  return {
    id: v.id,
    terms: all,
    parts,
    hasText: [...all].some((t) => !isGeneric(t)),
    inferredCapabilities: inferCapabilities(all, text),
    inferredIndustries: inferIndustries(all, text),
  };
}

async function computeScenarios(db: DB, ids: number[] | null): Promise<ScenarioFeatures[]> {
  const rows = await (ids
    ? inChunks(ids, (chunk) => scenarioQuery(db).where("s.id", "in", chunk).execute())
    : scenarioQuery(db).execute());
  return rows.map((r) => scenarioFeatures({ id: r.id, title: r.title, description: r.description, requirements: r.requirements, organisation: r.organisation }));
}

function scenarioQuery(db: DB) {
  return db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .where("s.status", "in", [...PUBLIC_SCENARIO_STATUSES])
    .select(["s.id", "s.title", "s.description", "s.requirements", "o.name as organisation"]);
}

async function computeVendors(db: DB, ids: number[] | null): Promise<VendorFeatures[]> {
  const base = db.selectFrom("organisations").where("kind", "=", "vendor").where("verified", "=", 1).select(["id", "summary"]);
  const vendors = await (ids ? inChunks(ids, (chunk) => base.where("id", "in", chunk).execute()) : base.execute());
  if (!vendors.length) return [];
  const vendorIds = vendors.map((v) => v.id);
  const [products, cases] = await Promise.all([
    inChunks(vendorIds, (chunk) =>
      db.selectFrom("products").where("organisation_id", "in", chunk).select(["organisation_id", "name", "description"]).orderBy("id").execute(),
    ),
    inChunks(vendorIds, (chunk) =>
      db.selectFrom("reference_cases").where("organisation_id", "in", chunk).select(["organisation_id", "client", "scenario", "result"]).orderBy("id").execute(),
    ),
  ]);
  const productsOf = new Map<number, { name: string; description: string }[]>();
  for (const p of products) productsOf.set(p.organisation_id, [...(productsOf.get(p.organisation_id) ?? []), p]);
  const casesOf = new Map<number, { client: string; scenario: string; result: string }[]>();
  for (const c of cases) casesOf.set(c.organisation_id, [...(casesOf.get(c.organisation_id) ?? []), c]);
  return vendors.map((v) => vendorFeatures({ id: v.id, summary: v.summary, products: productsOf.get(v.id) ?? [], cases: casesOf.get(v.id) ?? [] }));
}

type Row = {
  subject: Subject;
  subject_id: number;
  terms_json: string;
  parts_json: string;
  has_text: number;
  inferred_capabilities: string;
  inferred_industries: string;
  updated_at: string;
};

function scenarioRow(f: ScenarioFeatures, now: string): Row {
  return {
    subject: "scenario",
    subject_id: f.id,
    terms_json: JSON.stringify(Object.fromEntries(f.terms)),
    parts_json: "[]",
    has_text: f.terms.size ? 1 : 0,
    inferred_capabilities: JSON.stringify(f.inferredCapabilities),
    inferred_industries: JSON.stringify(f.inferredIndustries),
    updated_at: now,
  };
}

function vendorRow(f: VendorFeatures, now: string): Row {
  return {
    subject: "vendor",
    subject_id: f.id,
    terms_json: JSON.stringify(Object.fromEntries([...f.terms].map((t) => [t, 1]))),
    parts_json: JSON.stringify(f.parts.map((p) => ({ kind: p.kind, name: p.name, terms: [...p.terms] }))),
    has_text: f.hasText ? 1 : 0,
    inferred_capabilities: JSON.stringify(f.inferredCapabilities),
    inferred_industries: JSON.stringify(f.inferredIndustries),
    updated_at: now,
  };
}

async function write(db: DB, subject: Subject, ids: number[] | null, rows: Row[]) {
  const cached = statsCache.get(db);
  // The rows being replaced, to take their terms out of the counts held in memory.
  const replaced =
    cached && ids
      ? await inChunks(ids, (chunk) =>
          db.selectFrom("match_features").where("subject", "=", subject).where("subject_id", "in", chunk).select("terms_json").execute(),
        )
      : null;
  await db.transaction().execute(async (trx) => {
    if (ids) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await trx.deleteFrom("match_features").where("subject", "=", subject).where("subject_id", "in", ids.slice(i, i + CHUNK)).execute();
      }
    } else {
      await trx.deleteFrom("match_features").where("subject", "=", subject).execute();
    }
    // 8 columns a row: stay far below SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto("match_features").values(rows.slice(i, i + 500)).execute();
  });
  if (!cached || !replaced) {
    // A rebuild of a whole kind: count again on the next call.
    statsCache.delete(db);
    return;
  }
  // Updated in place: a full recount parses every row (seconds at 20,000 scenarios).
  for (const r of replaced) {
    cached.documents--;
    for (const t of Object.keys(JSON.parse(r.terms_json) as Record<string, number>)) {
      const n = (cached.df.get(t) ?? 0) - 1;
      if (n > 0) cached.df.set(t, n);
      else cached.df.delete(t);
    }
  }
  for (const r of rows) {
    cached.documents++;
    for (const t of Object.keys(JSON.parse(r.terms_json) as Record<string, number>)) cached.df.set(t, (cached.df.get(t) ?? 0) + 1);
  }
  cached.signature = await signature(db);
}

/**
 * Brings the features of these subjects in line with the database (what is no longer public or
 * verified loses its row); `null` rebuilds all of one kind. Called by the search outbox with the
 * same ids it applies to the engine.
 */
export async function refreshMatchFeatures(db: DB, subject: Subject, ids: number[] | null): Promise<number> {
  if (ids && !ids.length) return 0;
  const now = new Date().toISOString();
  const rows =
    subject === "scenario"
      ? (await computeScenarios(db, ids)).map((f) => scenarioRow(f, now))
      : (await computeVendors(db, ids)).map((f) => vendorRow(f, now));
  await write(db, subject, ids, rows);
  return rows.length;
}

/** Rebuilds every row (with the indexes: `npm run setup`, the office's rebuild). */
export async function rebuildMatchFeatures(db: DB): Promise<void> {
  await refreshMatchFeatures(db, "scenario", null);
  await refreshMatchFeatures(db, "vendor", null);
}

async function rowsFor(db: DB, subject: Subject, ids: number[]): Promise<Map<number, Row>> {
  const found = await inChunks(ids, (chunk) =>
    db.selectFrom("match_features").where("subject", "=", subject).where("subject_id", "in", chunk).selectAll().execute(),
  );
  const map = new Map(found.map((r) => [r.subject_id, r as Row]));
  const missing = ids.filter((id) => !map.has(id));
  if (missing.length) {
    await refreshMatchFeatures(db, subject, missing);
    const added = await inChunks(missing, (chunk) =>
      db.selectFrom("match_features").where("subject", "=", subject).where("subject_id", "in", chunk).selectAll().execute(),
    );
    for (const r of added) map.set(r.subject_id, r as Row);
  }
  return map;
}

const parseList = (json: string): string[] => JSON.parse(json) as string[];

export async function loadScenarioFeatures(db: DB, ids: number[]): Promise<Map<number, ScenarioFeatures>> {
  const rows = await rowsFor(db, "scenario", ids);
  return new Map(
    [...rows.values()].map((r) => [
      r.subject_id,
      {
        id: r.subject_id,
        terms: new Map(Object.entries(JSON.parse(r.terms_json) as Record<string, number>)),
        inferredCapabilities: parseList(r.inferred_capabilities),
        inferredIndustries: parseList(r.inferred_industries),
      },
    ]),
  );
}

export async function loadVendorFeatures(db: DB, ids: number[]): Promise<Map<number, VendorFeatures>> {
  const rows = await rowsFor(db, "vendor", ids);
  return new Map([...rows.values()].map((r) => [r.subject_id, vendorFromRow(r)]));
}

function vendorFromRow(r: Row): VendorFeatures {
  return {
    id: r.subject_id,
    terms: new Set(Object.keys(JSON.parse(r.terms_json) as Record<string, number>)),
    parts: (JSON.parse(r.parts_json) as { kind: "product" | "case"; name: string; terms: string[] }[]).map((p) => ({ ...p, terms: new Set(p.terms) })),
    hasText: r.has_text === 1,
    inferredCapabilities: parseList(r.inferred_capabilities),
    inferredIndustries: parseList(r.inferred_industries),
  };
}

/**
 * Verified vendors whose inferred industries include any of these (not `general`): candidates a text
 * search misses when a scenario says 农场 and the vendor 农业. At most `limit`, lowest id first.
 */
export async function vendorsInIndustries(db: DB, industries: string[], limit = 200): Promise<number[]> {
  const wanted = industries.filter((i) => i !== "general");
  if (!wanted.length) return [];
  const rows = await sql<{ id: number }>`select f.subject_id as id from match_features f
    where f.subject = 'vendor' and exists (select 1 from json_each(f.inferred_industries) j where j.value in (${sql.join(wanted)}))
    order by f.subject_id limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Corpus statistics: how many documents (public scenarios and verified vendors) contain each term.

export interface TermStats {
  documents: number;
  rarity(term: string): number;
}

interface CachedStats extends TermStats {
  df: Map<string, number>;
  signature: string;
  builtAt: number;
}

/** Recounted at most this often while rows keep changing; at once when nothing was counted yet. */
const STATS_REFRESH_MS = 30_000;
const statsCache = new WeakMap<DB, CachedStats>();

async function signature(db: DB): Promise<string> {
  const r = await sql<{ n: number; last: string | null }>`select count(*) as n, max(updated_at) as last from match_features`.execute(db);
  return `${r.rows[0]?.n ?? 0}:${r.rows[0]?.last ?? ""}`;
}

/**
 * Document frequencies over every feature row: rarity(term) = log(1 + N / df). Updated in place when
 * this process writes rows (`write`); counted again when another process changed them, at most every 30 s (a word's rarity over thousands of documents barely moves with one
 * edit; a rebuild through `refreshMatchFeatures` recounts at once).
 */
export async function termStats(db: DB, now = Date.now()): Promise<TermStats> {
  const cached = statsCache.get(db);
  if (cached && now - cached.builtAt < STATS_REFRESH_MS) return cached;
  const sig = await signature(db);
  if (cached && cached.signature === sig) {
    cached.builtAt = now;
    return cached;
  }
  const df = new Map<string, number>();
  let documents = 0;
  // Keys only: the field weights do not matter for counting.
  const rows = await db.selectFrom("match_features").select("terms_json").execute();
  for (const r of rows) {
    documents++;
    for (const t of Object.keys(JSON.parse(r.terms_json) as Record<string, number>)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const stats: CachedStats = {
    documents,
    df,
    rarity: (term) => idf(stats.documents, df.get(term) ?? 0),
    signature: sig,
    builtAt: now,
  };
  statsCache.set(db, stats);
  return stats;
}
