import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { loader as scenariosApi } from "~/routes/api.v1.scenarios";
import { loader as vendorsApi } from "~/routes/api.v1.vendors";
import { loader as vendorApi } from "~/routes/api.v1.vendors.$id";
import { loader as benchmarksApi } from "~/routes/api.v1.benchmarks";
import { loader as benchmarkApi } from "~/routes/api.v1.benchmarks.$number";
import { loader as scenarioFeed } from "~/routes/feeds.scenarios[.]atom";
import { loader as benchmarkFeed } from "~/routes/feeds.benchmarks[.]atom";
import { loader as openDataLoader } from "~/routes/open-data";
import { reindexScenarios, searchEngine } from "~/search/search.server";
import { readAtom } from "../atom";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation, insertScenario } from "../fixtures";
import { apiResult, openDataWorld, scenarioAt, type World } from "../open-data";
import { routeArgs } from "../auth";

let db: DB;
let w: World;
const args = (url: string, params: Record<string, string> = {}) =>
  routeArgs({
    request: new Request(url.startsWith("http") ? url : `http://localhost${url}`),
    params,
    context: {},
  });

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  w = await openDataWorld(db);
});

describe("scenario list pages", () => {
  it("follow an opaque cursor that keeps the filters, to the end", async () => {
    for (let i = 0; i < 5; i++) await scenarioAt(db, w, "published", { domain: "governance", title: `城市治理 ${i}` });
    await scenarioAt(db, w, "published", { domain: "industry" });
    await reindexScenarios(db, searchEngine());
    const titles: string[] = [];
    let url = "/api/v1/scenarios?domain=governance&limit=2";
    for (let pages = 0; pages < 5; pages++) {
      const { status, body } = await apiResult(scenariosApi(args(url)));
      expect(status).toBe(200);
      titles.push(...body.items.map((i: { title: string }) => i.title));
      if (!body.next) break;
      // Absolute links start with PUBLIC_URL (http://localhost:3000 in tests), not the request's host.
      expect(body.links.next).toMatch(/^http:\/\/localhost:3000\/api\/v1\/scenarios\?cursor=[A-Za-z0-9_-]+&limit=2$/);
      url = body.links.next;
    }
    expect(titles.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `城市治理 ${i}`));
    const mixed = await apiResult(scenariosApi(args(`${url}&domain=industry`)));
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toBe("cursor_with_query");
  });
});

describe("vendors API", () => {
  it("pages verified vendors with their profile, and hides the rest", async () => {
    await db.insertInto("vendor_served").values({ organisation_id: w.vendor, facet: "venue_type", value: "hospital" }).execute();
    await db.insertInto("reference_cases").values({ organisation_id: w.vendor, client: "某三甲医院", scenario: "智能导诊", result: "候诊时间缩短 30%", year: 2025 }).execute();
    const unverified = await insertOrganisation(db, "未核验科技有限公司", "vendor");
    await db.updateTable("organisations").set({ verified: 0 }).where("id", "=", unverified).execute();

    const first = await apiResult(vendorsApi(args("/api/v1/vendors?limit=1")));
    expect(first.body).toMatchObject({ total: 2, items: [{ id: w.vendor, serves: { venueTypes: ["hospital"] }, referenceCases: [{ client: "某三甲医院" }] }] });
    const second = await apiResult(vendorsApi(args(first.body.links.next)));
    expect(second.body.items.map((v: { id: number }) => v.id)).toEqual([w.otherVendor]);
    expect(second.body.next).toBeNull();

    expect((await apiResult(vendorApi(args(`/api/v1/vendors/${w.vendor}`, { id: String(w.vendor) })))).body.name).toBe("南京云启智能科技有限公司");
    for (const id of [String(unverified), String(w.hospital), "abc"]) {
      expect((await apiResult(vendorApi(args(`/api/v1/vendors/${id}`, { id })))).status).toBe(404);
    }
  });
});

describe("benchmarks API", () => {
  it("lists certified benchmarks newest first, one by number, 404 otherwise", async () => {
    await scenarioAt(db, w, "benchmark");
    const second = await scenarioAt(db, w, "benchmark");
    await db.updateTable("benchmark_applications").set({ certified_at: "2026-11-15T02:00:00.000Z" }).where("scenario_id", "=", second.id).execute();
    await scenarioAt(db, w, "piloting");
    const list = await apiResult(benchmarksApi(args("/api/v1/benchmarks")));
    expect(list.body.total).toBe(2);
    expect(list.body.items[0].scenario.code).toBe(second.code);
    const one = list.body.items[0];
    expect(one).toMatchObject({ meanScore: 84.5, vendor: { name: "南京云启智能科技有限公司" }, organisation: "南京市鼓楼医院", kpis: [{ name: "导诊准确率" }] });
    expect((await apiResult(benchmarkApi(args(`/api/v1/benchmarks/${one.number}`, { number: one.number })))).body.number).toBe(one.number);
    expect((await apiResult(benchmarkApi(args("/api/v1/benchmarks/BM-2099-0001", { number: "BM-2099-0001" })))).status).toBe(404);
  });
});

describe("Atom feeds", () => {
  it("carry newly published scenarios, escaped, as valid Atom", async () => {
    await scenarioAt(db, w, "published", { title: "<script>alert(1)</script> & 医院", published_at: "2026-11-20T02:00:00.000Z" });
    await scenarioAt(db, w, "published", { title: "较早发布", published_at: "2026-10-01T02:00:00.000Z" });
    await insertScenario(db, { edition_id: w.editionId, organisation_id: w.hospital, title: "未发布", status: "approved" });
    const response = (await scenarioFeed(args("http://localhost:3000/feeds/scenarios.atom"))) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).not.toContain("<script>");
    const feed = readAtom(xml);
    expect(feed.problems).toEqual([]);
    expect(feed.selfHref).toBe("http://localhost:3000/feeds/scenarios.atom");
    expect(feed.entries.map((e) => e.title)).toEqual([expect.stringMatching(/ <script>alert\(1\)<\/script> & 医院$/), expect.stringMatching(/较早发布$/)]);
    expect(feed.entries[0]!.id).toMatch(/^tag:localhost,2026:scenario\/NJ-2026-\d{4}$/);
    expect(feed.entries[0]!.summary).toContain("需求单位：南京市鼓楼医院");

    const english = readAtom(await ((await scenarioFeed(args("/feeds/scenarios.atom?lang=en"))) as Response).text());
    expect(english.title).toBe("AI scenario opportunities · newly published");
    expect(english.entries[0]!.summary).toContain("Public services");
  });

  it("carry newly certified benchmarks", async () => {
    const s = await scenarioAt(db, w, "benchmark");
    const feed = readAtom(await ((await benchmarkFeed(args("/feeds/benchmarks.atom"))) as Response).text());
    expect(feed.problems).toEqual([]);
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]).toMatchObject({ link: `http://localhost:3000/scenarios/${s.code}`, content: "成效显著。" });
    expect(feed.entries[0]!.summary).toContain("评审均分：84.5");
  });
});

describe("open data page", () => {
  it("counts what is public and gives real examples", async () => {
    await scenarioAt(db, w, "benchmark");
    // The examples name the site's public address (PUBLIC_URL), whatever host the request named.
    const data = await openDataLoader(args("https://data.example.org/open-data"));
    expect(data.origin).toBe("http://localhost:3000");
    expect(data.stats.public).toEqual({ scenario: 1, vendor: 2, benchmark: 1 });
    expect(data.sampleError).toMatchObject({ error: "invalid_updated_since", param: "updatedSince" });
  });
});
