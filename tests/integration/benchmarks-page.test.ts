import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { loader as benchmarkApi } from "~/routes/api.v1.benchmarks.$number";
import { action, loader } from "~/routes/benchmarks.$number";
import { loader as listLoader } from "~/routes/benchmarks._index";
import { loader as myScenarioLoader } from "~/routes/my.scenarios.$id";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation } from "../fixtures";
import { apiResult, openDataWorld, scenarioAt, type World } from "../open-data";
import { settle } from "../results";

// The benchmark showcase: filters and search narrow what a visitor sees, only certified numbers have
// a page, and "replicate this" gives a demand member one prefilled draft, whoever else asks.

let db: DB;
let w: World;
let cookies: Record<"clerk" | "vendor" | "reviewer", string>;
let clinic: number;

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  w = await openDataWorld(db);
  // The draft must join the edition whose call is open, as a new scenario would.
  await db.insertInto("editions").values({ year: 2027, title: "2027年清单", call_status: "open" }).execute();
  // An unverified clinic in another district: a draft needs no verification.
  clinic = await insertOrganisation(db, "南京市江宁区社区卫生服务中心");
  await db.updateTable("organisations").set({ verified: 0, district: "江宁区" }).where("id", "=", clinic).execute();
  const users = [
    ["clerk", "clerk@clinic.example", "demand_member", clinic],
    ["vendor", "a@yunqi.example", "vendor_member", w.vendor],
    ["reviewer", "expert@review.example", "reviewer", null],
  ] as const;
  cookies = {} as typeof cookies;
  for (const [who, email, role, org] of users) {
    await db.insertInto("users").values({ email, name: `${who}-王敏`, role, organisation_id: org }).execute();
    cookies[who] = await cookieFor(db, email);
  }
});

/** A certified benchmark with these scenario fields; its number and application id. */
async function benchmark(fields: Parameters<typeof scenarioAt>[3], certifiedAt = "2026-11-10T02:00:00.000Z") {
  const scenario = await scenarioAt(db, w, "benchmark", fields);
  const app = await db.updateTable("benchmark_applications").set({ certified_at: certifiedAt }).where("scenario_id", "=", scenario.id)
    .returning(["id", "benchmark_number"]).executeTakeFirstOrThrow();
  return { ...scenario, applicationId: app.id, number: app.benchmark_number! };
}

const list = async (qs = "") => {
  const data = await listLoader(routeArgs({ request: request(`/benchmarks${qs}`), params: {}, context: {} }));
  return { titles: data.result.items.map((b) => b.scenario.title), data };
};
const page = (number: string, cookie?: string) =>
  settle(loader(routeArgs({ request: request(`/benchmarks/${number}`, { cookie }), params: { number }, context: {} })));
const replicate = (number: string, cookie: string | undefined, submissionKey = "key-0123456789abcdef") =>
  settle(action(routeArgs({ request: request(`/benchmarks/${number}`, { cookie, form: { intent: "replicate", submissionKey } }), params: { number }, context: { clientAddress: "test" } })));

describe("the showcase list", () => {
  beforeEach(async () => {
    await benchmark({ title: "智能导诊大模型", domain: "livelihood", venue_type: "hospital", district: "鼓楼区" }, "2026-11-12T02:00:00.000Z");
    const school = await benchmark({ title: "课堂语音测评", domain: "livelihood", venue_type: "school", district: "江宁区" }, "2025-12-31T17:00:00.000Z");
    await db.insertInto("scenario_capabilities").values({ scenario_id: school.id, capability_id: (await db.selectFrom("capabilities").where("slug", "=", "speech").select("id").executeTakeFirstOrThrow()).id }).execute();
    const traffic = await benchmark({ title: "违停智能识别", domain: "governance", venue_type: null, district: "江宁区" }, "2025-08-01T02:00:00.000Z");
    await db.updateTable("benchmark_applications").set({ narrative: "覆盖主城区 300 个路口。" }).where("id", "=", traffic.applicationId).execute();
    await db.insertInto("pilot_kpis").values({ pilot_id: (await db.selectFrom("pilots").where("scenario_id", "=", traffic.id).select("id").executeTakeFirstOrThrow()).id, name: "识别召回率", unit: "%", baseline: 60, target: 85, measured: 88 }).execute();
    // In review, in notice and piloting: not benchmarks.
    await scenarioAt(db, w, "piloting", { title: "仍在试点的场景" });
  });

  it("shows certified benchmarks newest first, each with its number, result and replications", async () => {
    const { titles, data } = await list();
    expect(titles).toEqual(["智能导诊大模型", "课堂语音测评", "违停智能识别"]);
    const first = data.result.items[0]!;
    expect(first.number).toMatch(/^BM-2026-\d{4}$/);
    expect(first).toMatchObject({ organisation: { name: "南京市鼓楼医院" }, vendor: { name: "南京云启智能科技有限公司" }, meanScore: 84.5, replications: { count: 0 } });
    expect(first.kpis[0]).toMatchObject({ name: "导诊准确率", baseline: 70, target: 90, measured: 93 });
  });

  it("narrows by domain, venue type, district, certification year (Beijing) and capability", async () => {
    expect((await list("?domain=governance")).titles).toEqual(["违停智能识别"]);
    expect((await list("?venue=school&venue=hospital")).titles).toEqual(["智能导诊大模型", "课堂语音测评"]);
    expect((await list("?district=江宁区&domain=livelihood")).titles).toEqual(["课堂语音测评"]);
    // 2025-12-31T17:00Z is already 2026 in Nanjing.
    expect((await list("?year=2026")).titles).toEqual(["智能导诊大模型", "课堂语音测评"]);
    expect((await list("?year=2025")).titles).toEqual(["违停智能识别"]);
    expect((await list("?capability=speech")).titles).toEqual(["课堂语音测评"]);
  });

  it("searches titles, organisations, vendors, narratives and KPI names", async () => {
    expect((await list("?q=导诊大模型")).titles).toEqual(["智能导诊大模型"]);
    // Every seeded pilot measured 导诊准确率: a KPI name finds them all.
    expect((await list("?q=导诊")).titles).toHaveLength(3);
    expect((await list("?q=路口")).titles).toEqual(["违停智能识别"]);
    expect((await list("?q=召回率")).titles).toEqual(["违停智能识别"]);
    expect((await list("?q=云启")).titles).toHaveLength(3);
    expect((await list("?q=准确率 江宁")).titles).toEqual([]);
    const none = await list("?q=无人机配送");
    expect(none.titles).toEqual([]);
    expect(none.data.result.total).toBe(0);
  });

  it("counts each filter value and offers the years there are", async () => {
    const { data } = await list("?district=江宁区");
    expect(data.result.facets.domain).toEqual({ livelihood: 1, governance: 1 });
    expect(data.result.facets.district).toEqual({ 鼓楼区: 1, 江宁区: 2 });
    expect(data.result.years).toEqual(["2026", "2025"]);
  });

  it("pages twelve at a time", async () => {
    for (let i = 0; i < 10; i++) await benchmark({ title: `批量标杆 ${i}` }, `2026-10-${String(10 + i).padStart(2, "0")}T02:00:00.000Z`);
    const first = await list();
    expect(first.titles).toHaveLength(12);
    expect(first.data.result.pageCount).toBe(2);
    expect(first.titles.slice(0, 2)).toEqual(["智能导诊大模型", "批量标杆 9"]);
    expect((await list("?page=2")).titles).toEqual(["违停智能识别"]);
    // A page past the end shows the last one.
    expect((await list("?page=9")).data.query.page).toBe(2);
  });
});

describe("a benchmark's page", () => {
  it("shows every KPI, the notice period and the scenario, for a certified number in any case", async () => {
    const b = await benchmark({ title: "智能导诊大模型" });
    const { status, body } = await page(b.number.toLowerCase());
    expect(status).toBe(200);
    expect(body.benchmark).toMatchObject({ number: b.number, scenario: { code: b.code, title: "智能导诊大模型" }, notice: { startsAt: "2026-11-02T02:00:00.000Z" } });
    expect(body.benchmark.kpis).toEqual([{ name: "导诊准确率", unit: "%", baseline: 70, target: 90, measured: 93, higherIsBetter: true }]);
    expect(body.benchmark.capabilities.map((c: { slug: string }) => c.slug)).toEqual(["llm", "agent"]);
  });

  it("is a 404 for unknown, malformed and uncertified numbers", async () => {
    const b = await benchmark({});
    for (const status of ["notice", "rejected"] as const) {
      // An application in notice or rejected never shows as a benchmark, even if it carried a number.
      await db.updateTable("benchmark_applications").set({ status }).where("id", "=", b.applicationId).execute();
      expect((await page(b.number)).status).toBe(404);
      expect((await apiResult(benchmarkApi(routeArgs({ request: request(`/api/v1/benchmarks/${b.number}`), params: { number: b.number }, context: {} })))).status).toBe(404);
    }
    for (const number of ["BM-2099-0001", "NJ-2026-0001", "BM-2026-1"]) expect((await page(number)).status).toBe(404);
    expect((await replicate("BM-2099-0001", cookies.clerk)).status).toBe(404);
  });
});

describe("replicate this", () => {
  it("sends a visitor to sign in and back, and tells vendors and reviewers only demand organisations post scenarios", async () => {
    const b = await benchmark({});
    const anonymous = await page(b.number);
    expect(anonymous.body.replicate).toEqual({ kind: "anonymous", signIn: `/login?redirectTo=%2Fbenchmarks%2F${b.number}` });
    const post = await replicate(b.number, undefined);
    expect(post.status).toBe(302);
    expect(post.location).toBe(`/login?redirectTo=%2Fbenchmarks%2F${b.number}`);
    for (const who of ["vendor", "reviewer"] as const) {
      expect((await page(b.number, cookies[who])).body.replicate).toEqual({ kind: "other" });
      expect((await replicate(b.number, cookies[who])).status).toBe(403);
    }
    expect(await db.selectFrom("scenarios").where("replicated_from", "is not", null).select("id").execute()).toEqual([]);
  });

  it("gives a demand member a draft of their own, prefilled from the benchmark, and lands on it", async () => {
    const b = await benchmark({ title: "智能导诊大模型", requirements: "对接 HIS 系统。", cooperation_mode: "solution_procurement", tier: "integrated" });
    const form = await page(b.number, cookies.clerk);
    expect(form.body.replicate).toMatchObject({ kind: "demand", existingDraftId: null });

    const result = await replicate(b.number, cookies.clerk, form.body.replicate.submissionKey);
    expect(result.status).toBe(302);
    const id = Number(result.location!.match(/^\/my\/scenarios\/(\d+)\?done=replicated$/)?.[1]);
    const draft = await db.selectFrom("scenarios as s").innerJoin("editions as e", "e.id", "s.edition_id").where("s.id", "=", id)
      .selectAll("s").select("e.year").executeTakeFirstOrThrow();
    expect(draft).toMatchObject({
      organisation_id: clinic, status: "draft", code: null, replicated_from: b.applicationId, year: 2027,
      title: `参照 ${b.number}：智能导诊大模型`, description: "门诊导诊。", requirements: "对接 HIS 系统。", acceptance_criteria: "准确率不低于 90%。",
      domain: "livelihood", venue_type: "hospital", cooperation_mode: "solution_procurement", tier: "integrated",
      // The new organisation's own: its district, its contact; no budget, dates or site.
      district: "江宁区", contact_name: "clerk-王敏", contact_email: "clerk@clinic.example", contact_phone: "",
      budget_wan: null, period_start: null, period_end: null, site_access: "",
    });
    const caps = await db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .where("sc.scenario_id", "=", id).select("c.slug").orderBy("c.id").execute();
    expect(caps.map((c) => c.slug)).toEqual(["llm", "agent"]);
    expect(await db.selectFrom("scenario_status_history").where("scenario_id", "=", id).select(["from_status", "to_status"]).execute())
      .toEqual([{ from_status: null, to_status: "draft" }]);
    const audit = await db.selectFrom("audit_log").where("subject_type", "=", "scenario").where("subject_id", "=", id).select(["action", "after_json"]).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe("scenario.create");
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ replicatedFrom: b.applicationId });

    // The owner's page names the benchmark and says what happened.
    const mine = await myScenarioLoader(routeArgs({ request: request(`/my/scenarios/${id}?done=replicated`, { cookie: cookies.clerk }), params: { id: String(id) }, context: {} }));
    expect(mine.origin).toEqual({ number: b.number, title: "智能导诊大模型" });
  });

  it("makes one draft of a double post, and of a second click on a reloaded page until the draft is edited", async () => {
    const b = await benchmark({});
    const [first, second] = await Promise.all([replicate(b.number, cookies.clerk, "same-key-0123456789"), replicate(b.number, cookies.clerk, "same-key-0123456789")]);
    expect(second.location).toBe(first.location);
    const again = await replicate(b.number, cookies.clerk, "another-key-0123456789");
    expect(again.location).toBe(first.location);
    const drafts = await db.selectFrom("scenarios").where("replicated_from", "=", b.applicationId).select(["id"]).execute();
    expect(drafts).toHaveLength(1);
    expect((await page(b.number, cookies.clerk)).body.replicate.existingDraftId).toBe(drafts[0]!.id);

    // Once the draft has been worked on, replicating again is a deliberate second start.
    await db.updateTable("scenarios").set({ version: 2 }).where("id", "=", drafts[0]!.id).execute();
    const third = await replicate(b.number, cookies.clerk, "third-key-0123456789");
    expect(third.location).not.toBe(first.location);
    expect(await db.selectFrom("scenarios").where("replicated_from", "=", b.applicationId).select("id").execute()).toHaveLength(2);
  });

  it("counts replications on the page and in the API, listing only the public ones", async () => {
    const b = await benchmark({});
    const api = async () => (await apiResult(benchmarkApi(routeArgs({ request: request(`/api/v1/benchmarks/${b.number}`), params: { number: b.number }, context: {} })))).body;
    expect((await page(b.number)).body.benchmark.replications).toEqual({ count: 0, scenarios: [] });
    expect((await api()).replications).toEqual({ count: 0, scenarios: [] });

    const { location } = await replicate(b.number, cookies.clerk);
    const id = Number(location!.match(/\/my\/scenarios\/(\d+)/)![1]);
    expect((await page(b.number)).body.benchmark.replications).toEqual({ count: 1, scenarios: [] });
    expect((await api()).replications).toEqual({ count: 1, scenarios: [] });
    expect((await list()).data.result.items[0]!.replications.count).toBe(1);

    await db.updateTable("scenarios").set({ status: "published", code: "NJ-2027-0001", published_at: "2027-03-15T02:00:00.000Z" }).where("id", "=", id).execute();
    const published = { code: "NJ-2027-0001", title: `参照 ${b.number}：智能导诊（benchmark）`, organisation: "南京市江宁区社区卫生服务中心" };
    expect((await page(b.number)).body.benchmark.replications).toEqual({ count: 1, scenarios: [published] });
    expect((await api()).replications).toEqual({ count: 1, scenarios: [{ ...published, url: "/scenarios/NJ-2027-0001" }] });

    // A withdrawn replica no longer counts.
    await db.updateTable("scenarios").set({ status: "withdrawn" }).where("id", "=", id).execute();
    expect((await api()).replications).toEqual({ count: 0, scenarios: [] });
  });
});
