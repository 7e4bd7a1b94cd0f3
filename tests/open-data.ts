import { expect } from "vitest";
import type { DB } from "~/db/db.server";
import type { NewScenario } from "~/db/schema";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "./fixtures";

// Scenarios at each stage of their life, with what each stage brings (proposals, a selected vendor,
// a pilot, a certified benchmark with KPIs), for the open data tests.

export type Stage = "published" | "amended" | "matched" | "piloting" | "benchmark" | "closed" | "closedAfterPilot";

export interface World {
  editionId: number;
  batchId: number;
  hospital: number;
  vendor: number;
  otherVendor: number;
}

export async function openDataWorld(db: DB): Promise<World> {
  await insertCapabilities(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 2);
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  const otherVendor = await insertOrganisation(db, "江苏智行数据有限公司", "vendor");
  return { editionId, batchId: batchIds[1]!, hospital, vendor, otherVendor };
}

let benchmarkCounter = 0;

export async function scenarioAt(db: DB, w: World, stage: Stage, fields: Partial<NewScenario> = {}) {
  const status = stage === "amended" ? "published" : stage === "closedAfterPilot" ? "closed" : stage;
  const scenario = await insertScenario(db, {
    edition_id: w.editionId,
    batch_id: w.batchId,
    organisation_id: w.hospital,
    title: `智能导诊（${stage}）`,
    description: "门诊导诊。",
    requirements: "对接 HIS 系统。",
    acceptance_criteria: "准确率不低于 90%。",
    venue_type: "hospital",
    contact_phone: "025-83271234",
    contact_email: "it@example.org",
    period_start: "2027-01-01",
    period_end: "2027-12-31",
    proposal_deadline: "2026-04-30T09:00:00.000Z",
    status,
    ...fields,
  }, ["llm", "agent"]);
  const at = (day: string) => `2026-${day}T02:00:00.000Z`;
  await db.insertInto("scenario_status_history").values([
    { scenario_id: scenario.id, from_status: "approved", to_status: "published", reason: "随第二批发布", created_at: at("03-15") },
  ]).execute();
  if (stage === "amended") {
    await db.insertInto("scenario_amendments").values({
      scenario_id: scenario.id, number: 1, reason: "补充数据说明", changes_json: JSON.stringify([{ field: "description", before: "a", after: "b" }]),
      material: 1, deadline_before: "2026-04-30T09:00:00.000Z", deadline_after: "2026-04-30T09:00:00.000Z", created_at: at("04-01"),
    }).execute();
  }
  const awarded = ["matched", "piloting", "benchmark", "closedAfterPilot"].includes(stage);
  const chosen = await db.insertInto("proposals").values({
    scenario_id: scenario.id, vendor_id: w.vendor, status: awarded ? "selected" : stage === "closed" ? "declined" : "submitted",
    approach: "密封的方案内容", price_wan: 88, submitted_at: at("04-10"), decided_at: awarded ? at("05-06") : null,
  }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("proposals").values({
    scenario_id: scenario.id, vendor_id: w.otherVendor, status: awarded || stage === "closed" ? "declined" : "submitted",
    approach: "另一份方案", price_wan: 95, submitted_at: at("04-12"),
  }).execute();

  if (["piloting", "benchmark", "closedAfterPilot"].includes(stage)) {
    const pilot = await db.insertInto("pilots").values({
      scenario_id: scenario.id, proposal_id: chosen.id, vendor_id: w.vendor,
      status: stage === "piloting" ? "active" : stage === "benchmark" ? "completed" : "ended",
      started_at: at("06-01"), ended_at: stage === "piloting" ? null : at("10-30"),
    }).returning("id").executeTakeFirstOrThrow();
    if (stage === "benchmark") {
      await db.insertInto("pilot_kpis").values({ pilot_id: pilot.id, name: "导诊准确率", unit: "%", baseline: 70, target: 90, measured: 93 }).execute();
      benchmarkCounter++;
      await db.insertInto("benchmark_applications").values({
        pilot_id: pilot.id, scenario_id: scenario.id, status: "certified", narrative: "成效显著。", mean_score: 84.5,
        notice_starts_at: at("11-02"), notice_ends_at: at("11-09"), certified_at: at("11-10"),
        benchmark_number: `BM-2026-${String(benchmarkCounter).padStart(4, "0")}`,
      }).execute();
    }
  }
  return scenario as { id: number; code: string };
}

/** A JSON API answer as a client sees it: status, parsed body, headers. */
export async function apiResult(result: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await result;
  if (!(response instanceof Response)) throw new Error(`expected a Response, got ${JSON.stringify(response)?.slice(0, 80)}`);
  expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  return { status: response.status, body: await response.json(), headers: response.headers };
}
