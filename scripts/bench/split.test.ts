import { describe, expect, it } from "vitest";
import { MATCH_LABELS } from "./match-labels";
import { fnv1a, inSplit, splitLabels } from "./split";

describe("the tuning / held-out split of the labelled set", () => {
  it("is deterministic and does not depend on the order of the set", () => {
    const forward = splitLabels(MATCH_LABELS);
    const backward = splitLabels([...MATCH_LABELS].reverse());
    expect([...forward].sort()).toEqual([...backward].sort());
    expect(fnv1a("NJ-2026-0056")).toBe(fnv1a("NJ-2026-0056"));
  });

  it("puts every scenario in exactly one half, halves of near equal size", () => {
    const tuning = inSplit(MATCH_LABELS, "tuning");
    const heldOut = inSplit(MATCH_LABELS, "held-out");
    expect(tuning.length + heldOut.length).toBe(MATCH_LABELS.length);
    expect(tuning.filter((l) => heldOut.includes(l))).toEqual([]);
    expect(Math.abs(tuning.length - heldOut.length)).toBeLessThanOrEqual(3);
    expect(inSplit(MATCH_LABELS, "all")).toHaveLength(MATCH_LABELS.length);
  });

  it("gives both halves product-fit and few-vendors scenarios", () => {
    for (const half of ["tuning", "held-out"] as const) {
      const members = inSplit(MATCH_LABELS, half);
      expect(members.filter((l) => l.tag === "product-fit").length).toBeGreaterThanOrEqual(3);
      expect(members.filter((l) => l.tag === "few-vendors").length).toBeGreaterThanOrEqual(5);
    }
  });
});
