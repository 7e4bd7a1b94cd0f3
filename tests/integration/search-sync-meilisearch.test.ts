import { delay, http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { createMeilisearchEngine, scenarioIndexSettings } from "~/search/meilisearch.server";
import { reindexEntity } from "~/search/reindex.server";
import { applySearchOutbox } from "~/search/sync.server";
import { createTestDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { useMeilisearchMock, MEILISEARCH_TEST_HOST, meilisearchNetworkErrorHandler } from "../mocks/meilisearch";

// The search outbox on Meilisearch: each request the sync sends, and what happens to the outbox
// when Meilisearch answers 5xx, times out, or accepts a task that then fails.

const { mock, server } = useMeilisearchMock();
const INDEX = "changjing_scenarios";
const VENDORS = "changjing_vendors";
const engine = createMeilisearchEngine({
  host: MEILISEARCH_TEST_HOST, indexPrefix: "changjing", timeoutMs: 100, writeTimeoutMs: 200, rebuildSuffix: () => "20261120T020000000Z",
});

let db: DB;
let org: number;
let editionId: number;
let batchId: number;

beforeEach(async () => {
  db = createTestDatabase();
  await insertCapabilities(db);
  const edition = await insertEdition(db, 2026, 1);
  editionId = edition.editionId;
  batchId = edition.batchIds[0]!;
  org = await insertOrganisation(db, "南京市第一医院");
  mock.indexes.add(INDEX);
});

const pending = () =>
  db.selectFrom("search_outbox").where("done_at", "is", null).orderBy("id").select(["entity_id", "attempts", "last_error", "next_attempt_at"]).execute();
const routes = () => mock.calls().map((r) => `${r.method} ${r.path}`);
const T0 = new Date("2026-11-20T02:00:00.000Z");
const at = (ms: number) => () => new Date(T0.getTime() + ms);

describe("applying the outbox to Meilisearch", () => {
  it("adds public scenarios as whole documents and deletes withdrawn ones by id", async () => {
    const s = await insertScenario(db, { edition_id: editionId, batch_id: batchId, organisation_id: org, title: "智能导诊" }, ["llm"]);
    await insertScenario(db, { edition_id: editionId, organisation_id: org, title: "草稿", status: "draft" });
    // The scenario and its capability: two rows. The draft was never public, so it never reached the outbox.
    expect(await applySearchOutbox(db, engine)).toMatchObject({ applied: 2, failed: 0 });
    expect(await db.selectFrom("search_outbox").where("entity_id", "=", s.id + 1).selectAll().execute()).toEqual([]);

    // The live index exists (with its settings), so only the documents go.
    const [check, add, ...others] = mock.calls();
    expect(check).toMatchObject({ method: "GET", path: `/indexes/${INDEX}` });
    expect(others).toEqual([]);
    expect(add).toMatchObject({ method: "POST", path: `/indexes/${INDEX}/documents` });
    expect(add!.searchParams.get("primaryKey")).toBeNull();
    expect(add!.body).toEqual([
      expect.objectContaining({ id: s.id, title: "智能导诊", organisation: "南京市第一医院", capabilities: ["大模型"], status: "published", editionYear: 2026, batchOrdinal: 1 }),
    ]);
    // Null fields are left out, so Meilisearch sorts them last.
    expect(add!.body).toEqual([expect.not.objectContaining({ venueType: expect.anything() })]);
    // The task was polled until it succeeded.
    expect(mock.requests.filter((r) => r.path.startsWith("/tasks/")).map((r) => r.path)).toEqual(["/tasks/1"]);
    expect([...mock.documents.get(INDEX)!.keys()]).toEqual([s.id]);

    await db.updateTable("scenarios").set({ status: "withdrawn" }).where("id", "=", s.id).execute();
    mock.requests.length = 0;
    await applySearchOutbox(db, engine);
    expect(mock.calls()).toMatchObject([{ method: "POST", path: `/indexes/${INDEX}/documents/delete-batch`, body: [s.id] }]);
    expect(mock.documents.get(INDEX)!.size).toBe(0);
  });

  it.each([
    ["a 5xx answer to adding documents", () => server.use(http.post(`${MEILISEARCH_TEST_HOST}/indexes/:uid/documents`, () =>
      HttpResponse.json({ message: "Internal error", code: "internal", type: "internal", link: "" }, { status: 503 }))), /Internal error/],
    ["a timeout", () => server.use(http.post(`${MEILISEARCH_TEST_HOST}/indexes/:uid/documents`, async () => {
      await delay(1000);
      return HttpResponse.json({});
    })), /timed? ?out|abort/i],
    ["an unreachable server", () => server.use(meilisearchNetworkErrorHandler()), /fetch failed|Failed to fetch|network/i],
    ["a task that finishes with status failed", () => {
      mock.failTask = (task) => (task.type === "documentAdditionOrUpdate" ? { message: "No space left on device", code: "internal" } : null);
    }, /failed: No space left on device/],
  ])("keeps the change after %s, backs off, and applies it once Meilisearch is healthy", async (_, breakIt, error) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const s = await insertScenario(db, { edition_id: editionId, organisation_id: org, title: "智能导诊" });
    breakIt();

    expect(await applySearchOutbox(db, engine, { now: at(0) })).toMatchObject({ applied: 0, failed: 1 });
    const [row] = await pending();
    expect(row).toMatchObject({ entity_id: s.id, attempts: 1, next_attempt_at: "2026-11-20T02:00:01.000Z" });
    expect(row!.last_error).toMatch(error);
    expect(warn).toHaveBeenCalledOnce();

    server.resetHandlers();
    mock.failTask = () => null;
    // Still backing off: nothing is sent.
    mock.requests.length = 0;
    expect(await applySearchOutbox(db, engine, { now: at(999) })).toMatchObject({ applied: 0, failed: 0 });
    expect(mock.calls()).toEqual([]);
    // Due again, and Meilisearch is back.
    expect(await applySearchOutbox(db, engine, { now: at(1000) })).toMatchObject({ applied: 1, failed: 0 });
    expect(await pending()).toEqual([]);
    expect([...mock.documents.get(INDEX)!.keys()]).toEqual([s.id]);
  });
});

describe("reindex on Meilisearch", () => {
  it("builds a fresh index, swaps it in, deletes the old one, and settles only the rows written before it", async () => {
    const a = await insertScenario(db, { edition_id: editionId, organisation_id: org, title: "智能导诊" });
    mock.documents.set(INDEX, new Map([[999, { id: 999 }]]));
    const replace = engine.replaceAllScenarios.bind(engine);
    let during = 0;
    const rebuilding = { ...engine, replaceAllScenarios: async (docs: Parameters<typeof replace>[0]) => {
      during = (await insertScenario(db, { edition_id: editionId, organisation_id: org, title: "重建期间发布" })).id;
      await replace(docs);
    } };

    const result = await reindexEntity(db, rebuilding, "scenario");
    expect(result).toMatchObject({ ok: true, documents: 1, settledRows: 1 });
    const fresh = `${INDEX}_20261120T020000000Z`;
    expect(routes()).toEqual([
      `GET /indexes/${INDEX}`,
      `PATCH /indexes/${INDEX}/settings`,
      // Settings are applied to both indexes; the vendor index is created on first use.
      `GET /indexes/${VENDORS}`,
      "POST /indexes",
      `PATCH /indexes/${VENDORS}/settings`,
      "POST /indexes",
      `PATCH /indexes/${fresh}/settings`,
      `POST /indexes/${fresh}/documents`,
      `GET /indexes/${INDEX}`,
      "POST /swap-indexes",
      `DELETE /indexes/${fresh}`,
    ]);
    expect(mock.calls()[6]!.body).toEqual(scenarioIndexSettings());
    expect(mock.calls()[9]!.body).toEqual([{ indexes: [INDEX, fresh] }]);
    expect([...mock.documents.get(INDEX)!.keys()]).toEqual([a.id]);
    expect([...mock.indexes]).toEqual([INDEX, VENDORS]);

    // The scenario published during the rebuild is still pending, and goes to the new index next.
    expect((await pending()).map((r) => r.entity_id)).toEqual([during]);
    await applySearchOutbox(db, engine);
    expect([...mock.documents.get(INDEX)!.keys()].sort((x, y) => x - y)).toEqual([a.id, during]);
  });

  it("leaves the live index and every outbox row alone when the swap fails", async () => {
    const a = await insertScenario(db, { edition_id: editionId, organisation_id: org, title: "智能导诊" });
    mock.documents.set(INDEX, new Map([[999, { id: 999 }]]));
    mock.failTask = (task) => (task.type === "indexSwap" ? { message: "swap refused", code: "internal" } : null);
    const result = await reindexEntity(db, engine, "scenario");
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("swap refused") });
    expect([...mock.documents.get(INDEX)!.keys()]).toEqual([999]);
    expect([...mock.indexes]).toEqual([INDEX, VENDORS]);
    expect((await pending()).map((r) => r.entity_id)).toEqual([a.id]);
  });
});
