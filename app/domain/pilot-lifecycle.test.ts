import { describe, expect, it } from "vitest";
import { canEditWorkspace, checkBudget, checkGrant, checkPilotAction, checkRedemption, kpiReached, sideOf } from "./pilot-lifecycle";

const pair = { demandOrganisationId: 10, vendorId: 20 };
const facts = (over: Partial<Parameters<typeof checkPilotAction>[2]> = {}) => ({ pilotStatus: "active" as const, scenarioStatus: "piloting" as const, measuredKpis: 1, ...over });

describe("who is who in a pilot", () => {
  it("tells the two sides of the pair, the office and everyone else apart", () => {
    expect(sideOf({ role: "demand_member", organisationId: 10 }, pair)).toBe("demand");
    expect(sideOf({ role: "vendor_member", organisationId: 20 }, pair)).toBe("vendor");
    expect(sideOf({ role: "admin", organisationId: null }, pair)).toBe("office");
    expect(sideOf({ role: "demand_member", organisationId: 11 }, pair)).toBe("none");
    expect(sideOf({ role: "vendor_member", organisationId: 21 }, pair)).toBe("none");
    expect(sideOf({ role: "vendor_member", organisationId: 10 }, pair)).toBe("none");
    expect(sideOf({ role: "reviewer", organisationId: null }, pair)).toBe("none");
  });

  it("lets both sides edit the workspace while the pilot is active, never the office", () => {
    expect(canEditWorkspace("demand", "active")).toBe(true);
    expect(canEditWorkspace("vendor", "active")).toBe(true);
    expect(canEditWorkspace("office", "active")).toBe(false);
    expect(canEditWorkspace("demand", "completed")).toBe(false);
    expect(canEditWorkspace("vendor", "ended")).toBe(false);
  });
});

describe("pilot moves", () => {
  it("starts only a matched scenario's active pilot, by the demand side", () => {
    expect(checkPilotAction("start", "demand", facts({ scenarioStatus: "matched" }))).toEqual({ ok: true });
    expect(checkPilotAction("start", "vendor", facts({ scenarioStatus: "matched" }))).toEqual({ ok: false, refusal: "not_allowed" });
    expect(checkPilotAction("start", "office", facts({ scenarioStatus: "matched" }))).toEqual({ ok: false, refusal: "not_allowed" });
    expect(checkPilotAction("start", "demand", facts())).toEqual({ ok: false, refusal: "not_matched" });
  });

  it("completes a running pilot once a KPI has been measured", () => {
    expect(checkPilotAction("complete", "demand", facts())).toEqual({ ok: true });
    expect(checkPilotAction("complete", "demand", facts({ measuredKpis: 0 }))).toEqual({ ok: false, refusal: "no_measurement" });
    expect(checkPilotAction("complete", "demand", facts({ scenarioStatus: "matched" }))).toEqual({ ok: false, refusal: "not_started" });
    expect(checkPilotAction("complete", "demand", facts({ pilotStatus: "completed" }))).toEqual({ ok: false, refusal: "not_active" });
  });

  it("ends a running pilot only with a reason", () => {
    expect(checkPilotAction("end", "demand", facts(), "医院信息系统改造，无法继续")).toEqual({ ok: true });
    expect(checkPilotAction("end", "demand", facts(), "  ")).toEqual({ ok: false, refusal: "reason_required" });
    expect(checkPilotAction("end", "demand", facts({ pilotStatus: "ended" }), "x")).toEqual({ ok: false, refusal: "not_active" });
    expect(checkPilotAction("end", "vendor", facts(), "x")).toEqual({ ok: false, refusal: "not_allowed" });
  });
});

describe("KPIs and money", () => {
  it("reads a KPI's direction", () => {
    expect(kpiReached({ target: 90, measured: 92, higherIsBetter: true })).toBe(true);
    expect(kpiReached({ target: 90, measured: 85, higherIsBetter: true })).toBe(false);
    expect(kpiReached({ target: 5, measured: 4, higherIsBetter: false })).toBe(true);
    expect(kpiReached({ target: 5, measured: null, higherIsBetter: false })).toBeNull();
  });

  it("keeps grants within the budget, redemptions within the grant, and budgets above what is granted", () => {
    expect(checkGrant(100, 70, 30)).toEqual({ ok: true });
    expect(checkGrant(100, 70, 30.01)).toEqual({ ok: false, refusal: "over_budget", leftWan: 30 });
    expect(checkGrant(0.3, 0.1, 0.2)).toEqual({ ok: true });
    expect(checkRedemption(10, 9.5, 0.5)).toEqual({ ok: true });
    expect(checkRedemption(10, 9.5, 0.6)).toEqual({ ok: false, refusal: "over_granted", leftWan: 0.5 });
    expect(checkBudget(70, 70)).toEqual({ ok: true });
    expect(checkBudget(69.99, 70)).toEqual({ ok: false, refusal: "below_granted", grantedWan: 70 });
  });
});
