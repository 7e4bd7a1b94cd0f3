import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { action, loader } from "~/routes/admin.incentives";
import { loader as workspaceLoader } from "~/routes/pilots.$id";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// The office's incentives: the edition budget is never exceeded, also when grants race; redemptions
// never exceed the grant; every change leaves an audit row.

let db: DB;
let editionId: number;
let pilots: number[];
let cookies: Record<"admin" | "clerk" | "vendor" | "reviewer", string>;

const post = (cookie: string, form: Record<string, string>) =>
  settle(action(routeArgs({ request: request("/admin/incentives", { cookie, form }), params: {}, context: { clientAddress: "test" } })));
const granted = async () => {
  const rows = await db.selectFrom("incentives").where("edition_id", "=", editionId).select("amount_wan").execute();
  return rows.reduce((sum, r) => sum + r.amount_wan, 0);
};
const setBudget = (wan: number) => db.updateTable("editions").set({ incentive_budget_wan: wan }).where("id", "=", editionId).execute();

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  ({ editionId } = await insertEdition(db, 2026, 1));
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  pilots = [];
  for (let i = 0; i < 4; i++) {
    const s = await insertScenario(db, { organisation_id: hospital, edition_id: editionId, status: "piloting" });
    pilots.push((await db.insertInto("pilots").values({ scenario_id: s.id, vendor_id: vendor, started_at: "2026-11-01T02:00:00.000Z" }).returning("id").executeTakeFirstOrThrow()).id);
  }
  const users = [
    ["admin", "office@ai.example", "admin", null],
    ["clerk", "clerk@hospital.example", "demand_member", hospital],
    ["vendor", "a@yunqi.example", "vendor_member", vendor],
    ["reviewer", "expert@review.example", "reviewer", null],
  ] as const;
  cookies = {} as typeof cookies;
  for (const [who, email, role, org] of users) {
    await db.insertInto("users").values({ email, name: who, role, organisation_id: org }).execute();
    cookies[who] = await cookieFor(db, email);
  }
});

describe("the incentive budget", () => {
  it("is for the office only", async () => {
    for (const who of ["clerk", "vendor", "reviewer"] as const) {
      expect((await settle(loader(routeArgs({ request: request("/admin/incentives", { cookie: cookies[who] }), params: {}, context: {} })))).status).toBe(403);
      expect((await post(cookies[who], { intent: "grant", pilotId: String(pilots[0]), kind: "subsidy", amountWan: "1" })).status).toBe(403);
    }
    expect((await settle(loader(routeArgs({ request: request("/admin/incentives"), params: {}, context: {} })))).status).toBe(302);
    expect(await granted()).toBe(0);
  });

  it("refuses a grant beyond what is left, saying how much is left", async () => {
    expect((await post(cookies.admin, { intent: "budget", editionId: String(editionId), budgetWan: "100" })).status).toBe(200);
    expect((await post(cookies.admin, { intent: "grant", pilotId: String(pilots[0]), kind: "compute_voucher", amountWan: "60" })).status).toBe(200);
    const over = await post(cookies.admin, { intent: "grant", pilotId: String(pilots[1]), kind: "subsidy", amountWan: "40.5" });
    expect(over.status).toBe(409);
    expect(over.body.result.error[""]).toEqual(["incentives.problem.over_budget?left=40"]);
    expect(over.body.result.initialValue).toMatchObject({ pilotId: String(pilots[1]), amountWan: "40.5" });
    expect((await post(cookies.admin, { intent: "grant", pilotId: String(pilots[1]), kind: "subsidy", amountWan: "40" })).status).toBe(200);
    expect(await granted()).toBe(100);
    const page = (await settle(loader(routeArgs({ request: request("/admin/incentives", { cookie: cookies.admin }), params: {}, context: {} })))).body;
    expect(page.editions[0]).toMatchObject({ incentive_budget_wan: 100, granted_wan: 100, pilots: 4 });
    expect(page.year).toBe(2026);
    expect(page.pilots.map((p: { id: number }) => p.id).sort()).toEqual([...pilots].sort());
    const otherYear = (await settle(loader(routeArgs({ request: request("/admin/incentives?year=2025", { cookie: cookies.admin }), params: {}, context: {} })))).body;
    expect(otherYear.pilots).toHaveLength(4);
  });

  it("never grants more than the budget when grants arrive at the same time", async () => {
    await setBudget(100);
    const amounts = ["30", "30", "30", "30", "30", "30"];
    const results = await Promise.all(amounts.map((amountWan, i) =>
      post(cookies.admin, { intent: "grant", pilotId: String(pilots[i % pilots.length]), kind: i % 2 ? "subsidy" : "compute_voucher", amountWan })));
    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 409);
    expect(accepted).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.body.result.error[""]).toEqual(["incentives.problem.over_budget?left=10"]);
    expect(await granted()).toBe(90);
    const audit = await db.selectFrom("audit_log").where("action", "=", "incentive.grant").select("after_json").execute();
    expect(audit).toHaveLength(3);
  });

  it("refuses a budget lower than what is already granted", async () => {
    await setBudget(100);
    await post(cookies.admin, { intent: "grant", pilotId: String(pilots[0]), kind: "subsidy", amountWan: "70" });
    const lowered = await post(cookies.admin, { intent: "budget", editionId: String(editionId), budgetWan: "50" });
    expect(lowered.status).toBe(409);
    expect(lowered.body.result.error[""]).toEqual(["incentives.problem.below_granted?granted=70"]);
    expect(lowered.body.result.initialValue.budgetWan).toBe("50");
    expect((await db.selectFrom("editions").where("id", "=", editionId).select("incentive_budget_wan").executeTakeFirstOrThrow()).incentive_budget_wan).toBe(100);
    expect((await post(cookies.admin, { intent: "budget", editionId: String(editionId), budgetWan: "70" })).status).toBe(200);
    const audit = await db.selectFrom("audit_log").where("action", "=", "edition.incentive_budget").select(["before_json", "after_json"]).execute();
    expect(audit).toEqual([{ before_json: JSON.stringify({ budgetWan: 100 }), after_json: JSON.stringify({ budgetWan: 70 }) }]);
  });

  it("rejects amounts that are not positive with at most two decimals", async () => {
    await setBudget(100);
    for (const amountWan of ["0", "-5", "abc", "1.234"]) {
      const bad = await post(cookies.admin, { intent: "grant", pilotId: String(pilots[0]), kind: "subsidy", amountWan });
      expect(bad.status, amountWan).toBe(400);
      expect(bad.body.result.error.amountWan).toEqual(["pilots.error.amount"]);
    }
    expect(await granted()).toBe(0);
  });
});

describe("redemptions", () => {
  it("add up on the grant and never exceed it; the pair sees them in the workspace", async () => {
    await setBudget(100);
    await post(cookies.admin, { intent: "grant", pilotId: String(pilots[0]), kind: "compute_voucher", amountWan: "20" });
    const incentive = await db.selectFrom("incentives").select("id").executeTakeFirstOrThrow();
    expect((await post(cookies.admin, { intent: "redeem", incentiveId: String(incentive.id), amountWan: "12.5", note: "GPU 时长" })).status).toBe(200);
    const over = await post(cookies.admin, { intent: "redeem", incentiveId: String(incentive.id), amountWan: "8", note: "" });
    expect(over.status).toBe(409);
    expect(over.body.result.error[""]).toEqual(["incentives.problem.over_granted?left=7.5"]);
    const racing = await Promise.all([1, 2, 3].map(() => post(cookies.admin, { intent: "redeem", incentiveId: String(incentive.id), amountWan: "3" })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 409]);
    const row = await db.selectFrom("incentives").where("id", "=", incentive.id).select(["amount_wan", "redeemed_wan"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ amount_wan: 20, redeemed_wan: 18.5 });
    const sum = await db.selectFrom("incentive_redemptions").where("incentive_id", "=", incentive.id).select((eb) => eb.fn.sum<number>("amount_wan").as("s")).executeTakeFirstOrThrow();
    expect(sum.s).toBe(18.5);
    expect(await db.selectFrom("audit_log").where("action", "=", "incentive.redeem").selectAll().execute()).toHaveLength(3);

    const workspace = await settle(workspaceLoader(routeArgs({ request: request(`/pilots/${pilots[0]}`, { cookie: cookies.vendor }), params: { id: String(pilots[0]) }, context: {} })));
    expect(workspace.body.incentives).toEqual([expect.objectContaining({ kind: "compute_voucher", amount_wan: 20, redeemed_wan: 18.5, redemptions: expect.any(Array) })]);
    expect(workspace.body.incentives[0].redemptions.map((r: { amount_wan: number }) => r.amount_wan)).toEqual([12.5, 3, 3]);
  });
});
