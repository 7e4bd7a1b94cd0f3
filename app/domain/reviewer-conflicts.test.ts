import { describe, expect, it } from "vitest";
import { conflictReasons, isExcluded, type ConflictFacts } from "./reviewer-conflicts";

const pair = { vendor: { id: 20, name: "南京云启智能科技有限公司" }, demand: { id: 10, name: "南京市鼓楼医院" } };
const facts = (over: Partial<ConflictFacts> = {}): ConflictFacts => ({ organisationId: null, ties: [], declaredReason: null, ...over });

describe("reviewer conflicts", () => {
  it("leaves a reviewer with no tie eligible", () => {
    const reasons = conflictReasons(pair, facts({ organisationId: 99, ties: [{ kind: "proposal", organisationIds: [30, 40], scenario: "NJ-2026-0001" }] }));
    expect(reasons).toEqual([]);
    expect(isExcluded(reasons)).toBe(false);
  });

  it("excludes members of either organisation", () => {
    expect(conflictReasons(pair, facts({ organisationId: 20 }))).toEqual([{ kind: "member", side: "vendor", organisation: "南京云启智能科技有限公司" }]);
    expect(conflictReasons(pair, facts({ organisationId: 10 }))).toEqual([{ kind: "member", side: "demand", organisation: "南京市鼓楼医院" }]);
  });

  it("excludes a reviewer who submitted a proposal for the vendor or on a scenario of the demand side", () => {
    expect(conflictReasons(pair, facts({ ties: [{ kind: "proposal", organisationIds: [20, 77], scenario: "NJ-2025-0012" }] }))).toEqual([
      { kind: "proposal", side: "vendor", organisation: "南京云启智能科技有限公司", scenario: "NJ-2025-0012" },
    ]);
    expect(conflictReasons(pair, facts({ ties: [{ kind: "proposal", organisationIds: [55, 10], scenario: "NJ-2025-0013" }] }))).toEqual([
      { kind: "proposal", side: "demand", organisation: "南京市鼓楼医院", scenario: "NJ-2025-0013" },
    ]);
  });

  it("excludes a reviewer who worked on a pilot or submitted a benchmark application with either side", () => {
    const reasons = conflictReasons(pair, facts({
      ties: [
        { kind: "application", organisationIds: [20, 66], scenario: "NJ-2025-0100" },
        { kind: "pilot", organisationIds: [88, 10], scenario: "NJ-2025-0200" },
      ],
    }));
    expect(reasons).toEqual([
      { kind: "pilot", side: "demand", organisation: "南京市鼓楼医院", scenario: "NJ-2025-0200" },
      { kind: "application", side: "vendor", organisation: "南京云启智能科技有限公司", scenario: "NJ-2025-0100" },
    ]);
    expect(isExcluded(reasons)).toBe(true);
  });

  it("gives one reason per record, named by the vendor when it involves both sides, and repeats nothing", () => {
    const tie = { kind: "proposal" as const, organisationIds: [20, 10], scenario: "NJ-2026-0137" };
    expect(conflictReasons(pair, facts({ ties: [tie, tie, { ...tie, kind: "pilot" }] }))).toEqual([
      { kind: "proposal", side: "vendor", organisation: "南京云启智能科技有限公司", scenario: "NJ-2026-0137" },
      { kind: "pilot", side: "vendor", organisation: "南京云启智能科技有限公司", scenario: "NJ-2026-0137" },
    ]);
  });

  it("lists a declared conflict last, with the reviewer's reason, even an empty one", () => {
    expect(conflictReasons(pair, facts({ organisationId: 10, declaredReason: " 曾任该院顾问 " }))).toEqual([
      { kind: "member", side: "demand", organisation: "南京市鼓楼医院" },
      { kind: "declared", reason: "曾任该院顾问" },
    ]);
    expect(isExcluded(conflictReasons(pair, facts({ declaredReason: "" })))).toBe(true);
  });
});
