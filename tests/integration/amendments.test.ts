import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { action as editAction, loader as editLoader } from "~/routes/my.scenarios.$id";
import { loader as publicLoader } from "~/routes/scenarios.$code";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { reindexScenarios, searchEngine } from "~/search/search.server";
import { applySearchOutbox } from "~/search/sync.server";
import { cookieFor, request } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// Amending a published scenario through the owner's page: a numbered, public record of what
// changed and why; the deadline and the bids already made follow the rules.

let db: DB;
let hospital: number;
let vendor: number;
let scenario: { id: number; code: string | null };
let cookies: Record<"clerk" | "stranger" | "vendor", string>;
const DAY = 86_400_000;

const run = (fn: Function, url: string, cookie: string, params: Record<string, string>, form?: Record<string, string | string[]>) =>
  settle(fn({ request: request(url, { cookie, form }), params, context: { clientAddress: "test" } }));

/** The owner's form as it loads now, with some fields changed and a reason. */
async function amendForm(changes: Record<string, string | string[]>, reason = "根据答疑补充数据说明") {
  const page = await run(editLoader, `/my/scenarios/${scenario.id}`, cookies.clerk, { id: String(scenario.id) });
  const { values } = page.body;
  const form: Record<string, string | string[]> = { intent: "amend", version: String(page.body.scenario.version), reason };
  for (const [k, v] of Object.entries(values)) if (k !== "dataResources") form[k] = v as string | string[];
  return { ...form, ...changes };
}
const amend = (form: Record<string, string | string[]>, cookie = cookies.clerk) =>
  run(editAction, `/my/scenarios/${scenario.id}`, cookie, { id: String(scenario.id) }, form);
const publicPage = () => run(publicLoader, `/scenarios/${scenario.code}`, "", { code: scenario.code! });

async function addUser(email: string, role: "demand_member" | "vendor_member", organisationId: number) {
  const { id } = await db.insertInto("users").values({ email, name: email.split("@")[0]!, role, organisation_id: organisationId }).returning("id").executeTakeFirstOrThrow();
  return id;
}

async function bid(deadlineInDays: number) {
  await db.updateTable("scenarios").set({ proposal_deadline: new Date(Date.now() + deadlineInDays * DAY).toISOString() }).where("id", "=", scenario.id).execute();
  return (await db.insertInto("proposals").values({ scenario_id: scenario.id, vendor_id: vendor, status: "submitted", approach: "方案", submitted_at: new Date().toISOString() })
    .returning("id").executeTakeFirstOrThrow()).id;
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const { editionId } = await insertEdition(db, 2026, 1);
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const other = await insertOrganisation(db, "南京市第一医院");
  vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  await addUser("clerk@hospital.example", "demand_member", hospital);
  await addUser("other@first.example", "demand_member", other);
  await addUser("sales@vendor.example", "vendor_member", vendor);
  cookies = {
    clerk: await cookieFor(db, "clerk@hospital.example"),
    stranger: await cookieFor(db, "other@first.example"),
    vendor: await cookieFor(db, "sales@vendor.example"),
  };
  scenario = await insertScenario(db, {
    organisation_id: hospital, edition_id: editionId, title: "门诊智能导诊", description: "门诊高峰期排队时间长。希望用大模型辅助分诊。",
    requirements: "对接院内 HIS。", acceptance_criteria: "分诊准确率不低于 90%。", period_start: "2027-03-01", period_end: "2027-12-31",
    contact_phone: "025-83271234", proposal_deadline: new Date(Date.now() + 30 * DAY).toISOString(),
  }, ["llm"]);
});

describe("amending a published scenario", () => {
  it("records a numbered amendment with reason and diff, shown on the public page", async () => {
    const result = await amend(await amendForm({ description: "门诊高峰期排队时间长。希望用智能体辅助分诊和导诊。", budgetWan: "150" }));
    expect(result).toMatchObject({ status: 302, location: `/my/scenarios/${scenario.id}?done=amended` });
    const page = await publicPage();
    expect(page.body.amendments).toHaveLength(1);
    const [first] = page.body.amendments;
    expect(first).toMatchObject({ number: 1, reason: "根据答疑补充数据说明", material: true });
    expect(first.changes.map((c: { field: string }) => c.field)).toEqual(["description", "budgetWan"]);
    expect(page.body.scenario).toMatchObject({ budget_wan: 150, description: "门诊高峰期排队时间长。希望用智能体辅助分诊和导诊。" });
    // Search finds the scenario by what it says now, once the outbox written with the amendment is applied.
    await applySearchOutbox(db, searchEngine());
    const search = (q: string) => searchEngine().searchScenarios({ query: parseScenarioQuery(new URLSearchParams({ q })).query, pageSize: 10, withFacets: false });
    expect((await search("智能体辅助")).ids).toContain(scenario.id);

    const second = await amend(await amendForm({ contactPhone: "025-83270000" }, "更换联系电话"));
    expect(second.status).toBe(302);
    expect((await publicPage()).body.amendments.map((a: { number: number; material: boolean }) => [a.number, a.material])).toEqual([[2, false], [1, true]]);
    const audit = await db.selectFrom("audit_log").where("action", "=", "scenario.amend").select("after_json").execute();
    expect(audit).toHaveLength(2);
  });

  it("moves a deadline less than 7 days away and asks bidders to re-confirm, telling them and followers", async () => {
    const proposalId = await bid(3);
    const follower = await addUser("watcher@vendor2.example", "vendor_member", await insertOrganisation(db, "另一家供应商", "vendor"));
    await db.insertInto("scenario_follows").values({ user_id: follower, scenario_id: scenario.id }).execute();
    const before = Date.now();
    expect((await amend(await amendForm({ requirements: "对接院内 HIS 和 LIS。" }))).status).toBe(302);

    const { proposal_deadline } = await db.selectFrom("scenarios").where("id", "=", scenario.id).select("proposal_deadline").executeTakeFirstOrThrow();
    const moved = new Date(proposal_deadline!).getTime();
    expect(moved).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(moved).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    const proposal = await db.selectFrom("proposals").where("id", "=", proposalId).select("needs_reconfirmation").executeTakeFirstOrThrow();
    expect(proposal.needs_reconfirmation).toBe(1);

    const notices = await db.selectFrom("notifications").select(["user_id", "kind", "title", "body"]).execute();
    expect(notices.map((n) => n.kind).sort()).toEqual(["proposal.reconfirm", "scenario.amended"]);
    const reconfirm = notices.find((n) => n.kind === "proposal.reconfirm")!;
    expect(reconfirm.title).toContain("重新确认");
    expect(reconfirm.body).toContain("具体需求");
    expect(reconfirm.body).toContain("方案截止时间顺延至");
    expect((await publicPage()).body.amendments[0].deadlineAfter).toBe(proposal_deadline);
  });

  it("leaves deadline and bids alone for a change of contact details only", async () => {
    const proposalId = await bid(3);
    const { proposal_deadline: deadline } = await db.selectFrom("scenarios").where("id", "=", scenario.id).select("proposal_deadline").executeTakeFirstOrThrow();
    expect((await amend(await amendForm({ contactName: "李老师" }))).status).toBe(302);
    const after = await db.selectFrom("scenarios").where("id", "=", scenario.id).select("proposal_deadline").executeTakeFirstOrThrow();
    expect(after.proposal_deadline).toBe(deadline);
    expect((await db.selectFrom("proposals").where("id", "=", proposalId).select("needs_reconfirmation").executeTakeFirstOrThrow()).needs_reconfirmation).toBe(0);
  });
});

describe("withdrawing a published scenario", () => {
  it("takes it off the public page and out of search", async () => {
    await reindexScenarios(db, searchEngine());
    const search = async () => (await searchEngine().searchScenarios({ query: parseScenarioQuery(new URLSearchParams({ q: "门诊智能导诊" })).query, pageSize: 10, withFacets: false })).ids;
    expect(await search()).toContain(scenario.id);
    const done = await amend({ intent: "withdraw", version: "1", reason: "院内立项已取消" });
    expect(done.status).toBe(302);
    await applySearchOutbox(db, searchEngine());
    expect(await search()).not.toContain(scenario.id);
    expect((await publicPage()).status).toBe(404);
  });
});

describe("refusals", () => {
  it("needs a reason and keeps what was typed", async () => {
    const result = await amend(await amendForm({ title: "门诊智能导诊（二期）" }, ""));
    expect(result.status).toBe(400);
    expect(result.body.result.error.reason).toEqual(["demand.amend.reasonRequired"]);
    expect(result.body.result.initialValue.title).toBe("门诊智能导诊（二期）");
    expect(await db.selectFrom("scenario_amendments").selectAll().execute()).toHaveLength(0);
  });

  it("makes no amendment when nothing changed", async () => {
    const result = await amend(await amendForm({}));
    expect(result.status).toBe(409);
    expect(result.body.result.error[""]).toEqual(["demand.amend.unchanged"]);
  });

  it("refuses a stale version, another organisation, a vendor, and scenarios past bidding", async () => {
    const form = await amendForm({ title: "新标题" });
    expect((await amend({ ...form, version: "0" })).status).toBe(400);
    await db.updateTable("scenarios").set({ version: 5 }).where("id", "=", scenario.id).execute();
    const stale = await amend(form);
    expect(stale.status).toBe(409);
    expect(stale.body.result.error[""]).toEqual(["demand.amend.stale"]);
    expect((await amend(form, cookies.stranger)).status).toBe(404);
    expect((await amend(form, cookies.vendor)).status).toBe(403);
    await db.updateTable("scenarios").set({ status: "matched" }).where("id", "=", scenario.id).execute();
    const late = await amend(await amendForm({ title: "新标题" }));
    expect(late.body.result.error[""]).toEqual(["demand.amend.notAmendable"]);
    expect(await db.selectFrom("scenario_amendments").selectAll().execute()).toHaveLength(0);
    expect((await db.selectFrom("scenarios").where("id", "=", scenario.id).select("title").executeTakeFirstOrThrow()).title).toBe("门诊智能导诊");
  });
});
