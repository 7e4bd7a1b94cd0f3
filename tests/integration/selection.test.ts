import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { OTHER_SELECTED_REASON } from "~/domain/selection";
import { loader as apiLoader } from "~/routes/api.v1.scenarios.$code.proposals";
import { action as selectionAction, loader as selectionLoader } from "~/routes/my.scenarios.$id_.proposals";
import { loader as publicLoader } from "~/routes/scenarios.$code";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// Selection through its routes, as the demand side's browser and the JSON API would call them,
// with the clock set before or after the proposal deadline.

const DEADLINE = "2026-11-15T09:00:00.000Z";
const BEFORE = new Date("2026-11-10T02:00:00.000Z");
const AFTER = new Date("2026-11-20T02:00:00.000Z");

type Who = "clerk" | "colleague" | "otherDemand" | "vendorA" | "vendorA2" | "vendorB" | "vendorC" | "vendorD" | "vendorE" | "reviewer";

let db: DB;
let scenario: { id: number; code: string };
let p: { a: number; b: number; unconfirmed: number; draft: number; withdrawn: number };
let vendors: Record<"a" | "b" | "c" | "d" | "e", number>;
let users: Record<Who, number>;
let cookies: Record<Who, string>;

async function addUser(email: string, role: "demand_member" | "vendor_member" | "reviewer", organisationId: number | null) {
  const row = await db.insertInto("users").values({ email, name: email.split("@")[0]!, role, organisation_id: organisationId }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

async function addProposal(vendorId: number, fields: { status?: "draft" | "submitted" | "withdrawn"; needs_reconfirmation?: number; price_wan?: number } = {}) {
  const row = await db
    .insertInto("proposals")
    .values({
      scenario_id: scenario.id, vendor_id: vendorId, status: fields.status ?? "submitted", approach: `方案正文 ${vendorId}`, team: "团队 12 人",
      price_wan: fields.price_wan ?? 90, timeline: "合同签订后 6 个月完成", needs_reconfirmation: fields.needs_reconfirmation ?? 0,
      submitted_at: fields.status === "draft" ? null : "2026-11-01T02:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const page = (cookie: string, query = "") =>
  settle(selectionLoader(routeArgs({ request: request(`/my/scenarios/${scenario.id}/proposals${query}`, { cookie }), params: { id: String(scenario.id) }, context: {} })));
/** The API answers with real Responses (a resource route's `data()` would be served as 200). */
async function api(cookie?: string) {
  const response = await apiLoader(routeArgs({ request: request(`/api/v1/scenarios/${scenario.code}/proposals`, { cookie }), params: { code: scenario.code }, context: {} }));
  expect(response).toBeInstanceOf(Response);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return { status: response.status, body: await response.json() };
}
const post = (cookie: string, form: Record<string, string>) =>
  settle(selectionAction(routeArgs({ request: request(`/my/scenarios/${scenario.id}/proposals`, { cookie, form }), params: { id: String(scenario.id) }, context: { clientAddress: "test" } })));
const publicPage = (cookie?: string) => settle(publicLoader(routeArgs({ request: request(`/scenarios/${scenario.code}`, { cookie }), params: { code: scenario.code }, context: {} })));
const statusOf = async (id: number) => (await db.selectFrom("proposals").where("id", "=", id).selectAll().executeTakeFirstOrThrow());
const scenarioStatus = async () => (await db.selectFrom("scenarios").where("id", "=", scenario.id).select("status").executeTakeFirstOrThrow()).status;
const notices = (userId: number) => db.selectFrom("notifications").where("user_id", "=", userId).selectAll().orderBy("id").execute();

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(BEFORE);
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 1);
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const school = await insertOrganisation(db, "南京市第一中学");
  vendors = {
    a: await insertOrganisation(db, "南京云启智能科技有限公司", "vendor"),
    b: await insertOrganisation(db, "江苏知行数据科技有限公司", "vendor"),
    c: await insertOrganisation(db, "南京远望视觉技术有限公司", "vendor"),
    d: await insertOrganisation(db, "南京草稿科技有限公司", "vendor"),
    e: await insertOrganisation(db, "南京撤回科技有限公司", "vendor"),
  };
  const row = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, batch_id: batchIds[0]!, title: "住院病区智能护理巡视", proposal_deadline: DEADLINE });
  scenario = { id: row.id, code: row.code! };
  users = {
    clerk: await addUser("clerk@hospital.example", "demand_member", hospital),
    colleague: await addUser("colleague@hospital.example", "demand_member", hospital),
    otherDemand: await addUser("teacher@school.example", "demand_member", school),
    vendorA: await addUser("a1@yunqi.example", "vendor_member", vendors.a),
    vendorA2: await addUser("a2@yunqi.example", "vendor_member", vendors.a),
    vendorB: await addUser("b@zhixing.example", "vendor_member", vendors.b),
    vendorC: await addUser("c@yuanwang.example", "vendor_member", vendors.c),
    vendorD: await addUser("d@draft.example", "vendor_member", vendors.d),
    vendorE: await addUser("e@withdrawn.example", "vendor_member", vendors.e),
    reviewer: await addUser("expert@review.example", "reviewer", null),
  };
  await db.updateTable("users").set({ lang: "en" }).where("id", "=", users.vendorA2).execute();
  cookies = Object.fromEntries(await Promise.all(
    Object.entries(users).map(async ([who, id]) => {
      const { email } = await db.selectFrom("users").where("id", "=", id).select("email").executeTakeFirstOrThrow();
      return [who, await cookieFor(db, email)];
    }),
  )) as Record<Who, string>;
  p = {
    a: await addProposal(vendors.a, { price_wan: 85 }),
    b: await addProposal(vendors.b, { price_wan: 110 }),
    unconfirmed: await addProposal(vendors.c, { needs_reconfirmation: 1 }),
    draft: await addProposal(vendors.d, { status: "draft" }),
    withdrawn: await addProposal(vendors.e, { status: "withdrawn" }),
  };
  const product = await db.insertInto("products").values({ organisation_id: vendors.a, kind: "industry_model", name: "云启医疗大模型", filing_number: "Jiangsu-YunqiMed-202601010001" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("proposal_products").values({ proposal_id: p.a, product_id: product.id }).execute();
  const refCase = await db.insertInto("reference_cases").values({ organisation_id: vendors.a, client: "南京市第二医院", scenario: "夜间病区巡视", result: "跌倒事件下降 40%", year: 2025 }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("proposal_cases").values({ proposal_id: p.a, case_id: refCase.id }).execute();
  await db.insertInto("proposal_attachments").values({ proposal_id: p.a, file_name: "技术方案.pdf", media_type: "application/pdf", size_bytes: 204800, sha256: "0".repeat(64), storage_key: "secret/key/abc" }).execute();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("before the deadline the proposals are sealed", () => {
  it("answers 403 to the owner on the page and the API, with the count and no contents", async () => {
    const seen = await page(cookies.clerk);
    expect(seen.status).toBe(403);
    expect(seen.body).toEqual({ kind: "proposals_sealed", opensAt: DEADLINE, count: 3 });
    const json = await api(cookies.clerk);
    expect(json.status).toBe(403);
    expect(json.body).toEqual({ error: "sealed", message: expect.any(String), opensAt: DEADLINE, count: 3 });
    expect(JSON.stringify([seen.body, json.body])).not.toContain("方案正文");
  });

  it("refuses a decision before the deadline", async () => {
    const result = await post(cookies.clerk, { intent: "select", proposalId: String(p.a) });
    expect(result.status).toBe(409);
    expect(result.body.result.error[""]).toEqual(["selection.problem.before_deadline"]);
    expect(await scenarioStatus()).toBe("published");
    expect((await statusOf(p.a)).status).toBe("submitted");
  });

  it("never lets another organisation, a vendor or a reviewer in, and asks anonymous API callers to sign in", async () => {
    for (const now of [BEFORE, AFTER]) {
      vi.setSystemTime(now);
      expect((await page(cookies.otherDemand)).status).toBe(404);
      expect((await page(cookies.vendorA)).status).toBe(403);
      expect((await page(cookies.reviewer)).status).toBe(403);
      expect((await api(cookies.otherDemand)).status).toBe(403);
      expect((await api(cookies.vendorA)).status).toBe(403);
      expect((await api(cookies.reviewer)).status).toBe(403);
      expect((await api()).status).toBe(401);
      const anonymous = await page("");
      expect([anonymous.status, anonymous.location]).toEqual([302, `/login?redirectTo=${encodeURIComponent(`/my/scenarios/${scenario.id}/proposals`)}`]);
    }
  });
});

describe("after the deadline", () => {
  beforeEach(() => vi.setSystemTime(AFTER));

  it("shows the owner every submitted proposal side by side, the unconfirmed one apart, drafts and withdrawn ones not at all", async () => {
    const { status, body } = await page(cookies.colleague);
    expect(status).toBe(200);
    expect(body.considered.map((x: { id: number }) => x.id).sort()).toEqual([p.a, p.b].sort());
    expect(body.notConsidered.map((x: { id: number }) => x.id)).toEqual([p.unconfirmed]);
    const a = body.considered.find((x: { id: number }) => x.id === p.a);
    expect(a).toMatchObject({
      vendor: { id: vendors.a, name: "南京云启智能科技有限公司" }, priceWan: 85, timeline: "合同签订后 6 个月完成", team: "团队 12 人",
      approach: `方案正文 ${vendors.a}`, needsReconfirmation: false, submittedAt: "2026-11-01T02:00:00.000Z",
      products: [{ name: "云启医疗大模型", kind: "industry_model", filingNumber: "Jiangsu-YunqiMed-202601010001" }],
      cases: [{ client: "南京市第二医院", scenario: "夜间病区巡视", result: "跌倒事件下降 40%", year: 2025 }],
      attachments: [{ fileName: "技术方案.pdf", mediaType: "application/pdf", sizeBytes: 204800 }],
      can: { shortlist: true, select: true, decline: true },
    });
    expect(body.notConsidered[0]).toMatchObject({ needsReconfirmation: true, can: { shortlist: false, select: false, decline: true } });
    expect(JSON.stringify(body)).not.toContain("secret/key");
    const json = await api(cookies.clerk);
    expect(json.status).toBe(200);
    expect(json.body.considered.map((x: { id: number }) => x.id).sort()).toEqual([p.a, p.b].sort());
    expect(json.body.considered.find((x: { id: number }) => x.id === p.a).attachments[0].url).toMatch(new RegExp(`^/proposals/${p.a}/attachments/\\d+$`));
  });

  it("shortlists a proposal, once, but not one awaiting re-confirmation", async () => {
    const result = await post(cookies.clerk, { intent: "shortlist", proposalId: String(p.a) });
    expect([result.status, result.location]).toEqual([302, `/my/scenarios/${scenario.id}/proposals?done=shortlist`]);
    expect((await statusOf(p.a)).status).toBe("shortlisted");
    expect((await page(cookies.clerk)).body.considered.find((x: { id: number }) => x.id === p.a).can).toEqual({ shortlist: false, select: true, decline: true });
    const audit = await db.selectFrom("audit_log").where("action", "=", "proposal.shortlist").selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: users.clerk, subject_type: "scenario", subject_id: scenario.id });

    const again = await post(cookies.clerk, { intent: "shortlist", proposalId: String(p.a) });
    expect(again.body.result.error[""]).toEqual(["selection.problem.illegal"]);
    const unconfirmed = await post(cookies.clerk, { intent: "shortlist", proposalId: String(p.unconfirmed) });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.result.error[""]).toEqual(["selection.problem.needs_reconfirmation"]);
    expect((await statusOf(p.unconfirmed)).status).toBe("submitted");
  });

  it("declines with a reason, which is required, keeping what was typed when the form comes back", async () => {
    const empty = await post(cookies.clerk, { intent: "decline", proposalId: String(p.b), reason: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.result.error.reason).toEqual(["selection.error.reasonRequired"]);
    const long = "报价明显高于预算。".repeat(60);
    const tooLong = await post(cookies.clerk, { intent: "decline", proposalId: String(p.b), reason: long });
    expect(tooLong.status).toBe(400);
    expect([tooLong.body.proposalId, tooLong.body.intent]).toEqual([p.b, "decline"]);
    expect(tooLong.body.result.initialValue.reason).toBe(long);
    expect(tooLong.body.result.error.reason).toEqual(["error.tooLong?max=500"]);
    expect((await statusOf(p.b)).status).toBe("submitted");
    expect(await notices(users.vendorB)).toHaveLength(0);

    const done = await post(cookies.clerk, { intent: "decline", proposalId: String(p.b), reason: "报价高于预算" });
    expect(done.status).toBe(302);
    expect(await statusOf(p.b)).toMatchObject({ status: "declined", decision_reason: "报价高于预算", decided_at: AFTER.toISOString() });
    const told = await notices(users.vendorB);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: "proposal.declined", link: `/scenarios/${scenario.code}/proposal` });
    expect(told[0]!.body).toContain("报价高于预算");
    expect(await notices(users.vendorA)).toHaveLength(0);
    expect(await scenarioStatus()).toBe("published");
  });

  it("selects one proposal after a confirm step: scenario matched, pilot opened, the rest declined, every bidder told once", async () => {
    const confirm = await page(cookies.clerk, `?confirm=${p.a}`);
    expect(confirm.body.confirm).toEqual({ id: p.a, vendor: "南京云启智能科技有限公司", others: 2 });
    expect((await page(cookies.clerk, `?confirm=${p.unconfirmed}`)).body.confirm).toBeNull();
    await post(cookies.clerk, { intent: "decline", proposalId: String(p.b), reason: "团队经验不足" });

    vi.setSystemTime(new Date(AFTER.getTime() + 3_600_000));
    const result = await post(cookies.clerk, { intent: "select", proposalId: String(p.a), note: "报价合理、案例充分" });
    expect([result.status, result.location]).toEqual([302, `/my/scenarios/${scenario.id}/proposals?done=select`]);
    const selectedAt = new Date(AFTER.getTime() + 3_600_000).toISOString();

    expect(await scenarioStatus()).toBe("matched");
    const history = await db.selectFrom("scenario_status_history").where("scenario_id", "=", scenario.id).selectAll().execute();
    expect(history.map((h) => [h.from_status, h.to_status, h.actor_user_id])).toEqual([["published", "matched", users.clerk]]);
    expect(await statusOf(p.a)).toMatchObject({ status: "selected", decided_at: selectedAt, decision_reason: "报价合理、案例充分" });
    expect(await statusOf(p.b)).toMatchObject({ status: "declined", decision_reason: "团队经验不足" });
    expect(await statusOf(p.unconfirmed)).toMatchObject({ status: "declined", decision_reason: OTHER_SELECTED_REASON, decided_at: selectedAt });
    expect((await statusOf(p.draft)).status).toBe("draft");
    expect((await statusOf(p.withdrawn)).status).toBe("withdrawn");
    const pilots = await db.selectFrom("pilots").selectAll().execute();
    expect(pilots).toEqual([expect.objectContaining({ scenario_id: scenario.id, proposal_id: p.a, vendor_id: vendors.a, status: "active", started_at: selectedAt })]);
    const audit = await db.selectFrom("audit_log").where("action", "in", ["proposal.select", "scenario.match"]).select("action").execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["proposal.select", "scenario.match"]);

    const outcome = async (who: Who) => (await notices(users[who])).map((n) => [n.kind, n.title, n.link]);
    const link = `/scenarios/${scenario.code}/proposal`;
    expect(await outcome("vendorA")).toEqual([["proposal.selected", "您的揭榜方案已被选定：住院病区智能护理巡视", link]]);
    expect(await outcome("vendorA2")).toEqual([["proposal.selected", "Your proposal was selected: 住院病区智能护理巡视", link]]);
    expect(await outcome("vendorB")).toEqual([["proposal.declined", "揭榜结果：住院病区智能护理巡视", link]]);
    expect(await outcome("vendorC")).toEqual([["proposal.declined", "揭榜结果：住院病区智能护理巡视", link]]);
    expect(await notices(users.vendorD)).toEqual([]);
    expect(await notices(users.vendorE)).toEqual([]);

    const after = await page(cookies.clerk);
    expect(after.body.considered.map((x: { id: number; can: object }) => [x.id, x.can])).toEqual([[p.a, { shortlist: false, select: false, decline: false }]]);
  });

  it("selects only once", async () => {
    expect((await post(cookies.clerk, { intent: "select", proposalId: String(p.a) })).status).toBe(302);
    const second = await post(cookies.colleague, { intent: "select", proposalId: String(p.b) });
    expect(second.status).toBe(409);
    expect(second.body.result.error[""]).toEqual(["selection.problem.scenario_not_open"]);
    const again = await post(cookies.colleague, { intent: "select", proposalId: String(p.a) });
    expect(again.status).toBe(409);
    expect((await statusOf(p.b)).status).toBe("declined");
    expect(await db.selectFrom("pilots").selectAll().execute()).toHaveLength(1);
    expect(await notices(users.vendorB)).toHaveLength(1);
  });

  it("lets exactly one of two concurrent selections through", async () => {
    const results = await Promise.all([
      post(cookies.clerk, { intent: "select", proposalId: String(p.a) }),
      post(cookies.colleague, { intent: "select", proposalId: String(p.b) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    const selected = await db.selectFrom("proposals").where("status", "=", "selected").select(["id", "vendor_id"]).execute();
    expect(selected).toHaveLength(1);
    const pilots = await db.selectFrom("pilots").select(["proposal_id", "vendor_id"]).execute();
    expect(pilots).toEqual([{ proposal_id: selected[0]!.id, vendor_id: selected[0]!.vendor_id }]);
    expect(await scenarioStatus()).toBe("matched");
    const declined = await db.selectFrom("proposals").where("status", "=", "declined").select("id").execute();
    expect(declined).toHaveLength(2);
    for (const who of ["vendorA", "vendorB", "vendorC"] as const) expect(await notices(users[who])).toHaveLength(1);
  });

  it("cannot select a proposal awaiting re-confirmation", async () => {
    const result = await post(cookies.clerk, { intent: "select", proposalId: String(p.unconfirmed) });
    expect(result.status).toBe(409);
    expect(result.body.result.error[""]).toEqual(["selection.problem.needs_reconfirmation"]);
    expect(await scenarioStatus()).toBe("published");
    expect(await db.selectFrom("pilots").selectAll().execute()).toEqual([]);
    expect((await statusOf(p.unconfirmed)).status).toBe("submitted");
  });

  it("refuses another organisation's decision, a stale form and a draft or withdrawn proposal", async () => {
    expect((await post(cookies.otherDemand, { intent: "select", proposalId: String(p.a) })).status).toBe(404);
    expect((await post(cookies.vendorA, { intent: "select", proposalId: String(p.a) })).status).toBe(403);
    expect((await post(cookies.clerk, { intent: "select", proposalId: String(p.draft) })).status).toBe(404);
    expect((await post(cookies.clerk, { intent: "select", proposalId: String(p.withdrawn) })).status).toBe(404);
    const stale = await post(cookies.clerk, { intent: "promote", proposalId: String(p.a) });
    expect(stale.status).toBe(400);
    expect(stale.body.result.error[""]).toEqual(["selection.error.expired"]);
    expect(await scenarioStatus()).toBe("published");
  });

  it("refuses decisions once the scenario is no longer published", async () => {
    await db.updateTable("scenarios").set({ status: "closed" }).where("id", "=", scenario.id).execute();
    const result = await post(cookies.clerk, { intent: "shortlist", proposalId: String(p.a) });
    expect(result.body.result.error[""]).toEqual(["selection.problem.scenario_not_open"]);
    expect((await page(cookies.clerk)).body.considered.every((x: { can: { select: boolean } }) => !x.can.select)).toBe(true);
  });

  it("publishes the award on the scenario's public page once a proposal is selected", async () => {
    expect((await publicPage()).body.award).toBeNull();
    // The owner's way from the public page to the bids; nobody else is offered it.
    expect((await publicPage(cookies.clerk)).body.bid).toMatchObject({ kind: "owner", scenarioId: scenario.id });
    expect((await publicPage(cookies.otherDemand)).body.bid.kind).toBe("other");
    await post(cookies.clerk, { intent: "select", proposalId: String(p.a) });
    expect((await publicPage()).body.award).toEqual({
      vendor: { id: vendors.a, name: "南京云启智能科技有限公司" }, priceWan: 85, decidedAt: AFTER.toISOString(), considered: 2,
    });
  });
});
