import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { useUploadDir } from "~/files/storage.server";
import { loader as reviewsApi } from "~/routes/api.v1.benchmark-applications.$id.reviews";
import { action as pilotAction, loader as pilotLoader } from "~/routes/pilots.$id";
import { action as applyAction, loader as applyLoader } from "~/routes/pilots.$id_.apply";
import { loader as applicationLoader } from "~/routes/pilots.$id_.benchmark";
import { loader as evidenceLoader } from "~/routes/pilots.$id_.evidence.$evidenceId";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// Evidence files on a pilot, applying for benchmark status and what the pair sees of the review,
// through the routes, against a real database and a temporary upload directory.

type Who = "clerk" | "vendor" | "otherVendor" | "otherDemand" | "reviewer" | "otherReviewer" | "admin";

const fixture = (name: string) => fs.readFileSync(path.resolve("tests/fixtures/files", name));
const PDF = fixture("minimal.pdf");
const DOCX = fixture("minimal.docx");
/** A Windows program: "MZ" and a DOS header. */
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);
const RUBRIC = [
  { key: "impact", zh: "应用成效", en: "Measured impact", weight: 40 },
  { key: "innovation", zh: "创新性", en: "Innovation", weight: 30 },
  { key: "replicability", zh: "可复制推广", en: "Replicability", weight: 30 },
];
const NARRATIVE = "鼓楼医院与云启智能在住院病区部署智能护理巡视系统，夜间巡视覆盖率由60%提升至96.5%，跌倒事件下降四成；方案已形成标准化部署手册，可在全市二级以上医院复制推广。";

let db: DB;
let uploads: string;
let pilotId: number;
let kpiId: number;
let editionId: number;
let cookies: Record<Who, string>;
let ids: Record<Who, number>;

async function addUser(email: string, role: "demand_member" | "vendor_member" | "reviewer" | "admin", organisationId: number | null, name = email.split("@")[0]!) {
  const row = await db.insertInto("users").values({ email, name, role, organisation_id: organisationId }).returning("id").executeTakeFirstOrThrow();
  return { id: row.id, cookie: await cookieFor(db, email) };
}

function multipart(cookie: string | undefined, url: string, fields: Record<string, string>, file?: File) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", file);
  return new Request(`http://localhost${url}`, { method: "POST", headers: new Headers(cookie ? { Cookie: cookie } : {}), body });
}

const params = () => ({ id: String(pilotId) });
const upload = (who: Who, file: File, fields: Record<string, string> = {}) =>
  settle(pilotAction(routeArgs({ request: multipart(cookies[who], `/pilots/${pilotId}`, { intent: "evidence-upload", ...fields }, file), params: params(), context: { clientAddress: "test" } })));
const removeFile = (who: Who, evidenceId: number) =>
  settle(pilotAction(routeArgs({ request: request(`/pilots/${pilotId}`, { cookie: cookies[who], form: { intent: "evidence-remove", evidenceId: String(evidenceId) } }), params: params(), context: { clientAddress: "test" } })));
const pilotPage = (who: Who) => settle(pilotLoader(routeArgs({ request: request(`/pilots/${pilotId}`, { cookie: cookies[who] }), params: params(), context: {} })));
const applyPage = (who: Who) => settle(applyLoader(routeArgs({ request: request(`/pilots/${pilotId}/apply`, { cookie: cookies[who] }), params: params(), context: {} })));
const apply = (who: Who, narrative: string) =>
  settle(applyAction(routeArgs({ request: request(`/pilots/${pilotId}/apply`, { cookie: cookies[who], form: { narrative } }), params: params(), context: { clientAddress: "test" } })));
const applicationPage = (who: Who) => settle(applicationLoader(routeArgs({ request: request(`/pilots/${pilotId}/benchmark`, { cookie: cookies[who] }), params: params(), context: {} })));
const reviews = (who: Who | null, applicationId: number, headers: Record<string, string> = {}) => {
  const h = new Headers(headers);
  if (who) h.set("Cookie", cookies[who]);
  return settle(reviewsApi(routeArgs({ request: new Request(`http://localhost/api/v1/benchmark-applications/${applicationId}/reviews`, { headers: h }), params: { id: String(applicationId) }, context: {} })));
};

async function download(who: Who | null, evidenceId: number, pilot = pilotId): Promise<Response> {
  const req = request(`/pilots/${pilot}/evidence/${evidenceId}`, { cookie: who ? cookies[who] : undefined });
  try {
    return await evidenceLoader(routeArgs({ request: req, params: { id: String(pilot), evidenceId: String(evidenceId) }, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const evidenceRows = () => db.selectFrom("pilot_evidence").selectAll().orderBy("id").execute();
const applications = () => db.selectFrom("benchmark_applications").selectAll().orderBy("id").execute();
const storedFiles = () => (fs.existsSync(uploads) ? fs.readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);
const complete = () => db.updateTable("pilots").set({ status: "completed", ended_at: "2026-11-15T08:00:00.000Z" }).where("id", "=", pilotId).execute();

async function insertApplication(status: "submitted" | "in_review" | "notice" | "certified" | "rejected", fields: Record<string, unknown> = {}) {
  const pilot = await db.selectFrom("pilots").where("id", "=", pilotId).select("scenario_id").executeTakeFirstOrThrow();
  const row = await db.insertInto("benchmark_applications")
    .values({ pilot_id: pilotId, scenario_id: pilot.scenario_id, status, narrative: NARRATIVE, rubric_json: JSON.stringify(RUBRIC), pass_mark: 80, submitted_by: ids.vendor, ...fields })
    .returning("id").executeTakeFirstOrThrow();
  return row.id;
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  uploads = path.resolve("tests/.tmp", `uploads-${randomUUID()}`);
  useUploadDir(uploads);
  await insertCapabilities(db);
  const edition = await insertEdition(db, 2026, 1);
  editionId = edition.editionId;
  await db.updateTable("editions").set({ rubric_json: JSON.stringify(RUBRIC), pass_mark: 80 }).where("id", "=", editionId).execute();
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const school = await insertOrganisation(db, "南京市第一中学");
  const vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  const otherVendor = await insertOrganisation(db, "江苏知行数据科技有限公司", "vendor");
  const scenario = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, batch_id: edition.batchIds[0]!, title: "住院病区智能护理巡视", status: "piloting" });
  const proposal = await db.insertInto("proposals").values({ scenario_id: scenario.id, vendor_id: vendor, status: "selected", approach: "方案" }).returning("id").executeTakeFirstOrThrow();
  pilotId = (await db.insertInto("pilots").values({ scenario_id: scenario.id, proposal_id: proposal.id, vendor_id: vendor, started_at: "2026-06-01T02:00:00.000Z" }).returning("id").executeTakeFirstOrThrow()).id;
  kpiId = (await db.insertInto("pilot_kpis").values({ pilot_id: pilotId, name: "夜间巡视覆盖率", unit: "%", baseline: 60, target: 95, measured: 96.5, higher_is_better: 1 }).returning("id").executeTakeFirstOrThrow()).id;
  const users = {
    clerk: await addUser("clerk@hospital.example", "demand_member", hospital, "王护士长"),
    vendor: await addUser("pm@yunqi.example", "vendor_member", vendor, "李经理"),
    otherVendor: await addUser("sales@zhixing.example", "vendor_member", otherVendor),
    otherDemand: await addUser("teacher@school.example", "demand_member", school),
    reviewer: await addUser("expert.zhang@review.example", "reviewer", null, "张评审"),
    otherReviewer: await addUser("expert.liu@review.example", "reviewer", null, "刘评审"),
    admin: await addUser("office@ai.example", "admin", null, "攻坚办"),
  };
  cookies = Object.fromEntries(Object.entries(users).map(([k, v]) => [k, v.cookie])) as Record<Who, string>;
  ids = Object.fromEntries(Object.entries(users).map(([k, v]) => [k, v.id])) as Record<Who, number>;
});

afterEach(() => {
  useUploadDir(undefined);
  fs.rmSync(uploads, { recursive: true, force: true });
});

describe("evidence files on the pilot", () => {
  it("are uploaded by either side, tied to a KPI with a note, listed, and served to the pair and the office", async () => {
    const first = await upload("clerk", new File([PDF], "巡视覆盖率测量.pdf"), { kpiId: String(kpiId), note: "11月全月数据" });
    expect(first.status).toBe(200);
    expect(first.body.done).toBe("evidence-upload");
    await complete();
    // Results come in at the end: the vendor adds the acceptance report after the pilot completed.
    expect((await upload("vendor", new File([DOCX], "验收报告.docx"))).status).toBe(200);

    const rows = await evidenceRows();
    expect(rows.map((r) => [r.file_name, r.kpi_id, r.note, r.uploaded_by])).toEqual([
      ["巡视覆盖率测量.pdf", kpiId, "11月全月数据", ids.clerk],
      ["验收报告.docx", null, "", ids.vendor],
    ]);
    expect(rows[1]!.media_type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(storedFiles()).toBe(2);
    const audit = await db.selectFrom("audit_log").where("action", "=", "pilot.evidence_add").select("subject_id").execute();
    expect(audit).toEqual([{ subject_id: pilotId }, { subject_id: pilotId }]);

    const page = await pilotPage("vendor");
    expect(page.body.evidence.map((e: { file_name: string; kpi_name: string | null; uploader: string }) => [e.file_name, e.kpi_name, e.uploader]))
      .toEqual([["巡视覆盖率测量.pdf", "夜间巡视覆盖率", "王护士长"], ["验收报告.docx", null, "李经理"]]);

    for (const who of ["vendor", "clerk", "admin"] as const) {
      const file = await download(who, rows[0]!.id);
      expect(file.status, who).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
      expect(file.headers.get("Content-Type")).toBe("application/pdf");
      expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(file.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("巡视覆盖率测量.pdf")}`);
    }
  });

  it("refuses a program renamed .pdf, at the file field, keeping the note and storing nothing", async () => {
    const result = await upload("vendor", new File([EXE], "测量报告.pdf"), { note: "改名的程序" });
    expect(result.status).toBe(400);
    expect(result.body.result.error.file).toEqual([expect.stringMatching(/^proposal\.file\.content_mismatch\?/)]);
    expect(result.body.result.initialValue).toMatchObject({ intent: "evidence-upload", note: "改名的程序" });
    expect(await evidenceRows()).toEqual([]);
    expect(storedFiles()).toBe(0);
    const noFile = await upload("vendor", new File([], ""));
    expect(noFile.status).toBe(400);
    expect(noFile.body.result.error.file).toEqual(["benchmarkApply.evidence.fileRequired"]);
  });

  it("refuses strangers and the office, which reads but never uploads", async () => {
    for (const who of ["otherVendor", "otherDemand", "reviewer", "admin"] as const) {
      expect((await upload(who, new File([PDF], "x.pdf"))).status, who).toBe(403);
    }
    expect(await evidenceRows()).toEqual([]);
    expect(storedFiles()).toBe(0);
  });

  it("serves a file to reviewers assigned to the pilot's application only, and never to another vendor", async () => {
    await upload("clerk", new File([PDF], "数据.pdf"));
    const [row] = await evidenceRows();
    expect((await download("otherVendor", row!.id)).status).toBe(403);
    expect((await download("otherDemand", row!.id)).status).toBe(403);
    expect((await download("reviewer", row!.id)).status).toBe(403);
    const anonymous = await download(null, row!.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);

    const applicationId = await insertApplication("in_review");
    await db.insertInto("benchmark_reviews").values({ application_id: applicationId, reviewer_id: ids.reviewer, scores_json: null, total: null, submitted_at: null }).execute();
    expect((await download("reviewer", row!.id)).status).toBe(200);
    expect((await download("otherReviewer", row!.id)).status).toBe(403);
    // Declaring a conflict ends the assignment's reading rights.
    await db.updateTable("benchmark_reviews").set({ conflict_declared_at: "2026-11-18T02:00:00.000Z", conflict_reason: "曾为该公司顾问" }).execute();
    expect((await download("reviewer", row!.id)).status).toBe(403);
    // A file asked for under another pilot's address is not found.
    expect((await download("clerk", row!.id, pilotId + 1)).status).toBe(404);
  });

  it("lets the uploader remove a file, and locks the files once an application is live", async () => {
    await upload("vendor", new File([PDF], "周报.pdf"));
    await upload("clerk", new File([PDF], "月报.pdf"));
    await complete();
    const [vendorFile, clerkFile] = await evidenceRows();
    // After completion only the uploader removes a file.
    const refused = await removeFile("clerk", vendorFile!.id);
    expect(refused.status).toBe(409);
    expect(refused.body.result.error[""]).toEqual(["benchmarkApply.evidence.problem.not_uploader"]);
    expect((await removeFile("vendor", vendorFile!.id)).status).toBe(200);
    expect((await evidenceRows()).map((r) => r.file_name)).toEqual(["月报.pdf"]);
    expect(storedFiles()).toBe(1);

    expect((await apply("vendor", NARRATIVE)).status).toBe(302);
    const locked = await removeFile("clerk", clerkFile!.id);
    expect(locked.status).toBe(409);
    expect(locked.body.result.error[""]).toEqual(["benchmarkApply.evidence.problem.application_live"]);
    expect((await upload("clerk", new File([PDF], "补充.pdf"))).status).toBe(409);
    expect(storedFiles()).toBe(1);
    expect((await pilotPage("clerk")).body.evidenceUpload).toBe("application_live");
  });
});

describe("applying for benchmark status", () => {
  it("is refused while the pilot is active, with the reason on the page and nothing written", async () => {
    const page = await applyPage("clerk");
    expect(page.status).toBe(200);
    expect(page.body.refusal).toBe("pilot_not_completed");
    expect((await pilotPage("clerk")).body.benchmark).toMatchObject({ canApply: false, refusal: "pilot_not_completed", application: null });
    const result = await apply("clerk", NARRATIVE);
    expect(result.status).toBe(409);
    expect(result.body.error[""]).toEqual(["benchmarkApply.refusal.pilot_not_completed"]);
    expect(await applications()).toEqual([]);
  });

  it("gives a missing or short narrative back with the text and an error at the field", async () => {
    await complete();
    const short = await apply("clerk", "效果很好。");
    expect(short.status).toBe(400);
    expect(short.body.initialValue.narrative).toBe("效果很好。");
    expect(short.body.error.narrative).toEqual(["benchmarkApply.error.narrativeShort?min=50&length=5"]);
    const empty = await apply("clerk", "  ");
    expect(empty.status).toBe(400);
    expect(empty.body.error.narrative).toEqual(["benchmarkApply.error.narrativeRequired"]);
    expect(await applications()).toEqual([]);
  });

  it("is refused for other organisations and the office", async () => {
    await complete();
    for (const who of ["otherVendor", "otherDemand", "reviewer", "admin"] as const) {
      expect((await applyPage(who)).status, who).toBe(403);
      expect((await apply(who, NARRATIVE)).status, who).toBe(403);
    }
    expect(await applications()).toEqual([]);
  });

  it("makes one application of a double submit, with the edition's rubric copied, audited, and the office and the other side told", async () => {
    await complete();
    expect((await applyPage("vendor")).body).toMatchObject({ refusal: null, passMark: 80, rubric: RUBRIC });
    const [a, b] = await Promise.all([apply("vendor", NARRATIVE), apply("vendor", NARRATIVE)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect([a.location, b.location]).toEqual([`/pilots/${pilotId}/benchmark?done=submitted`, `/pilots/${pilotId}/benchmark?done=submitted`]);
    const rows = await applications();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "submitted", narrative: NARRATIVE, submitted_by: ids.vendor, pass_mark: 80, mean_score: null });
    expect(JSON.parse(rows[0]!.rubric_json!)).toEqual(RUBRIC);

    // The application keeps what it was submitted under.
    await db.updateTable("editions").set({ rubric_json: null, pass_mark: 70 }).where("id", "=", editionId).execute();
    expect((await applications())[0]).toMatchObject({ pass_mark: 80, rubric_json: JSON.stringify(RUBRIC) });

    // The other side, applying from a stale page, is shown the application already there.
    const late = await apply("clerk", `${NARRATIVE}（需求方补充）`);
    expect(late.location).toBe(`/pilots/${pilotId}/benchmark?done=exists`);
    expect(await applications()).toHaveLength(1);

    expect(await db.selectFrom("audit_log").where("action", "=", "benchmark.apply").select(["actor_user_id", "subject_id"]).execute()).toEqual([{ actor_user_id: ids.vendor, subject_id: pilotId }]);
    const notices = await db.selectFrom("notifications").select(["user_id", "kind", "link"]).orderBy("id").execute();
    expect(notices).toEqual([
      { user_id: ids.admin, kind: "benchmark.submitted", link: `/admin/benchmarks/${rows[0]!.id}` },
      { user_id: ids.clerk, kind: "benchmark.submitted", link: `/pilots/${pilotId}/benchmark` },
    ]);
    const state = (await pilotPage("clerk")).body.benchmark;
    expect(state).toMatchObject({ canApply: false, refusal: "already_applied", application: { status: "submitted" } });
    expect((await applyPage("clerk")).body.refusal).toBe("already_applied");
  });

  it("lets the pair apply again after a rejection, showing the decision note", async () => {
    await complete();
    await insertApplication("rejected", { mean_score: 68.5, review_closed_at: "2026-11-10T02:00:00.000Z", decision_note: "应用成效证据不足" });
    const state = (await pilotPage("clerk")).body.benchmark;
    expect(state).toMatchObject({ canApply: true, application: { status: "rejected", decisionNote: "应用成效证据不足", meanScore: 68.5 } });
    expect((await apply("clerk", NARRATIVE)).location).toBe(`/pilots/${pilotId}/benchmark?done=submitted`);
    expect((await applications()).map((a) => a.status)).toEqual(["rejected", "submitted"]);
    const page = (await applicationPage("clerk")).body;
    expect(page.application.status).toBe("submitted");
    expect(page.earlier).toEqual([expect.objectContaining({ status: "rejected", decisionNote: "应用成效证据不足" })]);
  });
});

describe("the review, as the applicants see it", () => {
  let applicationId: number;
  const SHEETS = [
    { who: "reviewer" as const, scores: { impact: 36, innovation: 25, replicability: 24 }, total: 85, comment: "覆盖率提升证据充分" },
    { who: "otherReviewer" as const, scores: { impact: 32, innovation: 24, replicability: 26.5 }, total: 82.5, comment: "推广路径清楚" },
  ];

  beforeEach(async () => {
    await complete();
    applicationId = await insertApplication("in_review");
    for (const s of SHEETS) {
      await db.insertInto("benchmark_reviews").values({
        application_id: applicationId, reviewer_id: ids[s.who], scores_json: JSON.stringify(s.scores), total: s.total, submitted_at: "2026-11-12T02:00:00.000Z",
        comments_json: JSON.stringify({ impact: s.comment, innovation: "有新意", replicability: "可复制" }),
      }).execute();
    }
    // A third reviewer who declared a conflict: their sheet never counts and is never shown to the pair.
    const third = await db.insertInto("users").values({ email: "expert.chen@review.example", name: "陈评审", role: "reviewer" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("benchmark_reviews").values({
      application_id: applicationId, reviewer_id: third.id, scores_json: JSON.stringify({ impact: 10, innovation: 10, replicability: 10 }), total: 30,
      submitted_at: null, conflict_declared_at: "2026-11-11T02:00:00.000Z", conflict_reason: "同事在供给方任职",
    }).execute();
  });

  it("hides every score and comment while the review runs, on the page and in the API", async () => {
    const page = await applicationPage("clerk");
    expect(page.status).toBe(200);
    expect(page.body.review).toBeNull();
    expect(page.body.reviewersAssigned).toBe(2);
    const text = JSON.stringify(page.body);
    for (const hidden of ["覆盖率提升证据充分", "85", "82.5", "张评审", "刘评审", "陈评审"]) expect(text).not.toContain(hidden);
    expect(JSON.stringify((await pilotPage("vendor")).body.benchmark)).not.toContain("85");

    const api = await reviews("clerk", applicationId);
    expect(api.status).toBe(403);
    expect(api.body).toMatchObject({ error: "review_open", message: "评审尚未结束，评分和评语在评审结束后公布。", status: "in_review" });
    const english = await reviews("vendor", applicationId, { "Accept-Language": "en-GB,en;q=0.9" });
    expect(english.status).toBe(403);
    expect(english.body.message).toBe("The review is still open; scores and comments are published when it closes.");
  });

  it("shows the anonymous sheets, the mean and the pass mark once the review closed", async () => {
    await db.updateTable("benchmark_applications").set({ status: "notice", mean_score: 83.8, review_closed_at: "2026-11-13T02:00:00.000Z", notice_starts_at: "2026-11-14T01:00:00.000Z", notice_ends_at: "2026-11-21T09:00:00.000Z" }).execute();
    const api = await reviews("clerk", applicationId);
    expect(api.status).toBe(200);
    expect(api.body.audience).toBe("applicant");
    expect(api.body.application).toMatchObject({ status: "notice", meanScore: 83.8, passMark: 80 });
    expect(api.body.sheets).toEqual([
      { label: "评审专家 1", number: 1, total: 85, criteria: [{ key: "impact", points: 36, comment: "覆盖率提升证据充分" }, { key: "innovation", points: 25, comment: "有新意" }, { key: "replicability", points: 24, comment: "可复制" }] },
      { label: "评审专家 2", number: 2, total: 82.5, criteria: [{ key: "impact", points: 32, comment: "推广路径清楚" }, { key: "innovation", points: 24, comment: "有新意" }, { key: "replicability", points: 26.5, comment: "可复制" }] },
    ]);
    for (const name of ["张评审", "刘评审", "陈评审", "expert."]) expect(JSON.stringify(api.body)).not.toContain(name);

    const page = (await applicationPage("vendor")).body;
    expect(page.review).toMatchObject({ mean: 83.8, passMark: 80, passes: true });
    expect(page.review.sheets.map((s: { number: number; total: number }) => [s.number, s.total])).toEqual([[1, 85], [2, 82.5]]);
    expect(JSON.stringify(page)).not.toContain("张评审");
  });

  it("gives the office every sheet with names, a reviewer only their own, and nobody else anything", async () => {
    const office = await reviews("admin", applicationId);
    expect(office.status).toBe(200);
    expect(office.body.sheets.map((s: { reviewer: { name: string }; counts: boolean }) => [s.reviewer.name, s.counts])).toEqual([["张评审", true], ["刘评审", true], ["陈评审", false]]);
    expect(office.body.application.meanScore).toBe(83.8);

    const own = await reviews("reviewer", applicationId);
    expect(own.status).toBe(200);
    expect(own.body.sheets).toHaveLength(1);
    expect(own.body.sheets[0]).toMatchObject({ reviewer: { id: ids.reviewer, name: "张评审" }, total: 85 });
    expect(own.body.application.meanScore).toBeNull();
    expect(JSON.stringify(own.body)).not.toContain("推广路径清楚");

    const unassigned = await db.insertInto("users").values({ email: "expert.zhao@review.example", name: "赵评审", role: "reviewer" }).returning("id").executeTakeFirstOrThrow();
    cookies.otherReviewer = await cookieFor(db, "expert.zhao@review.example");
    expect(unassigned.id).toBeGreaterThan(0);
    expect((await reviews("otherReviewer", applicationId)).status).toBe(403);
    expect((await reviews("otherVendor", applicationId)).status).toBe(403);
    expect((await reviews("otherDemand", applicationId)).body.error).toBe("forbidden");
    const anonymous = await reviews(null, applicationId);
    expect(anonymous.status).toBe(401);
    expect((await reviews("admin", 999999)).status).toBe(404);
  });
});
