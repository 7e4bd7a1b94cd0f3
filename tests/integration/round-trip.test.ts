// The published list survives a round trip: exported as the CSV people download from /scenarios,
// then imported by the office into an empty database, it reads the same, field by field.
import { describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { runImport } from "~/models/import.server";
import { syncCapabilities } from "~/models/vocabulary.server";
import { loader as csvLoader } from "~/routes/scenarios[.]csv";
import { reindexScenarios, searchEngine } from "~/search/search.server";
import { seedDemo } from "../../db/seed";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { routeArgs } from "../auth";

/** What a reader of the list sees of each scenario, keyed by code. */
async function listAsRead(db: DB, year: number) {
  const rows = await db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .where("e.year", "=", year)
    .where("s.status", "in", ["published", "closed"])
    .select([
      "s.id", "s.code", "s.title", "o.name as organisation", "s.domain", "s.venue_type", "s.district", "s.cooperation_mode", "s.tier",
      "s.budget_wan", "s.description", "s.requirements", "s.acceptance_criteria", "s.period_start", "s.period_end",
      "s.contact_name", "s.contact_phone", "s.contact_email", "s.status",
    ])
    .orderBy("s.code")
    .execute();
  const caps = await db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
    .select(["sc.scenario_id", "c.slug"]).execute();
  return rows.map(({ id, ...r }) => ({ ...r, capabilities: caps.filter((c) => c.scenario_id === id).map((c) => c.slug).sort() }));
}

describe("export → import round trip", () => {
  it("brings the 2025 list into an empty database unchanged", async () => {
    const source = createTestDatabase();
    await seedDemo(source, { scenarios: 300 });
    useAsAppDatabase(source);
    await reindexScenarios(source, searchEngine());
    // Only what an import can carry: listed scenarios, open or closed (pilots and benchmarks are
    // the platform's own records, not a list's).
    const response = await csvLoader(routeArgs({ request: new Request("http://localhost/scenarios.csv?edition=2025&status=published&status=closed"), params: {}, context: {} }));
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const expected = await listAsRead(source, 2025);
    expect(expected.length).toBeGreaterThan(10);

    const target = createTestDatabase();
    await syncCapabilities(target); // as the setup script does on every start
    const report = await runImport(target, { bytes, fileName: "scenarios.csv" }, { kind: "scenarios", editionYear: 2025, batch: { kind: "none" } }, null);
    expect(report.errors).toEqual([]);
    expect(report.committed).toBe(true);
    expect(report.counts.create).toBe(expected.length);
    expect(await listAsRead(target, 2025)).toEqual(expected);
  });
});

describe("the capability vocabulary at start-up", () => {
  it("fills an empty database and leaves a seeded one as it is", async () => {
    const empty = createTestDatabase();
    await syncCapabilities(empty);
    const filled = await empty.selectFrom("capabilities").select(["id", "slug"]).orderBy("id").execute();
    expect(filled.length).toBeGreaterThan(10);
    expect(await empty.selectFrom("capability_synonyms").select("term").where("term", "=", "LLM").execute()).toHaveLength(1);

    const seeded = createTestDatabase();
    await seedDemo(seeded, { scenarios: 300 });
    const before = await seeded.selectFrom("capabilities").selectAll().orderBy("id").execute();
    await syncCapabilities(seeded);
    await syncCapabilities(seeded);
    expect(await seeded.selectFrom("capabilities").selectAll().orderBy("id").execute()).toEqual(before);
    expect(before.map((c) => c.slug)).toEqual(filled.map((c) => c.slug));
  });
});
