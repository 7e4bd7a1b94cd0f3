import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { ProductKind } from "~/domain/vocabulary";
import { matchScenariosForVendor, matchVendorsForScenario } from "~/models/matching.server";
import { loader as scenarioMatches } from "~/routes/api.v1.scenarios.$code.matches";
import { loader as vendorMatches } from "~/routes/api.v1.vendors.$id.matches";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { SearchUnavailableError, type SearchEngine } from "~/search/engine";
import { reindexScenarios, reindexVendors } from "~/search/search.server";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { routeArgs } from "../auth";
import { rebuildMatchFeatures, refreshMatchFeatures, termStats } from "~/matching/features.server";

// Matching on the embedded engine: candidates from the vendor index and shared capabilities, the
// reasons, and the two public APIs.

let db: DB;
let engine: SearchEngine;
let hospital: number;
let editionId: number;
const NOW = new Date("2026-11-20T02:00:00Z");
const OPEN_UNTIL = "2027-01-10T09:00:00.000Z";

interface VendorSeed {
  name: string;
  district?: string;
  verified?: boolean;
  summary?: string;
  capabilities?: string[];
  served?: [facet: "domain" | "venue_type" | "district", value: string][];
  products?: [kind: ProductKind, name: string, filing?: string][];
}

async function insertVendor(v: VendorSeed): Promise<number> {
  const id = await insertOrganisation(db, v.name, "vendor");
  await db.updateTable("organisations")
    .set({ verified: v.verified === false ? 0 : 1, summary: v.summary ?? "", district: v.district ?? "江宁区" })
    .where("id", "=", id).execute();
  for (const slug of v.capabilities ?? []) {
    const cap = await db.selectFrom("capabilities").where("slug", "=", slug).select("id").executeTakeFirstOrThrow();
    await db.insertInto("vendor_capabilities").values({ organisation_id: id, capability_id: cap.id }).execute();
  }
  for (const [facet, value] of v.served ?? []) await db.insertInto("vendor_served").values({ organisation_id: id, facet, value }).execute();
  for (const [kind, name, filing] of v.products ?? []) {
    await db.insertInto("products").values({ organisation_id: id, kind, name, filing_number: filing ?? null }).execute();
  }
  return id;
}

let exact: number;
let synonymOnly: number;
let unrelated: number;
let unverified: number;
let scenario: { id: number; code: string | null };

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  engine = createEmbeddedEngine(db);
  await insertCapabilities(db);
  ({ editionId } = await insertEdition(db, 2026, 1));
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  exact = await insertVendor({
    name: "南京云启智能科技有限公司",
    district: "鼓楼区",
    capabilities: ["llm", "agent"],
    served: [["domain", "livelihood"], ["venue_type", "hospital"]],
    products: [["industry_model", "云启医疗大模型", "Jiangsu-Yunqi-202401010001"], ["agent", "云启导诊智能体"]],
  });
  synonymOnly = await insertVendor({ name: "南京语义科技有限公司", summary: "自研大语言模型，做医院导诊问答。", capabilities: ["nlp"] });
  unrelated = await insertVendor({ name: "江苏视界视觉技术有限公司", capabilities: ["cv"], products: [["smart_terminal", "AI视觉质检一体机"]] });
  unverified = await insertVendor({ name: "南京新来智能科技有限公司", verified: false, capabilities: ["llm", "agent"] });
  scenario = await insertScenario(
    db,
    { organisation_id: hospital, edition_id: editionId, title: "智能导诊大模型智能体", venue_type: "hospital", proposal_deadline: OPEN_UNTIL },
    ["llm", "agent"],
  );
  await reindexScenarios(db, engine);
  await reindexVendors(db, engine);
});

describe("vendors for a scenario", () => {
  it("ranks the tagged vendor first, then the one whose text names a synonym, never unverified or unrelated vendors", async () => {
    const matches = await matchVendorsForScenario(db, engine, scenario.id);
    expect(matches.map((m) => m.vendorId)).toEqual([exact, synonymOnly]);
    expect(matches.map((m) => m.vendorId)).not.toContain(unverified);
    expect(matches.map((m) => m.vendorId)).not.toContain(unrelated);

    const [first, second] = matches;
    expect(first!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["capability_exact", "same_district", "venue_served", "filed_model", "text"]));
    expect(first!.reasons.find((r) => r.code === "capability_exact")!.values.capabilities).toEqual(["llm", "agent"]);
    expect(first!.reasons.find((r) => r.code === "filed_model")!.values.names).toEqual(["云启医疗大模型"]);
    expect(first!.missing).toEqual([]);
    expect(second!.reasons.find((r) => r.code === "capability_synonym")!.values.capabilities).toEqual(["llm"]);
    expect(second!.missing).toEqual([{ code: "capability", values: { capabilities: ["agent"] } }, { code: "filed_model", values: {} }]);
  });

  it("still matches on database signals when the engine is down, with the same scores", async () => {
    const down: SearchEngine = { ...engine, searchVendors: () => Promise.reject(new SearchUnavailableError("down")) };
    const up = await matchVendorsForScenario(db, engine, scenario.id);
    const matches = await matchVendorsForScenario(db, down, scenario.id);
    // Shared capabilities, and the industry its text shows (医院导诊 → 卫生), are database signals.
    expect(matches.map((m) => m.vendorId)).toEqual([exact, synonymOnly]);
    expect(matches.map((m) => m.vendorId)).not.toContain(unrelated);
    // Text similarity comes from matching's own precomputed terms, not from the engine's score: the
    // engine only finds candidates, so a vendor scores the same whichever engine runs, or none.
    expect(matches.map((m) => m.points)).toEqual(up.map((m) => m.points));
  });
});

describe("scenarios for a vendor", () => {
  it("recommends open published scenarios only", async () => {
    const closed = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "智能体随访", proposal_deadline: "2026-11-01T09:00:00.000Z" }, ["agent"]);
    const draft = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, title: "大模型草稿", status: "draft" }, ["llm"]);
    await reindexScenarios(db, engine);
    const matches = await matchScenariosForVendor(db, engine, exact, { now: NOW });
    expect(matches.map((m) => m.scenarioId)).toEqual([scenario.id]);
    expect(matches.map((m) => m.scenarioId)).not.toContain(closed.id);
    expect(matches.map((m) => m.scenarioId)).not.toContain(draft.id);
    expect(matches[0]!.reasons[0]).toMatchObject({ code: "capability_exact", values: { capabilities: ["llm", "agent"] } });
    expect(await matchScenariosForVendor(db, engine, unverified, { now: NOW })).toEqual([]);
  });
});

describe("the APIs", () => {
  const get = async (loader: typeof scenarioMatches, url: string, params: Record<string, string>) => {
    const response = (await loader(routeArgs({ request: new Request(`http://localhost${url}`), params, context: {} }))) as Response;
    return { status: response.status, body: await response.json() };
  };

  it("answers a scenario's matches with codes and values", async () => {
    const { status, body } = await get(scenarioMatches, `/api/v1/scenarios/${scenario.code}/matches?limit=1`, { code: scenario.code! });
    expect(status).toBe(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: exact, name: "南京云启智能科技有限公司", missing: [] });
    expect(body.items[0].reasons).toContainEqual(expect.objectContaining({ code: "capability_exact", capabilities: ["llm", "agent"] }));
    expect((await get(scenarioMatches, "/api/v1/scenarios/NJ-2026-9999/matches", { code: "NJ-2026-9999" })).status).toBe(404);
    expect((await get(scenarioMatches, `/api/v1/scenarios/${scenario.code}/matches?limit=500`, { code: scenario.code! })).status).toBe(400);
  });

  it("answers a verified vendor's matches and 404 for an unverified one", async () => {
    const { status, body } = await get(vendorMatches, `/api/v1/vendors/${exact}/matches`, { id: String(exact) });
    expect(status).toBe(200);
    expect(body.vendor).toEqual({ id: exact, name: "南京云启智能科技有限公司" });
    expect((await get(vendorMatches, `/api/v1/vendors/${unverified}/matches`, { id: String(unverified) })).status).toBe(404);
    expect((await get(vendorMatches, `/api/v1/vendors/${hospital}/matches`, { id: String(hospital) })).status).toBe(404);
  });
});

describe("term rarity", () => {
  it("is updated in place when rows change and equals a full recount", async () => {
    await rebuildMatchFeatures(db);
    const stats = await termStats(db);
    await db.updateTable("organisations").set({ summary: "农业无人机植保巡检，农场病虫害识别。" }).where("id", "=", synonymOnly).execute();
    await refreshMatchFeatures(db, "vendor", [synonymOnly]);
    const words = ["农业", "无人机", "导诊", "大语言模型", "问答", "医院"];
    const updated = await termStats(db);
    expect(updated).toBe(stats); // no recount
    const inPlace = words.map((w) => updated.rarity(w));
    await rebuildMatchFeatures(db); // a rebuild counts again from the rows
    const recounted = await termStats(db);
    expect(recounted).not.toBe(stats);
    expect(recounted.documents).toBe(updated.documents);
    expect(words.map((w) => recounted.rarity(w))).toEqual(inPlace);
  });
});
