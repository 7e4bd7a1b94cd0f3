import type { DB } from "~/db/db.server";

/**
 * Benchmark applications joined to what every page about them names: the pilot (`p`), the scenario
 * (`s`), the demand organisation (`d`) and the vendor (`v`).
 */
export function applicationsWithPair(db: DB) {
  return db
    .selectFrom("benchmark_applications as a")
    .innerJoin("pilots as p", "p.id", "a.pilot_id")
    .innerJoin("scenarios as s", "s.id", "a.scenario_id")
    .innerJoin("organisations as d", "d.id", "s.organisation_id")
    .innerJoin("organisations as v", "v.id", "p.vendor_id");
}
