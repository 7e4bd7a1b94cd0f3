import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { transitionScenario } from "~/models/scenario-workflow.server";
import { action as reviewAction, loader as reviewLoader } from "~/routes/review.$id";
import { loader as queueLoader } from "~/routes/review._index";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { unwrap } from "../results";

let db: DB;
let cookies: Record<"reviewer" | "admin" | "demand" | "vendor", string>;
let hospital: number;
let editionId: number;
let submitterId: number;
let scenario: { id: number };
const context = { clientAddress: "203.0.113.9" };

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown response");
}

async function addUser(email: string, role: "reviewer" | "admin" | "demand_member" | "vendor_member", organisationId: number | null = null) {
  const row = await db.insertInto("users").values({ email, name: email.split("@")[0]!, role, organisation_id: organisationId }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

const open = (id: number, cookie?: string, query = "") =>
  reviewLoader(routeArgs({ request: request(`/review/${id}${query}`, { cookie }), params: { id: String(id) }, context }));
const decide = (id: number, form: Record<string, string>, cookie = cookies.reviewer) =>
  reviewAction(routeArgs({ request: request(`/review/${id}`, { cookie, form }), params: { id: String(id) }, context }));
const queue = (query = "", cookie = cookies.reviewer) => queueLoader(routeArgs({ request: request(`/review${query}`, { cookie }), params: {}, context }));

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const vendor = await insertOrganisation(db, "南京智算科技有限公司", "vendor");
  ({ editionId } = await insertEdition(db, 2027, 0));
  await addUser("reviewer@test.local", "reviewer");
  await addUser("admin@test.local", "admin");
  submitterId = await addUser("demand@test.local", "demand_member", hospital);
  await addUser("colleague@test.local", "demand_member", hospital);
  await addUser("vendor@test.local", "vendor_member", vendor);
  cookies = {
    reviewer: await cookieFor(db, "reviewer@test.local"),
    admin: await cookieFor(db, "admin@test.local"),
    demand: await cookieFor(db, "demand@test.local"),
    vendor: await cookieFor(db, "vendor@test.local"),
  };
  scenario = await insertScenario(db, { edition_id: editionId, organisation_id: hospital, title: "智能导诊", status: "submitted", created_by: submitterId });
});

describe("who may review", () => {
  it("sends anonymous visitors to sign in and refuses demand and vendor members", async () => {
    const anonymous = await thrown(queue("", ""));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/review")}`);
    expect((await thrown(decide(scenario.id, { intent: "approve", version: "1" }, ""))).headers.get("Location")).toMatch(/^\/login\?/);
    for (const cookie of [cookies.demand, cookies.vendor]) {
      expect((await thrown(queue("", cookie))).status).toBe(403);
      expect((await thrown(open(scenario.id, cookie))).status).toBe(403);
      expect((await thrown(decide(scenario.id, { intent: "approve", version: "1" }, cookie))).status).toBe(403);
    }
    const still = await db.selectFrom("scenarios").where("id", "=", scenario.id).select("status").executeTakeFirstOrThrow();
    expect(still.status).toBe("submitted");
    expect((await queue("", cookies.admin)).total).toBe(1);
  });
});

describe("the queue", () => {
  it("lists submitted scenarios only, filtered by domain, district, edition and organisation", async () => {
    const school = await insertOrganisation(db, "南京市第一中学");
    await insertScenario(db, { edition_id: editionId, organisation_id: school, title: "课堂分析", status: "submitted", domain: "tech_innovation", district: "江宁区" });
    await insertScenario(db, { edition_id: editionId, organisation_id: school, title: "已通过的", status: "approved" });
    const titles = async (q: string) => (await queue(q)).items.map((i) => i.title).sort();
    expect(await titles("")).toEqual(["智能导诊", "课堂分析"].sort());
    expect(await titles("?domain=tech_innovation")).toEqual(["课堂分析"]);
    expect(await titles(`?district=${encodeURIComponent("鼓楼区")}`)).toEqual(["智能导诊"]);
    expect(await titles(`?org=${encodeURIComponent("鼓楼")}`)).toEqual(["智能导诊"]);
    expect(await titles("?edition=2026")).toEqual([]);
    expect(await titles("?domain=moon&edition=abc")).toHaveLength(2);
  });
});

describe("approving", () => {
  it("approves, records history and audit, and tells the submitter in the app and by e-mail", async () => {
    const response = await thrown(decide(scenario.id, { intent: "approve", version: "1", note: "材料齐全" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/review/${scenario.id}?done=approve`);
    const row = await db.selectFrom("scenarios").where("id", "=", scenario.id).select(["status", "version"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "approved", version: 2 });
    const audit = await db.selectFrom("audit_log").where("action", "=", "scenario.approve").selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.ip).toBe("203.0.113.9");
    const notices = await db.selectFrom("notifications").selectAll().execute();
    expect(notices.map((n) => [n.user_id, n.kind])).toEqual([[submitterId, "scenario.approved"]]);
    const mail = await db.selectFrom("email_outbox").selectAll().execute();
    expect(mail.map((m) => m.to_address)).toEqual(["demand@test.local"]);
    expect(mail[0]!.subject).toContain("智能导诊");
  });

  it("refuses a second approval with a clear message instead of failing", async () => {
    await thrown(decide(scenario.id, { intent: "approve", version: "1" }));
    const again = unwrap(await decide(scenario.id, { intent: "approve", version: "1" }));
    expect(again.status).toBe(409);
    expect(again.body.error[""]).toEqual(["review.problem.now.approved"]);
    const sameVersion = unwrap(await decide(scenario.id, { intent: "approve", version: "2" }));
    expect(sameVersion.body.error[""]).toEqual(["review.problem.now.approved"]);
    expect(await db.selectFrom("scenario_status_history").selectAll().execute()).toHaveLength(1);
  });

  it("refuses a decision on a scenario the owner withdrew meanwhile", async () => {
    await transitionScenario(db, { scenarioId: scenario.id, action: "withdraw", actor: { userId: submitterId, role: "owner" }, reason: "预算调整" });
    const result = unwrap(await decide(scenario.id, { intent: "return", version: "1", "comments.budget": "请细化" }));
    expect(result.status).toBe(409);
    expect(result.body.error[""]).toEqual(["review.problem.now.withdrawn"]);
  });
});

describe("returning", () => {
  it("refuses a return without any comment, on the comments field", async () => {
    const result = unwrap(await decide(scenario.id, { intent: "return", version: "1", "comments.title": "  " }));
    expect(result.status).toBe(400);
    expect(result.body.error.comments).toEqual(["review.error.noComment"]);
    const row = await db.selectFrom("scenarios").where("id", "=", scenario.id).select("status").executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
  });

  it("returns with comments per field, tied to the history entry, and tells every member when no submitter is known", async () => {
    await db.updateTable("scenarios").set({ created_by: null }).where("id", "=", scenario.id).execute();
    await thrown(decide(scenario.id, { intent: "return", version: "1", "comments.budget": "请说明预算测算依据", "comments.data_resources": "请注明数据量" }));
    const history = await db.selectFrom("scenario_status_history").where("scenario_id", "=", scenario.id).selectAll().executeTakeFirstOrThrow();
    expect(history.to_status).toBe("returned");
    expect(history.reason).toContain("请说明预算测算依据");
    const comments = await db.selectFrom("scenario_review_comments").selectAll().orderBy("id").execute();
    expect(comments.map((c) => [c.field, c.history_id])).toEqual([["budget", history.id], ["data_resources", history.id]]);
    const notified = await db.selectFrom("notifications").select(["user_id", "kind", "body"]).orderBy("user_id").execute();
    expect(notified.map((n) => n.kind)).toEqual(["scenario.returned", "scenario.returned"]);
    expect(notified[0]!.body).toContain("请注明数据量");
    expect(await db.selectFrom("email_outbox").selectAll().execute()).toHaveLength(2);
  });
});

describe("the review page", () => {
  it("shows the full history with actors, reasons and field comments, newest first", async () => {
    await thrown(decide(scenario.id, { intent: "return", version: "1", "comments.title": "名称过长" }));
    await transitionScenario(db, { scenarioId: scenario.id, action: "submit", actor: { userId: submitterId, role: "owner" } });
    const data = await open(scenario.id, cookies.reviewer);
    expect(data.timeline.map((h) => h.to_status)).toEqual(["submitted", "returned"]);
    expect(data.timeline[1]!.actor_name).toBe("reviewer");
    expect(data.timeline[1]!.comments).toEqual([{ field: "title", comment: "名称过长" }]);
    expect(data.scenario.version).toBe(3);
  });

  it("is a 404 for drafts and unknown ids", async () => {
    const draft = await insertScenario(db, { edition_id: editionId, organisation_id: hospital, status: "draft" });
    expect((await thrown(open(draft.id, cookies.reviewer))).status).toBe(404);
    expect((await thrown(open(99999, cookies.reviewer))).status).toBe(404);
  });
});
