import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { createTestDatabase } from "../../tests/db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../../tests/fixtures";
import { createEmbeddedEngine } from "./embedded.server";
import type { ScenarioDocument, SearchEngine } from "./engine";
import { reindexEntity } from "./reindex.server";
import { applySearchOutbox, claimSearchRows, LEASE_MS, retryDelayMs, searchSyncStatus } from "./sync.server";

let db: DB;
let hospital: number;
let editionId: number;

beforeEach(async () => {
  db = createTestDatabase();
  await insertCapabilities(db);
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  ({ editionId } = await insertEdition(db, 2026, 1));
});

const pending = () =>
  db.selectFrom("search_outbox").where("done_at", "is", null).orderBy("id").select(["id", "entity", "entity_id", "op", "attempts", "last_error", "next_attempt_at"]).execute();
const search = async (engine: SearchEngine, q: string) =>
  (await engine.searchScenarios({ query: parseScenarioQuery(new URLSearchParams({ q })).query, pageSize: 20, withFacets: false })).ids;

/** The embedded engine, recording each write and failing while `down` is set. */
function recordingEngine() {
  const inner = createEmbeddedEngine(db);
  const calls: string[] = [];
  const state = { down: null as Error | null };
  const engine: SearchEngine = {
    ...inner,
    async upsertScenarios(documents: ScenarioDocument[]) {
      calls.push(`upsert ${documents.map((d) => d.id).join(",")}`);
      if (state.down) throw state.down;
      await inner.upsertScenarios(documents);
    },
    async deleteScenarios(ids: number[]) {
      calls.push(`delete ${ids.join(",")}`);
      if (state.down) throw state.down;
      await inner.deleteScenarios(ids);
    },
  };
  return { engine, calls, state };
}

describe("retryDelayMs", () => {
  it("doubles from one second and stops at a minute", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });
});

describe("outbox rows written by the database", () => {
  it("come with every change to a scenario, its capabilities and its organisation's name, in the same transaction", async () => {
    const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "门诊智能导诊" }, ["llm"]);
    expect((await pending()).map((r) => [r.entity, r.entity_id, r.op])).toEqual([
      ["scenario", s.id, "insert"],
      ["scenario", s.id, "update"],
    ]);
    await db.updateTable("organisations").set({ name: "鼓楼医院" }).where("id", "=", hospital).execute();
    await db.updateTable("organisations").set({ website: "https://example.org" }).where("id", "=", hospital).execute();
    expect((await pending()).map((r) => [r.entity, r.entity_id, r.op]).slice(2)).toEqual([["scenario", s.id, "update"]]);

    // A rolled-back change leaves no row behind.
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable("scenarios").set({ title: "改了又撤回" }).where("id", "=", s.id).execute();
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await pending()).toHaveLength(3);
  });

  it("come for a vendor's profile, capabilities, served values, products, cases and pilots", async () => {
    const vendor = await insertOrganisation(db, "智算科技", "vendor");
    const cap = await db.selectFrom("capabilities").select("id").executeTakeFirstOrThrow();
    await db.insertInto("vendor_capabilities").values({ organisation_id: vendor, capability_id: cap.id }).execute();
    await db.insertInto("vendor_served").values({ organisation_id: vendor, facet: "domain", value: "livelihood" }).execute();
    await db.insertInto("products").values({ organisation_id: vendor, kind: "agent", name: "导诊智能体" }).execute();
    await db.insertInto("reference_cases").values({ organisation_id: vendor, client: "某医院", scenario: "导诊", result: "上线" }).execute();
    const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId });
    await db.insertInto("pilots").values({ scenario_id: s.id, vendor_id: vendor, started_at: "2026-06-01T00:00:00.000Z" }).execute();
    const vendorRows = (await pending()).filter((r) => r.entity === "vendor");
    expect(vendorRows.map((r) => r.entity_id)).toEqual([vendor, vendor, vendor, vendor, vendor, vendor]);
    // A demand organisation's other changes are not a vendor's.
    await db.updateTable("organisations").set({ summary: "三甲医院" }).where("id", "=", hospital).execute();
    expect((await pending()).filter((r) => r.entity === "vendor")).toHaveLength(6);
  });
});

describe("applySearchOutbox", () => {
  it("puts a published scenario in the index and takes a withdrawn one out, settling every row", async () => {
    const { engine } = recordingEngine();
    const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "门诊智能导诊" });
    const draft = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "门诊草稿场景", status: "draft" });
    // The draft was never public: only the published scenario reached the outbox.
    expect(await applySearchOutbox(db, engine)).toMatchObject({ applied: 1, failed: 0 });
    expect(await search(engine, "门诊")).toEqual([s.id]);
    expect(await pending()).toEqual([]);

    await db.updateTable("scenarios").set({ status: "withdrawn" }).where("id", "=", s.id).execute();
    await db.updateTable("scenarios").set({ status: "published" }).where("id", "=", draft.id).execute();
    await applySearchOutbox(db, engine);
    expect(await search(engine, "门诊")).toEqual([draft.id]);
  });

  it("keeps the vendor index in step: a profile edit is found, a vendor losing verification leaves", async () => {
    const engine = createEmbeddedEngine(db);
    const vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
    await applySearchOutbox(db, engine);
    const findVendors = async (text: string) => (await engine.searchVendors(text, {}, 10)).map((h) => h.id);
    expect(await findVendors("琥珀导诊")).toEqual([]);
    await db.updateTable("organisations").set({ summary: "琥珀导诊智能体，已在三家医院上线。" }).where("id", "=", vendor).execute();
    expect(await applySearchOutbox(db, engine)).toMatchObject({ failed: 0 });
    expect(await findVendors("琥珀导诊")).toEqual([vendor]);
    await db.updateTable("organisations").set({ verified: 0 }).where("id", "=", vendor).execute();
    await applySearchOutbox(db, engine);
    expect(await findVendors("琥珀导诊")).toEqual([]);
    expect(await pending()).toEqual([]);
  });

  it("applies in id order, once per entity, from the current state of the database", async () => {
    const { engine, calls } = recordingEngine();
    const a = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "巡检机器人" });
    const b = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "智能导诊" });
    await db.updateTable("scenarios").set({ title: "病房巡检机器人" }).where("id", "=", a.id).execute();
    await db.updateTable("scenarios").set({ title: "病房巡检机器人二期" }).where("id", "=", a.id).execute();
    expect(await pending()).toHaveLength(4);
    await applySearchOutbox(db, engine);
    expect(calls).toEqual([`upsert ${a.id},${b.id}`]);
    expect(await search(engine, "二期")).toEqual([a.id]);
  });

  it("keeps failed rows with their error and backs off; a later run with the engine back applies them", async () => {
    const { engine, calls, state } = recordingEngine();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "门诊智能导诊" });
    const t0 = new Date("2026-11-20T02:00:00.000Z");
    state.down = new Error("connect ECONNREFUSED 127.0.0.1:7700");

    expect(await applySearchOutbox(db, engine, { now: () => t0 })).toMatchObject({ applied: 0, failed: 1 });
    expect(await pending()).toMatchObject([
      { entity_id: s.id, attempts: 1, last_error: "connect ECONNREFUSED 127.0.0.1:7700", next_attempt_at: "2026-11-20T02:00:01.000Z" },
    ]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("retrying in 1 s"));

    // Not due yet: nothing is tried.
    expect(await applySearchOutbox(db, engine, { now: () => new Date(t0.getTime() + 500) })).toMatchObject({ applied: 0, failed: 0 });
    // Due, still down: the second failure waits 2 s.
    const t1 = new Date(t0.getTime() + 1000);
    await applySearchOutbox(db, engine, { now: () => t1 });
    expect(await pending()).toMatchObject([{ attempts: 2, next_attempt_at: "2026-11-20T02:00:03.000Z" }]);
    expect(calls).toHaveLength(2);

    state.down = null;
    expect(await applySearchOutbox(db, engine, { now: () => new Date(t0.getTime() + 3000) })).toMatchObject({ applied: 1, failed: 0 });
    expect(await pending()).toEqual([]);
    expect(await search(engine, "导诊")).toEqual([s.id]);
    const status = await searchSyncStatus(db);
    expect(status).toMatchObject({ pending: 0, failing: 0, lastError: { message: "connect ECONNREFUSED 127.0.0.1:7700", resolved: true } });
  });

  it("takes a newer change of a failing entity at once, settling the older rows with it", async () => {
    const { engine, state } = recordingEngine();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "门诊智能导诊" });
    const t0 = new Date("2026-11-20T02:00:00.000Z");
    state.down = new Error("boom");
    await applySearchOutbox(db, engine, { now: () => t0 });
    state.down = null;
    await db.updateTable("scenarios").set({ title: "门诊智能分诊" }).where("id", "=", s.id).execute();
    expect(await applySearchOutbox(db, engine, { now: () => t0 })).toMatchObject({ applied: 2 });
    expect(await search(engine, "分诊")).toEqual([s.id]);
  });
});

describe("leases", () => {
  it("never give two workers the same row, nor rows of an entity another worker holds", async () => {
    const a = await insertScenario(db, { organisation_id: hospital, edition_id: editionId });
    const now = new Date();
    const first = await claimSearchRows(db, { now, owner: "one" });
    expect(first.map((r) => r.entity_id)).toEqual([a.id]);
    const b = await insertScenario(db, { organisation_id: hospital, edition_id: editionId });
    await db.updateTable("scenarios").set({ title: "又改了" }).where("id", "=", a.id).execute();
    const second = await claimSearchRows(db, { now, owner: "two" });
    // b is free; a's newer row waits until worker one is done with a.
    expect(second.map((r) => r.entity_id)).toEqual([b.id]);
    // A worker that died loses its claim after the lease.
    const later = await claimSearchRows(db, { now: new Date(now.getTime() + LEASE_MS + 1), owner: "three" });
    expect(later.map((r) => r.entity_id)).toEqual([a.id, b.id, a.id]);
  });
});

describe("reindexEntity", () => {
  it("settles the rows written before it and leaves the ones written during it pending", async () => {
    const { engine } = recordingEngine();
    const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "门诊智能导诊" });
    const replace = engine.replaceAllScenarios.bind(engine);
    let during = 0;
    engine.replaceAllScenarios = async (documents) => {
      // The worker stays away while the rebuild runs.
      expect(await claimSearchRows(db, { now: new Date(), owner: "worker" })).toEqual([]);
      during = (await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "重建期间发布" })).id;
      await replace(documents);
    };
    const result = await reindexEntity(db, engine, "scenario");
    expect(result).toMatchObject({ ok: true, documents: 1, settledRows: 1, error: null });
    expect((await pending()).map((r) => r.entity_id)).toEqual([during]);
    expect(await search(engine, "门诊")).toEqual([s.id]);
    await applySearchOutbox(db, engine);
    expect(await search(engine, "重建期间")).toEqual([during]);
    expect((await searchSyncStatus(db)).lastReindex).toMatchObject({ entity: "scenario", documents: 1, error: null });
  });

  it("records a failure and keeps every row pending", async () => {
    const { engine } = recordingEngine();
    await insertScenario(db, { organisation_id: hospital, edition_id: editionId });
    engine.replaceAllScenarios = () => Promise.reject(new Error("disk full"));
    expect(await reindexEntity(db, engine, "scenario")).toMatchObject({ ok: false, error: "disk full" });
    expect(await pending()).toHaveLength(1);
    expect((await searchSyncStatus(db)).lastReindex).toMatchObject({ error: "disk full" });
    // The lock is released.
    expect((await claimSearchRows(db, { now: new Date(), owner: "w" })).length).toBe(1);
  });
});
