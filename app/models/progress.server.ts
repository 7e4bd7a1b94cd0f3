import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { cumulativeByMonth, funnel, FUNNEL_STAGES, projectBenchmarks, type HistoryStep } from "~/domain/progress";
import { toCents } from "~/domain/pilot-lifecycle";
import { PRODUCT_TARGETS } from "~/domain/vendor-directory";
import { BENCHMARK_TARGET, DEMONSTRATION_VENUE_TYPES, DISTRICTS, DOMAINS, PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";

function tally<T extends string>(keys: readonly T[], values: (string | null)[]): { key: T; count: number }[] {
  return keys.map((key) => ({ key, count: values.filter((v) => v === key).length }));
}

/** Everything /progress shows, computed from certified benchmark applications and the targets table. */
export async function getProgress(db: DB, now = new Date()) {
  const [certified, targets, pipeline, products, editions] = await Promise.all([
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
    editionFigures(db),
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
    ...editions,
    products: {
      industryModels: { ...products.industryModels, goal: targets.find((t) => t.key === "industry_models")?.goal ?? PRODUCT_TARGETS.industryModels },
      terminalsAndAgents: { ...products.terminalsAndAgents, goal: targets.find((t) => t.key === "terminals_agents")?.goal ?? PRODUCT_TARGETS.terminalsAndAgents },
    },
  };
}

/**
 * Per edition: the funnel from publication to benchmark (from the status history), the incentive
 * budget against what was granted and redeemed; and how many scenarios were started from a benchmark.
 */
async function editionFigures(db: DB) {
  const [editions, steps, budgets, replications] = await Promise.all([
    db.selectFrom("editions").select(["id", "year", "incentive_budget_wan"]).orderBy("year").execute(),
    db.selectFrom("scenario_status_history as h").innerJoin("scenarios as s", "s.id", "h.scenario_id")
      .where("h.to_status", "in", [...FUNNEL_STAGES])
      .select(["h.scenario_id", "h.to_status", "h.created_at", "s.edition_id"]).execute(),
    db.selectFrom("incentives").groupBy("edition_id")
      .select((eb) => ["edition_id", eb.fn.sum<number>("amount_wan").as("granted"), eb.fn.sum<number>("redeemed_wan").as("redeemed")]).execute(),
    db.selectFrom("scenarios").where("replicated_from", "is not", null).where("status", "!=", "withdrawn")
      .select((eb) => [
        eb.fn.countAll<number>().as("count"),
        eb.fn.sum<number>(sql`case when status in (${sql.join([...PUBLIC_SCENARIO_STATUSES])}) then 1 else 0 end`).as("published"),
      ]).executeTakeFirstOrThrow(),
  ]);
  const asSteps = (rows: typeof steps): HistoryStep[] => rows.map((r) => ({ scenarioId: r.scenario_id, toStatus: r.to_status, at: r.created_at }));
  const wan = (value: number | null | undefined) => toCents(Number(value ?? 0)) / 100;
  return {
    funnel: {
      editions: editions.map((e) => ({ year: e.year, stages: funnel(asSteps(steps.filter((r) => r.edition_id === e.id))) })),
      all: funnel(asSteps(steps)),
    },
    budgets: editions.map((e) => {
      const used = budgets.find((b) => b.edition_id === e.id);
      return { year: e.year, budget: e.incentive_budget_wan, granted: wan(used?.granted), redeemed: wan(used?.redeemed) };
    }),
    replications: { count: Number(replications.count), published: Number(replications.published ?? 0) },
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
