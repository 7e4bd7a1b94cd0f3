import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { loader as listLoader } from "~/routes/scenarios._index";
import { loader as detailLoader } from "~/routes/scenarios.$code";
import { loader as apiListLoader } from "~/routes/api.v1.scenarios";
import { loader as apiDetailLoader } from "~/routes/api.v1.scenarios.$code";
import { loader as progressLoader } from "~/routes/progress";
import { reindexScenarios, searchEngine } from "~/search/search.server";
import { SearchUnavailableError } from "~/search/engine";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { apiResult } from "../open-data";
import { unwrap } from "../results";
import { routeArgs } from "../auth";

let db: DB;
let published: { id: number; code: string | null };
let draft: { id: number; code: string | null };

const args = (url: string, params: Record<string, string> = {}) =>
  routeArgs({
    request: new Request(`http://localhost${url}`),
    params,
    context: {},
  });


async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return unwrap(error);
  }
  throw new Error("expected the loader to throw");
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 1);
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  published = await insertScenario(db, { edition_id: editionId, batch_id: batchIds[0]!, organisation_id: hospital, title: "智能导诊大模型智能体", venue_type: "hospital", proposal_deadline: "2099-12-31T09:00:00.000Z" }, ["llm"]);
  await insertScenario(db, { edition_id: editionId, batch_id: batchIds[0]!, organisation_id: hospital, title: "病房巡检机器人", status: "benchmark" }, ["robotics"]);
  draft = await insertScenario(db, { edition_id: editionId, organisation_id: hospital, title: "尚未提交的医院场景", status: "submitted" });
  await db.insertInto("scenario_status_history").values([
    { scenario_id: published.id, from_status: null, to_status: "draft", created_at: "2026-01-01T00:00:00.000Z" },
    { scenario_id: published.id, from_status: "submitted", to_status: "returned", reason: "内部评审意见：请补充预算依据", created_at: "2026-01-02T00:00:00.000Z" },
    { scenario_id: published.id, from_status: "approved", to_status: "published", reason: "随第一批发布", created_at: "2026-03-01T00:00:00.000Z" },
  ]).execute();
  await reindexScenarios(db, searchEngine());
});

describe("public list", () => {
  it("lists only public scenarios with totals and facets", async () => {
    const data = await listLoader(args("/scenarios"));
    expect(data.result.total).toBe(2);
    expect(data.result.items.map((i) => i.title)).not.toContain("尚未提交的医院场景");
    expect(data.result.facets!.status).toEqual({ open: 1, benchmark: 1 });
    expect(data.problems).toEqual([]);
  });

  it("searches and highlights", async () => {
    const data = await listLoader(args(`/scenarios?q=${encodeURIComponent("LLM")}`));
    expect(data.result.items.map((i) => i.code)).toEqual([published.code]);
    expect(data.result.highlight).toContain("大模型");
  });

  it("renders bad parameters as notices instead of failing", async () => {
    const data = await listLoader(args(`/scenarios?page=-1&domain=moon&q=${"x".repeat(5000)}`));
    expect(data.query.page).toBe(1);
    expect(data.problems.map((p) => p.code).sort()).toEqual(["out_of_range", "too_long", "unknown_value"]);
  });

  it("shows the list unsearched with a notice when the search engine is down", async () => {
    const engine = searchEngine();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(engine, "searchScenarios").mockRejectedValue(new SearchUnavailableError("connect ECONNREFUSED"));
    const data = await listLoader(args(`/scenarios?q=${encodeURIComponent("导诊")}`));
    expect(data.result.degraded).toBe(true);
    expect(data.result.total).toBe(2);
    expect(warn).toHaveBeenCalled();
  });
});

describe("scenario page", () => {
  it("shows a published scenario with its public history only", async () => {
    const data = await detailLoader(args(`/scenarios/${published.code}`, { code: published.code! }));
    expect(data.scenario.title).toBe("智能导诊大模型智能体");
    expect(data.capabilities.map((c) => c.name_zh)).toEqual(["大模型"]);
    expect(data.timeline.map((e) => e.to)).toEqual(["draft", "returned", "published"]);
    // Review comments before publication stay internal; the publication note is public.
    expect(data.timeline.map((e) => e.reason)).toEqual([null, null, "随第一批发布"]);
    expect(data.related.map((r) => r.title)).toEqual(["病房巡检机器人"]);
  });

  it("is a 404 for unknown codes, junk and unpublished scenarios", async () => {
    for (const code of ["NJ-2026-9999", "<script>", "nj-2026-9999x"]) {
      const { status, body } = await thrown(detailLoader(args(`/scenarios/${encodeURIComponent(code)}`, { code })));
      expect(status).toBe(404);
      expect(body.kind).toBe("scenario_not_found");
    }
    const hidden = await db.selectFrom("scenarios").where("id", "=", draft.id).select("code").executeTakeFirstOrThrow();
    expect(hidden.code).toBeNull();
  });
});

describe("JSON API", () => {
  it("answers the list with total and items", async () => {
    const { status, body } = await apiResult(apiListLoader(args("/api/v1/scenarios?venue=hospital")));
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ code: published.code, title: "智能导诊大模型智能体", domain: "livelihood", district: "鼓楼区", status: "published" });
  });

  it("answers 400 with the reason for bad parameters", async () => {
    const { status, body } = await apiResult(apiListLoader(args("/api/v1/scenarios?page=abc&tier=giant")));
    expect(status).toBe(400);
    expect(body.problems).toEqual([
      { param: "tier", code: "unknown_value", value: "giant" },
      { param: "page", code: "not_a_number", value: "abc" },
    ]);
  });

  it("answers one scenario, or 404", async () => {
    const ok = await apiResult(apiDetailLoader(args(`/api/v1/scenarios/${published.code}`, { code: published.code! })));
    expect(ok.body).toMatchObject({ code: published.code, capabilities: [{ slug: "llm", name: "大模型" }] });
    const missing = await apiResult(apiDetailLoader(args("/api/v1/scenarios/NJ-2026-9999", { code: "NJ-2026-9999" })));
    expect(missing.status).toBe(404);
  });
});

describe("progress", () => {
  it("counts certified benchmarks by venue organisation", async () => {
    const bench = await db.selectFrom("scenarios").where("status", "=", "benchmark").select(["id"]).executeTakeFirstOrThrow();
    const vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
    await db.updateTable("scenarios").set({ venue_type: "hospital" }).where("id", "=", bench.id).execute();
    const pilot = await db.insertInto("pilots").values({ scenario_id: bench.id, vendor_id: vendor, started_at: "2026-04-01T00:00:00.000Z", status: "completed" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("benchmark_applications").values({ pilot_id: pilot.id, scenario_id: bench.id, status: "certified", certified_at: new Date(Date.now() - 86_400_000).toISOString(), benchmark_number: "BM-2026-0001" }).execute();
    const { progress } = await progressLoader();
    expect(progress.projection.count).toBe(1);
    expect(progress.venues.find((v) => v.key === "hospital")).toEqual({ key: "hospital", count: 1, goal: 5 });
    expect(progress.projection.onTrack).toBe(false);
  });
});
