import type { DB } from "~/db/db.server";
import { cumulativeByMonth, projectBenchmarks } from "~/domain/progress";
import { PRODUCT_TARGETS } from "~/domain/vendor-directory";
import { BENCHMARK_TARGET, DEMONSTRATION_VENUE_TYPES, DISTRICTS, DOMAINS } from "~/domain/vocabulary";

function tally<T extends string>(keys: readonly T[], values: (string | null)[]): { key: T; count: number }[] {
  return keys.map((key) => ({ key, count: values.filter((v) => v === key).length }));
}

/** Everything /progress shows, computed from certified benchmark applications and the targets table. */
export async function getProgress(db: DB, now = new Date()) {
  const [certified, targets, pipeline, products] = await Promise.all([
    db
      .selectFrom("benchmark_applications as a")
      .innerJoin("scenarios as s", "s.id", "a.scenario_id")
      .where("a.status", "=", "certified")
      .where("a.certified_at", "is not", null)
      .select(["a.certified_at", "s.domain", "s.district", "s.venue_type", "s.organisation_id"])
      .execute(),
    db.selectFrom("targets").selectAll().execute(),
    db
      .selectFrom("scenarios")
      .where("status", "=", "piloting")
      .select((eb) => [
        eb.fn.countAll<number>().as("piloting"),
        eb
          .selectFrom("benchmark_applications")
          .where("status", "=", "notice")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("notice"),
        eb
          .selectFrom("benchmark_applications")
          .where("status", "in", ["submitted", "in_review"])
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("review"),
      ])
      .executeTakeFirstOrThrow(),
    productCounts(db),
  ]);

  const totalTarget = targets.find((t) => t.key === "benchmarks_total");
  const target = totalTarget?.goal ?? BENCHMARK_TARGET.total;
  const deadline = totalTarget?.deadline ?? BENCHMARK_TARGET.deadline;
  const dates = certified.map((c) => c.certified_at!);

  // A demonstration venue is a demand organisation with a certified benchmark of that venue type.
  const venues = DEMONSTRATION_VENUE_TYPES.map((venue) => {
    const goal = targets.find((t) => t.key === `venue:${venue}`)?.goal ?? BENCHMARK_TARGET.venueGoal;
    const organisations = new Set(certified.filter((c) => c.venue_type === venue).map((c) => c.organisation_id));
    return { key: venue, count: organisations.size, goal };
  });

  return {
    asOf: now.toISOString(),
    target,
    deadline,
    projection: projectBenchmarks({ certifiedAt: dates, now, target, deadline }),
    series: cumulativeByMonth(dates, now),
    byDomain: tally(DOMAINS, certified.map((c) => c.domain)),
    byDistrict: tally(DISTRICTS, certified.map((c) => c.district)),
    venues,
    pipeline: { piloting: pipeline.piloting, notice: pipeline.notice ?? 0, review: pipeline.review ?? 0 },
    products: {
      industryModels: { ...products.industryModels, goal: targets.find((t) => t.key === "industry_models")?.goal ?? PRODUCT_TARGETS.industryModels },
      terminalsAndAgents: { ...products.terminalsAndAgents, goal: targets.find((t) => t.key === "terminals_agents")?.goal ?? PRODUCT_TARGETS.terminalsAndAgents },
    },
  };
}

/** Products of verified vendors, against the plan's 100 industry models and 1,000 terminals and agents. */
async function productCounts(db: DB) {
  const rows = await db
    .selectFrom("products as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .where("o.kind", "=", "vendor")
    .where("o.verified", "=", 1)
    .select(["p.kind", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.count<number>("p.filing_number").as("filed")])
    .groupBy("p.kind")
    .execute();
  const count = (kind: string) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
  return {
    industryModels: { count: count("industry_model"), filed: Number(rows.find((r) => r.kind === "industry_model")?.filed ?? 0) },
    terminalsAndAgents: { count: count("smart_terminal") + count("agent"), terminals: count("smart_terminal"), agents: count("agent") },
  };
}

export type Progress = Awaited<ReturnType<typeof getProgress>>;
