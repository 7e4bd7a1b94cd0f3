import fs from "node:fs";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { parseMessage } from "~/domain/forms/messages";
import { useUploadDir } from "~/files/storage.server";
import { getOrCreateDraft } from "~/models/proposals.server";
import { loader as downloadLoader } from "~/routes/proposals.$id.attachments.$attachmentId";
import { loader as myLoader } from "~/routes/my.proposals";
import { loader as scenarioLoader } from "~/routes/scenarios.$code";
import { action as proposalAction, loader as proposalLoader } from "~/routes/scenarios.$code_.proposal";
import { cookieFor, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// The vendor's proposal through its routes, as a browser's GET or POST (multipart with files)
// would run them, against a real database and a temporary upload directory, with a fake clock.

const DEADLINE = "2026-12-31T09:00:00.000Z";
const BEFORE = new Date("2026-12-28T02:00:00.000Z");
const A_SECOND_LATE = new Date("2026-12-31T09:00:01.000Z");

const fixture = (name: string) => fs.readFileSync(path.resolve("tests/fixtures/files", name));
const PDF = fixture("minimal.pdf");
const DOCX = fixture("minimal.docx");

let db: DB;
let uploads: string;
let code: string;
let scenarioId: number;
let vendorA: number;
let vendorB: number;
let productIds: number[];
let caseId: number;
let foreignProductId: number;
let cookies: Record<"vendor" | "colleague" | "otherVendor" | "unverified" | "demand" | "otherDemand" | "reviewer" | "admin", string>;

const COMPLETE = { approach: "以大模型为核心的智能导诊方案。", team: "项目团队 12 人。", priceWan: "1,200", timeline: "签约后三个月上线。" };
type Fields = Record<string, string | string[]>;

function multipart(cookie: string | undefined, url: string, fields: Fields, files: File[] = []) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item);
  for (const f of files) body.append("files", f);
  const headers = new Headers(cookie ? { Cookie: cookie } : {});
  return new Request(`http://localhost${url}`, { method: "POST", headers, body });
}

const page = (cookie?: string) =>
  settle(proposalLoader(routeArgs({ request: new Request(`http://localhost/scenarios/${code}/proposal`, { headers: cookie ? { Cookie: cookie } : {} }), params: { code }, context: { clientAddress: "test" } })));
const post = (cookie: string | undefined, fields: Fields, files: File[] = []) =>
  settle(proposalAction(routeArgs({ request: multipart(cookie, `/scenarios/${code}/proposal`, fields, files), params: { code }, context: { clientAddress: "test" } })));
const download = async (cookie: string | undefined, proposalId: number, attachmentId: number) => {
  const request = new Request(`http://localhost/proposals/${proposalId}/attachments/${attachmentId}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    return await downloadLoader(routeArgs({ request, params: { id: String(proposalId), attachmentId: String(attachmentId) }, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

const proposals = () => db.selectFrom("proposals").selectAll().orderBy("id").execute();
const attachmentRows = () => db.selectFrom("proposal_attachments").selectAll().orderBy("id").execute();
const storedFiles = () =>
  fs.existsSync(uploads) ? fs.readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [];
const formErrors = (result: { body: any }) => (result.body.result.error?.[""] ?? []).map((m: string) => parseMessage(m).key);
const fileErrors = (result: { body: any }) => (result.body.result.error?.files ?? []).map((m: string) => parseMessage(m));

/** Saves (or submits) with the version the page was loaded at, as the form does. */
async function send(cookie: string, intent: "save" | "submit", fields: Fields = COMPLETE, files: File[] = []) {
  const loaded = await page(cookie);
  const version = loaded.body.live ? loaded.body.proposal.version : 0;
  return post(cookie, { intent, version: String(version), ...fields }, files);
}

async function addUser(email: string, role: "demand_member" | "vendor_member" | "reviewer" | "admin", organisationId: number | null) {
  await db.insertInto("users").values({ email, name: email.split("@")[0]!, role, organisation_id: organisationId }).execute();
  return cookieFor(db, email);
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(BEFORE);
  db = createTestDatabase();
  useAsAppDatabase(db);
  uploads = path.resolve("tests/.tmp", `uploads-${randomUUID()}`);
  useUploadDir(uploads);
  await insertCapabilities(db);
  const { editionId } = await insertEdition(db, 2026, 2);
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const otherHospital = await insertOrganisation(db, "南京市第一医院");
  vendorA = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  vendorB = await insertOrganisation(db, "江苏智算科技有限公司", "vendor");
  const newcomer = await insertOrganisation(db, "新注册的人工智能公司", "vendor");
  await db.updateTable("organisations").set({ verified: 0 }).where("id", "=", newcomer).execute();
  const scenario = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, proposal_deadline: DEADLINE });
  code = scenario.code!;
  scenarioId = scenario.id;
  productIds = [];
  for (const [name, kind] of [["云启医疗大模型", "industry_model"], ["导诊智能体", "agent"]] as const) {
    const p = await db.insertInto("products").values({ organisation_id: vendorA, kind, name, filing_number: null }).returning("id").executeTakeFirstOrThrow();
    productIds.push(p.id);
  }
  foreignProductId = (await db.insertInto("products").values({ organisation_id: vendorB, kind: "agent", name: "别家的产品", filing_number: null }).returning("id").executeTakeFirstOrThrow()).id;
  caseId = (await db.insertInto("reference_cases").values({ organisation_id: vendorA, client: "南京市第二医院", scenario: "门诊导诊", result: "排队时间缩短 30%", year: 2025 }).returning("id").executeTakeFirstOrThrow()).id;
  cookies = {
    vendor: await addUser("sales@yunqi.example", "vendor_member", vendorA),
    colleague: await addUser("pm@yunqi.example", "vendor_member", vendorA),
    otherVendor: await addUser("sales@zhisuan.example", "vendor_member", vendorB),
    unverified: await addUser("hello@newcomer.example", "vendor_member", newcomer),
    demand: await addUser("clerk@hospital.example", "demand_member", hospital),
    otherDemand: await addUser("clerk@first.example", "demand_member", otherHospital),
    reviewer: await addUser("expert@review.example", "reviewer", null),
    admin: await addUser("office@gov.example", "admin", null),
  };
});

afterEach(() => {
  vi.useRealTimers();
  useUploadDir(undefined);
  fs.rmSync(uploads, { recursive: true, force: true });
});

describe("a proposal's life", () => {
  it("is created by the first save, submitted, withdrawn and submitted again, one live proposal at a time", async () => {
    const empty = await page(cookies.vendor);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ proposal: null, live: false, actions: { edit: true, submit: true, withdraw: false } });
    expect(empty.body.products.map((p: any) => p.id)).toEqual(productIds);

    const saved = await send(cookies.vendor, "save", { approach: "先写个开头" });
    expect(saved.location).toBe(`/scenarios/${code}/proposal?done=saved`);
    expect(await proposals()).toMatchObject([{ status: "draft", approach: "先写个开头", vendor_id: vendorA, scenario_id: scenarioId }]);

    const submitted = await send(cookies.vendor, "submit", { ...COMPLETE, productIds: productIds.map(String), caseIds: String(caseId) });
    expect(submitted.location).toBe(`/scenarios/${code}/proposal?done=submitted`);
    const [p] = await proposals();
    expect(p).toMatchObject({ status: "submitted", price_wan: 1200, submitted_at: BEFORE.toISOString(), needs_reconfirmation: 0 });
    expect(await db.selectFrom("proposal_products").select("product_id").where("proposal_id", "=", p!.id).orderBy("product_id").execute())
      .toEqual(productIds.map((product_id) => ({ product_id })));
    // Both members of the vendor are told the bid went in.
    const notices = await db.selectFrom("notifications").select(["user_id", "title", "link"]).execute();
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({ title: expect.stringContaining("揭榜方案已提交"), link: `/scenarios/${code}/proposal` });

    const withdrawn = await post(cookies.colleague, { intent: "withdraw", version: String(p!.version) });
    expect(withdrawn.location).toBe(`/scenarios/${code}/proposal?done=withdrawn`);
    const afterWithdrawal = await page(cookies.vendor);
    expect(afterWithdrawal.body).toMatchObject({ live: false, proposal: { status: "withdrawn" }, actions: { edit: true, withdraw: false } });
    // The withdrawn text starts the next proposal.
    expect(afterWithdrawal.body.values).toMatchObject({ approach: COMPLETE.approach, priceWan: "1200" });

    expect((await send(cookies.vendor, "submit")).location).toBe(`/scenarios/${code}/proposal?done=submitted`);
    expect((await proposals()).map((r) => r.status)).toEqual(["withdrawn", "submitted"]);
    const audit = await db.selectFrom("audit_log").where("subject_type", "=", "proposal").select("action").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["proposal.create", "proposal.update", "proposal.submit", "proposal.withdraw", "proposal.create", "proposal.submit"]);

    const publicPage = await settle(scenarioLoader(routeArgs({ request: new Request(`http://localhost/scenarios/${code}`), params: { code }, context: {} })));
    expect(publicPage.body.proposalCount).toBe(1);
    expect(publicPage.body.bid).toMatchObject({ kind: "anonymous" });
  });

  it("keeps one live proposal: a second create returns the same one, a double submit submits once", async () => {
    const vendor = { userId: 1, organisationId: vendorA, verified: true, ip: "test" };
    const first = await getOrCreateDraft(db, vendor, scenarioId);
    const second = await getOrCreateDraft(db, vendor, scenarioId);
    expect(first).toMatchObject({ ok: true, created: true });
    expect(second).toEqual({ ok: true, id: (first as { id: number }).id, created: false });

    const form = { intent: "submit", version: "1", ...COMPLETE };
    const results = [await post(cookies.vendor, form), await post(cookies.vendor, form)];
    expect(results.map((r) => r.location)).toEqual([`/scenarios/${code}/proposal?done=submitted`, `/scenarios/${code}/proposal?done=submitted`]);
    expect((await proposals()).map((r) => r.status)).toEqual(["submitted"]);
    const submits = await db.selectFrom("audit_log").where("action", "=", "proposal.submit").select("id").execute();
    expect(submits).toHaveLength(1);
  });

  it("does not overwrite a colleague's newer save, and keeps what was typed", async () => {
    await send(cookies.vendor, "save", { approach: "第一版" });
    const stale = (await page(cookies.colleague)).body.proposal.version;
    await send(cookies.vendor, "save", { approach: "同事改过的版本" });
    const result = await post(cookies.colleague, { intent: "save", version: String(stale), approach: "我的版本" });
    expect(result.status).toBe(409);
    expect(result.body.conflict).toBe(true);
    expect(formErrors(result)).toEqual(["proposal.error.stale"]);
    expect(result.body.result.initialValue.approach).toBe("我的版本");
    expect((await proposals())[0]!.approach).toBe("同事改过的版本");
  });

  it("refuses a proposal arriving a second after the deadline, and says when it closed", async () => {
    await send(cookies.vendor, "save", COMPLETE);
    const version = (await page(cookies.vendor)).body.proposal.version;
    vi.setSystemTime(A_SECOND_LATE);
    const late = await post(cookies.vendor, { intent: "submit", version: String(version), ...COMPLETE });
    expect(late.status).toBe(409);
    const [error] = late.body.result.error[""];
    expect(parseMessage(error)).toEqual({ key: "proposal.error.deadline", values: { date: "2026年12月31日 17:00" } });
    expect((await proposals()).map((r) => r.status)).toEqual(["draft"]);
    expect((await page(cookies.vendor)).body.actions).toEqual({ edit: false, submit: false, withdraw: false, reconfirm: false });

    // Nor can a vendor without a draft start one.
    const fresh = await post(cookies.otherVendor, { intent: "submit", version: "0", ...COMPLETE });
    expect(fresh.status).toBe(409);
    expect(await proposals()).toHaveLength(1);
  });

  it("lets an unverified vendor save a draft but not submit it", async () => {
    expect((await send(cookies.unverified, "save", COMPLETE)).status).toBe(302);
    expect((await page(cookies.unverified)).body.verified).toBe(false);
    const refused = await send(cookies.unverified, "submit");
    expect(refused.status).toBe(403);
    expect(formErrors(refused)).toEqual(["proposal.error.unverified"]);
    expect((await proposals()).map((r) => r.status)).toEqual(["draft"]);
  });

  it("marks each missing field when submitting an unfinished proposal", async () => {
    const result = await send(cookies.vendor, "submit", { approach: "只写了方案", priceWan: "面议" });
    expect(result.status).toBe(400);
    expect(Object.keys(result.body.result.error).sort()).toEqual(["priceWan", "team", "timeline"]);
    expect(result.body.result.initialValue.approach).toBe("只写了方案");
    expect(await proposals()).toEqual([]);
  });
});

describe("who may use the proposal page", () => {
  it("refuses demand members, reviewers and the office (403), and sends visitors to sign in", async () => {
    for (const who of ["demand", "reviewer", "admin"] as const) {
      expect((await page(cookies[who])).status).toBe(403);
      expect((await post(cookies[who], { intent: "submit", version: "0", ...COMPLETE })).status).toBe(403);
    }
    const anonymous = await page();
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(`/scenarios/${code}/proposal`)}`);
    expect(await proposals()).toEqual([]);
  });

  it("shows each vendor only its own proposal; another vendor cannot reach someone else's", async () => {
    await send(cookies.vendor, "submit", COMPLETE, [new File([PDF], "方案.pdf")]);
    const [mine] = await proposals();
    const [file] = await attachmentRows();

    const theirs = await page(cookies.otherVendor);
    expect(theirs.body).toMatchObject({ proposal: null, values: null, attachments: [] });
    expect(JSON.stringify(theirs.body)).not.toContain(COMPLETE.approach);
    expect((await post(cookies.otherVendor, { intent: "removeAttachment", attachmentId: String(file!.id) })).status).toBe(404);
    expect((await post(cookies.otherVendor, { intent: "withdraw", version: String(mine!.version) })).status).toBe(404);
    expect((await download(cookies.otherVendor, mine!.id, file!.id)).status).toBe(403);
    // Linking another vendor's product is refused as a stale or forged form.
    const forged = await send(cookies.vendor, "save", { ...COMPLETE, productIds: String(foreignProductId) });
    expect(forged.status).toBe(409);
    expect(formErrors(forged)).toEqual(["proposal.error.foreignLink"]);
    expect(await proposals()).toMatchObject([{ id: mine!.id, status: "submitted" }]);
    expect(await attachmentRows()).toHaveLength(1);
  });

  it("404s for a scenario code that is not public", async () => {
    expect((await settle(proposalLoader(routeArgs({ request: new Request("http://localhost/x", { headers: { Cookie: cookies.vendor } }), params: { code: "NJ-2026-9999" }, context: {} })))).status).toBe(404);
  });
});

describe("attachments", () => {
  it("stores a real PDF and a real Word file under random keys outside public/, and serves them back", async () => {
    const result = await send(cookies.vendor, "save", COMPLETE, [new File([PDF], "揭榜方案.pdf"), new File([DOCX], "团队介绍.docx")]);
    expect(result.status).toBe(302);
    const rows = await attachmentRows();
    expect(rows.map((r) => [r.file_name, r.media_type, r.size_bytes])).toEqual([
      ["揭榜方案.pdf", "application/pdf", PDF.length],
      ["团队介绍.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX.length],
    ]);
    expect(rows[0]!.sha256).toBe(createHash("sha256").update(PDF).digest("hex"));
    expect(storedFiles().sort()).toEqual(rows.map((r) => r.storage_key).sort());
    expect(rows.every((r) => /^[0-9a-f]{32}$/.test(r.storage_key))).toBe(true);

    const response = await download(cookies.vendor, rows[0]!.proposal_id, rows[0]!.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent("揭榜方案.pdf")}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it.each([
    ["a PNG named .pdf", new File([fixture("pixel.png")], "方案.pdf"), "proposal.file.content_mismatch"],
    ["an HTML page named .pdf", new File([fixture("page.html")], "方案.pdf"), "proposal.file.content_mismatch"],
    ["a plain ZIP named .docx", new File([fixture("plain.zip")], "方案.docx"), "proposal.file.content_mismatch"],
    ["a file over 20 MB", new File([PDF, new Uint8Array(20 * 1024 * 1024 + 1 - PDF.length)], "大文件.pdf"), "proposal.file.too_large"],
    ["an empty file", new File([], "空.pdf"), "proposal.file.empty_file"],
    ["a path in the name", new File([PDF], "../../etc/passwd"), "proposal.file.name_path"],
    ["a folder in the name", new File([PDF], "a/b.pdf"), "proposal.file.name_path"],
    ["a NUL byte in the name", new File([PDF], "x\u0000.pdf"), "proposal.file.name_control"],
    ["a very long name", new File([PDF], `${"很".repeat(300)}.pdf`), "proposal.file.name_too_long"],
    ["a program", new File([PDF], "setup.exe"), "proposal.file.extension"],
  ])("refuses %s with a reason and stores nothing, keeping what was typed", async (_, file, key) => {
    const result = await send(cookies.vendor, "save", COMPLETE, [new File([PDF], "好的附件.pdf"), file]);
    expect(result.status).toBe(400);
    expect(fileErrors(result).map((e: { key: string }) => e.key)).toEqual([key]);
    expect(formErrors(result)).toEqual(["proposal.error.filesRejected"]);
    expect(result.body.result.initialValue.approach).toBe(COMPLETE.approach);
    expect(await proposals()).toEqual([]);
    expect(await attachmentRows()).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it("refuses an upload bigger than one post may carry before reading it all", async () => {
    const big = new File([new Uint8Array(22 * 1024 * 1024)], "巨大.pdf");
    const result = await send(cookies.vendor, "save", COMPLETE, [big]);
    expect(result.status).toBe(413);
    expect(formErrors(result)).toEqual(["proposal.error.requestTooLarge"]);
    expect(await proposals()).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it("takes at most five files per proposal", async () => {
    const five = Array.from({ length: 5 }, (_, i) => new File([PDF], `附件${i + 1}.pdf`));
    expect((await send(cookies.vendor, "save", COMPLETE, five)).status).toBe(302);
    const sixth = await send(cookies.vendor, "save", COMPLETE, [new File([PDF], "附件6.pdf")]);
    expect(sixth.status).toBe(400);
    expect(fileErrors(sixth)).toEqual([{ key: "proposal.file.too_many", values: { name: "附件6.pdf", max: "5" } }]);
    expect(await attachmentRows()).toHaveLength(5);
    expect(storedFiles()).toHaveLength(5);
  });

  it("removes the file a failed save had already written", async () => {
    await send(cookies.vendor, "save", { approach: "第一版" });
    const stale = (await page(cookies.vendor)).body.proposal.version;
    await send(cookies.vendor, "save", { approach: "第二版" });
    const result = await post(cookies.vendor, { intent: "save", version: String(stale), approach: "旧页面" }, [new File([PDF], "方案.pdf")]);
    expect(result.status).toBe(409);
    expect(await attachmentRows()).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it("removes a file from the proposal and from the disk", async () => {
    await send(cookies.vendor, "save", COMPLETE, [new File([PDF], "方案.pdf"), new File([DOCX], "团队.docx")]);
    const [first, second] = await attachmentRows();
    const removed = await post(cookies.vendor, { intent: "removeAttachment", attachmentId: String(first!.id) });
    expect(removed.location).toBe(`/scenarios/${code}/proposal?done=removed`);
    expect((await attachmentRows()).map((r) => r.id)).toEqual([second!.id]);
    expect(storedFiles()).toEqual([second!.storage_key]);
    vi.setSystemTime(A_SECOND_LATE);
    expect((await post(cookies.vendor, { intent: "removeAttachment", attachmentId: String(second!.id) })).status).toBe(409);
    expect(storedFiles()).toEqual([second!.storage_key]);
  });
});

describe("downloading an attachment (sealed until the deadline)", () => {
  it("lets the vendor read it always, the scenario's organisation and the office only after the deadline, nobody else ever", async () => {
    await send(cookies.vendor, "submit", COMPLETE, [new File([PDF], "方案.pdf")]);
    const [file] = await attachmentRows();
    const get = async (cookie?: string) => (await download(cookie, file!.proposal_id, file!.id)).status;
    expect(await get(cookies.vendor)).toBe(200);
    expect(await get(cookies.colleague)).toBe(200);
    expect(await get(cookies.otherVendor)).toBe(403);
    expect(await get(cookies.demand)).toBe(403);
    expect(await get(cookies.admin)).toBe(403);
    expect(await get(cookies.reviewer)).toBe(403);
    const anonymous = await download(undefined, file!.proposal_id, file!.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    vi.setSystemTime(A_SECOND_LATE);
    expect(await get(cookies.demand)).toBe(200);
    expect(await get(cookies.admin)).toBe(200);
    expect(await get(cookies.otherDemand)).toBe(403);
    expect(await get(cookies.otherVendor)).toBe(403);
    expect(await get(cookies.reviewer)).toBe(403);
    // Ids that do not belong together are not found, whoever asks.
    expect((await download(cookies.vendor, file!.proposal_id + 1, file!.id)).status).toBe(404);
    expect((await download(cookies.vendor, file!.proposal_id, file!.id + 1)).status).toBe(404);
  });

  it("never opens a draft or a withdrawn proposal to the demand side", async () => {
    await send(cookies.vendor, "save", COMPLETE, [new File([PDF], "草稿.pdf")]);
    const [file] = await attachmentRows();
    vi.setSystemTime(A_SECOND_LATE);
    expect((await download(cookies.demand, file!.proposal_id, file!.id)).status).toBe(403);
    expect((await download(cookies.vendor, file!.proposal_id, file!.id)).status).toBe(200);
  });
});

describe("re-confirmation after an amendment", () => {
  async function amend(number: number, reason: string) {
    await db.insertInto("scenario_amendments")
      .values({ scenario_id: scenarioId, number, reason, changes_json: "[]", material: 1, deadline_before: DEADLINE, deadline_after: DEADLINE, created_at: new Date().toISOString() })
      .execute();
    await db.updateTable("proposals").set({ needs_reconfirmation: 1 }).where("status", "=", "submitted").execute();
  }

  it("shows the amendments since the last confirmation, and the vendor's re-confirmation clears the flag", async () => {
    await send(cookies.vendor, "submit");
    await amend(1, "补充了数据接口说明");
    await amend(2, "调整验收标准");
    const shown = await page(cookies.vendor);
    expect(shown.body.proposal).toMatchObject({ needsReconfirmation: true, confirmedAmendment: 0 });
    expect(shown.body.amendments.map((a: any) => [a.number, a.reason])).toEqual([[1, "补充了数据接口说明"], [2, "调整验收标准"]]);
    expect(shown.body.actions.reconfirm).toBe(true);
    expect((await settle(myLoader(routeArgs({ request: new Request("http://localhost/my/proposals", { headers: { Cookie: cookies.vendor } }), params: {}, context: {} })))).body.items)
      .toMatchObject([{ code, needsReconfirmation: true, open: true }]);

    const confirmed = await post(cookies.vendor, { intent: "reconfirm", version: String(shown.body.proposal.version) });
    expect(confirmed.location).toBe(`/scenarios/${code}/proposal?done=reconfirmed`);
    expect((await proposals())[0]).toMatchObject({ needs_reconfirmation: 0, confirmed_amendment: 2, status: "submitted" });
    const after = await page(cookies.vendor);
    expect(after.body).toMatchObject({ amendments: [], actions: { reconfirm: false } });
    const audit = await db.selectFrom("audit_log").where("action", "=", "proposal.reconfirm").select(["before_json", "after_json"]).execute();
    expect(audit).toEqual([{ before_json: '{"confirmedAmendment":0}', after_json: '{"confirmedAmendment":2}' }]);
    // Once is enough.
    const again = await post(cookies.vendor, { intent: "reconfirm", version: String(after.body.proposal.version) });
    expect(formErrors(again)).toEqual(["proposal.error.notNeeded"]);
  });

  it("cannot re-confirm after the deadline", async () => {
    await send(cookies.vendor, "submit");
    await amend(1, "改了预算");
    const version = (await page(cookies.vendor)).body.proposal.version;
    vi.setSystemTime(A_SECOND_LATE);
    const late = await post(cookies.vendor, { intent: "reconfirm", version: String(version) });
    expect(late.status).toBe(409);
    expect(formErrors(late)).toEqual(["proposal.error.deadline"]);
    expect((await proposals())[0]!.needs_reconfirmation).toBe(1);
  });

  it("confirms a draft submitted after an amendment against that amendment", async () => {
    await send(cookies.vendor, "save");
    await amend(1, "补充说明");
    await send(cookies.vendor, "submit");
    expect((await proposals())[0]).toMatchObject({ status: "submitted", needs_reconfirmation: 0, confirmed_amendment: 1 });
  });
});

describe("the bid panel and my proposals", () => {
  it("gives a vendor member their own status on the public page, and lists the organisation's proposals", async () => {
    await send(cookies.vendor, "submit");
    const publicPage = await settle(scenarioLoader(routeArgs({ request: new Request(`http://localhost/scenarios/${code}`, { headers: { Cookie: cookies.colleague } }), params: { code }, context: {} })));
    expect(publicPage.body.bid).toMatchObject({ kind: "vendor", proposal: { status: "submitted", needsReconfirmation: false } });
    const other = await settle(scenarioLoader(routeArgs({ request: new Request(`http://localhost/scenarios/${code}`, { headers: { Cookie: cookies.otherVendor } }), params: { code }, context: {} })));
    expect(other.body.bid).toMatchObject({ kind: "vendor", proposal: null });
    const demand = await settle(scenarioLoader(routeArgs({ request: new Request(`http://localhost/scenarios/${code}`, { headers: { Cookie: cookies.demand } }), params: { code }, context: {} })));
    // The scenario's own organisation is led to the proposals (sealed until the deadline), not shown them.
    expect(demand.body.bid).toMatchObject({ kind: "owner" });

    const mine = await settle(myLoader(routeArgs({ request: new Request("http://localhost/my/proposals", { headers: { Cookie: cookies.colleague } }), params: {}, context: {} })));
    expect(mine.body.items).toMatchObject([{ code, status: "submitted", price_wan: 1200, organisation: "南京市鼓楼医院" }]);
    const theirs = await settle(myLoader(routeArgs({ request: new Request("http://localhost/my/proposals", { headers: { Cookie: cookies.otherVendor } }), params: {}, context: {} })));
    expect(theirs.body.items).toEqual([]);
    expect((await settle(myLoader(routeArgs({ request: new Request("http://localhost/my/proposals", { headers: { Cookie: cookies.demand } }), params: {}, context: {} })))).status).toBe(403);
  });
});
