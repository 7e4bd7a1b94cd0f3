import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { relatedScenarios } from "~/models/scenario-detail.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { publicDataVersion } from "~/search/public-cache.server";
import { applySearchOutbox } from "~/search/sync.server";
import { createTestDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";

// The list's counts and the related scenarios are cached between changes of the public data; a
// reader must never see them older than the data.

let db: DB;
let org: number;
let editionId: number;
beforeEach(async () => {
  db = createTestDatabase();
  await insertCapabilities(db);
  ({ editionId } = await insertEdition(db, 2026, 1));
  org = await insertOrganisation(db, "南京市鼓楼医院");
});

const query = (params: Record<string, string> = {}) => parseScenarioQuery(new URLSearchParams(params)).query;

describe("cached public reads", () => {
  it("counts a scenario as soon as it is published and stops when it is withdrawn", async () => {
    const engine = createEmbeddedEngine(db);
    await insertScenario(db, { organisation_id: org, edition_id: editionId, domain: "industry" });
    const count = async (params?: Record<string, string>) => {
      const r = await engine.searchScenarios({ query: query(params), pageSize: 10, withFacets: true });
      return { total: r.total, industry: r.facets?.domain.industry ?? 0 };
    };
    expect(await count()).toEqual({ total: 1, industry: 1 });
    expect(await count()).toEqual({ total: 1, industry: 1 });

    const draft = await insertScenario(db, { organisation_id: org, edition_id: editionId, domain: "industry", status: "approved" });
    expect(await count()).toEqual({ total: 1, industry: 1 });
    await db.updateTable("scenarios").set({ status: "published", code: "NJ-2026-0900", published_at: "2026-11-01T00:00:00.000Z" }).where("id", "=", draft.id).execute();
    expect(await count()).toEqual({ total: 2, industry: 2 });
    await db.updateTable("scenarios").set({ status: "withdrawn" }).where("id", "=", draft.id).execute();
    expect(await count()).toEqual({ total: 1, industry: 1 });
  });

  it("counts a text search by the index as the worker updates it", async () => {
    const engine = createEmbeddedEngine(db);
    const first = await insertScenario(db, { organisation_id: org, edition_id: editionId, title: "门诊智能导诊" });
    await applySearchOutbox(db, engine);
    const total = async () => (await engine.searchScenarios({ query: query({ q: "导诊" }), pageSize: 10, withFacets: true })).total;
    expect(await total()).toBe(1);
    await insertScenario(db, { organisation_id: org, edition_id: editionId, title: "急诊智能导诊" });
    await applySearchOutbox(db, engine);
    expect(await total()).toBe(2);
    await db.updateTable("scenarios").set({ title: "门诊病历质控" }).where("id", "=", first.id).execute();
    await applySearchOutbox(db, engine);
    expect(await total()).toBe(1);
  });

  it("finds a new related scenario once it shares capabilities", async () => {
    const me = await insertScenario(db, { organisation_id: org, edition_id: editionId }, ["llm"]);
    expect(await relatedScenarios(db, me.id)).toEqual([]);
    const other = await insertScenario(db, { organisation_id: org, edition_id: editionId }, ["llm"]);
    expect((await relatedScenarios(db, me.id)).map((s) => s.id)).toEqual([other.id]);
  });

  it("ranks related scenarios by shared capabilities, then the same domain or venue type", async () => {
    const base = { organisation_id: org, edition_id: editionId, domain: "livelihood" as const, venue_type: "hospital" as const };
    const me = await insertScenario(db, base, ["llm", "cv"]);
    const one = await insertScenario(db, base, ["cv"]);
    const two = await insertScenario(db, base, ["llm", "cv", "speech"]);
    const none = await insertScenario(db, base, ["agent"]);
    await insertScenario(db, { ...base, domain: "industry", venue_type: "factory" }, ["llm", "cv"]); // shares both, but unrelated
    await insertScenario(db, { ...base, status: "draft" }, ["llm", "cv"]); // not public
    expect((await relatedScenarios(db, me.id)).map((s) => s.id)).toEqual([two.id, one.id, none.id]);
    expect((await relatedScenarios(db, me.id, 1)).map((s) => s.id)).toEqual([two.id]);
  });

  // Every search reads this version. It was answered by scanning every pending outbox row (the index on
  // done_at), so thousands of waiting vendor rows made each search several times slower (docs/benchmarks.md).
  it("finds the first waiting scenario row in one index step, however many vendor rows wait before it", async () => {
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000)
      insert into search_outbox (entity, entity_id, op) select 'vendor', i, 'update' from n`.execute(db);
    await insertScenario(db, { organisation_id: org, edition_id: editionId });
    const first = await db.selectFrom("search_outbox").where("entity", "=", "scenario").where("done_at", "is", null)
      .select((eb) => eb.fn.min<number>("id").as("id")).executeTakeFirstOrThrow();
    expect(first.id).toBeGreaterThan(3000);
    expect(await publicDataVersion(db)).toMatch(new RegExp(`:${first.id}$`));
    const plan = await sql<{ detail: string }>`explain query plan
      select min(id) from search_outbox where done_at is null and entity = 'scenario'`.execute(db);
    expect(plan.rows.map((r) => r.detail).join("\n")).toMatch(/USING (COVERING )?INDEX search_outbox_pending_first \(entity=\?\)/);
  });
});
