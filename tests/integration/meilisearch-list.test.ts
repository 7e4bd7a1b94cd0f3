import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { listPublicScenarios } from "~/models/scenario.server";
import { loadScenarioDocuments } from "~/search/documents.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { createMeilisearchEngine, scenarioIndexSettings } from "~/search/meilisearch.server";
import { createTestDatabase } from "../db";
import { insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { useMeilisearchMock, meilisearchErrorHandler, meilisearchSlowHandler, MEILISEARCH_TEST_HOST } from "../mocks/meilisearch";

// The public list on the Meilisearch engine: ids come from Meilisearch, what is shown from the
// database, and a failing Meilisearch leaves the list usable.

const { mock, server } = useMeilisearchMock();
const engine = createMeilisearchEngine({ host: MEILISEARCH_TEST_HOST, indexPrefix: "changjing", timeoutMs: 100 });

let db: DB;
let ids: number[];

beforeEach(async () => {
  db = createTestDatabase();
  const { editionId, batchIds } = await insertEdition(db, 2026, 1);
  const org = await insertOrganisation(db, "南京市第一医院");
  ids = [];
  for (const title of ["智能导诊", "病历质控", "影像辅助诊断"]) {
    ids.push((await insertScenario(db, { edition_id: editionId, batch_id: batchIds[0]!, organisation_id: org, title })).id);
  }
});

const parse = (qs: string) => parseScenarioQuery(new URLSearchParams(qs));

describe("list on Meilisearch", () => {
  it("shows the scenarios Meilisearch found, in its order, from the database", async () => {
    mock.seed("changjing_scenarios", scenarioIndexSettings());
    mock.answer = () => ({ ids: [ids[2]!, ids[0]!], totalHits: 2, facetDistribution: { domain: { livelihood: 2 } } });
    const result = await listPublicScenarios(db, engine, parse("q=诊断"));
    expect(result.items.map((i) => i.title)).toEqual(["影像辅助诊断", "智能导诊"]);
    expect(result.total).toBe(2);
    expect(result.degraded).toBe(false);
    const [search] = mock.calls().filter((c) => c.path === "/multi-search");
    expect((search!.body as { queries: { q: string }[] }).queries[0]!.q).toBe("诊断");
  });

  it.each([
    ["an error response", () => meilisearchErrorHandler(MEILISEARCH_TEST_HOST, 503)],
    ["a timeout", () => meilisearchSlowHandler(MEILISEARCH_TEST_HOST, 1000)],
  ])("lists without the text query and flags it after %s", async (_, handler) => {
    server.use(handler());
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const result = await listPublicScenarios(db, engine, parse("q=诊断&sort=relevance"));
    expect(result.degraded).toBe(true);
    expect(result.total).toBe(3);
    expect(result.highlight).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe("a query longer than 10 words", () => {
  it("is cut after the 10th word on both engines, and the list says which words were left out", async () => {
    const documents = await loadScenarioDocuments(db);
    const embedded = createEmbeddedEngine(db);
    await embedded.replaceAllScenarios(documents);
    await engine.applySettings();
    await engine.replaceAllScenarios(documents);
    // 12 words: the first ten all in 智能导诊's document, the last two in none.
    const q = "智能 南京 医院 智能 南京 医院 智能 南京 医院 智能 熊猫 火箭";
    for (const e of [embedded, engine]) {
      const result = await listPublicScenarios(db, e, parse(`q=${encodeURIComponent(q)}`));
      expect(result.items.map((i) => i.title), e.name).toEqual(["智能导诊"]);
      expect(result.droppedWords, e.name).toEqual(["熊猫", "火箭"]);
      expect(result.highlight, e.name).not.toContain("熊猫");
    }
    const short = await listPublicScenarios(db, embedded, parse("q=智能导诊"));
    expect(short.droppedWords).toEqual([]);
  });
});
