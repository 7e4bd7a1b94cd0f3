import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { loader as scenariosFeed } from "~/routes/feeds.scenarios[.]atom";
import { loader as benchmarksFeed } from "~/routes/feeds.benchmarks[.]atom";
import { loader as ocdsReleases } from "~/routes/api.v1.ocds.releases";
import { loader as ocdsRelease } from "~/routes/api.v1.ocds.releases.$code";
import { loader as apiScenarios } from "~/routes/api.v1.scenarios";
import { loader as openData } from "~/routes/open-data";
import { env } from "~/utils/env.server";
import { routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";

// Issue 13 item 8: cacheable public responses built their absolute links from the request's Host
// header, so one request with `Host: evil.example` could put links to another site into a shared
// cache. They use PUBLIC_URL.

let db: DB;
let code: string;

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 1);
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  for (let i = 0; i < 3; i++) {
    const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, batch_id: batchIds[0]!, title: `门诊智能导诊 ${i}`, published_at: "2026-11-01T02:00:00.000Z" });
    code = s.code!;
  }
});

/** The request as it arrives with a Host header the client made up. */
const hostile = (path: string) => new Request(`http://evil.example${path}`);

async function text(result: unknown): Promise<string> {
  if (result instanceof Response) return result.text();
  return JSON.stringify(result);
}

describe("absolute links in public responses", () => {
  it("start with PUBLIC_URL, whatever Host the request named", async () => {
    const origin = new URL(env().PUBLIC_URL).origin;
    const cases: [string, Promise<unknown>][] = [
      ["/feeds/scenarios.atom", scenariosFeed(routeArgs({ request: hostile("/feeds/scenarios.atom"), params: {}, context: {} }))],
      ["/feeds/benchmarks.atom", benchmarksFeed(routeArgs({ request: hostile("/feeds/benchmarks.atom"), params: {}, context: {} }))],
      ["/api/v1/ocds/releases?limit=1", ocdsReleases(routeArgs({ request: hostile("/api/v1/ocds/releases?limit=1"), params: {}, context: {} }))],
      [`/api/v1/ocds/releases/${code}`, ocdsRelease(routeArgs({ request: hostile(`/api/v1/ocds/releases/${code}`), params: { code }, context: {} }))],
      ["/api/v1/scenarios?limit=1", apiScenarios(routeArgs({ request: hostile("/api/v1/scenarios?limit=1"), params: {}, context: {} }))],
      ["/open-data", openData(routeArgs({ request: hostile("/open-data"), params: {}, context: {} }))],
    ];
    for (const [path, result] of cases) {
      const body = await text(await result);
      expect(body, path).not.toContain("evil.example");
      expect(body, path).toContain(origin);
    }
  });
});
