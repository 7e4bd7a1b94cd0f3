import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import { getProgress } from "~/models/progress.server";
import { loader } from "~/routes/progress";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";

// /progress beyond the headline: the funnel per edition from the status history, the incentive
// budget used, replications of benchmarks, and a projection built on real certification dates.

let db: DB;
let hospital: number;
let vendor: number;
let editions: { y2025: number; y2026: number };

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  editions = { y2025: (await insertEdition(db, 2025, 1)).editionId, y2026: (await insertEdition(db, 2026, 1)).editionId };
  await db.updateTable("editions").set({ incentive_budget_wan: 1000 }).where("id", "=", editions.y2025).execute();
  await db.updateTable("editions").set({ incentive_budget_wan: 500 }).where("id", "=", editions.y2026).execute();
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
});

const day = (d: string) => `${d}T02:00:00.000Z`;

/** A scenario of an edition that went through these statuses on these days (history rows only). */
async function scenarioWith(editionId: number, path: [ScenarioStatus, string][], fields: { replicated_from?: number } = {}) {
  const status = path.at(-1)![0];
  const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, status, ...fields });
  let from: ScenarioStatus | null = null;
  for (const [to, d] of path) {
    await db.insertInto("scenario_status_history").values({ scenario_id: s.id, from_status: from, to_status: to, created_at: day(d) }).execute();
    from = to;
  }
  return s.id;
}

async function pilotOf(scenarioId: number) {
  return (await db.insertInto("pilots").values({ scenario_id: scenarioId, vendor_id: vendor, started_at: day("2025-06-01") }).returning("id").executeTakeFirstOrThrow()).id;
}

async function certify(scenarioId: number, certifiedAt: string, n: number) {
  const pilot = await pilotOf(scenarioId);
  return (await db.insertInto("benchmark_applications").values({
    pilot_id: pilot, scenario_id: scenarioId, status: "certified", certified_at: certifiedAt, benchmark_number: `BM-2026-${String(n).padStart(4, "0")}`,
  }).returning("id").executeTakeFirstOrThrow()).id;
}

describe("the funnel per edition", () => {
  it("counts what reached each stage, the conversion and the median days, from the status history", async () => {
    const published = (d: string): [ScenarioStatus, string][] => [["draft", "2025-01-02"], ["submitted", "2025-01-03"], ["approved", "2025-01-04"], ["published", d]];
    await scenarioWith(editions.y2025, [...published("2025-03-01"), ["matched", "2025-04-10"], ["piloting", "2025-04-20"], ["benchmark", "2025-10-17"]]);
    await scenarioWith(editions.y2025, [...published("2025-03-01"), ["matched", "2025-04-30"], ["piloting", "2025-05-02"], ["closed", "2025-09-01"]]);
    await scenarioWith(editions.y2025, [...published("2025-03-11"), ["matched", "2025-04-10"]]);
    await scenarioWith(editions.y2025, [...published("2025-03-11"), ["closed", "2025-05-01"]]);
    await scenarioWith(editions.y2025, [["draft", "2025-01-05"], ["withdrawn", "2025-01-06"]]);
    await scenarioWith(editions.y2026, [...published("2026-03-01"), ["matched", "2026-03-21"]]);

    const { progress } = await loader();
    const y2025 = progress.funnel.editions.find((e) => e.year === 2025)!.stages;
    expect(y2025.map((s) => [s.stage, s.count, s.conversion])).toEqual([
      ["published", 4, null], ["matched", 3, 75], ["piloting", 2, 66.7], ["benchmark", 1, 50],
    ]);
    // Published → matched: 40, 60 and 30 days; matched → piloting: 10 and 2; piloting → benchmark: 180.
    expect(y2025.map((s) => s.medianDays)).toEqual([null, 40, 6, 180]);
    expect(progress.funnel.editions.find((e) => e.year === 2026)!.stages.map((s) => s.count)).toEqual([1, 1, 0, 0]);
    expect(progress.funnel.all.map((s) => [s.count, s.medianDays])).toEqual([[5, null], [4, 35], [2, 6], [1, 180]]);
  });
});

describe("the incentive budget per edition", () => {
  it("sums what was granted and redeemed against each edition's budget", async () => {
    const a = await pilotOf(await scenarioWith(editions.y2025, [["piloting", "2025-05-01"]]));
    const b = await pilotOf(await scenarioWith(editions.y2025, [["piloting", "2025-05-02"]]));
    await db.insertInto("incentives").values([
      { edition_id: editions.y2025, pilot_id: a, kind: "compute_voucher", amount_wan: 100, redeemed_wan: 60.5, granted_at: day("2025-05-10") },
      { edition_id: editions.y2025, pilot_id: b, kind: "subsidy", amount_wan: 50.1, redeemed_wan: 0.2, granted_at: day("2025-05-11") },
    ]).execute();
    const { progress } = await loader();
    expect(progress.budgets).toEqual([
      { year: 2025, budget: 1000, granted: 150.1, redeemed: 60.7 },
      { year: 2026, budget: 500, granted: 0, redeemed: 0 },
    ]);
  });
});

describe("replications", () => {
  it("counts scenarios started from a benchmark and those published, not withdrawn ones", async () => {
    const source = await certify(await scenarioWith(editions.y2025, [["benchmark", "2025-10-17"]]), day("2025-10-17"), 1);
    await scenarioWith(editions.y2026, [["draft", "2026-01-02"]], { replicated_from: source });
    await scenarioWith(editions.y2026, [["draft", "2026-01-02"], ["submitted", "2026-01-03"], ["approved", "2026-01-04"], ["published", "2026-03-01"]], { replicated_from: source });
    await scenarioWith(editions.y2026, [["draft", "2026-01-02"], ["withdrawn", "2026-01-03"]], { replicated_from: source });
    expect((await loader()).progress.replications).toEqual({ count: 2, published: 1 });
  });
});

describe("the projection to the target", () => {
  it("runs on the certification dates, not on when the scenario's status changed", async () => {
    const now = new Date("2026-11-20T02:00:00.000Z");
    const dates = ["2026-01-05", "2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01"];
    for (const [i, d] of dates.entries()) {
      // The status history says something else on purpose: the projection must not read it.
      const id = await scenarioWith(editions.y2026, [["benchmark", "2024-01-01"]]);
      await certify(id, day(d), i + 1);
    }
    const { projection } = await getProgress(db, now);
    // Four certified by now (the fifth is dated after it), three of them in the last 90 days.
    expect(projection.count).toBe(4);
    expect(projection.ratePerMonth).toBe(1);
  });
});
