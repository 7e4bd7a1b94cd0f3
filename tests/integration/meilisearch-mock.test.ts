import { describe, expect, it } from "vitest";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { SearchUnavailableError, type ScenarioDocument } from "~/search/engine";
import { createMeilisearchEngine, scenarioIndexSettings, vendorIndexSettings } from "~/search/meilisearch.server";
import { useMeilisearchMock, MEILISEARCH_TEST_HOST } from "../mocks/meilisearch";

// The mock answers the way a Meilisearch 1.10 server does (read from its source), so that the
// engine's tests fail when the code sends what the server would refuse or misread.

const { mock, server } = useMeilisearchMock();

const INDEX = "changjing_scenarios";
const engine = () => createMeilisearchEngine({ host: MEILISEARCH_TEST_HOST, indexPrefix: "changjing", timeoutMs: 1000 });

async function call(method: string, path: string, body: unknown) {
  const response = await fetch(`${MEILISEARCH_TEST_HOST}${path}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const docs = [
  { id: 1, title: "医院 导诊", district: "鼓楼区" },
  { id: 2, title: "医院 门诊", district: "玄武区" },
  { id: 3, title: "医院 病历", district: "鼓楼区" },
];

describe("the Meilisearch mock", () => {
  it("refuses a settings field the 1.10 floor does not know, with the server's error body", async () => {
    mock.seed(INDEX, {});
    const answer = await call("PATCH", `/indexes/${INDEX}/settings`, { ...scenarioIndexSettings(), facetSearch: false });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "bad_request", type: "invalid_request", link: "https://docs.meilisearch.com/errors#bad_request" });
    expect(answer.body.message).toMatch(/^Unknown field `facetSearch`: expected one of `displayedAttributes`, /);
    // What the code sends today is accepted.
    expect((await call("PATCH", `/indexes/${INDEX}/settings`, scenarioIndexSettings())).status).toBe(202);
    expect((await call("PATCH", `/indexes/changjing_vendors/settings`, vendorIndexSettings())).status).toBe(202);
  });

  it("refuses a search field 1.10 does not know, naming the query of a multi-search", async () => {
    mock.seed(INDEX, {});
    const single = await call("POST", `/indexes/${INDEX}/search`, { q: "医院", showPerformanceDetails: true });
    expect(single.status).toBe(400);
    expect(single.body.message).toMatch(/^Unknown field `showPerformanceDetails`: expected one of `q`, /);
    const multi = await call("POST", "/multi-search", { queries: [{ indexUid: INDEX, q: "医院" }, { indexUid: INDEX, q: "a", media: {} }] });
    expect(multi.status).toBe(400);
    expect(multi.body.message).toMatch(/^Unknown field `media` inside `\.queries\[1\]`/);
  });

  it("answers estimatedTotalHits to limit/offset searches and totalHits to page searches", async () => {
    mock.seed(INDEX, {}, docs);
    const byOffset = await call("POST", `/indexes/${INDEX}/search`, { q: "医院", limit: 2, offset: 1 });
    expect(byOffset.body).toMatchObject({ limit: 2, offset: 1, estimatedTotalHits: 3 });
    expect(byOffset.body).not.toHaveProperty("totalHits");
    expect((byOffset.body.hits as unknown[]).length).toBe(2);
    const byPage = await call("POST", `/indexes/${INDEX}/search`, { q: "医院", hitsPerPage: 2, page: 2 });
    expect(byPage.body).toMatchObject({ hitsPerPage: 2, page: 2, totalHits: 3, totalPages: 2 });
    expect(byPage.body).not.toHaveProperty("estimatedTotalHits");
    expect((byPage.body.hits as unknown[]).length).toBe(1);
  });

  it("refuses a filtered search on an index a document upload created before its settings", async () => {
    const doc = (id: number): ScenarioDocument => ({
      id, code: null, title: "智能导诊", description: "", requirements: "", organisation: "医院", capabilities: [], domain: "livelihood",
      district: "鼓楼区", venueType: null, cooperationMode: "joint_build", tier: "major", status: "published", budgetWan: null,
      editionYear: 2026, batchOrdinal: null, publishedAt: 1, proposalDeadline: null,
    });
    // Uploaded straight, as the outbox did before the engine made sure of the settings first.
    expect((await call("POST", `/indexes/${INDEX}/documents`, [doc(1)])).status).toBe(202);
    const answer = await call("POST", "/multi-search", { queries: [{ indexUid: INDEX, q: "导诊", filter: 'status IN ["published"]' }] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "invalid_search_filter" });
    expect(answer.body.message).toMatch(/Attribute `status` is not filterable\. This index does not have configured filterable attributes\./);
    const query = parseScenarioQuery(new URLSearchParams("q=导诊")).query;
    await expect(engine().searchScenarios({ query, pageSize: 20, withFacets: false })).rejects.toBeInstanceOf(SearchUnavailableError);
    // Once the settings are applied, the same search answers.
    await engine().applySettings();
    expect((await engine().searchScenarios({ query, pageSize: 20, withFacets: false })).ids).toEqual([1]);
  });

  it("reads only the first 10 words, and `frequency` never drops the rarest word", async () => {
    mock.seed(INDEX, {}, docs);
    const search = async (q: string, matchingStrategy?: string) =>
      ((await call("POST", `/indexes/${INDEX}/search`, { q, ...(matchingStrategy ? { matchingStrategy } : {}) })).body.hits as { id: number }[]).map((h) => h.id);
    // 导诊 is the rarest word: `frequency` keeps it required, so vendors with only 医院 are not found;
    // `last` (the default) drops words from the end, so 医院 alone finds all three, 导诊 first.
    expect(await search("医院 导诊", "frequency")).toEqual([1]);
    expect(await search("医院 导诊")).toEqual([1, 2, 3]);
    expect(await search("医院 医院 医院 医院 医院 医院 医院 医院 医院 医院 导诊", "all")).toEqual([1, 2, 3]);
    expect(await search("医院 医院 医院 医院 医院 医院 医院 医院 医院 导诊", "all")).toEqual([1]);
    // A phrase and an exclusion, as the server reads them.
    expect(await search("医院 -门诊", "all")).toEqual([1, 3]);
  });

  it("refuses pagination inside a federated query and keeps each document once", async () => {
    mock.seed(INDEX, {}, docs);
    const refused = await call("POST", "/multi-search", { federation: { limit: 5 }, queries: [{ indexUid: INDEX, q: "医院", limit: 5 }] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: "invalid_multi_search_query_pagination" });
    const merged = await call("POST", "/multi-search", { federation: { limit: 5 }, queries: [{ indexUid: INDEX, q: "医院" }, { indexUid: INDEX, q: "导诊" }] });
    expect(merged.status).toBe(200);
    expect((merged.body.hits as { id: number }[]).map((h) => h.id).sort()).toEqual([1, 2, 3]);
  });
});
