import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { action, loader } from "~/routes/admin.search";
import { searchEngine } from "~/search/search.server";
import { applySearchOutbox } from "~/search/sync.server";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { unwrap } from "../results";

let db: DB;
let admin: string;
let editionId: number;
let hospital: number;
const context = { clientAddress: "203.0.113.5" };
const args = (form?: Record<string, string>) => routeArgs({ request: request("/admin/search", { cookie: admin, form }), params: {}, context });

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  const office = await insertOrganisation(db, "攻坚办", "office");
  await db.insertInto("users").values({ email: "admin@test.local", name: "管理员", role: "admin", organisation_id: office }).execute();
  admin = await cookieFor(db, "admin@test.local");
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  ({ editionId } = await insertEdition(db, 2026, 1));
});

describe("the office's search page", () => {
  it("shows the engine, the queue with its last error, and the index against the database", async () => {
    await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "门诊智能导诊" });
    await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "病房巡检" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const down = vi.spyOn(searchEngine(), "upsertScenarios").mockRejectedValue(new Error("connect ECONNREFUSED 127.0.0.1:7700"));
    await applySearchOutbox(db, searchEngine());
    expect(warn).toHaveBeenCalled();

    const page = await loader(args());
    expect(page.engine).toEqual({ name: "embedded", host: null });
    expect(page.indexed).toEqual({ count: 0 });
    expect(page.publicScenarios).toBe(2);
    expect(page.sync).toMatchObject({ pending: 2, failing: 2, lastError: { message: "connect ECONNREFUSED 127.0.0.1:7700", resolved: false } });
    expect(page.sync.oldestPendingAt).not.toBeNull();

    // "Retry now" does not wait for the backoff.
    down.mockRestore();
    const retried = unwrap(await action(args({ intent: "retry" })));
    expect(retried.body).toMatchObject({ intent: "retry", applied: 2, failed: 0 });
    const after = await loader(args());
    expect(after.indexed).toEqual({ count: 2 });
    expect(after.sync).toMatchObject({ pending: 0, failing: 0, lastError: { resolved: true } });
  });

  it("rebuilds the index on request and says what it did", async () => {
    await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "门诊智能导诊" });
    await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "草稿", status: "draft" });
    const { status, body } = unwrap(await action(args({ intent: "reindex" })));
    expect(status).toBe(200);
    expect(body).toMatchObject({ intent: "reindex", results: [{ entity: "scenario", ok: true, documents: 1, settledRows: 1 }, { entity: "vendor", ok: true, documents: 0 }] });
    const page = await loader(args());
    expect(page.indexed).toEqual({ count: 1 });
    // Both indexes were rebuilt; the vendor index, rebuilt last, is the one the page names.
    expect(page.sync).toMatchObject({ pending: 0, lastReindex: { entity: "vendor", documents: 0, error: null } });
  });

  it("reports a failed rebuild without touching the queue", async () => {
    await insertScenario(db, { organisation_id: hospital, edition_id: editionId });
    vi.spyOn(searchEngine(), "replaceAllScenarios").mockRejectedValue(new Error("disk full"));
    const { status, body } = unwrap(await action(args({ intent: "reindex" })));
    expect(status).toBe(502);
    expect(body).toMatchObject({ results: [{ entity: "scenario", ok: false, error: "disk full" }, { entity: "vendor", ok: true }] });
    expect((await loader(args())).sync.pending).toBe(1);
  });
});
