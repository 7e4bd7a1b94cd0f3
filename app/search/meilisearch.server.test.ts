import { beforeEach, describe, expect, it } from "vitest";
import { emptyScenarioQuery, parseScenarioQuery, type ScenarioQuery } from "~/domain/scenario-query";
import { capabilitySynonymGroups } from "~/domain/vocabulary";
import {
  useMeilisearchMock,
  MEILISEARCH_TEST_HOST,
  meilisearchErrorHandler,
  meilisearchNetworkErrorHandler,
  meilisearchSlowHandler,
  type MockSearchAnswer,
} from "../../tests/mocks/meilisearch";
import { SearchUnavailableError, type ScenarioDocument } from "./engine";
import { createMeilisearchEngine, scenarioIndexSettings, toMeilisearchFilter } from "./meilisearch.server";

const { mock, server } = useMeilisearchMock();

const INDEX = "changjing_scenarios";
const PUBLIC = 'status IN ["published", "matched", "piloting", "benchmark", "closed"]';

function engine(options: { apiKey?: string; timeoutMs?: number; rebuildSuffix?: () => string } = {}) {
  return createMeilisearchEngine({ host: MEILISEARCH_TEST_HOST, indexPrefix: "changjing", timeoutMs: 1000, ...options });
}

const query = (params: string) => parseScenarioQuery(new URLSearchParams(params)).query;

function scenario(overrides: Partial<ScenarioDocument> = {}): ScenarioDocument {
  return {
    id: 7,
    code: null,
    title: "鼓楼医院智能导诊",
    description: "门诊导诊与分诊",
    requirements: "对接HIS",
    organisation: "南京市鼓楼医院",
    capabilities: ["大模型", "智能客服"],
    domain: "livelihood",
    district: "鼓楼区",
    venueType: null,
    cooperationMode: "joint_build",
    tier: "major",
    status: "published",
    budgetWan: null,
    editionYear: 2026,
    batchOrdinal: null,
    publishedAt: 1785000000,
    proposalDeadline: null,
    ...overrides,
  };
}

describe("toMeilisearchFilter", () => {
  it("shows only public scenarios when nothing is chosen", () => {
    expect(toMeilisearchFilter(emptyScenarioQuery())).toBe(PUBLIC);
  });

  it("ORs the values of a facet and ANDs everything else", () => {
    const q = query("edition=2026&batch=2&domain=livelihood,governance&district=鼓楼区&budgetMin=50&budgetMax=300&status=closed");
    expect(toMeilisearchFilter(q)).toBe(
      `${PUBLIC} AND editionYear = 2026 AND batchOrdinal = 2 AND budgetWan >= 50 AND budgetWan <= 300` +
         ' AND domain IN ["livelihood", "governance"] AND district IN ["鼓楼区"] AND (status = "closed")',
    );
  });

  it("uses the Meilisearch attribute names for venue and mode", () => {
    expect(toMeilisearchFilter(query("venue=hospital&mode=challenge"))).toBe(
      `${PUBLIC} AND venueType IN ["hospital"] AND cooperationMode IN ["challenge"]`,
    );
  });

  it("leaves out only the excepted facet's own selection", () => {
    const q = query("domain=livelihood&district=鼓楼区&budgetMin=10");
    expect(toMeilisearchFilter(q, { exceptFacet: "domain" })).toBe(`${PUBLIC} AND budgetWan >= 10 AND district IN ["鼓楼区"]`);
  });

  it("escapes double quotes and backslashes in values", () => {
    const q: ScenarioQuery = { ...emptyScenarioQuery(), filters: { ...emptyScenarioQuery().filters, district: ['a"b\\c', '" OR 1 = 1'] } };
    expect(toMeilisearchFilter(q)).toBe(`${PUBLIC} AND district IN ["a\\"b\\\\c", "\\" OR 1 = 1"]`);
  });

  it("ignores a batch without an edition, as the embedded engine does", () => {
    expect(toMeilisearchFilter({ ...emptyScenarioQuery(), batch: 2 })).toBe(PUBLIC);
  });
});

describe("applySettings", () => {
  it("creates the missing index, then sends the exact settings and waits for both tasks", async () => {
    await engine().applySettings();

    const expectedSynonyms: Record<string, string[]> = {};
    for (const group of capabilitySynonymGroups()) for (const term of group) expectedSynonyms[term] = group.filter((t) => t !== term);
    expect(expectedSynonyms["llm"]).toEqual(["大模型", "large language model", "大语言模型", "gpt", "生成式ai", "aigc"]);
    expect(expectedSynonyms["大模型"]).toContain("llm");

    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      // The version floor first (docs/decisions/002).
      "GET /version",
      `GET /indexes/${INDEX}`,
      "POST /indexes",
      "GET /tasks/1",
      `PATCH /indexes/${INDEX}/settings`,
      "GET /tasks/2",
      // The vendor index, the same way (its settings are checked in meilisearch-vendors.server.test.ts).
      "GET /indexes/changjing_vendors",
      "POST /indexes",
      "GET /tasks/3",
      "PATCH /indexes/changjing_vendors/settings",
      "GET /tasks/4",
    ]);
    expect(mock.requests[2]!.body).toEqual({ uid: INDEX, primaryKey: "id" });
    expect(mock.requests[4]!.body).toStrictEqual({
      searchableAttributes: ["title", "capabilities", "organisation", "code", "description", "requirements"],
      filterableAttributes: ["domain", "district", "venueType", "cooperationMode", "tier", "status", "budgetWan", "editionYear", "batchOrdinal", "proposalDeadline"],
      sortableAttributes: ["publishedAt", "budgetWan", "proposalDeadline", "id"],
      localizedAttributes: [
        { attributePatterns: ["title", "description", "requirements", "organisation", "capabilities"], locales: ["cmn"] },
      ],
      synonyms: expectedSynonyms,
      rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness", "publishedAt:desc", "id:desc"],
      typoTolerance: { disableOnAttributes: ["code"] },
      pagination: { maxTotalHits: 100000 },
      faceting: { maxValuesPerFacet: 100 },
    });
  });

  it("only updates the settings when the index exists", async () => {
    mock.indexes.add(INDEX);
    mock.indexes.add("changjing_vendors");
    await engine().applySettings();
    expect(mock.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /indexes/${INDEX}`,
      `PATCH /indexes/${INDEX}/settings`,
      "GET /indexes/changjing_vendors",
      "PATCH /indexes/changjing_vendors/settings",
    ]);
  });
});

describe("writing documents", () => {
  it("creates the live index with its settings before the first upload, so searches are not refused", async () => {
    // A server that was down at start (no rebuild) or lost its data: the outbox's upload comes first.
    await engine().upsertScenarios([scenario()]);
    expect(mock.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /indexes/${INDEX}`,
      "POST /indexes",
      `PATCH /indexes/${INDEX}/settings`,
      `POST /indexes/${INDEX}/documents`,
    ]);
    expect(mock.calls()[2]!.body).toEqual(scenarioIndexSettings());
    const result = await engine().searchScenarios({ query: query("q=导诊&district=鼓楼区"), pageSize: 20, withFacets: true });
    expect(result.ids).toEqual([7]);
  });

  it("upserts documents without their null fields and waits for the task", async () => {
    mock.seed(INDEX, scenarioIndexSettings());
    await engine().upsertScenarios([scenario(), scenario({ id: 8, code: "NJ-2026-008", budgetWan: 120.5, batchOrdinal: 2 })]);

    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /indexes/${INDEX}`, `POST /indexes/${INDEX}/documents`, "GET /tasks/1"]);
    const base = {
      title: "鼓楼医院智能导诊",
      description: "门诊导诊与分诊",
      requirements: "对接HIS",
      organisation: "南京市鼓楼医院",
      capabilities: ["大模型", "智能客服"],
      domain: "livelihood",
      district: "鼓楼区",
      cooperationMode: "joint_build",
      tier: "major",
      status: "published",
      editionYear: 2026,
      publishedAt: 1785000000,
    };
    expect(mock.requests[1]!.body).toStrictEqual([
      { id: 7, ...base },
      { id: 8, code: "NJ-2026-008", ...base, budgetWan: 120.5, batchOrdinal: 2 },
    ]);
  });

  it("deletes documents by id and sends nothing for an empty list", async () => {
    await engine().deleteScenarios([]);
    expect(mock.requests).toEqual([]);
    await engine().deleteScenarios([3, 5]);
    expect(mock.calls().map((r) => [r.method, r.path, r.body])).toEqual([["POST", `/indexes/${INDEX}/documents/delete-batch`, [3, 5]]]);
  });

  it("replaces everything by building a fresh index and swapping it in, then deleting the old one", async () => {
    mock.indexes.add(INDEX);
    mock.documents.set(INDEX, new Map([[9999, { id: 9999, title: "旧文档" }]]));
    const documents = Array.from({ length: 2500 }, (_, i) => scenario({ id: i + 1 }));
    await engine({ rebuildSuffix: () => "20261120T000000000Z" }).replaceAllScenarios(documents);

    const fresh = `${INDEX}_20261120T000000000Z`;
    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /indexes",
      "GET /tasks/1",
      `PATCH /indexes/${fresh}/settings`,
      "GET /tasks/2",
      `POST /indexes/${fresh}/documents`,
      "GET /tasks/3",
      `POST /indexes/${fresh}/documents`,
      "GET /tasks/4",
      `POST /indexes/${fresh}/documents`,
      "GET /tasks/5",
      `GET /indexes/${INDEX}`,
      "POST /swap-indexes",
      "GET /tasks/6",
      `DELETE /indexes/${fresh}`,
      "GET /tasks/7",
    ]);
    const calls = mock.calls();
    expect(calls[0]!.body).toEqual({ uid: fresh, primaryKey: "id" });
    expect(calls[1]!.body).toEqual(scenarioIndexSettings());
    const chunks = calls.filter((r) => r.path.endsWith("/documents")).map((r) => r.body as { id: number }[]);
    expect(chunks.map((c) => [c.length, c[0]!.id, c.at(-1)!.id])).toEqual([
      [1000, 1, 1000],
      [1000, 1001, 2000],
      [500, 2001, 2500],
    ]);
    expect(calls.find((r) => r.path === "/swap-indexes")!.body).toEqual([{ indexes: [INDEX, fresh] }]);
    // The live index holds exactly the new documents; the old one is gone.
    expect(mock.documents.get(INDEX)!.size).toBe(2500);
    expect(mock.documents.get(INDEX)!.has(9999)).toBe(false);
    expect([...mock.indexes]).toEqual([INDEX]);
  });

  it("creates the live index before the swap when it does not exist yet", async () => {
    await engine({ rebuildSuffix: () => "x" }).replaceAllScenarios([scenario({ id: 1 })]);
    const paths = mock.calls().map((r) => `${r.method} ${r.path}`);
    expect(paths.slice(-4)).toEqual([`GET /indexes/${INDEX}`, "POST /indexes", "POST /swap-indexes", `DELETE /indexes/${INDEX}_x`]);
    expect(mock.calls().at(-3)!.body).toEqual({ uid: INDEX, primaryKey: "id" });
    expect([...mock.documents.get(INDEX)!.keys()]).toEqual([1]);
  });

  it("leaves the live index untouched and removes the half-built one when a task fails", async () => {
    mock.indexes.add(INDEX);
    mock.documents.set(INDEX, new Map([[5, { id: 5 }]]));
    mock.failTask = (task) => (task.type === "documentAdditionOrUpdate" ? { message: "disk full", code: "internal" } : null);
    await expect(engine({ rebuildSuffix: () => "y" }).replaceAllScenarios([scenario({ id: 1 })])).rejects.toThrow(/failed: disk full/);
    expect(mock.calls().map((r) => `${r.method} ${r.path}`)).not.toContain("POST /swap-indexes");
    expect(mock.calls().at(-1)).toMatchObject({ method: "DELETE", path: `/indexes/${INDEX}_y` });
    expect([...mock.indexes]).toEqual([INDEX]);
    expect([...mock.documents.get(INDEX)!.keys()]).toEqual([5]);
  });

  it("counts the documents of the live index from its stats", async () => {
    mock.indexes.add(INDEX);
    mock.documents.set(INDEX, new Map([[1, { id: 1 }], [2, { id: 2 }]]));
    expect(await engine().countScenarios()).toBe(2);
    expect(mock.calls().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /indexes/${INDEX}/stats`]);
  });

  it("treats deleting from an index that does not exist yet as done", async () => {
    await engine().deleteScenarios([3]);
    expect(mock.calls().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /indexes/${INDEX}/documents/delete-batch`]);
  });
});

describe("searchScenarios", () => {
  // An index with its settings, as applySettings leaves it (the mock refuses a filter otherwise).
  beforeEach(() => mock.seed(INDEX, scenarioIndexSettings()));

  const filtered = query("q=智能客服&edition=2026&batch=2&domain=livelihood,governance&district=鼓楼区&budgetMin=50&budgetMax=300&sort=budget&page=2");
  const common = `${PUBLIC} AND editionYear = 2026 AND batchOrdinal = 2 AND budgetWan >= 50 AND budgetWan <= 300`;

  // The phases of published calls are counted at the request's clock: 2026-12-08 00:00 UTC is 1796688000.
  const now = new Date("2026-12-08T00:00:00.000Z");
  const phase = {
    open: '(status = "published" AND proposalDeadline > 1797292800)',
    closing_soon: '(status = "published" AND proposalDeadline > 1796688000 AND proposalDeadline <= 1797292800)',
    awaiting_selection: '(status = "published" AND (proposalDeadline <= 1796688000 OR proposalDeadline NOT EXISTS))',
  };

  it("sends one multi-search: the page, plus a count for each chosen facet without its own selection", async () => {
    mock.answer = (q): MockSearchAnswer => {
      if (String(q.filter).endsWith(`(${phase.open})`)) return { ids: [], totalHits: 7 };
      if (String(q.filter).endsWith(`(${phase.closing_soon})`)) return { ids: [], totalHits: 2 };
      if (String(q.filter).endsWith(`(${phase.awaiting_selection})`)) return { ids: [], totalHits: 3 };
      if (q.facets?.[0] === "domain") return { ids: [], totalHits: 9, facetDistribution: { domain: { livelihood: 3, governance: 1, industry: 5 } } };
      if (q.facets?.[0] === "district") return { ids: [], totalHits: 6, facetDistribution: { district: { 鼓楼区: 4, 江宁区: 2 } } };
      return {
        ids: [42, 17],
        totalHits: 22,
        facetDistribution: { venueType: { hospital: 3 }, cooperationMode: { joint_build: 4 }, tier: { major: 4 }, status: { published: 12, closed: 1 } },
      };
    };

    const result = await engine().searchScenarios({ query: filtered, pageSize: 20, withFacets: true, now });

    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /multi-search"]);
    expect(mock.requests[0]!.body).toStrictEqual({
      queries: [
        {
          indexUid: INDEX,
          q: "智能客服",
          filter: `${common} AND domain IN ["livelihood", "governance"] AND district IN ["鼓楼区"]`,
          sort: ["budgetWan:desc", "id:desc"],
          matchingStrategy: "all",
          locales: ["cmn"],
          hitsPerPage: 20,
          page: 2,
          attributesToRetrieve: ["id"],
          facets: ["venueType", "cooperationMode", "tier", "status"],
        },
        {
          indexUid: INDEX,
          q: "智能客服",
          filter: `${common} AND district IN ["鼓楼区"]`,
          matchingStrategy: "all",
          locales: ["cmn"],
          facets: ["domain"],
          hitsPerPage: 0,
        },
        {
          indexUid: INDEX,
          q: "智能客服",
          filter: `${common} AND domain IN ["livelihood", "governance"]`,
          matchingStrategy: "all",
          locales: ["cmn"],
          facets: ["district"],
          hitsPerPage: 0,
        },
        ...(["open", "closing_soon", "awaiting_selection"] as const).map((p) => ({
          indexUid: INDEX,
          q: "智能客服",
          filter: `${common} AND domain IN ["livelihood", "governance"] AND district IN ["鼓楼区"] AND (${phase[p]})`,
          matchingStrategy: "all",
          locales: ["cmn"],
          hitsPerPage: 0,
        })),
      ],
    });
    expect(result).toEqual({
      total: 22,
      ids: [42, 17],
      facets: {
        domain: { livelihood: 3, governance: 1, industry: 5 },
        district: { 鼓楼区: 4, 江宁区: 2 },
        venue: { hospital: 3 },
        mode: { joint_build: 4 },
        tier: { major: 4 },
        // "open" includes the calls closing soon, as its filter does; the stored "published" is not a phase.
        status: { open: 9, closing_soon: 2, awaiting_selection: 3, closed: 1 },
      },
    });
  });

  it("sends only the page query without facets, and no sort for relevance", async () => {
    mock.answer = () => ({ ids: [3], totalHits: 1 });
    const result = await engine().searchScenarios({ query: query("q=llm"), pageSize: 10, withFacets: false });

    expect(mock.requests.map((r) => r.body)).toStrictEqual([
      {
        queries: [
          {
            indexUid: INDEX,
            q: "llm",
            filter: PUBLIC,
            matchingStrategy: "all",
            locales: ["cmn"],
            hitsPerPage: 10,
            page: 1,
            attributesToRetrieve: ["id"],
          },
        ],
      },
    ]);
    expect(result).toEqual({ total: 1, ids: [3], facets: null });
  });

  it.each([
    ["newest", ["publishedAt:desc", "id:desc"]],
    ["budget", ["budgetWan:desc", "id:desc"]],
    ["deadline", ["proposalDeadline:asc", "id:asc"]],
  ])("sorts %s by %j", async (sort, expected) => {
    await engine().searchScenarios({ query: query(`sort=${sort}`), pageSize: 20, withFacets: false });
    expect((mock.requests[0]!.body as { queries: { sort?: string[] }[] }).queries[0]!.sort).toEqual(expected);
  });

  it("counts every facet in the page query when nothing is chosen", async () => {
    const result = await engine().searchScenarios({ query: emptyScenarioQuery(), pageSize: 20, withFacets: true });
    const body = mock.requests[0]!.body as { queries: { facets?: string[] }[] };
    expect(body.queries.map((q) => q.facets)).toEqual([["domain", "district", "venueType", "cooperationMode", "tier", "status"], undefined, undefined, undefined]);
    expect(result.facets).toEqual({ domain: {}, district: {}, venue: {}, mode: {}, tier: {}, status: { open: 0, closing_soon: 0, awaiting_selection: 0 } });
  });

  it("escapes a quoted value in the filter it sends", async () => {
    const q: ScenarioQuery = { ...emptyScenarioQuery(), filters: { ...emptyScenarioQuery().filters, district: ['a"b\\c'] } };
    await engine().searchScenarios({ query: q, pageSize: 20, withFacets: false });
    const body = mock.requests[0]!.body as { queries: { filter: string }[] };
    expect(body.queries[0]!.filter).toBe(`${PUBLIC} AND district IN ["a\\"b\\\\c"]`);
  });

  it("sends the API key as a bearer token, and no Authorization header without one", async () => {
    await engine({ apiKey: "s3cret-key" }).searchScenarios({ query: emptyScenarioQuery(), pageSize: 20, withFacets: false });
    await engine().searchScenarios({ query: emptyScenarioQuery(), pageSize: 20, withFacets: false });
    expect(mock.requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer s3cret-key", null]);
  });

  it("turns a Meilisearch error response into SearchUnavailableError", async () => {
    server.use(meilisearchErrorHandler(MEILISEARCH_TEST_HOST, 500));
    const error = await engine().searchScenarios({ query: query("q=医院"), pageSize: 20, withFacets: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as Error).cause).toMatchObject({ name: "MeilisearchApiError" });
  });

  it("turns a network failure into SearchUnavailableError", async () => {
    server.use(meilisearchNetworkErrorHandler());
    const error = await engine().searchScenarios({ query: query("q=医院"), pageSize: 20, withFacets: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as Error).cause).toMatchObject({ name: "MeilisearchRequestError" });
  });

  it("gives up after timeoutMs with SearchUnavailableError", async () => {
    server.use(meilisearchSlowHandler(MEILISEARCH_TEST_HOST, 400));
    const started = performance.now();
    const error = await engine({ timeoutMs: 50 }).searchScenarios({ query: query("q=医院"), pageSize: 20, withFacets: false }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(350);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect(((error as Error).cause as Error).cause).toMatchObject({ name: "MeilisearchRequestTimeOutError" });
  });

  it("rejects a malformed answer as SearchUnavailableError", async () => {
    mock.answer = () => ({ ids: ["seven" as unknown as number], totalHits: 1 });
    const error = await engine().searchScenarios({ query: query("q=医院"), pageSize: 20, withFacets: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchUnavailableError);
  });
});
