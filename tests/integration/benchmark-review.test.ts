import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { DEFAULT_RUBRIC } from "~/domain/rubric";
import { action as officeAction, loader as officeLoader } from "~/routes/admin.benchmarks.$id";
import { loader as queueLoader } from "~/routes/admin.benchmarks._index";
import { action as rubricAction, loader as rubricLoader } from "~/routes/admin.editions_.$id.rubric";
import { action as sheetAction, loader as sheetLoader } from "~/routes/review.benchmarks.$id";
import { loader as mineLoader } from "~/routes/review.benchmarks._index";
import { seedDemo } from "../../db/seed";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// The benchmark review through its routes: who is excluded and why, assignment, the reviewer's
// sheet, declared conflicts, closing the review into a public notice or a rejection.

type Role = "reviewer" | "admin" | "demand_member" | "vendor_member";

let db: DB;
let editionId: number;
let hospital: number;
let vendor: number;
let applicationId: number;
let pilotId: number;
const users: Record<string, number> = {};
const cookies: Record<string, string> = {};

async function addUser(name: string, role: Role, organisationId: number | null = null) {
  const row = await db.insertInto("users").values({ email: `${name}@test.local`, name, role, organisation_id: organisationId }).returning("id").executeTakeFirstOrThrow();
  users[name] = row.id;
  cookies[name] = await cookieFor(db, `${name}@test.local`);
  return row.id;
}

/** A pilot between two organisations, on a fresh scenario of the first. */
async function pilotOf(demandOrg: number, vendorOrg: number, status: "active" | "completed" = "completed") {
  const scenario = await insertScenario(db, { organisation_id: demandOrg, edition_id: editionId, status: "piloting" });
  const proposal = await db.insertInto("proposals").values({ scenario_id: scenario.id, vendor_id: vendorOrg, status: "selected", approach: "方案" }).returning("id").executeTakeFirstOrThrow();
  const pilot = await db.insertInto("pilots").values({ scenario_id: scenario.id, proposal_id: proposal.id, vendor_id: vendorOrg, status, started_at: "2026-03-01T02:00:00.000Z" }).returning("id").executeTakeFirstOrThrow();
  return { scenario, proposalId: proposal.id, pilotId: pilot.id };
}

const context = { clientAddress: "203.0.113.7" };
const officeView = (who = "office", id = applicationId) =>
  settle(officeLoader(routeArgs({ request: request(`/admin/benchmarks/${id}`, { cookie: cookies[who] }), params: { id: String(id) }, context })));
const officePost = (form: Record<string, string | string[]>, who = "office") =>
  settle(officeAction(routeArgs({ request: request(`/admin/benchmarks/${applicationId}`, { cookie: cookies[who], form }), params: { id: String(applicationId) }, context })));
const sheetView = (who: string) =>
  settle(sheetLoader(routeArgs({ request: request(`/review/benchmarks/${applicationId}`, { cookie: cookies[who] }), params: { id: String(applicationId) }, context })));
const sheetPost = (who: string, form: Record<string, string>) =>
  settle(sheetAction(routeArgs({ request: request(`/review/benchmarks/${applicationId}`, { cookie: cookies[who], form }), params: { id: String(applicationId) }, context })));
const assign = (...names: string[]) => officePost({ intent: "assign", reviewerIds: names.map((n) => String(users[n])) });

/** A complete sheet adding up to `total`, filling the criteria in order. */
function sheet(total: number, intent = "submit", comment = "依据实测指标给分。"): Record<string, string> {
  const form: Record<string, string> = { intent };
  let left = total;
  for (const c of DEFAULT_RUBRIC) {
    const points = Math.min(c.weight, left);
    left -= points;
    form[`scores.${c.key}`] = String(points);
    form[`comments.${c.key}`] = comment;
  }
  return form;
}

const application = () => db.selectFrom("benchmark_applications").where("id", "=", applicationId).selectAll().executeTakeFirstOrThrow();
const reviewRow = (name: string) =>
  db.selectFrom("benchmark_reviews").where("application_id", "=", applicationId).where("reviewer_id", "=", users[name]!).selectAll().executeTakeFirst();
const notices = (name: string) => db.selectFrom("notifications").where("user_id", "=", users[name]!).select(["kind", "title", "body", "link"]).orderBy("id").execute();

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  ({ editionId } = await insertEdition(db, 2026, 1));
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  const school = await insertOrganisation(db, "南京市第一中学");
  const otherVendor = await insertOrganisation(db, "江苏知行数据科技有限公司", "vendor");

  const main = await pilotOf(hospital, vendor);
  pilotId = main.pilotId;
  const kpi = await db.insertInto("pilot_kpis").values({ pilot_id: pilotId, name: "导诊准确率", unit: "%", baseline: 70, target: 90, measured: 93, higher_is_better: 1 }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("pilot_evidence").values({ pilot_id: pilotId, kpi_id: kpi.id, file_name: "准确率测评报告.pdf", media_type: "application/pdf", size_bytes: 204_800, sha256: "0".repeat(64), storage_key: "k1" }).execute();
  applicationId = (await db.insertInto("benchmark_applications").values({ pilot_id: pilotId, scenario_id: main.scenario.id, status: "submitted", narrative: "导诊准确率由70%提升至93%。", created_at: "2026-11-01T02:00:00.000Z" })
    .returning("id").executeTakeFirstOrThrow()).id;

  await addUser("office", "admin");
  await addUser("clerk", "demand_member", hospital);
  await addUser("seller", "vendor_member", vendor);
  for (const name of ["ann", "bo", "cai", "dan", "eve"]) await addUser(name, "reviewer");

  // One reviewer per kind of tie, on either side of the pair.
  await addUser("insider", "reviewer", vendor);
  await addUser("doctor", "reviewer", hospital);
  const vendorElsewhere = await pilotOf(school, vendor, "active");
  await addUser("bidder", "reviewer");
  await db.updateTable("proposals").set({ submitted_by: users.bidder! }).where("id", "=", vendorElsewhere.proposalId).execute();
  const hospitalOther = await pilotOf(hospital, otherVendor, "active");
  await addUser("rival", "reviewer");
  await db.updateTable("proposals").set({ submitted_by: users.rival! }).where("id", "=", hospitalOther.proposalId).execute();
  await addUser("writer", "reviewer");
  await db.insertInto("pilot_updates").values({ pilot_id: hospitalOther.pilotId, body: "进展", author_id: users.writer! }).execute();
  await addUser("planner", "reviewer");
  await db.insertInto("pilot_milestones").values({ pilot_id: vendorElsewhere.pilotId, title: "部署", due_on: "2026-05-01", created_by: users.planner! }).execute();
  await addUser("measurer", "reviewer");
  const otherKpi = await db.insertInto("pilot_kpis").values({ pilot_id: hospitalOther.pilotId, name: "时长", unit: "分钟", baseline: 30, target: 10, measured: 12, higher_is_better: 0 }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("pilot_kpi_measurements").values({ kpi_id: otherKpi.id, value: 12, measured_on: "2026-06-01", recorded_by: users.measurer! }).execute();
  await addUser("applicant", "reviewer");
  const earlier = await pilotOf(school, vendor);
  await db.insertInto("benchmark_applications").values({ pilot_id: earlier.pilotId, scenario_id: earlier.scenario.id, status: "rejected", submitted_by: users.applicant! }).execute();
  // Ties with other organisations do not count.
  await addUser("stranger", "reviewer", school);
  const unrelated = await pilotOf(school, otherVendor, "active");
  await db.updateTable("proposals").set({ submitted_by: users.stranger! }).where("id", "=", unrelated.proposalId).execute();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("who may review an application", () => {
  it("excludes every reviewer tied to either side, each with the reason, and offers only the others", async () => {
    const page = await officeView();
    expect(page.status).toBe(200);
    expect(page.body.eligible.map((r: { name: string }) => r.name)).toEqual(["ann", "bo", "cai", "dan", "eve", "stranger"]);
    const excluded = Object.fromEntries(page.body.excluded.map((r: { name: string; reasons: unknown[] }) => [r.name, r.reasons]));
    expect(excluded).toEqual({
      insider: [{ kind: "member", side: "vendor", organisation: "南京云启智能科技有限公司" }],
      doctor: [{ kind: "member", side: "demand", organisation: "南京市鼓楼医院" }],
      bidder: [{ kind: "proposal", side: "vendor", organisation: "南京云启智能科技有限公司", scenario: expect.stringMatching(/^NJ-2026-/) }],
      rival: [{ kind: "proposal", side: "demand", organisation: "南京市鼓楼医院", scenario: expect.stringMatching(/^NJ-2026-/) }],
      writer: [{ kind: "pilot", side: "demand", organisation: "南京市鼓楼医院", scenario: expect.any(String) }],
      planner: [{ kind: "pilot", side: "vendor", organisation: "南京云启智能科技有限公司", scenario: expect.any(String) }],
      measurer: [{ kind: "pilot", side: "demand", organisation: "南京市鼓楼医院", scenario: expect.any(String) }],
      applicant: [{ kind: "application", side: "vendor", organisation: "南京云启智能科技有限公司", scenario: expect.any(String) }],
    });
    expect(page.body.application).toMatchObject({ narrative: "导诊准确率由70%提升至93%。", demand_name: "南京市鼓楼医院", vendor_name: "南京云启智能科技有限公司" });
    expect(page.body.evidence.map((e: { file_name: string }) => e.file_name)).toEqual(["准确率测评报告.pdf"]);
  });

  it("refuses a forced POST naming any excluded reviewer, assigning nobody", async () => {
    for (const name of ["insider", "doctor", "bidder", "rival", "writer", "planner", "measurer", "applicant"]) {
      const refused = await assign("ann", name);
      expect(refused.status, name).toBe(409);
      expect(refused.body.result.error[""], name).toEqual([`benchReview.problem.excluded?names=${name}`]);
    }
    expect(await db.selectFrom("benchmark_reviews").selectAll().execute()).toEqual([]);
    expect((await application()).status).toBe("submitted");
  });

  it("assigns several at once, moves the application into review and tells each reviewer", async () => {
    const done = await assign("ann", "bo", "cai");
    expect(done.status).toBe(200);
    expect((await application()).status).toBe("in_review");
    expect(await notices("ann")).toEqual([expect.objectContaining({ kind: "benchmark.assigned", link: `/review/benchmarks/${applicationId}` })]);
    expect((await notices("ann"))[0]!.title).toContain("请评审标杆申报");
    const audit = await db.selectFrom("audit_log").where("subject_type", "=", "benchmark_application").select(["action", "after_json"]).execute();
    expect(audit).toEqual([{ action: "benchmark.assign", after_json: JSON.stringify({ status: "in_review", reviewerIds: [users.ann, users.bo, users.cai] }) }]);
    expect((await assign("ann")).body.result.error[""]).toEqual(["benchReview.problem.already_assigned?names=ann"]);
    const queue = await settle(queueLoader(routeArgs({ request: request("/admin/benchmarks", { cookie: cookies.office }), params: {}, context })));
    expect(queue.body.inReview).toEqual([expect.objectContaining({ id: applicationId, submitted: 0, active: 3 })]);
    expect((await officeView()).body.eligible.find((r: { name: string }) => r.name === "dan")).toMatchObject({ load: 0 });
  });

  it("removes an assignment whose sheet is not submitted, never a submitted one", async () => {
    await assign("ann", "bo", "cai");
    await sheetPost("ann", sheet(80));
    expect((await officePost({ intent: "remove", reviewerId: String(users.ann) })).status).toBe(409);
    expect((await officePost({ intent: "remove", reviewerId: String(users.bo) })).status).toBe(200);
    expect(await reviewRow("bo")).toBeUndefined();
    expect(await reviewRow("ann")).toBeDefined();
    expect((await notices("bo")).map((n) => n.kind)).toEqual(["benchmark.assigned", "benchmark.unassigned"]);
  });
});

describe("the reviewer's sheet", () => {
  beforeEach(async () => {
    await assign("ann", "bo", "cai");
  });

  it("lets only the assigned reviewers in, each seeing only their own sheet", async () => {
    await sheetPost("bo", sheet(88));
    const mine = await sheetView("ann");
    expect(mine.status).toBe(200);
    expect(mine.body.sheet).toMatchObject({ scores: {}, total: null, submittedAt: null });
    expect(Object.keys(mine.body)).not.toContain("assignments");
    expect(JSON.stringify(mine.body)).not.toContain("bo@test.local");
    for (const who of ["dan", "insider", "office", "clerk", "seller"]) {
      expect((await sheetView(who)).status, who).toBe(403);
      expect((await sheetPost(who, sheet(90))).status, who).toBe(403);
    }
    expect(await reviewRow("dan")).toBeUndefined();
    const list = await settle(mineLoader(routeArgs({ request: request("/review/benchmarks", { cookie: cookies.ann }), params: {}, context })));
    expect(list.body.assignments).toEqual([expect.objectContaining({ id: applicationId, state: "not_started", open: true })]);
  });

  it("refuses out-of-range and missing scores and missing comments at their fields, keeping what was typed", async () => {
    const form = { ...sheet(80), "scores.impact": "35", "scores.innovation": "12.3", "scores.safety": "", "comments.maturity": "" };
    const refused = await sheetPost("ann", form);
    expect(refused.status).toBe(400);
    expect(refused.body.result.error).toEqual({
      "scores.impact": ["benchReview.error.score_range?max=30"],
      "scores.innovation": ["benchReview.error.score_range?max=20"],
      "scores.safety": ["benchReview.error.score_missing?max=15"],
      "comments.maturity": ["benchReview.error.comment_missing"],
    });
    expect(refused.body.result.initialValue).toMatchObject({ scores: { impact: "35", innovation: "12.3" }, comments: { impact: "依据实测指标给分。" } });
    expect(await reviewRow("ann")).toMatchObject({ scores_json: null, comments_json: null, submitted_at: null });
  });

  it("saves an incomplete draft, then submits, and stays editable after submission until the review closes", async () => {
    const draft = await sheetPost("ann", { intent: "draft", "scores.impact": "25.5", "comments.impact": "成效明显" });
    expect(draft.status).toBe(200);
    expect(await reviewRow("ann")).toMatchObject({ scores_json: JSON.stringify({ impact: 25.5 }), comments_json: JSON.stringify({ impact: "成效明显" }), submitted_at: null, total: null });
    expect((await sheetPost("ann", { intent: "draft", "scores.impact": "31" })).body.result.error).toEqual({ "scores.impact": ["benchReview.error.score_range?max=30"] });

    expect((await sheetPost("ann", sheet(82))).status).toBe(200);
    const first = await reviewRow("ann");
    expect(first).toMatchObject({ total: 82, submitted_at: expect.any(String) });
    expect((await sheetPost("ann", sheet(84.5))).status).toBe(200);
    expect(await reviewRow("ann")).toMatchObject({ total: 84.5, submitted_at: first!.submitted_at });
    const backToDraft = await sheetPost("ann", sheet(70, "draft"));
    expect(backToDraft.status).toBe(409);
    expect(backToDraft.body.result.error[""]).toEqual(["benchReview.problem.sheet_submitted"]);

    await sheetPost("bo", sheet(80));
    await sheetPost("cai", sheet(78));
    expect((await officePost({ intent: "close" })).status).toBe(200);
    const late = await sheetPost("ann", sheet(60));
    expect(late.status).toBe(409);
    expect(late.body.result.error[""]).toEqual(["benchReview.problem.review_closed"]);
    expect(await reviewRow("ann")).toMatchObject({ total: 84.5 });
    expect((await sheetView("ann")).body.canEdit).toBe(false);
    const conflictAfter = await sheetPost("ann", { intent: "conflict", reason: "迟到的声明" });
    expect(conflictAfter.status).toBe(409);
  });

  it("takes a declared conflict's sheet out of the mean and tells the office to assign another", async () => {
    await sheetPost("ann", sheet(99));
    const declared = await sheetPost("ann", { intent: "conflict", reason: "曾任该公司顾问" });
    expect(declared.status).toBe(200);
    expect(await reviewRow("ann")).toMatchObject({ conflict_reason: "曾任该公司顾问", conflict_declared_at: expect.any(String) });
    expect(await notices("office")).toEqual([expect.objectContaining({ kind: "benchmark.conflict", link: `/admin/benchmarks/${applicationId}` })]);
    expect((await sheetPost("ann", sheet(50))).status).toBe(409);

    const page = (await officeView()).body;
    expect(page.assignments.find((a: { reviewer_name: string }) => a.reviewer_name === "ann")).toMatchObject({ state: "conflict", counts: false, reasons: [{ kind: "declared", reason: "曾任该公司顾问" }] });
    expect(page.progress).toEqual({ active: 2, submitted: 0, conflicted: 1 });
    // The conflicted reviewer cannot be removed (the record stays) nor assigned again.
    expect((await officePost({ intent: "remove", reviewerId: String(users.ann) })).status).toBe(409);

    await sheetPost("bo", sheet(80));
    await sheetPost("cai", sheet(76));
    const tooFew = await officePost({ intent: "close" });
    expect(tooFew.status).toBe(409);
    expect(tooFew.body.result.error[""]).toEqual(["benchReview.problem.too_few_reviewers"]);

    await assign("dan");
    const missing = await officePost({ intent: "close" });
    expect(missing.body.result.error[""]).toEqual(["benchReview.problem.sheets_missing"]);
    await sheetPost("dan", sheet(78));
    expect((await officePost({ intent: "close" })).status).toBe(200);
    expect(await application()).toMatchObject({ status: "notice", mean_score: 78 });
  });
});

describe("closing the review", () => {
  beforeEach(async () => {
    await assign("ann", "bo", "cai");
  });

  it("puts an application at or above the pass mark on public notice for the edition's notice days, and tells the pair and the reviewers", async () => {
    await db.updateTable("editions").set({ notice_days: 10 }).where("id", "=", editionId).execute();
    await sheetPost("ann", sheet(80));
    await sheetPost("bo", sheet(75));
    await sheetPost("cai", sheet(70));
    expect((await notices("office")).map((n) => n.kind)).toEqual(["benchmark.ready"]);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-20T06:30:00.000Z"));
    expect((await officePost({ intent: "close", note: "材料完整" })).status).toBe(200);
    expect(await application()).toMatchObject({
      status: "notice",
      mean_score: 75,
      review_closed_at: "2026-11-20T06:30:00.000Z",
      notice_starts_at: "2026-11-20T06:30:00.000Z",
      notice_ends_at: "2026-11-30T06:30:00.000Z",
      decision_note: "材料完整",
    });
    for (const member of ["clerk", "seller"]) {
      const [notice] = await notices(member);
      expect(notice, member).toMatchObject({ kind: "benchmark.notice", link: `/pilots/${pilotId}` });
      expect(notice!.body).toContain("75");
      expect(notice!.body).toContain("2026年11月30日");
    }
    expect((await notices("bo")).map((n) => n.kind)).toEqual(["benchmark.assigned", "benchmark.review_closed"]);
    expect(await db.selectFrom("audit_log").where("action", "=", "benchmark.close_review").select("after_json").executeTakeFirstOrThrow())
      .toMatchObject({ after_json: expect.stringContaining('"status":"notice"') });
    expect((await officePost({ intent: "close" })).status).toBe(409);
  });

  it("rejects below the pass mark with a decision note", async () => {
    await sheetPost("ann", sheet(76));
    await sheetPost("bo", sheet(74));
    await sheetPost("cai", sheet(74));
    expect((await officePost({ intent: "close" })).status).toBe(200);
    const closed = await application();
    expect(closed).toMatchObject({ status: "rejected", mean_score: 74.7, notice_starts_at: null, notice_ends_at: null });
    expect(closed.decision_note).toBe("评审均分 74.7 分，低于通过线 75 分。");
    expect((await notices("clerk"))[0]).toMatchObject({ kind: "benchmark.rejected" });
  });

  it("honours the pass mark the application was submitted with", async () => {
    await db.updateTable("benchmark_applications").set({ pass_mark: 85 }).where("id", "=", applicationId).execute();
    await sheetPost("ann", sheet(84));
    await sheetPost("bo", sheet(82));
    await sheetPost("cai", sheet(83));
    const page = (await officeView()).body;
    expect(page.summary).toMatchObject({ mean: 83, passes: false });
    expect(page.application.passMark).toBe(85);
    await officePost({ intent: "close" });
    expect(await application()).toMatchObject({ status: "rejected", mean_score: 83, decision_note: "评审均分 83 分，低于通过线 85 分。" });
  });

  it("shows the office every sheet with the spread and standard deviation, and flags an outlier", async () => {
    await sheetPost("ann", sheet(85));
    await sheetPost("bo", sheet(86));
    await sheetPost("cai", sheet(60));
    const page = (await officeView()).body;
    expect(page.summary).toMatchObject({ count: 3, mean: 77, min: 60, max: 86, spread: 26, stdDev: 12, outliers: [2] });
    const flagged = page.assignments.filter((a: { outlier: boolean }) => a.outlier).map((a: { reviewer_name: string }) => a.reviewer_name);
    expect(flagged).toEqual(["cai"]);
    expect(page.assignments[0].comments).toMatchObject({ impact: "依据实测指标给分。" });
  });
});

describe("the rubric of an edition", () => {
  const rubricUrl = () => `/admin/editions/${editionId}/rubric`;
  const rubricPost = (form: Record<string, string>) =>
    settle(rubricAction(routeArgs({ request: request(rubricUrl(), { cookie: cookies.office, form }), params: { id: String(editionId) }, context })));
  const rows = (criteria: [string, string, string, string][]) =>
    Object.fromEntries(criteria.flatMap(([key, zh, en, weight], i) => [[`criteria[${i}].key`, key], [`criteria[${i}].zh`, zh], [`criteria[${i}].en`, en], [`criteria[${i}].weight`, weight]]));

  it("refuses weights that do not sum to 100, naming the sum, and bad rows at their fields, keeping the input", async () => {
    const refused = await rubricPost({
      intent: "save", passMark: "80", noticeDays: "5",
      ...rows([["impact", "成效", "Impact", "50"], ["impact", "推广", "Reach", "30"], ["Cost", "", "Cost", "x"], ["", "", "", ""]]),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.result.error).toEqual({
      "criteria[1].key": ["benchReview.rubric.error.duplicate?key=impact"],
      "criteria[2].key": ["benchReview.rubric.error.key"],
      "criteria[2].zh": ["error.required"],
      "criteria[2].weight": ["benchReview.rubric.error.weight"],
      criteria: ["benchReview.rubric.error.sum?sum=80"],
    });
    expect(refused.body.result.initialValue.criteria[2]).toMatchObject({ key: "Cost", en: "Cost", weight: "x" });
    expect((await db.selectFrom("editions").where("id", "=", editionId).select("rubric_json").executeTakeFirstOrThrow()).rubric_json).toBeNull();
  });

  it("saves a valid rubric with its pass mark and notice days, leaves applications already submitted alone, and restores the default", async () => {
    const saved = await rubricPost({ intent: "save", passMark: "80", noticeDays: "5", ...rows([["impact", "成效", "Impact", "60"], ["reach", "推广", "Reach", "40"]]) });
    expect(saved.status).toBe(200);
    const edition = await db.selectFrom("editions").where("id", "=", editionId).selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(edition.rubric_json!)).toEqual([{ key: "impact", zh: "成效", en: "Impact", weight: 60 }, { key: "reach", zh: "推广", en: "Reach", weight: 40 }]);
    expect(edition).toMatchObject({ pass_mark: 80, notice_days: 5 });
    expect(await application()).toMatchObject({ rubric_json: null, pass_mark: null });
    const page = await settle(rubricLoader(routeArgs({ request: request(rubricUrl(), { cookie: cookies.office }), params: { id: String(editionId) }, context })));
    expect(page.body).toMatchObject({ isDefault: false, passMark: 80, noticeDays: 5, openApplications: 1 });

    expect((await rubricPost({ intent: "reset" })).status).toBe(200);
    expect(await db.selectFrom("editions").where("id", "=", editionId).select(["rubric_json", "pass_mark", "notice_days"]).executeTakeFirstOrThrow())
      .toEqual({ rubric_json: null, pass_mark: 75, notice_days: 7 });
    expect((await db.selectFrom("audit_log").select("action").execute()).map((a) => a.action)).toEqual(["edition.rubric", "edition.rubric_reset"]);
  });

  it("scores an application by the rubric it carries", async () => {
    await db.updateTable("benchmark_applications")
      .set({ rubric_json: JSON.stringify([{ key: "impact", zh: "成效", en: "Impact", weight: 60 }, { key: "reach", zh: "推广", en: "Reach", weight: 40 }]) })
      .where("id", "=", applicationId).execute();
    await assign("ann", "bo", "cai");
    expect((await sheetView("ann")).body.rubric.map((c: { key: string }) => c.key)).toEqual(["impact", "reach"]);
    const refused = await sheetPost("ann", { intent: "submit", "scores.impact": "61", "scores.reach": "30", "comments.impact": "好", "comments.reach": "好" });
    expect(refused.body.result.error).toEqual({ "scores.impact": ["benchReview.error.score_range?max=60"] });
    expect((await sheetPost("ann", { intent: "submit", "scores.impact": "55", "scores.reach": "30", "comments.impact": "好", "comments.reach": "好" })).status).toBe(200);
    expect(await reviewRow("ann")).toMatchObject({ total: 85 });
  });
});

describe("the demo", () => {
  it("shows an excluded reviewer, with the reason, on the application in review assigned to reviewer@demo.local", async () => {
    db = createTestDatabase();
    useAsAppDatabase(db);
    await seedDemo(db, { scenarios: 300 });
    const reviewer = await db.selectFrom("users").where("email", "=", "reviewer@demo.local").select("id").executeTakeFirstOrThrow();
    const assigned = await db.selectFrom("benchmark_reviews as r").innerJoin("benchmark_applications as a", "a.id", "r.application_id")
      .where("r.reviewer_id", "=", reviewer.id).where("a.status", "=", "in_review").select("a.id").orderBy("a.id").execute();
    expect(assigned.length).toBeGreaterThan(0);
    const id = assigned[0]!.id;
    const admin = await cookieFor(db, "admin@demo.local");
    const page = await settle(officeLoader(routeArgs({ request: request(`/admin/benchmarks/${id}`, { cookie: admin }), params: { id: String(id) }, context })));
    expect(page.body.excluded).toEqual([expect.objectContaining({ email: expect.stringMatching(/^reviewer\d+@demo\.local$/), reasons: [expect.objectContaining({ kind: "proposal", side: "vendor" })] })]);
    const mine = await settle(sheetLoader(routeArgs({ request: request(`/review/benchmarks/${id}`, { cookie: await cookieFor(db, "reviewer@demo.local") }), params: { id: String(id) }, context })));
    expect(mine.status).toBe(200);
    expect(mine.body.canEdit).toBe(true);
  });
});
