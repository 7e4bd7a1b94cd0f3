import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { ProductKind } from "~/domain/vocabulary";
import { loader as progressLoader } from "~/routes/progress";
import { loader as vendorLoader } from "~/routes/vendors.$id";
import { loader as listLoader } from "~/routes/vendors._index";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";
import { routeArgs } from "../auth";

// The public vendor directory and vendor pages, through their loaders.

let db: DB;
let yunqi: number;
let shijie: number;
let newcomer: number;
let hospital: number;

const list = async (query = "") => (await listLoader(routeArgs({ request: new Request(`http://localhost/vendors${query}`), params: {}, context: {} }))).result;
const names = async (query = "") => (await list(query)).items.map((v) => v.name);
const page = (id: string) => settle(vendorLoader(routeArgs({ request: new Request(`http://localhost/vendors/${id}`), params: { id }, context: {} })));

interface VendorSeed {
  name: string;
  verified?: boolean;
  summary?: string;
  capabilities?: string[];
  served?: [facet: "domain" | "venue_type" | "district", value: string][];
  products?: [kind: ProductKind, name: string, filing?: string][];
  cases?: [client: string, scenario: string, result: string][];
}

async function insertVendor(v: VendorSeed): Promise<number> {
  const id = await insertOrganisation(db, v.name, "vendor");
  await db.updateTable("organisations").set({ verified: v.verified === false ? 0 : 1, summary: v.summary ?? "" }).where("id", "=", id).execute();
  for (const slug of v.capabilities ?? []) {
    const cap = await db.selectFrom("capabilities").where("slug", "=", slug).select("id").executeTakeFirstOrThrow();
    await db.insertInto("vendor_capabilities").values({ organisation_id: id, capability_id: cap.id }).execute();
  }
  for (const [facet, value] of v.served ?? []) await db.insertInto("vendor_served").values({ organisation_id: id, facet, value }).execute();
  for (const [kind, name, filing] of v.products ?? []) {
    await db.insertInto("products").values({ organisation_id: id, kind, name, filing_number: filing ?? null }).execute();
  }
  for (const [client, scenario, result] of v.cases ?? []) {
    await db.insertInto("reference_cases").values({ organisation_id: id, client, scenario, result, year: 2025 }).execute();
  }
  return id;
}

/** A scenario this vendor won and is piloting: its public track record. */
async function win(vendorId: number) {
  const { editionId } = await insertEdition(db, 2026, 1);
  const scenario = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, status: "piloting" });
  await db.insertInto("proposals").values({ scenario_id: scenario.id, vendor_id: vendorId, status: "selected" }).execute();
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  yunqi = await insertVendor({
    name: "南京云启智能科技有限公司",
    summary: "专注医疗和政务领域的大模型应用。",
    capabilities: ["llm", "agent"],
    served: [["domain", "livelihood"], ["venue_type", "hospital"], ["district", "鼓楼区"]],
    products: [["agent", "云启导诊智能体"], ["industry_model", "云启医疗大模型"]],
    cases: [["南京市第一医院", "门诊预问诊", "医生问诊时间缩短 20%"]],
  });
  shijie = await insertVendor({
    name: "江苏视界视觉技术有限公司",
    summary: "工业视觉检测。",
    capabilities: ["cv", "edge_computing"],
    served: [["domain", "industry"], ["venue_type", "factory"], ["district", "江宁区"], ["district", "鼓楼区"]],
    products: [["smart_terminal", "AI视觉质检一体机"], ["industry_model", "视界工业视觉大模型", "Jiangsu-ShijieShijue-202406010002"]],
    cases: [["南京钢铁股份有限公司", "钢板表面缺陷检测", "漏检率降至 0.5%"]],
  });
  newcomer = await insertVendor({
    name: "南京新来智能科技有限公司",
    verified: false,
    capabilities: ["llm"],
    served: [["domain", "livelihood"]],
    products: [["agent", "新来导诊智能体"]],
  });
});

describe("the directory", () => {
  it("lists verified vendors only, with their products and counts", async () => {
    const result = await list();
    expect(result.total).toBe(2);
    expect(result.items.map((v) => v.name).sort()).toEqual(["南京云启智能科技有限公司", "江苏视界视觉技术有限公司"]);
    const card = result.items.find((v) => v.id === yunqi)!;
    expect(card.products.map((p) => p.name)).toEqual(["云启导诊智能体", "云启医疗大模型"]);
    expect(card.capabilities.map((c) => c.slug)).toEqual(["llm", "agent"]);
    expect(card.cases).toBe(1);
    expect(await names("?q=新来")).toEqual([]);
    expect(await names("?q=导诊智能体")).toEqual(["南京云启智能科技有限公司"]);
  });

  it("finds vendors by product name, case, summary and capability synonym", async () => {
    expect(await names("?q=质检一体机")).toEqual(["江苏视界视觉技术有限公司"]);
    expect(await names("?q=南京钢铁")).toEqual(["江苏视界视觉技术有限公司"]);
    expect(await names("?q=政务")).toEqual(["南京云启智能科技有限公司"]);
    expect(await names("?q=LLM")).toEqual(["南京云启智能科技有限公司"]);
    expect(await names("?q=机器视觉")).toEqual(["江苏视界视觉技术有限公司"]);
    // Every word must match somewhere.
    expect(await names("?q=大模型 质检")).toEqual(["江苏视界视觉技术有限公司"]);
    // LIKE's wildcards are plain characters here: both cases have a "%" in them, one has "20%".
    expect(await names("?q=20%25")).toEqual(["南京云启智能科技有限公司"]);
    expect(await names("?q=%25%25")).toEqual([]);
    expect(await names("?q=_")).toEqual([]);
  });

  it("puts name and product hits before case-only hits, and shows the case that matched", async () => {
    const named = await insertVendor({ name: "南京导诊科技有限公司", capabilities: ["speech"] });
    const caseOnly = await insertVendor({ name: "南京声谷语音科技有限公司", capabilities: ["speech"], cases: [["南京市儿童医院", "儿科智能导诊", "分诊准确率 92%"]] });
    // The case-only vendor is the busiest, which would put it first without a search.
    await win(caseOnly);
    const { items } = await list("?q=导诊");
    expect(items.map((v) => v.id)).toEqual([named, yunqi, caseOnly]);
    expect(items[2]!.matchedCase).toEqual({ client: "南京市儿童医院", scenario: "儿科智能导诊", result: "分诊准确率 92%" });
    expect(items[0]!.matchedCase).toBeNull();
    expect((await list()).items[0]!.id).toBe(caseOnly);
  });

  it("combines filters, and counts each filter's values under the others", async () => {
    expect(await names("?domain=industry&kind=smart_terminal")).toEqual(["江苏视界视觉技术有限公司"]);
    expect(await names("?domain=industry&kind=agent")).toEqual([]);
    expect(await names("?district=鼓楼区&cap=llm")).toEqual(["南京云启智能科技有限公司"]);
    expect(await names("?filed=1")).toEqual(["江苏视界视觉技术有限公司"]);
    expect(await names("?venue=hospital&filed=1")).toEqual([]);
    const { facets, total } = await list("?domain=industry");
    expect(total).toBe(1);
    // The domain counts ignore the domain filter (so the other choice still shows its number) and
    // never count the unverified vendor.
    expect(facets.domain).toEqual({ livelihood: 1, industry: 1 });
    expect(facets.kind).toEqual({ smart_terminal: 1, industry_model: 1 });
    expect(facets.district).toEqual({ 江宁区: 1, 鼓楼区: 1 });
    expect(facets.filed).toBe(1);
  });

  it("drops values it does not know and keeps the rest of the query", async () => {
    const data = await listLoader(routeArgs({ request: new Request("http://localhost/vendors?domain=space&kind=agent&page=-3"), params: {}, context: {} }));
    expect(data.query).toMatchObject({ domain: undefined, kind: "agent", page: 1 });
    expect(data.result.items.map((v) => v.name)).toEqual(["南京云启智能科技有限公司"]);
  });

  it("pages through many vendors, the busiest first", async () => {
    for (let i = 1; i <= 23; i++) await insertVendor({ name: `测试供应商${String(i).padStart(2, "0")}有限公司`, capabilities: ["ocr"] });
    await win(shijie);
    const first = await list();
    expect(first.total).toBe(25);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.name).toBe("江苏视界视觉技术有限公司");
    expect(first.items[0]!.won).toBe(1);
    const second = await list("?page=2");
    expect(second.items).toHaveLength(5);
    expect(new Set([...first.items, ...second.items].map((v) => v.id)).size).toBe(25);
    // A page past the end shows the last one.
    expect((await list("?page=9")).items.map((v) => v.id)).toEqual(second.items.map((v) => v.id));
  });

  it("is empty before any vendor is verified", async () => {
    await db.updateTable("organisations").set({ verified: 0 }).where("kind", "=", "vendor").execute();
    const result = await list();
    expect(result).toMatchObject({ total: 0, items: [], pageCount: 1 });
  });
});

describe("a vendor's page", () => {
  it("shows the profile, products with filing numbers, cases and the platform record", async () => {
    const { editionId } = await insertEdition(db, 2026, 1);
    const won = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, status: "benchmark", title: "钢板表面缺陷视觉检测" });
    const open = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, status: "published", title: "仍在征集的场景" });
    const selected = await db.insertInto("proposals").values({ scenario_id: won.id, vendor_id: shijie, status: "selected", decided_at: "2026-04-01T02:00:00.000Z" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("proposals").values({ scenario_id: open.id, vendor_id: shijie, status: "submitted" }).execute();
    const pilot = await db.insertInto("pilots").values({ scenario_id: won.id, proposal_id: selected.id, vendor_id: shijie, status: "completed", started_at: "2026-04-10T00:00:00.000Z" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("benchmark_applications").values({ pilot_id: pilot.id, scenario_id: won.id, status: "certified", certified_at: "2026-10-01T00:00:00.000Z", benchmark_number: "BM-2026-0007" }).execute();

    const { status, body } = await page(String(shijie));
    expect(status).toBe(200);
    expect(body.vendor).toMatchObject({ name: "江苏视界视觉技术有限公司", summary: "工业视觉检测。" });
    expect(body.products.map((p: any) => [p.name, p.filing_number])).toEqual([
      ["视界工业视觉大模型", "Jiangsu-ShijieShijue-202406010002"],
      ["AI视觉质检一体机", null],
    ]);
    expect(body.cases.map((c: any) => c.client)).toEqual(["南京钢铁股份有限公司"]);
    expect(body.served).toEqual({ domains: ["industry"], venueTypes: ["factory"], districts: expect.arrayContaining(["江宁区", "鼓楼区"]) });
    expect(body.record).toEqual([expect.objectContaining({ code: won.code, title: "钢板表面缺陷视觉检测", status: "benchmark", benchmark_number: "BM-2026-0007" })]);
    expect(body.certifiedBenchmarks).toBe(1);
    // The directory's card says the same.
    const card = (await list()).items.find((v) => v.id === shijie)!;
    expect(card).toMatchObject({ won: 1, benchmarks: 1 });
  });

  it("is 404 for unknown ids, other kinds of organisation and unverified vendors", async () => {
    for (const id of ["999999", String(hospital), String(newcomer), "abc", "1e3"]) {
      expect((await page(id)).status, id).toBe(404);
    }
  });
});

describe("the progress page", () => {
  it("counts verified vendors' products against the plan's goals", async () => {
    await db.insertInto("targets").values({ key: "industry_models", goal: 100, deadline: "2027-12-31" }).execute();
    const { progress } = await progressLoader();
    expect(progress.products.industryModels).toEqual({ count: 2, filed: 1, goal: 100 });
    // The unverified vendor's agent is not counted; the goal falls back to the plan's 1,000.
    expect(progress.products.terminalsAndAgents).toEqual({ count: 2, terminals: 1, agents: 1, goal: 1000 });
  });
});
