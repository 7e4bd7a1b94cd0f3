import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { parseMessage } from "~/domain/forms/messages";
import { translator } from "~/i18n/i18n";
import type { MessageKey } from "~/i18n/dictionary";
import { OBJECTIONS_PER_ADDRESS_PER_HOUR } from "~/models/benchmark-notice.server";
import { action as officeAction, loader as officeLoader } from "~/routes/admin.notices";
import { action as noticeAction, loader as noticeLoader } from "~/routes/notices.$id";
import { loader as listLoader } from "~/routes/notices._index";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// The public notice (公示) through its routes: objections from anyone while it runs, and not a
// millisecond after; the office resolving them; certification with gap-free numbers per Shanghai
// year, also when certifications race; and the objectors' details never reaching a public page.

const STARTS = "2026-11-13T01:00:00.000Z";
const ENDS = "2026-11-20T09:00:00.000Z";
const DURING = new Date(Date.parse(ENDS) - 2 * 86_400_000);
const ms = (delta: number) => new Date(Date.parse(ENDS) + delta);

type Who = "clerk" | "vendor" | "citizen" | "reviewer" | "admin";
let db: DB;
let cookies: Record<Who, string>;
let hospital: number;
let vendor: number;
let editionId: number;
let appId: number;
let scenarioId: number;

async function addUser(email: string, role: "demand_member" | "vendor_member" | "reviewer" | "admin", organisationId: number | null) {
  await db.insertInto("users").values({ email, name: email.split("@")[0]!, role, organisation_id: organisationId }).execute();
  return cookieFor(db, email);
}

/** A piloting scenario with a completed pilot, two measured KPIs and an application in the given state. */
async function application(fields: { status?: "in_review" | "notice" | "certified"; starts?: string | null; ends?: string | null; number?: string | null; certifiedAt?: string | null; title?: string } = {}) {
  const status = fields.status ?? "notice";
  const scenario = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, status: status === "certified" ? "benchmark" : "piloting", title: fields.title ?? "门诊智能导诊" });
  const pilot = await db.insertInto("pilots").values({ scenario_id: scenario.id, vendor_id: vendor, status: "completed", started_at: "2026-03-01T02:00:00.000Z", ended_at: "2026-09-01T02:00:00.000Z" })
    .returning("id").executeTakeFirstOrThrow();
  await db.insertInto("pilot_kpis").values([
    { pilot_id: pilot.id, name: "平均候诊时间", unit: "分钟", baseline: 42, target: 25, measured: 21, higher_is_better: 0 },
    { pilot_id: pilot.id, name: "导诊准确率", unit: "%", baseline: 80, target: 95, measured: 93, higher_is_better: 1 },
  ]).execute();
  const row = await db.insertInto("benchmark_applications").values({
    pilot_id: pilot.id, scenario_id: scenario.id, status, narrative: "候诊时间明显下降。", mean_score: status === "in_review" ? null : 84.3,
    notice_starts_at: fields.starts === undefined ? (status === "in_review" ? null : STARTS) : fields.starts,
    notice_ends_at: fields.ends === undefined ? (status === "in_review" ? null : ENDS) : fields.ends,
    benchmark_number: fields.number ?? null, certified_at: fields.certifiedAt ?? null,
  }).returning("id").executeTakeFirstOrThrow();
  return { id: row.id, scenarioId: scenario.id, code: scenario.code! };
}

const OBJECTION = { intent: "object", name: "王先生", contact: "wang.citizen@example.com", reason: "测量期间恰逢门诊淡季，候诊时间的下降可能不能代表全年的情况，请核实。" };

const page = (id: number, cookie?: string) => settle(noticeLoader(routeArgs({ request: request(`/notices/${id}`, { cookie }), params: { id: String(id) }, context: {} })));
const list = () => settle(listLoader(routeArgs({ request: request("/notices"), params: {}, context: {} })));
const object = (id: number, form: Record<string, string>, options: { cookie?: string; ip?: string } = {}) =>
  settle(noticeAction(routeArgs({ request: request(`/notices/${id}`, { cookie: options.cookie, form }), params: { id: String(id) }, context: { clientAddress: options.ip ?? "203.0.113.7" } })));
const office = (form: Record<string, string>, cookie = cookies.admin) =>
  settle(officeAction(routeArgs({ request: request("/admin/notices", { cookie, form }), params: {}, context: { clientAddress: "office" } })));
const officePage = (cookie = cookies.admin) => settle(officeLoader(routeArgs({ request: request("/admin/notices", { cookie }), params: {}, context: {} })));
const certify = (id: number) => office({ intent: "certify", applicationId: String(id) });
const objections = () => db.selectFrom("benchmark_objections").selectAll().orderBy("id").execute();
const appRow = (id: number) => db.selectFrom("benchmark_applications").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
const scenarioStatus = async (id: number) => (await db.selectFrom("scenarios").where("id", "=", id).select("status").executeTakeFirstOrThrow()).status;
const formErrors = (o: { body: any }) => (o.body.result.error?.[""] ?? []).map((m: string) => parseMessage(m).key);
const at = (date: Date) => vi.setSystemTime(date);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  at(DURING);
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  ({ editionId } = await insertEdition(db, 2026, 1));
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  cookies = {
    clerk: await addUser("clerk@hospital.example", "demand_member", hospital),
    vendor: await addUser("a@yunqi.example", "vendor_member", vendor),
    citizen: await addUser("citizen@example.org", "vendor_member", await insertOrganisation(db, "旁观科技有限公司", "vendor")),
    reviewer: await addUser("expert@review.example", "reviewer", null),
    admin: await addUser("office@ai.example", "admin", null),
  };
  ({ id: appId, scenarioId } = await application());
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the public notice pages", () => {
  it("list what is on notice with score, pair, period and objections, and recent outcomes; not what is still in review", async () => {
    await application({ status: "in_review", title: "还在评审的场景" });
    await application({ status: "certified", title: "上周认定的场景", number: "BM-2026-0007", certifiedAt: "2026-11-12T09:00:00.000Z" });
    await application({ status: "certified", title: "很久以前认定的场景", number: "BM-2026-0001", certifiedAt: "2026-09-01T09:00:00.000Z" });
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.running).toHaveLength(1);
    expect(body.running[0]).toMatchObject({ id: appId, scenario: { title: "门诊智能导诊" }, organisation: "南京市鼓楼医院", vendor: "南京云启智能科技有限公司", meanScore: 84.3, notice: { startsAt: STARTS, endsAt: ENDS }, objections: 0 });
    expect(body.ended.map((n: { scenario: { title: string }; status: string; number: string }) => [n.scenario.title, n.status, n.number])).toEqual([["上周认定的场景", "certified", "BM-2026-0007"]]);
    expect(JSON.stringify(body)).not.toContain("还在评审的场景");
  });

  it("show the proposed benchmark with its KPIs, and nothing of an application still in review", async () => {
    const { status, body } = await page(appId);
    expect(status).toBe(200);
    expect(body.notice).toMatchObject({ meanScore: 84.3, organisation: "南京市鼓楼医院", vendor: "南京云启智能科技有限公司" });
    expect(body.kpis.map((k: { name: string; reached: boolean }) => [k.name, k.reached])).toEqual([["平均候诊时间", true], ["导诊准确率", false]]);
    expect(body.canObject).toBe(true);
    const inReview = await application({ status: "in_review" });
    expect((await page(inReview.id)).status).toBe(404);
    expect((await page(999_999)).status).toBe(404);
  });
});

describe("objections", () => {
  it("are taken from anyone during the notice and refused one millisecond after it ends, keeping what was typed", async () => {
    at(ms(-1));
    const taken = await object(appId, OBJECTION);
    expect(taken.status).toBe(302);
    expect(taken.location).toBe(`/notices/${appId}?objection=email#objections`);
    at(ms(1));
    const late = await object(appId, { ...OBJECTION, reason: `${OBJECTION.reason}补充一点。` });
    expect(late.status).toBe(409);
    expect(formErrors(late)).toEqual(["notices.refused.notice_over"]);
    expect(late.body.result.initialValue).toMatchObject({ name: "王先生", contact: "wang.citizen@example.com" });
    expect(await objections()).toHaveLength(1);
    expect((await page(appId)).body.canObject).toBe(false);
  });

  it("come back with each field's error, in Chinese and English, and what the visitor typed", async () => {
    const bad = await object(appId, { intent: "object", name: "  ", contact: "12345", reason: "太短了" });
    expect(bad.status).toBe(400);
    const errors = bad.body.result.error as Record<string, string[]>;
    expect(errors).toEqual({ name: ["error.required"], contact: ["notices.error.contact"], reason: ["notices.error.reasonShort?min=20"] });
    expect(bad.body.result.initialValue).toMatchObject({ contact: "12345", reason: "太短了" });
    const [zh, en] = [translator("zh"), translator("en")];
    const { key, values } = parseMessage(errors.reason![0]!);
    expect(zh(key as MessageKey, values)).toBe("异议理由至少需要 20 个字。");
    expect(en(key as MessageKey, values)).toBe("The reason needs at least 20 characters.");
    expect(en("notices.error.contact")).toContain("mobile number");
    const long = await object(appId, { ...OBJECTION, reason: "很".repeat(2001) });
    expect(long.body.result.error.reason).toEqual(["error.tooLong?max=2000"]);
    for (const contact of ["13912345678", "+86 139 1234 5678", "025-83456789", "Someone@Example.com"]) {
      expect((await object(appId, { ...OBJECTION, contact })).status, contact).toBe(302);
    }
    // +86 139 1234 5678 is the number already given: the same objection, recorded once.
    expect((await objections()).map((o) => o.contact)).toEqual(["13912345678", "025-83456789", "Someone@Example.com"]);
  });

  it("count once when sent twice, and an address may file only a few an hour", async () => {
    expect((await object(appId, OBJECTION)).status).toBe(302);
    const again = await object(appId, { ...OBJECTION, contact: " WANG.citizen@example.com " });
    expect(again.location).toBe(`/notices/${appId}?objection=duplicate#objections`);
    expect(await objections()).toHaveLength(1);
    for (let i = 1; i < OBJECTIONS_PER_ADDRESS_PER_HOUR; i++) {
      expect((await object(appId, { ...OBJECTION, reason: `${OBJECTION.reason}（第 ${i} 点）` })).status).toBe(302);
    }
    const limited = await object(appId, { ...OBJECTION, reason: `${OBJECTION.reason}（再补充）` });
    expect(limited.status).toBe(429);
    expect(formErrors(limited)).toEqual(["rateLimit.tryAgain"]);
    expect(limited.body.result.initialValue.reason).toContain("再补充");
    // The same text resent is still recognised, and another address is not held back.
    expect((await object(appId, OBJECTION)).location).toContain("objection=duplicate");
    expect((await object(appId, { ...OBJECTION, reason: `${OBJECTION.reason}（再补充）` }, { ip: "198.51.100.2" })).status).toBe(302);
    at(new Date(DURING.getTime() + 3_600_001));
    expect((await object(appId, { ...OBJECTION, reason: `${OBJECTION.reason}（一小时后）` })).status).toBe(302);
    expect(await objections()).toHaveLength(OBJECTIONS_PER_ADDRESS_PER_HOUR + 2);
  });

  it("never show the objector's name, contact or text on the public pages; the office sees them", async () => {
    await object(appId, OBJECTION);
    await object(appId, { ...OBJECTION, name: "赵女士", contact: "13912345678", reason: "该系统的部分功能在试点开始之前就已经上线运行，成效不全是本次试点带来的。" });
    const [first, second] = await objections();
    const resolved = await office({ intent: "resolve", objectionId: String(first!.id), outcome: "rejected", resolution: "经核查，测量覆盖就诊高峰周，异议不成立。" });
    expect(resolved.status).toBe(200);
    for (const loaded of [await page(appId), await page(appId, cookies.clerk), await list()]) {
      const text = JSON.stringify(loaded.body);
      for (const secret of ["王先生", "wang.citizen", "赵女士", "13912345678", "淡季", "已经上线"]) expect(text, secret).not.toContain(secret);
    }
    const { body } = await page(appId);
    expect(body.notice.objections).toBe(2);
    expect(body.objections).toEqual([
      { number: 1, status: "rejected", filedAt: first!.created_at, resolution: "经核查，测量覆盖就诊高峰周，异议不成立。", resolvedAt: DURING.toISOString() },
      { number: 2, status: "open", filedAt: second!.created_at, resolution: null, resolvedAt: null },
    ]);
    const seen = (await officePage()).body.applications[0].objections;
    expect(seen.map((o: { name: string; contact: string; contactKind: string }) => [o.name, o.contact, o.contactKind])).toEqual([["王先生", "wang.citizen@example.com", "email"], ["赵女士", "13912345678", "phone"]]);
  });

  it("tell the office when filed, and the objector the outcome: in the app when signed in, by e-mail when an address was left", async () => {
    await object(appId, { ...OBJECTION, name: "旁观者", contact: "citizen@example.org" }, { cookie: cookies.citizen });
    await object(appId, OBJECTION);
    await object(appId, { ...OBJECTION, contact: "13912345678", reason: `${OBJECTION.reason}电话联系。` });
    const admin = await db.selectFrom("users").where("email", "=", "office@ai.example").select("id").executeTakeFirstOrThrow();
    expect(await db.selectFrom("notifications").where("user_id", "=", admin.id).select("kind").execute()).toHaveLength(3);
    const [signedIn, byMail, byPhone] = await objections();
    expect(signedIn!.user_id).not.toBeNull();
    for (const o of [signedIn!, byMail!, byPhone!]) {
      expect((await office({ intent: "resolve", objectionId: String(o.id), outcome: "rejected", resolution: "经核查，异议不成立。" })).status).toBe(200);
    }
    const citizen = await db.selectFrom("users").where("email", "=", "citizen@example.org").select("id").executeTakeFirstOrThrow();
    const told = await db.selectFrom("notifications").where("user_id", "=", citizen.id).select(["kind", "body", "link"]).execute();
    expect(told).toEqual([{ kind: "benchmark.objection.resolved", body: "经核查，异议不成立。处理意见：经核查，异议不成立。", link: `/notices/${appId}` }]);
    const mail = await db.selectFrom("email_outbox").where("to_address", "=", "wang.citizen@example.com").select(["subject", "text_body"]).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("异议已处理");
    expect(mail[0]!.subject).toContain("has been resolved");
    expect(mail[0]!.text_body).toContain(`/notices/${appId}`);
    expect(await db.selectFrom("email_outbox").where("to_address", "like", "%1391234%").selectAll().execute()).toEqual([]);
  });
});

describe("the office", () => {
  it("is the only one who sees the objections' details and resolves them", async () => {
    await object(appId, OBJECTION);
    const [o] = await objections();
    for (const who of ["clerk", "vendor", "reviewer"] as const) {
      expect((await officePage(cookies[who])).status, who).toBe(403);
      expect((await office({ intent: "resolve", objectionId: String(o!.id), outcome: "upheld", resolution: "x" }, cookies[who])).status, who).toBe(403);
    }
    const anonymous = await settle(officeLoader(routeArgs({ request: request("/admin/notices"), params: {}, context: {} })));
    expect(anonymous.status).toBe(302);
    expect((await objections())[0]!.status).toBe("open");
  });

  it("needs an outcome and a resolution, keeping what was typed", async () => {
    await object(appId, OBJECTION);
    const [o] = await objections();
    const bad = await office({ intent: "resolve", objectionId: String(o!.id), resolution: "  " });
    expect(bad.status).toBe(400);
    expect(bad.body.result.error).toEqual({ outcome: ["error.choose"], resolution: ["error.required"] });
    expect((await objections())[0]!.status).toBe("open");
  });

  it("certifies only after the notice ended and with no objection open", async () => {
    await object(appId, OBJECTION);
    at(ms(-1));
    const early = await certify(appId);
    expect(early.status).toBe(409);
    expect(formErrors(early)).toEqual(["officeNotices.problem.notice_running"]);
    at(ms(0));
    const open = await certify(appId);
    expect(formErrors(open)).toEqual(["officeNotices.problem.objections_open"]);
    expect((await officePage()).body.applications[0]).toMatchObject({ canCertify: false, certifyRefusal: "objections_open", openObjections: 1 });
    const [o] = await objections();
    await office({ intent: "resolve", objectionId: String(o!.id), outcome: "rejected", resolution: "经核查，异议不成立。" });
    const done = await certify(appId);
    expect(done.status).toBe(200);
    expect(done.body.done).toEqual({ intent: "certify", number: "BM-2026-0001", already: false });
    expect(await appRow(appId)).toMatchObject({ status: "certified", benchmark_number: "BM-2026-0001", certified_at: ms(0).toISOString() });
    // A second click finds it certified and changes nothing.
    expect((await certify(appId)).body.done).toEqual({ intent: "certify", number: "BM-2026-0001", already: true });
    expect(await db.selectFrom("audit_log").where("action", "=", "benchmark.certify").selectAll().execute()).toHaveLength(1);
  });

  it("moves the scenario to benchmark with a status history row, and tells the pair", async () => {
    at(ms(1));
    expect((await certify(appId)).status).toBe(200);
    expect(await scenarioStatus(scenarioId)).toBe("benchmark");
    const history = await db.selectFrom("scenario_status_history").where("scenario_id", "=", scenarioId).selectAll().execute();
    const admin = await db.selectFrom("users").where("email", "=", "office@ai.example").select("id").executeTakeFirstOrThrow();
    expect(history.map((h) => [h.from_status, h.to_status, h.actor_user_id, h.reason])).toEqual([["piloting", "benchmark", admin.id, "BM-2026-0001"]]);
    const told = await db.selectFrom("notifications as n").innerJoin("users as u", "u.id", "n.user_id").where("n.kind", "=", "benchmark.certified").select("u.email").orderBy("u.email").execute();
    expect(told.map((r) => r.email)).toEqual(["a@yunqi.example", "clerk@hospital.example"]);
    const { body } = await list();
    expect(body.running).toEqual([]);
    expect(body.ended[0]).toMatchObject({ id: appId, status: "certified", number: "BM-2026-0001" });
  });

  it("rejects the application when an objection is upheld: the scenario stays piloting and it cannot be certified", async () => {
    await object(appId, OBJECTION);
    await object(appId, { ...OBJECTION, contact: "13912345678", reason: `${OBJECTION.reason}另一件异议。` });
    const [upheld, other] = await objections();
    const resolution = "经核查，测量时段确为门诊淡季，成效数据不足以支持认定。异议成立。";
    expect((await office({ intent: "resolve", objectionId: String(upheld!.id), outcome: "upheld", resolution })).body.done).toEqual({ intent: "resolve", rejected: true });
    expect(await appRow(appId)).toMatchObject({ status: "rejected", decision_note: resolution, benchmark_number: null });
    expect(await scenarioStatus(scenarioId)).toBe("piloting");
    at(ms(1));
    expect(formErrors(await certify(appId))).toEqual(["officeNotices.problem.not_in_notice"]);
    expect(await scenarioStatus(scenarioId)).toBe("piloting");
    const told = await db.selectFrom("notifications as n").innerJoin("users as u", "u.id", "n.user_id").where("n.kind", "=", "benchmark.rejected").select(["u.email", "n.body"]).orderBy("u.email").execute();
    expect(told.map((r) => r.email)).toEqual(["a@yunqi.example", "clerk@hospital.example"]);
    expect(told[0]!.body).toContain(resolution);
    // The other objection is still answered; the rejected application stays on the office's page until it is.
    expect((await officePage()).body.applications.map((a: { id: number; status: string }) => [a.id, a.status])).toEqual([[appId, "rejected"]]);
    expect((await office({ intent: "resolve", objectionId: String(other!.id), outcome: "rejected", resolution: "已随另一件异议一并处理。" })).status).toBe(200);
    expect((await officePage()).body.applications).toEqual([]);
    const publicPage = (await page(appId)).body;
    expect(publicPage.notice).toMatchObject({ status: "rejected", decidedAt: DURING.toISOString() });
    expect(publicPage.decisionNote).toBe(resolution);
    expect((await list()).body.ended[0]).toMatchObject({ id: appId, status: "rejected" });
    // Resolving twice is refused.
    expect(formErrors(await office({ intent: "resolve", objectionId: String(upheld!.id), outcome: "rejected", resolution: "改判" }))).toEqual(["officeNotices.problem.objection_resolved"]);
  });
});

describe("benchmark numbers", () => {
  it("are gap-free and unique when certifications race, continuing from the year's highest", async () => {
    await application({ status: "certified", number: "BM-2026-0041", certifiedAt: "2026-06-01T02:00:00.000Z" });
    await application({ status: "certified", number: "BM-2025-0300", certifiedAt: "2025-12-01T02:00:00.000Z" });
    const due = [appId];
    for (let i = 0; i < 5; i++) due.push((await application({ title: `并发认定 ${i}` })).id);
    at(ms(1));
    // Double clicks too: every application is sent twice.
    const results = await Promise.all([...due, ...due].map((id) => certify(id)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await db.selectFrom("benchmark_applications").where("id", "in", due).select(["benchmark_number", "scenario_id"]).execute();
    expect(rows.map((r) => r.benchmark_number).sort()).toEqual(["BM-2026-0042", "BM-2026-0043", "BM-2026-0044", "BM-2026-0045", "BM-2026-0046", "BM-2026-0047"]);
    expect(results.filter((r) => r.body.done.already)).toHaveLength(6);
    for (const r of rows) expect(await scenarioStatus(r.scenario_id)).toBe("benchmark");
    expect(await db.selectFrom("scenario_status_history").where("to_status", "=", "benchmark").selectAll().execute()).toHaveLength(6);
  });

  it("count in the Shanghai year and restart at 0001 in a new one", async () => {
    await application({ status: "certified", number: "BM-2026-0041", certifiedAt: "2026-06-01T02:00:00.000Z" });
    const late = await application({ ends: "2026-12-30T09:00:00.000Z" });
    const next = await application({ ends: "2026-12-30T09:00:00.000Z" });
    // Sessions last 30 days: sign in again at each new date.
    const on = async (date: string) => {
      at(new Date(date));
      cookies.admin = await cookieFor(db, "office@ai.example");
    };
    await on("2026-12-31T15:59:59.999Z");
    expect((await certify(late.id)).body.done.number).toBe("BM-2026-0042");
    await on("2026-12-31T16:00:00.000Z");
    expect((await certify(next.id)).body.done.number).toBe("BM-2027-0001");
    await on("2027-01-02T02:00:00.000Z");
    expect((await certify(appId)).body.done.number).toBe("BM-2027-0002");
  });

  it("certifies everything due in one go, leaving what is not due", async () => {
    const second = await application({ title: "第二个到期" });
    const running = await application({ ends: "2026-11-25T09:00:00.000Z", title: "还在公示" });
    await object(second.id, OBJECTION);
    at(ms(1));
    expect((await officePage()).body.due).toBe(1);
    const done = await office({ intent: "certify-due" });
    expect(done.body.done).toEqual({ intent: "certify-due", count: 1, refused: 0 });
    expect((await appRow(appId)).benchmark_number).toBe("BM-2026-0001");
    expect((await appRow(second.id)).status).toBe("notice");
    expect((await appRow(running.id)).status).toBe("notice");
  });
});
