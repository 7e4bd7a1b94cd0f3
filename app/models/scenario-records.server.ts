import type { DB } from "~/db/db.server";
import type { ScenarioRecord } from "~/domain/open-data/scenario-record";
import { publishableCreditCode } from "~/domain/credit-code";
import { parseSourceFields } from "~/domain/import/source-fields";
import { publicPhase } from "~/domain/public-phase";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";

// The whole public record of scenarios, loaded for many at once: what the open data API's feed,
// the OCDS releases, the CSV/Excel export and the printed notice are made from. Only public
// scenarios are ever returned; what stays private (proposal contents and prices, who asked a
// question, review comments before publication) is never read here.

export type { ScenarioRecord };

const PUBLIC_REASON_STATUSES: readonly string[] = PUBLIC_SCENARIO_STATUSES;

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/** Public records for these ids, in the order given; ids that are not public are left out. */
export async function loadScenarioRecords(db: DB, ids: number[], now = new Date()): Promise<ScenarioRecord[]> {
  if (!ids.length) return [];
  const records = new Map<number, ScenarioRecord>();
  // SQLite limits bound parameters; large exports load in slices.
  for (let i = 0; i < ids.length; i += 500) {
    for (const record of await loadSlice(db, ids.slice(i, i + 500), now)) records.set(record.id, record);
  }
  return ids.flatMap((id) => records.get(id) ?? []);
}

async function loadSlice(db: DB, ids: number[], now: Date): Promise<ScenarioRecord[]> {
  const rows = await db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .leftJoin("batches as b", "b.id", "s.batch_id")
    .where("s.id", "in", ids)
    .where("s.status", "in", PUBLIC_SCENARIO_STATUSES)
    .where("s.code", "is not", null)
    .select([
      "s.id", "s.code", "s.title", "s.description", "s.requirements", "s.acceptance_criteria", "s.domain", "s.venue_type",
      "s.district", "s.cooperation_mode", "s.tier", "s.status", "s.budget_wan", "s.period_start", "s.period_end",
      "s.site_access", "s.contact_name", "s.contact_phone", "s.contact_email", "s.published_at", "s.proposal_deadline",
      "s.updated_at", "o.id as org_id", "o.name as org_name", "o.credit_code as org_credit_code", "o.district as org_district",
      "e.year", "e.title as edition_title", "e.archive", "s.source_json", "b.ordinal",
    ])
    .execute();
  if (!rows.length) return [];
  const found = rows.map((r) => r.id);

  const [capabilities, dataResources, history, amendments, proposals, awards, pilots, benchmarks] = await Promise.all([
    db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .where("sc.scenario_id", "in", found).select(["sc.scenario_id", "c.slug", "c.name_zh", "c.name_en"]).orderBy("c.id").execute(),
    db.selectFrom("scenario_data_resources").where("scenario_id", "in", found)
      .select(["scenario_id", "kind", "volume", "labelled", "sensitivity"]).orderBy("id").execute(),
    db.selectFrom("scenario_status_history").where("scenario_id", "in", found)
      .select(["scenario_id", "from_status", "to_status", "created_at", "reason"]).orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("scenario_amendments").where("scenario_id", "in", found)
      .select(["scenario_id", "number", "reason", "created_at", "changes_json", "deadline_before", "deadline_after"]).orderBy("number").execute(),
    db.selectFrom("proposals").where("scenario_id", "in", found).where("status", "in", ["submitted", "shortlisted", "selected", "declined"])
      .groupBy("scenario_id").select((eb) => ["scenario_id", eb.fn.countAll<number>().as("n")]).execute(),
    db.selectFrom("proposals as p").innerJoin("organisations as v", "v.id", "p.vendor_id")
      .where("p.scenario_id", "in", found).where("p.status", "=", "selected")
      .select(["p.scenario_id", "p.decided_at", "v.id", "v.name", "v.credit_code"]).execute(),
    db.selectFrom("pilots").where("scenario_id", "in", found).select(["scenario_id", "status", "started_at", "ended_at"]).execute(),
    db.selectFrom("benchmark_applications").where("scenario_id", "in", found).where("status", "=", "certified")
      .where("benchmark_number", "is not", null)
      .select(["scenario_id", "benchmark_number", "certified_at", "mean_score", "created_at"]).orderBy("created_at").execute(),
  ]);

  const capsBy = groupBy(capabilities, (c) => c.scenario_id);
  const dataBy = groupBy(dataResources, (d) => d.scenario_id);
  const historyBy = groupBy(history, (h) => h.scenario_id);
  const amendmentsBy = groupBy(amendments, (a) => a.scenario_id);
  const countBy = new Map(proposals.map((p) => [p.scenario_id, Number(p.n)]));
  const awardBy = new Map(awards.map((a) => [a.scenario_id, a]));
  const pilotBy = new Map(pilots.map((p) => [p.scenario_id, p]));
  const benchmarkBy = new Map(benchmarks.map((b) => [b.scenario_id, b]));

  return rows.map((r): ScenarioRecord => {
    const award = awardBy.get(r.id);
    const pilot = pilotBy.get(r.id);
    const benchmark = benchmarkBy.get(r.id);
    return {
      id: r.id,
      code: r.code!,
      title: r.title,
      description: r.description,
      requirements: r.requirements,
      acceptanceCriteria: r.acceptance_criteria,
      domain: r.domain,
      venueType: r.venue_type,
      district: r.district,
      cooperationMode: r.cooperation_mode,
      tier: r.tier,
      status: r.status,
      phase: publicPhase({ status: r.status, proposalDeadline: r.proposal_deadline }, now)!,
      budgetWan: r.budget_wan,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      siteAccess: r.site_access,
      contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
      organisation: { id: r.org_id, name: r.org_name, creditCode: publishableCreditCode(r.org_credit_code), district: r.org_district },
      archive: r.archive === 1,
      source: parseSourceFields(r.source_json),
      edition: { year: r.year, title: r.edition_title },
      batchOrdinal: r.ordinal,
      publishedAt: r.published_at,
      proposalDeadline: r.proposal_deadline,
      updatedAt: r.updated_at,
      capabilities: (capsBy.get(r.id) ?? []).map((c) => ({ slug: c.slug, zh: c.name_zh, en: c.name_en })),
      dataResources: (dataBy.get(r.id) ?? []).map((d) => ({ kind: d.kind, volume: d.volume, labelled: Boolean(d.labelled), sensitivity: d.sensitivity })),
      proposalCount: countBy.get(r.id) ?? 0,
      timeline: (historyBy.get(r.id) ?? []).map((h) => ({
        from: h.from_status,
        to: h.to_status,
        at: h.created_at,
        // Review comments before publication stay internal, as on the scenario page.
        reason: PUBLIC_REASON_STATUSES.includes(h.to_status) ? h.reason : null,
      })),
      amendments: (amendmentsBy.get(r.id) ?? []).map((a) => ({
        number: a.number,
        reason: a.reason,
        at: a.created_at,
        fields: amendedFields(a.changes_json),
        deadlineBefore: a.deadline_before,
        deadlineAfter: a.deadline_after,
      })),
      award: award ? { vendor: { id: award.id, name: award.name, creditCode: publishableCreditCode(award.credit_code) }, decidedAt: award.decided_at } : null,
      pilot: pilot ? { status: pilot.status, startedAt: pilot.started_at, endedAt: pilot.ended_at } : null,
      benchmark: benchmark?.certified_at
        ? { number: benchmark.benchmark_number!, certifiedAt: benchmark.certified_at, meanScore: benchmark.mean_score }
        : null,
    };
  });
}

function amendedFields(json: string): string[] {
  try {
    const changes: unknown = JSON.parse(json);
    return Array.isArray(changes) ? changes.flatMap((c) => (c && typeof c === "object" && typeof c.field === "string" ? [c.field] : [])) : [];
  } catch {
    return [];
  }
}

/** Public scenario ids in id order after the last one seen, for paging through everything. */
export async function pagePublicScenarioIds(db: DB, { afterId, limit }: { afterId: number | null; limit: number }) {
  let query = db.selectFrom("scenarios").where("status", "in", PUBLIC_SCENARIO_STATUSES).where("code", "is not", null)
    .select("id").orderBy("id").limit(limit + 1);
  if (afterId !== null) query = query.where("id", ">", afterId);
  const ids = (await query.execute()).map((r) => r.id);
  return { ids: ids.slice(0, limit), hasMore: ids.length > limit };
}

export async function publicScenarioIdByCode(db: DB, code: string): Promise<number | null> {
  const row = await db.selectFrom("scenarios").where("code", "=", code).where("status", "in", PUBLIC_SCENARIO_STATUSES)
    .select("id").executeTakeFirst();
  return row?.id ?? null;
}

/** The most recently published public scenarios, newest first (the Atom feed). */
export async function latestPublishedRecords(db: DB, limit: number): Promise<ScenarioRecord[]> {
  const rows = await db.selectFrom("scenarios").where("status", "in", PUBLIC_SCENARIO_STATUSES).where("code", "is not", null)
    .where("published_at", "is not", null).select("id").orderBy("published_at", "desc").orderBy("id", "desc").limit(limit).execute();
  return loadScenarioRecords(db, rows.map((r) => r.id));
}
