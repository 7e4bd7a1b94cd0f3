import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";

// Certified benchmarks (标杆应用场景) as the public sees them: the number, the scenario, who did
// it, the mean review score and the measured KPIs. Individual reviewers' scores stay private.

export interface PublicBenchmark {
  id: number;
  number: string;
  certifiedAt: string;
  meanScore: number | null;
  notice: { startsAt: string | null; endsAt: string | null };
  narrative: string;
  scenario: { code: string; title: string; domain: string; venueType: string | null; district: string };
  organisation: { id: number; name: string };
  vendor: { id: number; name: string };
  kpis: { name: string; unit: string; baseline: number; target: number; measured: number | null; higherIsBetter: boolean }[];
  /**
   * Scenarios started from this benchmark ("replicate this"): how many (drafts and those under
   * review included, withdrawn ones not), and the public ones by name.
   */
  replications: { count: number; scenarios: { code: string; title: string; organisation: string }[] };
}

function certified(db: DB) {
  return db
    .selectFrom("benchmark_applications as a")
    .where("a.status", "=", "certified")
    .where("a.benchmark_number", "is not", null)
    .where("a.certified_at", "is not", null);
}

/** Certified benchmarks for these application ids, by id. */
export async function loadBenchmarks(db: DB, ids: number[]): Promise<Map<number, PublicBenchmark>> {
  const result = new Map<number, PublicBenchmark>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await certified(db)
      .innerJoin("scenarios as s", "s.id", "a.scenario_id")
      .innerJoin("organisations as o", "o.id", "s.organisation_id")
      .innerJoin("pilots as p", "p.id", "a.pilot_id")
      .innerJoin("organisations as v", "v.id", "p.vendor_id")
      .where("a.id", "in", ids.slice(i, i + 500))
      .select([
        "a.id", "a.benchmark_number", "a.certified_at", "a.mean_score", "a.notice_starts_at", "a.notice_ends_at", "a.narrative",
        "a.pilot_id", "s.code", "s.title", "s.domain", "s.venue_type", "s.district", "o.id as org_id", "o.name as org_name",
        "v.id as vendor_id", "v.name as vendor_name",
      ])
      .execute();
    if (!rows.length) continue;
    const kpis = await db.selectFrom("pilot_kpis").where("pilot_id", "in", rows.map((r) => r.pilot_id))
      .select(["pilot_id", "name", "unit", "baseline", "target", "measured", "higher_is_better"]).orderBy("id").execute();
    const replicas = await db.selectFrom("scenarios as s").innerJoin("organisations as o", "o.id", "s.organisation_id")
      .where("s.replicated_from", "in", rows.map((r) => r.id)).where("s.status", "!=", "withdrawn")
      .select(["s.replicated_from", "s.code", "s.title", "s.status", "o.name as organisation"])
      .orderBy("s.published_at").orderBy("s.id").execute();
    for (const r of rows) {
      result.set(r.id, {
        id: r.id,
        number: r.benchmark_number!,
        certifiedAt: r.certified_at!,
        meanScore: r.mean_score,
        notice: { startsAt: r.notice_starts_at, endsAt: r.notice_ends_at },
        narrative: r.narrative,
        scenario: { code: r.code ?? "", title: r.title, domain: r.domain, venueType: r.venue_type, district: r.district },
        organisation: { id: r.org_id, name: r.org_name },
        vendor: { id: r.vendor_id, name: r.vendor_name },
        kpis: kpis.filter((k) => k.pilot_id === r.pilot_id).map((k) => ({
          name: k.name, unit: k.unit, baseline: k.baseline, target: k.target, measured: k.measured, higherIsBetter: Boolean(k.higher_is_better),
        })),
        replications: replicationsOf(replicas.filter((x) => x.replicated_from === r.id)),
      });
    }
  }
  return result;
}

const PUBLIC: readonly string[] = PUBLIC_SCENARIO_STATUSES;

function replicationsOf(rows: { code: string | null; title: string; status: string; organisation: string }[]): PublicBenchmark["replications"] {
  return {
    count: rows.length,
    scenarios: rows.flatMap((r) => (r.code !== null && PUBLIC.includes(r.status) ? [{ code: r.code, title: r.title, organisation: r.organisation }] : [])),
  };
}

/** Newest certification first; `after` is the (certifiedAt, id) of the last row seen. */
export async function listBenchmarks(db: DB, { after, limit }: { after: [string, number] | null; limit: number }) {
  let query = certified(db).select(["a.id"]).orderBy("a.certified_at", "desc").orderBy("a.id", "desc").limit(limit + 1);
  if (after) {
    const [at, id] = after;
    query = query.where(sql<boolean>`(a.certified_at < ${at} or (a.certified_at = ${at} and a.id < ${id}))`);
  }
  const ids = (await query.execute()).map((r) => r.id);
  const page = ids.slice(0, limit);
  const loaded = await loadBenchmarks(db, page);
  const total = await certified(db).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { items: page.flatMap((id) => loaded.get(id) ?? []), hasMore: ids.length > limit, total: Number(total.n) };
}

export async function getBenchmarkByNumber(db: DB, number: string): Promise<PublicBenchmark | null> {
  const row = await certified(db).where("a.benchmark_number", "=", number).select("a.id").executeTakeFirst();
  if (!row) return null;
  return (await loadBenchmarks(db, [row.id])).get(row.id) ?? null;
}
