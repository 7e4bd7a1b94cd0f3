import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { phaseSql } from "~/search/public-phase-sql.server";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";

export interface EditionSummary {
  year: number;
  title: string;
  callStatus: "not_open" | "open" | "closed";
  publicCount: number;
  batches: { ordinal: number; publishedAt: string; count: number }[];
}

/** Editions, newest first, with their published batches and how many public scenarios each holds. */
export async function listEditions(db: DB): Promise<EditionSummary[]> {
  const [editions, batches] = await Promise.all([
    db.selectFrom("editions").select(["id", "year", "title", "call_status"]).orderBy("year", "desc").execute(),
    db
      .selectFrom("batches as b")
      .leftJoin("scenarios as s", (j) =>
        j.onRef("s.batch_id", "=", "b.id").on("s.status", "in", PUBLIC_SCENARIO_STATUSES),
      )
      .where("b.published_at", "is not", null)
      .groupBy("b.id")
      .select((eb) => ["b.edition_id", "b.ordinal", "b.published_at", eb.fn.count<number>("s.id").as("count")])
      .orderBy("b.ordinal")
      .execute(),
  ]);
  return editions.map((e) => {
    const own = batches.filter((b) => b.edition_id === e.id);
    return {
      year: e.year,
      title: e.title,
      callStatus: e.call_status,
      publicCount: own.reduce((sum, b) => sum + b.count, 0),
      batches: own.map((b) => ({ ordinal: b.ordinal, publishedAt: b.published_at!, count: b.count })),
    };
  });
}

/** The headline numbers on the home page. */
export async function siteStats(db: DB, now = new Date()) {
  // The same phases the list counts and filters by (app/domain/public-phase.ts).
  const phase = phaseSql(now, "scenarios");
  const row = await db
    .selectFrom("scenarios")
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when("status", "in", PUBLIC_SCENARIO_STATUSES).then(1).else(0).end()).as("public"),
      sql<number>`sum(${phase} in ('open', 'closing_soon'))`.as("open"),
      sql<number>`sum(${phase} = 'closing_soon')`.as("closingSoon"),
      sql<number>`sum(${phase} = 'awaiting_selection')`.as("awaiting"),
      eb.fn.sum<number>(eb.case().when("status", "=", "piloting").then(1).else(0).end()).as("piloting"),
      eb.fn.sum<number>(eb.case().when("status", "=", "benchmark").then(1).else(0).end()).as("benchmarks"),
    ])
    .executeTakeFirstOrThrow();
  const orgs = await db
    .selectFrom("organisations")
    .select((eb) => [
      // As /vendors and /open-data count them: the verified ones.
      eb.fn.sum<number>(eb.case().when(eb.and([eb("kind", "=", "vendor"), eb("verified", "=", 1)])).then(1).else(0).end()).as("vendors"),
      eb.fn.sum<number>(eb.case().when("kind", "=", "demand").then(1).else(0).end()).as("demand"),
    ])
    .executeTakeFirstOrThrow();
  return {
    public: row.public ?? 0,
    open: row.open ?? 0,
    closingSoon: row.closingSoon ?? 0,
    awaiting: row.awaiting ?? 0,
    piloting: row.piloting ?? 0,
    benchmarks: row.benchmarks ?? 0,
    vendors: orgs.vendors ?? 0,
    demand: orgs.demand ?? 0,
  };
}
