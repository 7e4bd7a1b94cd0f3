import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { createTestDatabase } from "../../tests/db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../../tests/fixtures";
import { loadScenarioDocuments } from "./documents.server";
import { createEmbeddedEngine } from "./embedded.server";
import type { SearchEngine } from "./engine";
import { reindexScenarios } from "./search.server";

// The behaviour every engine must show, run against the embedded engine on a small corpus.

let db: DB;
let engine: SearchEngine;
const ids: Record<string, number> = {};

async function search(qs: string) {
  const { query } = parseScenarioQuery(new URLSearchParams(qs));
  return engine.searchScenarios({ query, pageSize: 20, withFacets: true });
}

beforeEach(async () => {
  db = createTestDatabase();
  engine = createEmbeddedEngine(db);
  await insertCapabilities(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 2);
  const gulou = await insertOrganisation(db, "南京市鼓楼医院");
  const school = await insertOrganisation(db, "南京市第一中学");
  const factory = await insertOrganisation(db, "南钢集团");
  const base = { edition_id: editionId, batch_id: batchIds[0]! };

  ids.triage = (await insertScenario(db, { ...base, organisation_id: gulou, title: "智能导诊大模型智能体", description: "门诊分诊与候诊引导。", venue_type: "hospital", budget_wan: 300 }, ["llm", "agent"])).id;
  ids.service = (await insertScenario(db, { ...base, organisation_id: gulou, title: "医保咨询智能客服", description: "7×24小时在线答复。", venue_type: "hospital", budget_wan: 80 }, ["customer_service"])).id;
  ids.classroom = (await insertScenario(db, { ...base, batch_id: batchIds[1]!, organisation_id: school, title: "课堂教学行为分析", description: "与附属医院合作开展学生视力筛查。", domain: "livelihood", district: "玄武区", venue_type: "school", budget_wan: null }, ["cv"])).id;
  ids.inspection = (await insertScenario(db, { ...base, organisation_id: factory, title: "钢材表面缺陷视觉质检", description: "基于机器视觉的产线质检 AI agent。", domain: "industry", district: "江北新区", venue_type: "factory", cooperation_mode: "challenge", budget_wan: 1200 }, ["cv"])).id;
  ids.draft = (await insertScenario(db, { edition_id: editionId, organisation_id: gulou, title: "医院草稿场景", status: "draft" })).id;
  await reindexScenarios(db, engine);
});

describe("embedded search", () => {
  it("indexes public scenarios only", async () => {
    const docs = await loadScenarioDocuments(db);
    expect(docs.map((d) => d.id)).not.toContain(ids.draft);
    const all = await search("q=草稿");
    expect(all.total).toBe(0);
  });

  it("finds one-character, two-character and longer Chinese queries", async () => {
    expect((await search("q=医")).ids.sort()).toEqual([ids.triage, ids.service, ids.classroom].sort());
    expect((await search("q=客服")).ids).toEqual([ids.service]);
    expect((await search("q=智能客服")).ids).toEqual([ids.service]);
    expect((await search("q=鼓楼医院")).ids.sort()).toEqual([ids.triage, ids.service].sort());
  });

  it("finds capability synonyms: LLM finds 大模型, 机器视觉 finds 计算机视觉", async () => {
    expect((await search("q=LLM")).ids).toEqual([ids.triage]);
    expect((await search("q=机器视觉")).ids.sort()).toEqual([ids.classroom, ids.inspection].sort());
  });

  it("matches mixed English and Chinese queries term by term", async () => {
    expect((await search("q=LLM 医院")).ids).toEqual([ids.triage]);
    expect((await search("q=agent 质检")).ids).toEqual([ids.inspection]);
  });

  it("ranks a title hit above a description hit", async () => {
    const edition = await db.selectFrom("editions").select("id").executeTakeFirstOrThrow();
    const org = await insertOrganisation(db, "南京市规划和自然资源局");
    const inBody = await insertScenario(db, { edition_id: edition.id, organisation_id: org, title: "城市规划辅助决策", description: "建设城市孪生底座，孪生数据实时更新，孪生模型支撑规划。" });
    const inTitle = await insertScenario(db, { edition_id: edition.id, organisation_id: org, title: "城市孪生底座建设", description: "支撑规划审批。" });
    await reindexScenarios(db, engine);
    expect((await search("q=孪生")).ids).toEqual([inTitle.id, inBody.id]);
  });

  it("filters, counts facets disjunctively and sorts", async () => {
    const r = await search("venue=hospital&sort=budget");
    expect(r.ids).toEqual([ids.triage, ids.service]);
    expect(r.total).toBe(2);
    // The venue facet ignores its own selection so that other venue types still show counts.
    expect(r.facets!.venue).toMatchObject({ hospital: 2, school: 1, factory: 1 });
    expect(r.facets!.domain).toEqual({ livelihood: 2 });
    const byBudget = await search("sort=budget");
    expect(byBudget.ids).toEqual([ids.inspection, ids.triage, ids.service, ids.classroom]);
    expect((await search("budgetMin=100&budgetMax=1000")).ids).toEqual([ids.triage]);
    expect((await search("edition=2026&batch=2")).ids).toEqual([ids.classroom]);
    expect((await search("district=江北新区&mode=challenge")).ids).toEqual([ids.inspection]);
  });

  it("treats FTS syntax and SQL-looking text as plain words", async () => {
    for (const q of ['医院" OR 1=1 --', "NEAR(医 院)", "*", "'; drop table scenarios; --", "<script>alert(1)</script>"]) {
      await expect(search(`q=${encodeURIComponent(q)}`)).resolves.toBeDefined();
    }
    expect((await search("q=" + encodeURIComponent("'; drop table scenarios; --"))).total).toBe(0);
    expect((await search("")).total).toBe(4);
  });

  it("pages through results", async () => {
    const { query } = parseScenarioQuery(new URLSearchParams("sort=budget&page=2"));
    const r = await engine.searchScenarios({ query, pageSize: 3, withFacets: false });
    expect(r.ids).toEqual([ids.classroom]);
    expect(r.total).toBe(4);
    expect(r.facets).toBeNull();
  });

  it("follows updates and deletions", async () => {
    await db.updateTable("scenarios").set({ title: "互联网医院复诊续方" }).where("id", "=", ids.service!).execute();
    await engine.upsertScenarios(await loadScenarioDocuments(db, [ids.service!]));
    expect((await search("q=续方")).ids).toEqual([ids.service]);
    expect((await search("q=医保咨询")).total).toBe(0);
    await engine.deleteScenarios([ids.service!]);
    expect((await search("q=续方")).total).toBe(0);
  });
});
