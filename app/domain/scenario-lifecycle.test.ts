import { describe, expect, it } from "vitest";
import {
  availableActions,
  isPublicStatus,
  SCENARIO_ACTIONS,
  SCENARIO_STATUSES,
  transition,
  type ActorRole,
  type ScenarioAction,
  type ScenarioStatus,
} from "./scenario-lifecycle";

// The lifecycle of DESIGN.md written out as a table: [from, action, to, who may].
const LEGAL: [ScenarioStatus, ScenarioAction, ScenarioStatus, ActorRole][] = [
  ["draft", "submit", "submitted", "owner"],
  ["returned", "submit", "submitted", "owner"],
  ["submitted", "return", "returned", "reviewer"],
  ["submitted", "approve", "approved", "reviewer"],
  ["approved", "publish", "published", "admin"],
  ["published", "match", "matched", "owner"],
  ["matched", "start_pilot", "piloting", "system"],
  ["piloting", "certify", "benchmark", "system"],
  ["published", "close", "closed", "owner"],
  ["piloting", "close", "closed", "admin"],
  ["draft", "withdraw", "withdrawn", "owner"],
  ["submitted", "withdraw", "withdrawn", "owner"],
  ["returned", "withdraw", "withdrawn", "owner"],
  ["approved", "withdraw", "withdrawn", "owner"],
  ["published", "withdraw", "withdrawn", "owner"],
];

describe("scenario lifecycle", () => {
  it.each(LEGAL)("%s --%s--> %s", (from, action, to, role) => {
    expect(transition(from, action, { role, reason: "理由" })).toEqual({ ok: true, to });
  });

  it("refuses every other (status, action) pair as illegal", () => {
    const legal = new Set(LEGAL.map(([from, action]) => `${from}:${action}`));
    let refused = 0;
    for (const from of SCENARIO_STATUSES) {
      for (const action of SCENARIO_ACTIONS) {
        if (legal.has(`${from}:${action}`)) continue;
        for (const role of ["owner", "reviewer", "admin", "system"] as const) {
          expect(transition(from, action, { role, reason: "理由" })).toEqual({
            ok: false,
            refusal: { code: "illegal_transition", from, action },
          });
        }
        refused++;
      }
    }
    expect(refused).toBe(SCENARIO_STATUSES.length * SCENARIO_ACTIONS.length - LEGAL.length);
  });

  it("lets only the right role take a step", () => {
    expect(transition("submitted", "approve", { role: "owner" })).toEqual({
      ok: false,
      refusal: { code: "not_allowed_for_role", role: "owner", action: "approve" },
    });
    expect(transition("approved", "publish", { role: "reviewer" })).toMatchObject({ ok: false });
    expect(transition("draft", "submit", { role: "admin" })).toMatchObject({ ok: false });
  });

  it("requires a reason to return, close or withdraw", () => {
    expect(transition("submitted", "return", { role: "reviewer", reason: "  " })).toEqual({
      ok: false,
      refusal: { code: "reason_required", action: "return" },
    });
    expect(transition("published", "close", { role: "owner" })).toMatchObject({ ok: false });
    expect(transition("draft", "withdraw", { role: "owner", reason: "不再需要" })).toEqual({ ok: true, to: "withdrawn" });
  });

  it("cannot withdraw once a vendor is matched", () => {
    for (const from of ["matched", "piloting", "benchmark"] as const) {
      expect(transition(from, "withdraw", { role: "owner", reason: "x" })).toMatchObject({ ok: false });
    }
  });

  it("knows which statuses are public and which are final", () => {
    expect(SCENARIO_STATUSES.filter(isPublicStatus)).toEqual(["published", "matched", "piloting", "benchmark", "closed"]);
    expect(availableActions("benchmark")).toEqual([]);
    expect(availableActions("closed")).toEqual([]);
    expect(availableActions("withdrawn")).toEqual([]);
    expect(availableActions("submitted").sort()).toEqual(["approve", "return", "withdraw"]);
  });
});
