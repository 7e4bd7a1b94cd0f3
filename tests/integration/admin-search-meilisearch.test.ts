import { describe, expect, it } from "vitest";
import { searchOverview } from "~/models/search-admin.server";
import { createMeilisearchEngine } from "~/search/meilisearch.server";
import { zh, en } from "~/i18n/messages/search-admin";
import { createTestDatabase } from "../db";
import { useMeilisearchMock, MEILISEARCH_TEST_HOST, meilisearchNetworkErrorHandler } from "../mocks/meilisearch";

// The office's search page on Meilisearch: the server's version and what it means (docs/decisions/002).

const { mock, server } = useMeilisearchMock();

const engine = () => createMeilisearchEngine({ host: MEILISEARCH_TEST_HOST, indexPrefix: "changjing", timeoutMs: 500 });

describe("the office's search page on Meilisearch", () => {
  it.each([
    ["1.9.2", "unsupported"],
    ["1.14.1", "noChineseSplit"],
    ["1.15.0", "supported"],
    ["v2.0.0", "supported"],
    ["nightly", "unknown"],
  ])("reads version %s as %s", async (version, support) => {
    mock.version = version;
    const page = await searchOverview(createTestDatabase(), engine(), `${MEILISEARCH_TEST_HOST}/`);
    expect(page.version).toEqual({ version, support });
  });

  it("says why the version is unknown when the server does not answer", async () => {
    server.use(meilisearchNetworkErrorHandler());
    const page = await searchOverview(createTestDatabase(), engine(), MEILISEARCH_TEST_HOST);
    expect(page.version).toMatchObject({ error: expect.any(String) });
  });

  it("has the notices in both languages", () => {
    for (const key of ["searchAdmin.engine.versionUnsupported", "searchAdmin.engine.versionNoChineseSplit"] as const) {
      expect(zh[key]).toContain("{version}");
      expect(en[key]).toContain("{version}");
    }
    expect(zh["searchAdmin.engine.versionUnsupported"]).toContain("1.10");
    expect(en["searchAdmin.engine.words"]).toContain("江苏省中医院");
  });
});
