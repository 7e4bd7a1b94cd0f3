import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { useMeilisearchMock, MEILISEARCH_TEST_HOST, meilisearchErrorHandler } from "../../tests/mocks/meilisearch";
import { SearchUnavailableError, type VendorDocument } from "./engine";
import { createMeilisearchEngine, vendorIndexSettings } from "./meilisearch.server";

// The vendor index's requests to Meilisearch: settings, documents, and the ranked search matching uses.

const { mock, server } = useMeilisearchMock();

const VENDORS = "changjing_vendors";
const engine = () => createMeilisearchEngine({ host: MEILISEARCH_TEST_HOST, indexPrefix: "changjing", timeoutMs: 1000 });

const vendor: VendorDocument = {
  id: 12,
  name: "南京云启智能科技有限公司",
  district: "鼓楼区",
  summary: "专注医疗大模型",
  capabilities: ["大模型", "智能体"],
  capabilitySlugs: ["llm", "agent"],
  products: "云启医疗大模型",
  cases: "",
  servedDomains: ["livelihood"],
  servedVenueTypes: ["hospital"],
  servedDistricts: [],
};

describe("the Meilisearch vendor index", () => {
  it("creates both indexes and sends the vendor settings", async () => {
    await engine().applySettings();
    const calls = mock.calls().map((r) => `${r.method} ${r.path}`);
    expect(calls).toContain(`POST /indexes`);
    expect(calls).toContain(`PATCH /indexes/${VENDORS}/settings`);
    expect(calls).toContain(`PATCH /indexes/changjing_scenarios/settings`);
    const settings = mock.calls().find((r) => r.path === `/indexes/${VENDORS}/settings`)!.body as ReturnType<typeof vendorIndexSettings>;
    expect(settings.searchableAttributes).toEqual(["capabilities", "products", "name", "summary", "cases"]);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["capabilitySlugs", "district"]));
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ["name", "summary", "capabilities", "products", "cases"], locales: ["cmn"] }]);
    expect(settings.synonyms!["大模型"]).toContain("llm");
    const created = mock.calls().filter((r) => r.method === "POST" && r.path === "/indexes").map((r) => r.body);
    expect(created).toContainEqual({ uid: VENDORS, primaryKey: "id" });
  });

  it("adds, replaces (built aside and swapped in) and deletes vendor documents", async () => {
    const fresh = `${VENDORS}_20261208T000000000Z`;
    const rebuilding = () => createMeilisearchEngine({ host: MEILISEARCH_TEST_HOST, indexPrefix: "changjing", timeoutMs: 1000, rebuildSuffix: () => "20261208T000000000Z" });
    await engine().upsertVendors([vendor]);
    await rebuilding().replaceAllVendors([vendor]);
    await engine().deleteVendors([12, 13]);
    expect(mock.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      // The first upload makes sure the live index exists with its settings.
      `GET /indexes/${VENDORS}`,
      "POST /indexes",
      `PATCH /indexes/${VENDORS}/settings`,
      `POST /indexes/${VENDORS}/documents`,
      "POST /indexes",
      `PATCH /indexes/${fresh}/settings`,
      `POST /indexes/${fresh}/documents`,
      `GET /indexes/${VENDORS}`,
      "POST /swap-indexes",
      `DELETE /indexes/${fresh}`,
      `POST /indexes/${VENDORS}/documents/delete-batch`,
    ]);
    expect(mock.calls()[2]!.body).toEqual(vendorIndexSettings());
    expect(mock.calls()[3]!.body).toEqual([vendor]);
    expect(mock.calls()[5]!.body).toEqual(vendorIndexSettings());
    expect(mock.calls()[6]!.body).toEqual([vendor]);
    expect(mock.calls()[8]!.body).toEqual([{ indexes: [VENDORS, fresh] }]);
    expect(mock.calls()[10]!.body).toEqual([12, 13]);
    expect([...mock.indexes]).toEqual([VENDORS]);
  });

  it("searches each keyword on its own with its ranking score, filters quoted, and sums the scores per vendor", async () => {
    const multi: unknown[] = [];
    server.use(
      http.post(`${MEILISEARCH_TEST_HOST}/multi-search`, async ({ request }) => {
        multi.push(await request.json());
        return HttpResponse.json({
          results: [
            { indexUid: VENDORS, hits: [{ id: 12, _rankingScore: 0.92 }, { id: 7, _rankingScore: 0.41 }], query: "大模型", processingTimeMs: 1, limit: 200, offset: 0, estimatedTotalHits: 2 },
            { indexUid: VENDORS, hits: [{ id: 7, _rankingScore: 0.6 }, { id: 3, _rankingScore: 0.5 }], query: "导诊", processingTimeMs: 1, limit: 200, offset: 0, estimatedTotalHits: 2 },
          ],
        });
      }),
    );
    const hits = await engine().searchVendors("大模型 导诊", { capabilities: ["llm"], districts: ['鼓楼"区'] }, 200);
    // 7 matched both keywords: 0.41 + 0.6 beats 12's single 0.92.
    expect(hits).toEqual([{ id: 7, score: 0.41 + 0.6 }, { id: 12, score: 0.92 }, { id: 3, score: 0.5 }]);
    const query = (q: string) => ({
      indexUid: VENDORS,
      q,
      filter: 'capabilitySlugs IN ["llm"] AND district IN ["鼓楼\\"区"]',
      limit: 200,
      matchingStrategy: "all",
      locales: ["cmn"],
      attributesToRetrieve: ["id"],
      showRankingScore: true,
    });
    expect(multi).toEqual([{ queries: [query("大模型"), query("导诊")] }]);
    expect(await engine().searchVendors("大模型 导诊", {}, 1)).toEqual([{ id: 7, score: 0.41 + 0.6 }]);
  });

  it("sends no request for empty text and reports a failed search as unavailable", async () => {
    expect(await engine().searchVendors("  ", {}, 10)).toEqual([]);
    expect(mock.calls()).toEqual([]);
    server.use(meilisearchErrorHandler());
    await expect(engine().searchVendors("大模型", {}, 10)).rejects.toBeInstanceOf(SearchUnavailableError);
  });
});
