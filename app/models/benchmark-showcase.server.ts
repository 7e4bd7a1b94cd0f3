import type { DB } from "~/db/db.server";
import {
  beijingYear, filterShowcase, replicaTitle, SHOWCASE_PAGE_SIZE, type ShowcaseEntry, type ShowcaseQuery,
} from "~/domain/benchmark-showcase";
import { MAX_CAPABILITIES, MAX_LONG_TEXT, type ScenarioInput } from "~/domain/forms/scenario";
import { DISTRICTS } from "~/domain/vocabulary";
import { createDraft, type Owner, type WriteResult } from "./my-scenarios.server";
import { getBenchmarkByNumber, loadBenchmarks } from "./public-benchmarks.server";

// The benchmark showcase (/benchmarks) and "replicate this" (参照复制). The certified set is small
// (hundreds; 500 is the plan's target), so the list reads all of it and filters in memory with
// app/domain/benchmark-showcase.ts: the search index holds scenarios, not narratives, KPI names,
// vendors or certification years (docs/decisions/017-showcase-and-replication.md).

function certified(db: DB) {
  return db
    .selectFrom("benchmark_applications as a")
    .where("a.status", "=", "certified")
    .where("a.benchmark_number", "is not", null)
    .where("a.certified_at", "is not", null);
}

/** Every certified benchmark as the filter sees it, newest certification first. */
async function showcaseEntries(db: DB): Promise<ShowcaseEntry[]> {
  const rows = await certified(db)
    .innerJoin("scenarios as s", "s.id", "a.scenario_id")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("pilots as p", "p.id", "a.pilot_id")
    .innerJoin("organisations as v", "v.id", "p.vendor_id")
    .select([
      "a.id", "a.certified_at", "a.narrative", "a.pilot_id", "a.scenario_id", "s.title", "s.domain", "s.venue_type", "s.district",
      "o.name as organisation", "v.name as vendor",
    ])
    .orderBy("a.certified_at", "desc")
    .orderBy("a.id", "desc")
    .execute();
  if (!rows.length) return [];
  const [kpis, capabilities] = await Promise.all([
    db.selectFrom("pilot_kpis as k").innerJoin("benchmark_applications as a", "a.pilot_id", "k.pilot_id")
      .where("a.status", "=", "certified").select(["k.pilot_id", "k.name"]).execute(),
    db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .innerJoin("benchmark_applications as a", "a.scenario_id", "sc.scenario_id")
      .where("a.status", "=", "certified").select(["sc.scenario_id", "c.slug", "c.name_zh", "c.name_en"]).execute(),
  ]);
  const group = <T, K>(items: T[], key: (item: T) => K) => {
    const map = new Map<K, T[]>();
    for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };
  const kpisOf = group(kpis, (k) => k.pilot_id);
  const capsOf = group(capabilities, (c) => c.scenario_id);
  return rows.map((r) => {
    const caps = capsOf.get(r.scenario_id) ?? [];
    return {
      id: r.id,
      domain: r.domain,
      venue: r.venue_type,
      district: r.district,
      year: beijingYear(r.certified_at!),
      capabilities: [...new Set(caps.map((c) => c.slug))],
      text: [r.title, r.organisation, r.vendor, r.narrative, ...(kpisOf.get(r.pilot_id) ?? []).map((k) => k.name), ...caps.flatMap((c) => [c.name_zh, c.name_en])].join("\n"),
    };
  });
}

/** One page of the showcase, with counts per filter value. */
export async function listShowcase(db: DB, query: ShowcaseQuery) {
  const entries = await showcaseEntries(db);
  const { ids, facets, years } = filterShowcase(entries, query);
  const pageCount = Math.max(1, Math.ceil(ids.length / SHOWCASE_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const pageIds = ids.slice((page - 1) * SHOWCASE_PAGE_SIZE, page * SHOWCASE_PAGE_SIZE);
  const loaded = await loadBenchmarks(db, pageIds);
  return {
    items: pageIds.flatMap((id) => loaded.get(id) ?? []),
    total: ids.length,
    certifiedTotal: entries.length,
    page,
    pageCount,
    facets,
    years,
  };
}

/** A certified benchmark with its scenario's capabilities, or null for an unknown or uncertified number. */
export async function getShowcaseBenchmark(db: DB, number: string) {
  const benchmark = await getBenchmarkByNumber(db, number);
  if (!benchmark) return null;
  const capabilities = await db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
    .innerJoin("benchmark_applications as a", "a.scenario_id", "sc.scenario_id")
    .where("a.id", "=", benchmark.id).select(["c.slug", "c.name_zh as zh", "c.name_en as en"]).orderBy("c.id").execute();
  return { ...benchmark, capabilities };
}

/**
 * A draft of this organisation started from the benchmark and not saved since (version 1): a
 * second "replicate" lands there instead of making another copy nobody asked for.
 */
export async function untouchedReplica(db: DB, organisationId: number, applicationId: number): Promise<number | null> {
  const row = await db.selectFrom("scenarios").where("organisation_id", "=", organisationId).where("replicated_from", "=", applicationId)
    .where("status", "=", "draft").where("version", "=", 1).select("id").orderBy("id").executeTakeFirst();
  return row?.id ?? null;
}

export type ReplicateResult = WriteResult | { ok: false; problem: { code: "benchmark_not_found" } };

/**
 * Starts a draft scenario for the member's organisation from a certified benchmark: what the
 * scenario needs and how it was judged (text, domain, venue type, capabilities, cooperation mode,
 * tier) is copied; what belongs to the new organisation (budget, dates, district, site access,
 * data, contact) is not — the district is the organisation's own, the contact the member.
 * A double post is one draft: the form's submission key makes a second post of the same form find
 * the first draft, and an untouched draft from the same benchmark is reused.
 */
export async function replicateBenchmark(
  db: DB, owner: Owner, member: { name: string; email: string }, number: string, submissionKey: string,
): Promise<ReplicateResult> {
  const source = await certified(db)
    .innerJoin("scenarios as s", "s.id", "a.scenario_id")
    .where("a.benchmark_number", "=", number)
    .select([
      "a.id", "s.id as scenario_id", "s.title", "s.description", "s.requirements", "s.acceptance_criteria", "s.domain", "s.venue_type",
      "s.cooperation_mode", "s.tier",
    ])
    .executeTakeFirst();
  if (!source) return { ok: false, problem: { code: "benchmark_not_found" } };
  const existing = await untouchedReplica(db, owner.organisationId, source.id);
  if (existing !== null) return { ok: true, id: existing, duplicate: true };

  const [capabilities, organisation] = await Promise.all([
    db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .where("sc.scenario_id", "=", source.scenario_id).select("c.slug").orderBy("c.id").execute(),
    db.selectFrom("organisations").where("id", "=", owner.organisationId).select("district").executeTakeFirstOrThrow(),
  ]);
  const district = (DISTRICTS as readonly string[]).includes(organisation.district) ? (organisation.district as ScenarioInput["district"]) : DISTRICTS[0];
  const input: ScenarioInput = {
    intent: "save",
    title: replicaTitle(number, source.title),
    description: source.description.slice(0, MAX_LONG_TEXT),
    requirements: source.requirements.slice(0, MAX_LONG_TEXT),
    acceptanceCriteria: source.acceptance_criteria.slice(0, MAX_LONG_TEXT),
    domain: source.domain,
    venueType: source.venue_type ?? undefined,
    district,
    cooperationMode: source.cooperation_mode,
    tier: source.tier,
    contactName: member.name.slice(0, 50),
    contactEmail: member.email,
    capabilities: capabilities.map((c) => c.slug).slice(0, MAX_CAPABILITIES),
    dataResources: [],
  };
  return createDraft(db, owner, submissionKey, input, { replicatedFrom: source.id });
}

/** The benchmark a scenario was started from, for its owner's page. */
export async function replicationOrigin(db: DB, applicationId: number | null) {
  if (applicationId === null) return null;
  const row = await certified(db).innerJoin("scenarios as s", "s.id", "a.scenario_id").where("a.id", "=", applicationId)
    .select(["a.benchmark_number", "s.title"]).executeTakeFirst();
  return row ? { number: row.benchmark_number!, title: row.title } : null;
}
