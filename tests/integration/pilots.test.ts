import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { action, loader } from "~/routes/pilots.$id";
import { loader as ownerLoader } from "~/routes/my.scenarios.$id";
import { loader as vendorLoader } from "~/routes/my.proposals";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// The pilot workspace through its route: who gets in, what each side records, and the pilot's moves
// with the scenario's status following.

type Who = "clerk" | "otherDemand" | "vendor" | "otherVendor" | "reviewer" | "admin";

let db: DB;
let scenarioId: number;
let pilotId: number;
let proposalId: number;
let cookies: Record<Who, string>;
let scenarioCode: string;

async function addUser(email: string, role: "demand_member" | "vendor_member" | "reviewer" | "admin", organisationId: number | null) {
  await db.insertInto("users").values({ email, name: email.split("@")[0]!, role, organisation_id: organisationId }).execute();
  return cookieFor(db, email);
}

const url = () => `/pilots/${pilotId}`;
const view = (cookie?: string) => settle(loader(routeArgs({ request: request(url(), { cookie }), params: { id: String(pilotId) }, context: {} })));
const post = (cookie: string, form: Record<string, string>) =>
  settle(action(routeArgs({ request: request(url(), { cookie, form }), params: { id: String(pilotId) }, context: { clientAddress: "test" } })));
const scenarioStatus = async () => (await db.selectFrom("scenarios").where("id", "=", scenarioId).select("status").executeTakeFirstOrThrow()).status;
const pilotRow = () => db.selectFrom("pilots").where("id", "=", pilotId).selectAll().executeTakeFirstOrThrow();

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 1);
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const school = await insertOrganisation(db, "南京市第一中学");
  const vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  const otherVendor = await insertOrganisation(db, "江苏知行数据科技有限公司", "vendor");
  const scenario = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, batch_id: batchIds[0]!, title: "住院病区智能护理巡视", status: "matched" });
  scenarioId = scenario.id;
  scenarioCode = scenario.code!;
  proposalId = (await db.insertInto("proposals").values({ scenario_id: scenarioId, vendor_id: vendor, status: "selected", approach: "方案" }).returning("id").executeTakeFirstOrThrow()).id;
  pilotId = (await db.insertInto("pilots").values({ scenario_id: scenarioId, proposal_id: proposalId, vendor_id: vendor, started_at: "2026-11-01T02:00:00.000Z" }).returning("id").executeTakeFirstOrThrow()).id;
  cookies = {
    clerk: await addUser("clerk@hospital.example", "demand_member", hospital),
    otherDemand: await addUser("teacher@school.example", "demand_member", school),
    vendor: await addUser("a@yunqi.example", "vendor_member", vendor),
    otherVendor: await addUser("b@zhixing.example", "vendor_member", otherVendor),
    reviewer: await addUser("expert@review.example", "reviewer", null),
    admin: await addUser("office@ai.example", "admin", null),
  };
});

describe("who may open the workspace", () => {
  it("lets the pair and the office in, refuses everyone else, and sends anonymous visitors to sign in", async () => {
    for (const who of ["clerk", "vendor", "admin"] as const) {
      const seen = await view(cookies[who]);
      expect(seen.status, who).toBe(200);
      expect(seen.body.pilot.scenario_title).toBe("住院病区智能护理巡视");
    }
    expect((await view(cookies.clerk)).body.canEdit).toBe(true);
    expect((await view(cookies.admin)).body.canEdit).toBe(false);
    for (const who of ["otherDemand", "otherVendor", "reviewer"] as const) {
      expect((await view(cookies[who])).status, who).toBe(403);
      expect((await post(cookies[who], { intent: "update", body: "hi" })).status, who).toBe(403);
    }
    const anonymous = await view();
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
    expect((await post(cookies.admin, { intent: "update", body: "office note" })).status).toBe(403);
    expect(await db.selectFrom("pilot_updates").selectAll().execute()).toEqual([]);
    const missing = await settle(loader(routeArgs({ request: request("/pilots/99999", { cookie: cookies.clerk }), params: { id: "99999" }, context: {} })));
    expect(missing.status).toBe(404);
  });

  it("links the workspace from the owner's scenario page and the vendor's proposals", async () => {
    const owner = await settle(ownerLoader(routeArgs({ request: request(`/my/scenarios/${scenarioId}`, { cookie: cookies.clerk }), params: { id: String(scenarioId) }, context: {} })));
    expect(owner.body.pilotId).toBe(pilotId);
    const vendor = await settle(vendorLoader(routeArgs({ request: request("/my/proposals", { cookie: cookies.vendor }), params: {}, context: {} })));
    expect(vendor.body.items.find((i: { id: number }) => i.id === proposalId).pilotId).toBe(pilotId);
  });
});

describe("recording the pilot", () => {
  it("adds milestones, KPIs, measurements and updates from both sides, with audit rows", async () => {
    expect((await post(cookies.clerk, { intent: "milestone", title: "完成部署", dueOn: "2026-12-15" })).status).toBe(200);
    expect((await post(cookies.vendor, { intent: "kpi", name: "巡视覆盖率", unit: "%", baseline: "60", target: "95", higherIsBetter: "yes" })).status).toBe(200);
    const kpi = await db.selectFrom("pilot_kpis").where("pilot_id", "=", pilotId).selectAll().executeTakeFirstOrThrow();
    expect(kpi).toMatchObject({ name: "巡视覆盖率", baseline: 60, target: 95, measured: null, higher_is_better: 1 });

    await post(cookies.vendor, { intent: "measurement", kpiId: String(kpi.id), value: "80", measuredOn: "2026-12-01", note: "第一周" });
    await post(cookies.clerk, { intent: "measurement", kpiId: String(kpi.id), value: "96.5", measuredOn: "2026-12-20" });
    // An earlier date entered later does not replace the latest value.
    await post(cookies.vendor, { intent: "measurement", kpiId: String(kpi.id), value: "70", measuredOn: "2026-11-25" });
    expect((await db.selectFrom("pilot_kpis").where("id", "=", kpi.id).select("measured").executeTakeFirstOrThrow()).measured).toBe(96.5);

    const milestone = await db.selectFrom("pilot_milestones").selectAll().executeTakeFirstOrThrow();
    await post(cookies.vendor, { intent: "toggle-milestone", milestoneId: String(milestone.id) });
    await post(cookies.clerk, { intent: "update", body: "<b>第一周</b>：设备已安装" });

    const page = (await view(cookies.vendor)).body;
    expect(page.milestones).toEqual([expect.objectContaining({ title: "完成部署", due_on: "2026-12-15", done_at: expect.any(String) })]);
    expect(page.kpis[0].measurements.map((m: { value: number }) => m.value)).toEqual([96.5, 80, 70]);
    expect(page.updates[0].body).toBe("<b>第一周</b>：设备已安装");
    const actions = (await db.selectFrom("audit_log").where("subject_type", "=", "pilot").select("action").execute()).map((a) => a.action);
    expect(actions).toEqual(["pilot.milestone", "pilot.kpi", "pilot.measurement", "pilot.measurement", "pilot.measurement", "pilot.toggle-milestone", "pilot.update"]);
  });

  it("gives bad input back with what was typed and an error at each field, writing nothing", async () => {
    const bad = await post(cookies.vendor, { intent: "kpi", name: "", unit: "%", baseline: "六十", target: "95", higherIsBetter: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.result.initialValue).toMatchObject({ intent: "kpi", baseline: "六十", target: "95", unit: "%" });
    expect(bad.body.result.error).toMatchObject({ name: ["error.required"], baseline: ["pilots.error.number"] });
    const date = await post(cookies.clerk, { intent: "milestone", title: "上线", dueOn: "2026-13-45" });
    expect(date.status).toBe(400);
    expect(date.body.result.initialValue).toMatchObject({ title: "上线", dueOn: "2026-13-45" });
    expect(date.body.result.error.dueOn).toEqual(["pilots.error.date"]);
    expect(await db.selectFrom("pilot_kpis").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("pilot_milestones").selectAll().execute()).toEqual([]);
  });

  it("does not take a measurement for another pilot's KPI", async () => {
    const otherScenario = await insertScenario(db, { organisation_id: (await db.selectFrom("organisations").where("name", "=", "南京市第一中学").select("id").executeTakeFirstOrThrow()).id, edition_id: 1, status: "piloting" });
    const vendor = (await db.selectFrom("pilots").where("id", "=", pilotId).select("vendor_id").executeTakeFirstOrThrow()).vendor_id;
    const other = await db.insertInto("pilots").values({ scenario_id: otherScenario.id, vendor_id: vendor, started_at: "2026-11-01T02:00:00.000Z" }).returning("id").executeTakeFirstOrThrow();
    const foreign = await db.insertInto("pilot_kpis").values({ pilot_id: other.id, name: "x", unit: "", baseline: 1, target: 2, higher_is_better: 1 }).returning("id").executeTakeFirstOrThrow();
    const result = await post(cookies.clerk, { intent: "measurement", kpiId: String(foreign.id), value: "5", measuredOn: "2026-12-01" });
    expect(result.status).toBe(404);
    expect(await db.selectFrom("pilot_kpi_measurements").selectAll().execute()).toEqual([]);
  });
});

describe("the pilot's moves", () => {
  it("starts, then completes with the scenario piloting, and locks the workspace", async () => {
    expect((await post(cookies.vendor, { intent: "start" })).status).toBe(403);
    expect(await scenarioStatus()).toBe("matched");
    expect((await post(cookies.clerk, { intent: "complete" })).body.result.error[""]).toEqual(["pilots.problem.not_started"]);

    const started = await post(cookies.clerk, { intent: "start" });
    expect(started.status).toBe(200);
    expect(started.body.done).toBe("start");
    expect(await scenarioStatus()).toBe("piloting");
    const history = await db.selectFrom("scenario_status_history").where("scenario_id", "=", scenarioId).select(["from_status", "to_status"]).execute();
    expect(history).toEqual([{ from_status: "matched", to_status: "piloting" }]);

    const early = await post(cookies.clerk, { intent: "complete" });
    expect(early.status).toBe(409);
    expect(early.body.result.error[""]).toEqual(["pilots.problem.no_measurement"]);

    await post(cookies.vendor, { intent: "kpi", name: "响应时间", unit: "秒", baseline: "30", target: "10", higherIsBetter: "no" });
    const kpi = await db.selectFrom("pilot_kpis").select("id").executeTakeFirstOrThrow();
    await post(cookies.vendor, { intent: "measurement", kpiId: String(kpi.id), value: "8", measuredOn: "2026-12-01" });
    expect((await post(cookies.clerk, { intent: "complete" })).status).toBe(200);
    expect((await pilotRow()).status).toBe("completed");
    expect(await scenarioStatus()).toBe("piloting");

    const late = await post(cookies.vendor, { intent: "update", body: "补充" });
    expect(late.status).toBe(409);
    expect(late.body.result.error[""]).toEqual(["pilots.problem.not_active"]);
    expect((await view(cookies.vendor)).body.canEdit).toBe(false);
  });

  it("ends a running pilot with a reason and closes the scenario", async () => {
    await post(cookies.clerk, { intent: "start" });
    const noReason = await post(cookies.clerk, { intent: "end", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.result.error.reason).toEqual(["error.required"]);
    expect((await post(cookies.vendor, { intent: "end", reason: "不做了" })).status).toBe(403);
    expect(await scenarioStatus()).toBe("piloting");

    const ended = await post(cookies.clerk, { intent: "end", reason: "院内信息系统升级，试点暂停" });
    expect(ended.status).toBe(200);
    expect(await scenarioStatus()).toBe("closed");
    expect(await pilotRow()).toMatchObject({ status: "ended", summary: "院内信息系统升级，试点暂停", ended_at: expect.any(String) });
    const history = await db.selectFrom("scenario_status_history").where("scenario_id", "=", scenarioId).select(["to_status", "reason"]).orderBy("id").execute();
    expect(history).toEqual([{ to_status: "piloting", reason: null }, { to_status: "closed", reason: "院内信息系统升级，试点暂停" }]);
    const audit = await db.selectFrom("audit_log").where("subject_type", "=", "pilot").select("action").execute();
    expect(audit.map((a) => a.action)).toEqual(["pilot.start", "pilot.end"]);

    // The vendor's people are told of each move, the end with its reason; nobody else is.
    const told = await db.selectFrom("notifications as n").innerJoin("users as u", "u.id", "n.user_id")
      .select(["u.email", "n.kind", "n.title", "n.body", "n.link"]).orderBy("n.id").execute();
    expect(told).toEqual([
      { email: "a@yunqi.example", kind: "pilot.start", title: `${scenarioCode}“住院病区智能护理巡视”的先行先试已启动`, body: "", link: url() },
      { email: "a@yunqi.example", kind: "pilot.end", title: `${scenarioCode}“住院病区智能护理巡视”的先行先试已终止`, body: "需求单位说明：院内信息系统升级，试点暂停", link: url() },
    ]);
  });
});
