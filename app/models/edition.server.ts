import type { DB } from "~/db/db.server";
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
  const nowIso = now.toISOString();
  const row = await db
    .selectFrom("scenarios")
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when("status", "in", PUBLIC_SCENARIO_STATUSES).then(1).else(0).end()).as("public"),
      eb.fn
        .sum<number>(
          eb.case().when(eb.and([eb("status", "=", "published"), eb("proposal_deadline", ">", nowIso)])).then(1).else(0).end(),
        )
        .as("open"),
      eb.fn.sum<number>(eb.case().when("status", "=", "piloting").then(1).else(0).end()).as("piloting"),
      eb.fn.sum<number>(eb.case().when("status", "=", "benchmark").then(1).else(0).end()).as("benchmarks"),
    ])
    .executeTakeFirstOrThrow();
  const orgs = await db
    .selectFrom("organisations")
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when("kind", "=", "vendor").then(1).else(0).end()).as("vendors"),
      eb.fn.sum<number>(eb.case().when("kind", "=", "demand").then(1).else(0).end()).as("demand"),
    ])
    .executeTakeFirstOrThrow();
  return {
    public: row.public ?? 0,
    open: row.open ?? 0,
    piloting: row.piloting ?? 0,
    benchmarks: row.benchmarks ?? 0,
    vendors: orgs.vendors ?? 0,
    demand: orgs.demand ?? 0,
  };
}
