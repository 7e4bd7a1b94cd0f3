import type { DB } from "~/db/db.server";
import { cumulativeByMonth, projectBenchmarks } from "~/domain/progress";
import { BENCHMARK_TARGET, DEMONSTRATION_VENUE_TYPES, DISTRICTS, DOMAINS } from "~/domain/vocabulary";

function tally<T extends string>(keys: readonly T[], values: (string | null)[]): { key: T; count: number }[] {
  return keys.map((key) => ({ key, count: values.filter((v) => v === key).length }));
}

/** Everything /progress shows, computed from certified benchmark applications and the targets table. */
export async function getProgress(db: DB, now = new Date()) {
  const [certified, targets, pipeline] = await Promise.all([
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
  };
}

export type Progress = Awaited<ReturnType<typeof getProgress>>;
