import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { transitionScenario } from "~/models/scenario-workflow.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { action as batchAction, loader as batchLoader } from "~/routes/admin.batches";
import { action as editionAction, loader as editionLoader } from "~/routes/admin.editions";
import { loader as dashboardLoader } from "~/routes/admin._index";
import { action as orgAction, loader as orgLoader } from "~/routes/admin.organisations";
import { loader as listLoader } from "~/routes/scenarios._index";
import { searchEngine } from "~/search/search.server";
import { applySearchOutbox } from "~/search/sync.server";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { unwrap } from "../results";

let db: DB;
let admin: string;
let adminId: number;
let hospital: number;
let edition2026: number;
const context = { clientAddress: "203.0.113.5" };

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown response");
}
const args = (url: string, cookie = admin, form?: Record<string, string | string[]>) => routeArgs({ request: request(url, { cookie, form }), params: {}, context });
const auditCount = async (action: string) => (await db.selectFrom("audit_log").where("action", "=", action).selectAll().execute()).length;

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const office = await insertOrganisation(db, "攻坚办", "office");
  adminId = (await db.insertInto("users").values({ email: "admin@test.local", name: "管理员", role: "admin", organisation_id: office }).returning("id").executeTakeFirstOrThrow()).id;
  await db.insertInto("users").values({ email: "reviewer@test.local", name: "评审", role: "reviewer" }).execute();
  await db.insertInto("users").values({ email: "demand@test.local", name: "王老师", role: "demand_member", organisation_id: hospital }).execute();
  admin = await cookieFor(db, "admin@test.local");
  ({ editionId: edition2026 } = await insertEdition(db, 2026, 1));
});

describe("who may use the office pages", () => {
  it("refuses reviewers with 403 and sends anonymous visitors to sign in", async () => {
    const reviewer = await cookieFor(db, "reviewer@test.local");
    const loaders = [dashboardLoader, orgLoader, editionLoader, batchLoader, auditLoader];
    for (const loader of loaders) {
      expect((await thrown(loader(args("/admin/x", reviewer)))).status).toBe(403);
      expect((await thrown(loader(args("/admin/x", "")))).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    for (const action of [orgAction, editionAction, batchAction]) {
      expect((await thrown(action(args("/admin/x", reviewer, { intent: "create", year: "2030", title: "x" })))).status).toBe(403);
    }
  });
});

describe("organisations", () => {
  it("lists unverified first, searches by name and credit code, verifies and revokes with a reason", async () => {
    const newcomer = await db.insertInto("organisations").values({ kind: "vendor", name: "新来的智能公司", credit_code: "91320000MA1XXXXX1X", district: "江宁区", verified: 0 }).returning("id").executeTakeFirstOrThrow();
    const list = await orgLoader(args("/admin/organisations"));
    expect(list.items[0]!.name).toBe("新来的智能公司");
    expect(list.items.map((o) => o.name)).not.toContain("攻坚办");
    expect((await orgLoader(args(`/admin/organisations?q=${encodeURIComponent("鼓楼")}`))).items.map((o) => o.name)).toEqual(["南京市鼓楼医院"]);
    expect((await orgLoader(args("/admin/organisations?q=ma1xxxxx"))).items.map((o) => o.name)).toEqual(["新来的智能公司"]);

    const verified = unwrap(await orgAction(args("/admin/organisations", admin, { intent: "verify", organisationId: String(newcomer.id) })));
    expect(verified.body.done).toEqual({ intent: "verify", name: "新来的智能公司" });
    const noReason = unwrap(await orgAction(args("/admin/organisations", admin, { intent: "revoke", organisationId: String(newcomer.id) })));
    expect(noReason.status).toBe(400);
    expect(noReason.body.result.error.reason).toEqual(["admin.orgs.error.reasonRequired"]);
    await orgAction(args("/admin/organisations", admin, { intent: "revoke", organisationId: String(newcomer.id), reason: "信用代码与营业执照不符" }));
    const row = await db.selectFrom("organisations").where("id", "=", newcomer.id).select("verified").executeTakeFirstOrThrow();
    expect(row.verified).toBe(0);
    const revoke = await db.selectFrom("audit_log").where("action", "=", "organisation.revoke").selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(revoke.after_json!)).toEqual({ verified: false, reason: "信用代码与营业执照不符" });
    expect(await auditCount("organisation.verify")).toBe(1);
  });
});

describe("editions and calls", () => {
  it("creates editions, allows one open call at a time, and audits each step", async () => {
    const created = unwrap(await editionAction(args("/admin/editions", admin, { intent: "create", year: "2027", title: "南京市2027年人工智能场景机会清单" })));
    expect(created.body.done).toEqual({ intent: "create", year: 2027 });
    const duplicate = unwrap(await editionAction(args("/admin/editions", admin, { intent: "create", year: "2027", title: "重复" })));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.result.error[""]).toEqual(["admin.editions.problem.year_taken?year=2027"]);
    const badYear = unwrap(await editionAction(args("/admin/editions", admin, { intent: "create", year: "27", title: "x" })));
    expect(badYear.body.result.error.year).toEqual(["admin.editions.error.year"]);

    const id2027 = (await db.selectFrom("editions").where("year", "=", 2027).select("id").executeTakeFirstOrThrow()).id;
    await editionAction(args("/admin/editions", admin, { intent: "open", editionId: String(edition2026) }));
    const second = unwrap(await editionAction(args("/admin/editions", admin, { intent: "open", editionId: String(id2027) })));
    expect(second.status).toBe(409);
    expect(second.body.result.error[""]).toEqual(["admin.editions.problem.another_call_open?year=2026"]);
    await editionAction(args("/admin/editions", admin, { intent: "close", editionId: String(edition2026) }));
    await editionAction(args("/admin/editions", admin, { intent: "open", editionId: String(id2027) }));
    const { editions } = await editionLoader(args("/admin/editions"));
    expect(editions.map((e) => [e.year, e.callStatus])).toEqual([[2027, "open"], [2026, "closed"]]);
    expect([await auditCount("edition.create"), await auditCount("edition.open_call"), await auditCount("edition.close_call")]).toEqual([1, 2, 1]);
    expect((await dashboardLoader(args("/admin"))).openCalls.map((c) => c.year)).toEqual([2027]);
  });
});

describe("publishing a batch", () => {
  async function approved(title: string) {
    return insertScenario(db, { edition_id: edition2026, organisation_id: hospital, title, status: "approved" });
  }
  const publish = (ids: number[]) =>
    batchAction(args("/admin/batches", admin, { editionId: String(edition2026), scenarioIds: ids.map(String) }));

  it("gives codes after the edition's highest, opens proposals for 45 days, and makes the scenarios searchable", async () => {
    await insertScenario(db, { edition_id: edition2026, organisation_id: hospital, code: "NJ-2026-0041", batch_id: null });
    const a = await approved("智慧病房巡检机器人");
    const b = await approved("门诊智能导诊");
    const c = await approved("下一批再说");
    const dashboard = await dashboardLoader(args("/admin"));
    expect(dashboard.approved).toBe(3);
    const preview = await batchLoader(args("/admin/batches?edition=2026"));
    expect([preview.nextOrdinal, preview.firstCode]).toEqual([2, "NJ-2026-0042"]);

    const { high } = await db.selectFrom("search_outbox").select((eb) => eb.fn.max("id").as("high")).executeTakeFirstOrThrow();
    const { status, body } = unwrap(await publish([b.id, a.id]));
    expect(status).toBe(200);
    expect(body.done).toMatchObject({ year: 2026, ordinal: 2, codes: ["NJ-2026-0042", "NJ-2026-0043"] });
    const rows = await db.selectFrom("scenarios").where("id", "in", [a.id, b.id, c.id]).selectAll().orderBy("id").execute();
    expect(rows.map((r) => [r.status, r.code])).toEqual([["published", "NJ-2026-0042"], ["published", "NJ-2026-0043"], ["approved", null]]);
    const batch = await db.selectFrom("batches").where("id", "=", rows[0]!.batch_id!).selectAll().executeTakeFirstOrThrow();
    expect(batch.ordinal).toBe(2);
    expect(rows[0]!.published_at).toBe(batch.published_at);
    expect(Date.parse(rows[0]!.proposal_deadline!) - Date.parse(batch.published_at!)).toBe(45 * 86_400_000);
    expect(await auditCount("batch.publish")).toBe(1);
    expect(await auditCount("scenario.publish")).toBe(2);
    const notices = await db.selectFrom("notifications").where("kind", "=", "scenario.published").select("title").execute();
    expect(notices.map((n) => n.title).sort()).toEqual(["您的场景“智慧病房巡检机器人”已发布，编号 NJ-2026-0042", "您的场景“门诊智能导诊”已发布，编号 NJ-2026-0043"]);

    // The publication wrote its search outbox rows in the same transaction; applying them makes the scenarios searchable.
    const queued = await db.selectFrom("search_outbox").where("id", ">", high ?? 0).where("entity", "=", "scenario").select("entity_id").execute();
    expect(new Set(queued.map((r) => r.entity_id))).toEqual(new Set([a.id, b.id]));
    expect(await applySearchOutbox(db, searchEngine())).toMatchObject({ failed: 0 });
    const found = await listLoader(args(`/scenarios?q=${encodeURIComponent("巡检机器人")}`));
    expect(found.result.items.map((i) => i.code)).toEqual(["NJ-2026-0042"]);

    await publish([c.id]);
    const third = await db.selectFrom("scenarios").where("id", "=", c.id).select("code").executeTakeFirstOrThrow();
    expect(third.code).toBe("NJ-2026-0044");
  });

  it("publishes nothing when one chosen scenario is no longer approved, and names it", async () => {
    const a = await approved("仍待发布");
    const b = await approved("被撤回的场景");
    await transitionScenario(db, { scenarioId: b.id, action: "withdraw", actor: { userId: null, role: "owner" }, reason: "需求取消" });
    const { status, body } = unwrap(await publish([a.id, b.id]));
    expect(status).toBe(409);
    expect(body.result.error[""]).toEqual(["admin.batch.problem.not_approved"]);
    expect(body.problem.scenarios).toEqual([{ id: b.id, title: "被撤回的场景", status: "withdrawn" }]);
    expect(await db.selectFrom("batches").where("edition_id", "=", edition2026).selectAll().execute()).toHaveLength(1);
    const row = await db.selectFrom("scenarios").where("id", "=", a.id).select(["status", "code"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "approved", code: null });
    expect(await auditCount("batch.publish")).toBe(0);
  });

  it("keeps the publication when the search engine fails, and the index catches up when it is back", async () => {
    const a = await approved("索引失败也要发布");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const down = vi.spyOn(searchEngine(), "upsertScenarios").mockRejectedValue(new Error("connect ECONNREFUSED"));
    const { body } = unwrap(await publish([a.id]));
    expect(body.done).toMatchObject({ codes: ["NJ-2026-0001"] });
    const row = await db.selectFrom("scenarios").where("id", "=", a.id).select("status").executeTakeFirstOrThrow();
    expect(row.status).toBe("published");

    expect(await applySearchOutbox(db, searchEngine())).toMatchObject({ applied: 0 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("retrying in 1 s"));
    const waiting = await db.selectFrom("search_outbox").where("entity_id", "=", a.id).where("done_at", "is", null).select(["attempts", "last_error"]).execute();
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((r) => r.attempts === 1 && r.last_error === "connect ECONNREFUSED")).toBe(true);

    down.mockRestore();
    expect(await applySearchOutbox(db, searchEngine(), { now: () => new Date(Date.now() + 1000) })).toMatchObject({ failed: 0 });
    const found = await listLoader(args(`/scenarios?q=${encodeURIComponent("索引失败")}`));
    expect(found.result.items.map((i) => i.code)).toEqual(["NJ-2026-0001"]);
  });

  it("refuses an empty selection with a field error", async () => {
    const { status, body } = unwrap(await batchAction(args("/admin/batches", admin, { editionId: String(edition2026) })));
    expect(status).toBe(400);
    expect(body.result.error.scenarioIds).toEqual(["admin.batch.error.noneSelected"]);
  });
});

describe("audit log", () => {
  it("is newest first, filterable, paginated and append-only", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      actor_user_id: i % 2 ? adminId : null,
      action: i % 3 ? "edition.create" : "organisation.verify",
      subject_type: i % 3 ? "edition" : "organisation",
      subject_id: i,
      created_at: new Date(Date.UTC(2026, 0, 1 + i, 4)).toISOString(),
    }));
    await db.insertInto("audit_log").values(rows).execute();
    const first = await auditLoader(args("/admin/audit"));
    expect([first.total, first.items.length, first.pageCount]).toEqual([60, 50, 2]);
    expect(first.items[0]!.subject_id).toBe(59);
    expect((await auditLoader(args("/admin/audit?page=2"))).items.map((i) => i.subject_id)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect((await auditLoader(args("/admin/audit?action=organisation.verify"))).total).toBe(20);
    expect((await auditLoader(args("/admin/audit?subject=edition"))).total).toBe(40);
    expect((await auditLoader(args("/admin/audit?actor=ADMIN@test.local"))).total).toBe(30);
    // Beijing calendar days: 2026-01-02 12:00 (+08:00) is the row created 04:00 UTC that day.
    expect((await auditLoader(args("/admin/audit?from=2026-01-02&to=2026-01-04"))).items.map((i) => i.subject_id)).toEqual([3, 2, 1]);
    expect((await auditLoader(args("/admin/audit?from=nonsense&subject=moon"))).total).toBe(60);
    await expect(db.updateTable("audit_log").set({ action: "x" }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });
});
