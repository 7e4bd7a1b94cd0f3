import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { createTestDatabase } from "../../tests/db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../../tests/fixtures";
import { useMeilisearchMock, MEILISEARCH_TEST_HOST } from "../../tests/mocks/meilisearch";
import { loadScenarioDocuments } from "./documents.server";
import { createEmbeddedEngine } from "./embedded.server";
import type { SearchEngine, VendorDocument } from "./engine";
import { createMeilisearchEngine } from "./meilisearch.server";

// Both engines on the same data must find the same things. The Meilisearch side runs against the
// mock that answers as the server does (tests/mocks/meilisearch.ts: the fields 1.10 accepts, the
// 10-word limit, `frequency`, phrases and exclusions, ranking rules); see docs/decisions/026.

const { mock, server } = useMeilisearchMock();
afterEach(() => vi.restoreAllMocks());

const VENDORS = "changjing_vendors";
const SCENARIOS = "changjing_scenarios";

let db: DB;
let embedded: SearchEngine;
let meili: SearchEngine;
let suffix = 0;

beforeEach(() => {
  db = createTestDatabase();
  embedded = createEmbeddedEngine(db);
  meili = createMeilisearchEngine({ host: MEILISEARCH_TEST_HOST, indexPrefix: "changjing", timeoutMs: 1000, rebuildSuffix: () => `r${++suffix}` });
});

function vendor(id: number, products: string, overrides: Partial<VendorDocument> = {}): VendorDocument {
  return {
    id,
    name: `供应商${id}`,
    district: "鼓楼区",
    summary: "",
    capabilities: [],
    capabilitySlugs: [],
    products,
    cases: "",
    servedDomains: [],
    servedVenueTypes: [],
    servedDistricts: [],
    ...overrides,
  };
}

async function bothVendorIndexes(documents: VendorDocument[]) {
  await embedded.replaceAllVendors(documents);
  await meili.applySettings();
  await meili.replaceAllVendors(documents);
}

const ids = (hits: { id: number }[]) => hits.map((h) => h.id).sort((a, b) => a - b);

describe("item 1: a vendor search finds a vendor matching any keyword, on both engines", () => {
  // 12 keywords, as matching sends them (up to 24): the server reads only the first 10 words of
  // one query, and with `frequency` keeps the rarest word required.
  const keywords = ["医院", "门诊", "导诊", "分诊", "预约", "挂号", "候诊", "排队", "叫号", "检验", "病历", "随访"];
  const documents = [
    vendor(1, "医院门诊导诊系统"), // three of the common words
    vendor(2, "医院预约挂号排队"), // common words only, not the rarest
    vendor(3, "病历质控"), // only the 11th keyword
    vendor(4, "出院随访机器人"), // only the 12th keyword
    vendor(5, "医院检验报告解读"),
    vendor(6, "钢材表面缺陷质检"), // none
    vendor(7, "医院门诊导诊分诊候诊叫号"), // many
  ];

  it("returns every vendor matching any keyword, the same set as the embedded engine", async () => {
    await bothVendorIndexes(documents);
    const text = keywords.join(" ");
    const expected = [1, 2, 3, 4, 5, 7];
    expect(ids(await embedded.searchVendors(text, {}, 200))).toEqual(expected);
    expect(ids(await meili.searchVendors(text, {}, 200))).toEqual(expected);
  });

  it("ranks a vendor matching more keywords first, on both engines", async () => {
    await bothVendorIndexes(documents);
    const text = keywords.join(" ");
    expect((await embedded.searchVendors(text, {}, 200))[0]!.id).toBe(7);
    expect((await meili.searchVendors(text, {}, 200))[0]!.id).toBe(7);
    expect((await meili.searchVendors(text, {}, 2)).map((h) => h.id)).toHaveLength(2);
  });

  it("sends one query per keyword, each requiring its whole keyword, in one multi-search", async () => {
    await bothVendorIndexes(documents);
    mock.requests.length = 0;
    await meili.searchVendors("医院 导诊 医院", { capabilities: ["llm"] }, 50);
    const searches = mock.calls();
    expect(searches.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /multi-search"]);
    expect(searches[0]!.body).toEqual({
      queries: ["医院", "导诊"].map((q) => ({
        indexUid: VENDORS,
        q,
        filter: 'capabilitySlugs IN ["llm"]',
        limit: 50,
        matchingStrategy: "all",
        locales: ["cmn"],
        attributesToRetrieve: ["id"],
        showRankingScore: true,
      })),
    });
  });
});

describe("item 2: the version floor", () => {
  it("refuses a server below 1.10 with a clear message and sends no settings", async () => {
    mock.version = "1.9.2";
    await expect(meili.applySettings()).rejects.toThrow(/Meilisearch 1\.9\.2 is too old: 1\.10 or later is needed/);
    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /version"]);
    expect(await meili.serverVersion!()).toEqual({ version: "1.9.2", support: "unsupported" });
  });

  it("warns below 1.15 (Chinese long words not split) and still applies the settings", async () => {
    mock.version = "1.14.0";
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await meili.applySettings();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Meilisearch 1\.14\.0 does not split long Chinese words.*1\.15 or later/));
    expect(mock.settings.get(SCENARIOS)?.filterableAttributes).toContain("district");
    expect(await meili.serverVersion!()).toEqual({ version: "1.14.0", support: "noChineseSplit" });
  });

  it("is quiet from 1.15 on", async () => {
    mock.version = "1.18.1";
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await meili.applySettings();
    expect(warn).not.toHaveBeenCalled();
    expect(await meili.serverVersion!()).toEqual({ version: "1.18.1", support: "supported" });
  });
});

describe("scenario searches on both engines", () => {
  const scenarioIds: Record<string, number> = {};

  beforeEach(async () => {
    await insertCapabilities(db);
    const { editionId, batchIds } = await insertEdition(db, 2026, 1);
    const hospital = await insertOrganisation(db, "南京市鼓楼医院");
    const school = await insertOrganisation(db, "南京市第一中学");
    const base = { edition_id: editionId, batch_id: batchIds[0]!, description: "说明" };
    // Inserted oldest first; the two triage scenarios are alike, so only the tie rules order them.
    scenarioIds.older = (await insertScenario(db, { ...base, organisation_id: hospital, title: "门诊导诊助手", published_at: "2026-03-01T02:00:00.000Z" })).id;
    scenarioIds.newer = (await insertScenario(db, { ...base, organisation_id: hospital, title: "门诊导诊助手", published_at: "2026-03-09T02:00:00.000Z" })).id;
    scenarioIds.school = (await insertScenario(db, { ...base, organisation_id: school, title: "课堂行为分析", published_at: "2026-03-05T02:00:00.000Z" })).id;
    const documents = await loadScenarioDocuments(db);
    await embedded.replaceAllScenarios(documents);
    await meili.applySettings();
    await meili.replaceAllScenarios(documents);
  });

  async function both(q: string) {
    const { query } = parseScenarioQuery(new URLSearchParams({ q }));
    const request = { query, pageSize: 20, withFacets: false };
    const [a, b] = await Promise.all([embedded.searchScenarios(request), meili.searchScenarios(request)]);
    return { embedded: a.ids, meilisearch: b.ids };
  }

  it("item 3: punctuation means nothing on either engine (no phrase, no exclusion)", async () => {
    for (const q of ["-门诊", '"导诊 门诊"', "门诊，导诊！", "-课堂 行为"]) {
      const found = await both(q);
      expect(found.meilisearch, q).toEqual(found.embedded);
    }
    expect((await both("-门诊")).embedded).toEqual([scenarioIds.newer, scenarioIds.older]);
  });

  it("item 4: a query of more than 10 words is cut after the 10th word on both engines", async () => {
    // 12 words; the last two are in no scenario. The server would read 10 and find the triage
    // scenarios; the embedded engine, reading all 12, would find nothing.
    const q = "门诊 助手 医院 说明 南京 门诊 助手 医院 说明 南京 熊猫 火箭";
    const found = await both(q);
    expect(found.embedded).toEqual([scenarioIds.newer, scenarioIds.older]);
    expect(found.meilisearch).toEqual(found.embedded);
    const sent = (mock.calls().find((r) => r.path === "/multi-search")!.body as { queries: { q: string }[] }).queries[0]!.q;
    expect(sent.split(" ")).toHaveLength(10);
  });

  it("item 6: equal hits come newest first on both engines", async () => {
    const found = await both("导诊");
    expect(found.embedded).toEqual([scenarioIds.newer, scenarioIds.older]);
    expect(found.meilisearch).toEqual(found.embedded);
  });
});

describe("item 5: the vendor index before its first rebuild and during one", () => {
  it("treats deleting vendors from an index that does not exist yet as done", async () => {
    await expect(meili.deleteVendors([3, 4])).resolves.toBeUndefined();
  });

  it("rebuilds the vendor index aside and swaps it in, so matching never sees it empty", async () => {
    await meili.applySettings();
    await meili.upsertVendors([vendor(1, "医院导诊")]);
    // The rebuild fails while adding: the live index must still hold what it held.
    mock.failTask = (task) => (task.type === "documentAdditionOrUpdate" ? { message: "disk full", code: "internal" } : null);
    await expect(meili.replaceAllVendors([vendor(2, "课堂分析")])).rejects.toThrow(/disk full/);
    expect([...mock.documents.get(VENDORS)!.keys()]).toEqual([1]);
    expect(ids(await meili.searchVendors("导诊", {}, 10))).toEqual([1]);

    mock.failTask = () => null;
    await meili.replaceAllVendors([vendor(2, "课堂分析")]);
    expect(mock.calls().some((r) => r.method === "DELETE" && r.path === `/indexes/${VENDORS}/documents`)).toBe(false);
    expect(mock.calls().some((r) => r.path === "/swap-indexes" && JSON.stringify(r.body).includes(VENDORS))).toBe(true);
    expect(ids(await meili.searchVendors("课堂", {}, 10))).toEqual([2]);
    // The filterable settings came with the swapped-in index.
    expect(ids(await meili.searchVendors("课堂", { districts: ["鼓楼区"] }, 10))).toEqual([2]);
    expect([...mock.indexes].sort()).toEqual([SCENARIOS, VENDORS]);
  });
});
