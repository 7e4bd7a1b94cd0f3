import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { loader as similarLoader } from "~/routes/api.v1.scenarios.similar";
import { reindexScenarios, searchEngine } from "~/search/search.server";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";
import { routeArgs } from "../auth";

// /api/v1/scenarios/similar: what the new-scenario form shows under the title while it is typed.

let db: DB;

const similar = (title: string) =>
  settle(similarLoader(routeArgs({ request: new Request(`http://localhost/api/v1/scenarios/similar?${new URLSearchParams({ title })}`), params: {}, context: {} })));

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 1);
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const school = await insertOrganisation(db, "南京市第一中学");
  const base = { edition_id: editionId, batch_id: batchIds[0]! };
  await insertScenario(db, { ...base, organisation_id: hospital, title: "门诊智能导诊服务" }, ["llm"]);
  const benchmark = await insertScenario(db, { ...base, organisation_id: hospital, title: "病房巡检机器人", status: "benchmark" }, ["robotics"]);
  await insertScenario(db, { ...base, organisation_id: school, title: "校园安全视频分析" }, ["cv"]);
  await insertScenario(db, { ...base, organisation_id: hospital, title: "尚未发布的导诊场景", status: "submitted" });
  const pilot = await db.insertInto("pilots").values({ scenario_id: benchmark.id, vendor_id: school, started_at: "2026-04-01T00:00:00.000Z" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("benchmark_applications").values({ pilot_id: pilot.id, scenario_id: benchmark.id, status: "certified", benchmark_number: "BM-2026-0001" }).execute();
  await reindexScenarios(db, searchEngine());
});

describe("similar scenarios for a title", () => {
  it("answers an empty list, not a 500, for a title with no searchable terms (issue 13 item 5)", async () => {
    for (const title of ["\u0600\u0600\u0600", "\u200b\u200b", "，。！？"]) {
      const { status, body } = await similar(title);
      expect(status, JSON.stringify(title)).toBe(200);
      expect(body.items).toEqual([]);
    }
    // The list itself, sorted by relevance, answers as if unsorted text had not been given.
    const { emptyScenarioQuery } = await import("~/domain/scenario-query");
    const result = await searchEngine().searchScenarios({ query: { ...emptyScenarioQuery(), q: "\u0600\u0600\u0600", sort: "relevance" }, pageSize: 10, withFacets: true });
    expect(result.total).toBe(3);
  });

  it("finds a public scenario by a word of a Chinese title, never an unpublished one", async () => {
    const { status, body } = await similar("社区医院导诊平台");
    expect(status).toBe(200);
    expect(body.items.map((i: { title: string }) => i.title)).toContain("门诊智能导诊服务");
    expect(body.items.map((i: { title: string }) => i.title)).not.toContain("尚未发布的导诊场景");
    expect(body.items[0]).toMatchObject({ title: "门诊智能导诊服务", organisation: "南京市鼓楼医院", status: "published", benchmark: false });
    expect(body.items[0].url).toMatch(/^\/scenarios\/NJ-2026-\d{4}$/);
  });

  it("marks certified benchmarks", async () => {
    const { body } = await similar("养老院巡检机器人");
    expect(body.items[0]).toMatchObject({ title: "病房巡检机器人", benchmark: true });
  });

  it("finds scenarios through capability synonyms in the title", async () => {
    const { body } = await similar("工地机器视觉识别");
    expect(body.items.map((i: { title: string }) => i.title)).toContain("校园安全视频分析");
  });

  it("returns an empty list for an empty or one-character title", async () => {
    expect((await similar("")).body).toEqual({ items: [] });
    expect((await similar("医")).body).toEqual({ items: [] });
    expect((await similar("  ")).body).toEqual({ items: [] });
  });

  it("refuses an absurdly long title with 400", async () => {
    const { status, body } = await similar("导诊".repeat(150));
    expect(status).toBe(400);
    expect(body.error).toBe("title_too_long");
  });
});
