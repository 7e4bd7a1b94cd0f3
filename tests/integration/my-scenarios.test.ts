import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { transitionScenario } from "~/models/scenario-workflow.server";
import { loader as listLoader } from "~/routes/my.scenarios._index";
import { action as editAction, loader as editLoader } from "~/routes/my.scenarios.$id";
import { action as newAction, loader as newLoader } from "~/routes/my.scenarios.new";
import { cookieFor, request } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { unwrap } from "../results";

// The demand workflow through its routes: each call is what a browser's GET or POST would run.

let db: DB;
let edition2027: number;
let hospital: number;
let cookies: Record<"clerk" | "colleague" | "stranger" | "unverified" | "vendor" | "reviewer", string>;

const FORM = {
  title: "门诊智能导诊",
  description: "门诊高峰期分诊排队时间长，希望用大模型辅助分诊。",
  requirements: "支持普通话和南京话问诊；对接院内 HIS。",
  acceptanceCriteria: "分诊准确率不低于 90%。",
  domain: "livelihood",
  venueType: "hospital",
  district: "鼓楼区",
  cooperationMode: "joint_build",
  tier: "small_high_value",
  budgetWan: "120",
  periodStart: "2027-03-01",
  periodEnd: "2027-12-31",
  siteAccess: "门诊大厅工作日可进场。",
  contactName: "王老师",
  contactPhone: "025-83271234",
  contactEmail: "wang@hospital.example",
  capabilities: ["llm", "agent"],
  "dataResources[0].kind": "分诊记录",
  "dataResources[0].volume": "约 50 万条",
  "dataResources[0].labelled": "on",
  "dataResources[0].sensitivity": "personal",
  "dataResources[1].kind": "",
  "dataResources[1].volume": "",
};
type Form = Record<string, string | string[]>;


/** Runs a loader or action and reports what the browser would get, thrown or returned. */
async function run(fn: Function, url: string, cookie: string, form?: Form, params: Record<string, string> = {}) {
  try {
    return unwrap(await fn({ request: request(url, { cookie, form }), params, context: { clientAddress: "test" } }));
  } catch (thrown) {
    if (thrown instanceof Response || (thrown as any)?.type === "DataWithResponseInit") return unwrap(thrown);
    throw thrown;
  }
}

const newForm = async (cookie: string) => (await run(newLoader, "/my/scenarios/new", cookie)).body.submissionKey as string;
const post = (id: number, cookie: string, form: Form) => run(editAction, `/my/scenarios/${id}`, cookie, form, { id: String(id) });
const view = (id: number, cookie: string) => run(editLoader, `/my/scenarios/${id}`, cookie, undefined, { id: String(id) });
const row = (id: number) => db.selectFrom("scenarios").where("id", "=", id).selectAll().executeTakeFirstOrThrow();

async function createDraft(cookie = cookies.clerk, form: Form = FORM) {
  const result = await run(newAction, "/my/scenarios/new", cookie, { ...form, submissionKey: await newForm(cookie) });
  expect(result.status).toBe(302);
  return Number(/\/my\/scenarios\/(\d+)/.exec(result.location!)![1]);
}

async function addUser(email: string, role: "demand_member" | "vendor_member" | "reviewer", organisationId: number | null) {
  await db.insertInto("users").values({ email, name: email.split("@")[0]!, role, organisation_id: organisationId }).execute();
  return cookieFor(db, email);
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const edition2026 = (await insertEdition(db, 2026, 1)).editionId;
  await db.updateTable("editions").set({ call_status: "closed" }).where("id", "=", edition2026).execute();
  edition2027 = (await insertEdition(db, 2027, 0)).editionId;
  await db.updateTable("editions").set({ call_status: "open" }).where("id", "=", edition2027).execute();
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const otherHospital = await insertOrganisation(db, "南京市第一医院");
  const newcomer = await insertOrganisation(db, "新注册的社区卫生服务中心");
  await db.updateTable("organisations").set({ verified: 0 }).where("id", "=", newcomer).execute();
  const vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  cookies = {
    clerk: await addUser("clerk@hospital.example", "demand_member", hospital),
    colleague: await addUser("colleague@hospital.example", "demand_member", hospital),
    stranger: await addUser("other@first.example", "demand_member", otherHospital),
    unverified: await addUser("new@clinic.example", "demand_member", newcomer),
    vendor: await addUser("sales@vendor.example", "vendor_member", vendor),
    reviewer: await addUser("expert@review.example", "reviewer", null),
  };
});

describe("creating a draft", () => {
  it("stores every field, the lists, the first history entry and the audit entry", async () => {
    const id = await createDraft();
    expect(await row(id)).toMatchObject({
      title: FORM.title, status: "draft", edition_id: edition2027, organisation_id: hospital, budget_wan: 120,
      period_start: "2027-03-01", period_end: "2027-12-31", venue_type: "hospital", contact_phone: "025-83271234", version: 1,
    });
    const page = await view(id, cookies.clerk);
    expect(page.body.values.capabilities).toEqual(["llm", "agent"]);
    expect(page.body.values.dataResources).toEqual([{ kind: "分诊记录", volume: "约 50 万条", labelled: true, sensitivity: "personal" }]);
    expect(page.body.history.map((h: any) => h.to_status)).toEqual(["draft"]);
    const audit = await db.selectFrom("audit_log").where("subject_id", "=", id).select("action").execute();
    expect(audit.map((a) => a.action)).toEqual(["scenario.create"]);
  });

  it("creates one scenario when the same form is posted twice", async () => {
    const form = { ...FORM, submissionKey: await newForm(cookies.clerk) };
    const first = await run(newAction, "/my/scenarios/new", cookies.clerk, form);
    const second = await run(newAction, "/my/scenarios/new", cookies.clerk, form);
    expect(first.location).toMatch(/^\/my\/scenarios\/\d+\?done=created$/);
    expect(second.location).toBe(first.location!.replace("created", "duplicate"));
    const count = await db.selectFrom("scenarios").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it("creates one scenario when two posts of the same form race", async () => {
    const form = { ...FORM, submissionKey: await newForm(cookies.clerk) };
    const results = await Promise.all([1, 2].map(() => run(newAction, "/my/scenarios/new", cookies.clerk, form)));
    expect(results.map((r) => r.status)).toEqual([302, 302]);
    expect(new Set(results.map((r) => r.location!.split("?")[0])).size).toBe(1);
    expect(await db.selectFrom("scenarios").select("id").execute()).toHaveLength(1);
  });

  it("lets an unverified organisation draft, and drafts between calls go to the next edition", async () => {
    await db.updateTable("editions").set({ call_status: "not_open" }).where("year", "=", 2027).execute();
    const id = await createDraft(cookies.unverified);
    expect((await row(id)).edition_id).toBe(edition2027);
  });
});

describe("bad input", () => {
  it("comes back with every error next to its field and the input intact", async () => {
    const bad = { ...FORM, title: "", periodStart: "2027-06-01", periodEnd: "2027-05-01", budgetWan: "-3", description: "长".repeat(6000) };
    const result = await run(newAction, "/my/scenarios/new", cookies.clerk, { ...bad, submissionKey: await newForm(cookies.clerk) });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({
      title: ["error.required"],
      periodEnd: ["demand.error.endBeforeStart"],
      budgetWan: ["demand.error.budgetPositive"],
      description: ["demand.error.tooLong?max=5000&length=6000"],
    });
    expect(result.body.initialValue).toMatchObject({ budgetWan: "-3", periodEnd: "2027-05-01", description: bad.description, contactName: "王老师" });
    expect(await db.selectFrom("scenarios").select("id").execute()).toEqual([]);
  });

  it("refuses non-numeric and absurd budgets", async () => {
    const id = await createDraft();
    for (const [budgetWan, error] of [["十万", "demand.error.budgetNumber"], ["99999999", "demand.error.budgetMax?max=1000000"]]) {
      const result = await post(id, cookies.clerk, { ...FORM, budgetWan: budgetWan!, version: "1", intent: "save" });
      expect(result.status).toBe(400);
      expect(result.body.result.error.budgetWan).toEqual([error]);
    }
  });

  it("stores HTML in every text field exactly as typed", async () => {
    const html = "<script>alert('x')</script><b>粗体</b>";
    const fields = ["title", "description", "requirements", "acceptanceCriteria", "siteAccess", "contactName", "dataResources[0].kind", "dataResources[0].volume"];
    const id = await createDraft(cookies.clerk, { ...FORM, ...Object.fromEntries(fields.map((f) => [f, html])) });
    const page = await view(id, cookies.clerk);
    for (const f of ["title", "description", "requirements", "acceptanceCriteria", "siteAccess", "contactName"]) expect(page.body.values[f]).toBe(html);
    expect(page.body.values.dataResources[0]).toMatchObject({ kind: html, volume: html });
  });
});

describe("saving while someone else saves", () => {
  it("tells the second save it changed under them and keeps their input", async () => {
    const id = await createDraft();
    const loaded = (await view(id, cookies.colleague)).body.scenario.version;
    expect((await post(id, cookies.clerk, { ...FORM, title: "导诊（王老师改）", version: String(loaded), intent: "save" })).location).toBe(`/my/scenarios/${id}?done=saved`);

    const stale = await post(id, cookies.colleague, { ...FORM, title: "导诊（李老师改）", budgetWan: "150", version: String(loaded), intent: "save" });
    expect(stale.status).toBe(409);
    expect(stale.body.result.error[""]).toEqual(["demand.error.stale"]);
    expect(stale.body.result.initialValue).toMatchObject({ title: "导诊（李老师改）", budgetWan: "150" });
    expect(stale.body.conflict).toEqual({ version: loaded + 1, changed: ["title", "budgetWan"] });
    expect(await row(id)).toMatchObject({ title: "导诊（王老师改）", budget_wan: 120, version: loaded + 1 });

    // Having seen the message, saving again against the newest version is a deliberate choice.
    await post(id, cookies.colleague, { ...FORM, title: "导诊（李老师改）", version: String(stale.body.conflict.version), intent: "save" });
    expect((await row(id)).title).toBe("导诊（李老师改）");
  });
});

describe("submitting", () => {
  it("saves the form and submits it in one step", async () => {
    const id = await createDraft();
    const result = await post(id, cookies.clerk, { ...FORM, title: "门诊智能导诊（定稿）", version: "1", intent: "submit" });
    expect(result.location).toBe(`/my/scenarios/${id}?done=submitted`);
    expect(await row(id)).toMatchObject({ status: "submitted", title: "门诊智能导诊（定稿）", version: 2 });
    const history = await db.selectFrom("scenario_status_history").where("scenario_id", "=", id).select("to_status").orderBy("id").execute();
    expect(history.map((h) => h.to_status)).toEqual(["draft", "submitted"]);
  });

  it("tells reviewers, in their language and rhythm", async () => {
    const reviewer = await db.selectFrom("users").where("role", "=", "reviewer").select(["id", "email"]).executeTakeFirstOrThrow();
    await db.updateTable("users").set({ lang: "en" }).where("id", "=", reviewer.id).execute();
    const id = await createDraft();
    await post(id, cookies.clerk, { ...FORM, version: "1", intent: "submit" });
    const notices = await db.selectFrom("notifications").where("user_id", "=", reviewer.id).select(["title", "link"]).execute();
    expect(notices).toEqual([{ title: `New scenario to review: ${FORM.title}`, link: `/review/${id}` }]);
    expect(await db.selectFrom("email_outbox").where("to_address", "=", reviewer.email).select("subject").execute()).toEqual([{ subject: notices[0]!.title }]);
  });

  it("moves a draft written between calls into the call open when it is submitted", async () => {
    await db.updateTable("editions").set({ call_status: "not_open" }).where("id", "=", edition2027).execute();
    const id = await createDraft();
    await db.updateTable("editions").set({ call_status: "closed" }).where("id", "=", edition2027).execute();
    const edition2028 = (await insertEdition(db, 2028, 0)).editionId;
    await db.updateTable("editions").set({ call_status: "open" }).where("id", "=", edition2028).execute();
    await post(id, cookies.clerk, { ...FORM, version: "1", intent: "submit" });
    expect(await row(id)).toMatchObject({ status: "submitted", edition_id: edition2028 });
  });

  it("asks for what review needs", async () => {
    const id = await createDraft(cookies.clerk, { ...FORM, acceptanceCriteria: "", capabilities: [] });
    const result = await post(id, cookies.clerk, { ...FORM, acceptanceCriteria: "", capabilities: [], version: "1", intent: "submit" });
    expect(result.status).toBe(400);
    expect(result.body.result.error).toMatchObject({ acceptanceCriteria: ["error.required"], capabilities: ["demand.error.capabilitiesMin"] });
  });

  it("is refused for an organisation not yet verified, with a message and nothing changed", async () => {
    const id = await createDraft(cookies.unverified);
    const result = await post(id, cookies.unverified, { ...FORM, title: "改过的标题", version: "1", intent: "submit" });
    expect(result.status).toBe(403);
    expect(result.body.result.error[""]).toEqual(["demand.error.unverified"]);
    expect(result.body.result.initialValue.title).toBe("改过的标题");
    expect(await row(id)).toMatchObject({ status: "draft", title: FORM.title, version: 1 });
    expect((await view(id, cookies.unverified)).body.submitBlocked).toBe("demand.blocked.unverified");
  });

  it("is refused outside the call, leaving nothing half-written", async () => {
    const id = await createDraft();
    await db.updateTable("editions").set({ call_status: "closed" }).execute();
    const result = await post(id, cookies.clerk, { ...FORM, title: "改过的标题", version: "1", intent: "submit" });
    expect(result.status).toBe(409);
    expect(result.body.result.error[""]).toEqual(["demand.error.callClosed"]);
    expect(await row(id)).toMatchObject({ status: "draft", title: FORM.title, version: 1 });
    const history = await db.selectFrom("scenario_status_history").where("scenario_id", "=", id).select("id").execute();
    expect(history).toHaveLength(1);
    const audit = await db.selectFrom("audit_log").where("subject_id", "=", id).select("action").execute();
    expect(audit.map((a) => a.action)).toEqual(["scenario.create"]);
  });

  it("cannot change a scenario once it is under review", async () => {
    const id = await createDraft();
    await post(id, cookies.clerk, { ...FORM, version: "1", intent: "submit" });
    const result = await post(id, cookies.clerk, { ...FORM, title: "偷偷改", version: "2", intent: "save" });
    expect(result.status).toBe(409);
    expect(result.body.result.error[""]).toEqual(["demand.error.notEditable"]);
    expect((await row(id)).title).toBe(FORM.title);
  });
});

describe("returned for changes", () => {
  it("shows the comments next to their fields, and the fixed scenario goes back to review", async () => {
    const id = await createDraft();
    await post(id, cookies.clerk, { ...FORM, version: "1", intent: "submit" });
    const reviewer = await db.selectFrom("users").where("role", "=", "reviewer").select("id").executeTakeFirstOrThrow();
    const { historyId } = await transitionScenario(db, {
      scenarioId: id, action: "return", reason: "预算依据不足", actor: { userId: reviewer.id, role: "reviewer" },
    });
    await db.insertInto("scenario_review_comments").values([
      { scenario_id: id, history_id: historyId, field: "budget", comment: "请说明 120 万元的测算依据。" },
      { scenario_id: id, history_id: historyId, field: "acceptance_criteria", comment: "验收指标需可量化。" },
      { scenario_id: id, history_id: historyId, field: "other", comment: "请补充院方联系人职务。" },
    ]).execute();

    const page = await view(id, cookies.clerk);
    expect(page.body.actions).toMatchObject({ editable: true, canSubmit: true });
    expect(page.body.review).toEqual({
      byField: { budgetWan: ["请说明 120 万元的测算依据。"], acceptanceCriteria: ["验收指标需可量化。"] },
      general: ["请补充院方联系人职务。"],
    });

    const version = String(page.body.scenario.version);
    await post(id, cookies.clerk, { ...FORM, budgetWan: "98.5", acceptanceCriteria: "分诊准确率 ≥ 92%，平均候诊时间下降 20%。", version, intent: "save" });
    const resubmit = await post(id, cookies.clerk, { ...FORM, budgetWan: "98.5", version: String(Number(version) + 1), intent: "submit" });
    expect(resubmit.location).toBe(`/my/scenarios/${id}?done=submitted`);
    expect(await row(id)).toMatchObject({ status: "submitted", budget_wan: 98.5 });
    expect((await view(id, cookies.clerk)).body.review).toBeNull();
  });
});

describe("withdrawing", () => {
  it("needs a reason and records it", async () => {
    const id = await createDraft();
    await post(id, cookies.clerk, { ...FORM, version: "1", intent: "submit" });
    const noReason = await post(id, cookies.clerk, { intent: "withdraw", version: "2", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.result.error.reason).toEqual(["demand.error.reasonRequired"]);

    const done = await post(id, cookies.clerk, { intent: "withdraw", version: "2", reason: "院内立项已取消" });
    expect(done.location).toBe(`/my/scenarios/${id}?done=withdrawn`);
    const last = await db.selectFrom("scenario_status_history").where("scenario_id", "=", id).orderBy("id", "desc").selectAll().executeTakeFirstOrThrow();
    expect(last).toMatchObject({ from_status: "submitted", to_status: "withdrawn", reason: "院内立项已取消" });
  });

  it("is refused once a vendor is matched", async () => {
    const matched = await insertScenario(db, { edition_id: edition2027, organisation_id: hospital, status: "matched" });
    const result = await post(matched.id, cookies.clerk, { intent: "withdraw", version: "1", reason: "不做了" });
    expect(result.status).toBe(409);
    expect(result.body.result.error[""]).toEqual(["demand.error.cannotWithdraw"]);
    expect((await row(matched.id)).status).toBe("matched");
  });
});

describe("who may see and change what", () => {
  it("is a 404 for another organisation's scenario, on the page and on every intent", async () => {
    const id = await createDraft();
    expect((await view(id, cookies.stranger)).status).toBe(404);
    const intents: Form[] = [{ ...FORM, version: "1", intent: "save" }, { ...FORM, version: "1", intent: "submit" }, { intent: "withdraw", version: "1", reason: "x" }];
    for (const form of intents) {
      expect((await post(id, cookies.stranger, form)).status).toBe(404);
    }
    for (const junk of ["999999", "abc", "1.5"]) {
      expect((await run(editLoader, `/my/scenarios/${junk}`, cookies.clerk, undefined, { id: junk })).status).toBe(404);
    }
    expect((await run(listLoader, "/my/scenarios", cookies.stranger)).body.items).toEqual([]);
    expect(await row(id)).toMatchObject({ status: "draft", title: FORM.title, version: 1 });
  });

  it("is a 403 for vendors and reviewers, and sign-in for visitors", async () => {
    const id = await createDraft();
    for (const cookie of [cookies.vendor, cookies.reviewer]) {
      expect((await run(listLoader, "/my/scenarios", cookie)).status).toBe(403);
      expect((await run(newLoader, "/my/scenarios/new", cookie)).status).toBe(403);
      expect((await run(newAction, "/my/scenarios/new", cookie, { ...FORM, submissionKey: "k".repeat(20) })).status).toBe(403);
      expect((await view(id, cookie)).status).toBe(403);
      expect((await post(id, cookie, { ...FORM, version: "1", intent: "save" })).status).toBe(403);
    }
    const anonymous = await run(listLoader, "/my/scenarios", "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("the list", () => {
  it("shows the organisation's scenarios with status, counts and what to do next, filtered by status", async () => {
    const draft = await createDraft();
    const submitted = await createDraft();
    await post(submitted, cookies.clerk, { ...FORM, version: "1", intent: "submit" });
    const all = (await run(listLoader, "/my/scenarios", cookies.clerk)).body;
    expect(all.counts).toEqual({ draft: 1, submitted: 1 });
    expect(Object.fromEntries(all.items.map((i: any) => [i.id, i.next]))).toEqual({ [draft]: "draft_submit", [submitted]: "submitted" });
    const drafts = (await run(listLoader, "/my/scenarios?status=draft", cookies.clerk)).body;
    expect(drafts.items.map((i: any) => i.id)).toEqual([draft]);
    expect((await run(listLoader, "/my/scenarios?status=nonsense", cookies.clerk)).body.items).toHaveLength(2);
  });
});

describe("the next step follows the clock", () => {
  it("tells the owner of a call whose deadline passed how many proposals wait, and puts it first", async () => {
    const edition2026 = (await db.selectFrom("editions").where("year", "=", 2026).select("id").executeTakeFirstOrThrow()).id;
    const vendors = await Promise.all(["甲智能", "乙智能", "丙智能"].map((n) => insertOrganisation(db, n, "vendor")));
    const day = 86_400_000;
    const passed = await insertScenario(db, { organisation_id: hospital, edition_id: edition2026, title: "截止已过的导诊", proposal_deadline: new Date(Date.now() - 40 * day).toISOString(), updated_at: "2026-01-01T00:00:00.000Z" });
    const empty = await insertScenario(db, { organisation_id: hospital, edition_id: edition2026, title: "无人揭榜的场景", proposal_deadline: new Date(Date.now() - 3 * day).toISOString(), updated_at: "2026-01-02T00:00:00.000Z" });
    const open = await insertScenario(db, { organisation_id: hospital, edition_id: edition2026, title: "仍在征集的场景", proposal_deadline: new Date(Date.now() + 20 * day).toISOString() });
    await db.insertInto("proposals").values([
      { scenario_id: passed.id, vendor_id: vendors[0]!, status: "submitted" },
      { scenario_id: passed.id, vendor_id: vendors[1]!, status: "shortlisted" },
      { scenario_id: passed.id, vendor_id: vendors[2]!, status: "withdrawn" },
      { scenario_id: open.id, vendor_id: vendors[0]!, status: "submitted" },
    ]).execute();

    const { body } = await run(listLoader, "/my/scenarios", cookies.clerk);
    const items = body.items as { id: number; next: string; waiting: number; phase: string }[];
    expect(items.slice(0, 2).map((i) => i.id).sort()).toEqual([passed.id, empty.id].sort());
    expect(items.find((i) => i.id === passed.id)).toMatchObject({ next: "awaiting_select", waiting: 2, phase: "awaiting_selection" });
    expect(items.find((i) => i.id === empty.id)).toMatchObject({ next: "awaiting_none", waiting: 0, phase: "awaiting_selection" });
    expect(items.find((i) => i.id === open.id)).toMatchObject({ next: "published", phase: "open" });
  });
});
