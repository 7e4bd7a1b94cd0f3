import { describe, expect, it } from "vitest";
import { parseScenarioQuery, serializeScenarioQuery } from "./scenario-query";

const parse = (qs: string) => parseScenarioQuery(new URLSearchParams(qs));

describe("parseScenarioQuery", () => {
  it("reads every parameter of the list", () => {
    const { query, problems } = parse(
      "q=医院&edition=2026&batch=2&domain=livelihood&domain=governance&district=鼓楼区&venue=hospital&mode=joint_build&tier=major&status=published&budgetMin=50&budgetMax=500&sort=budget&page=3",
    );
    expect(problems).toEqual([]);
    expect(query).toEqual({
      q: "医院",
      edition: 2026,
      batch: 2,
      filters: {
        domain: ["livelihood", "governance"],
        district: ["鼓楼区"],
        venue: ["hospital"],
        mode: ["joint_build"],
        tier: ["major"],
        // The old status code reads as the phase "open" (app/domain/public-phase.ts).
        status: ["open"],
      },
      budgetMin: 50,
      budgetMax: 500,
      sort: "budget",
      page: 3,
    });
  });

  it("defaults to newest without text and relevance with it", () => {
    expect(parse("").query.sort).toBe("newest");
    expect(parse("q=客服").query.sort).toBe("relevance");
    expect(parse("sort=relevance").query.sort).toBe("newest");
  });

  it("ignores unknown filter values and says so", () => {
    const { query, problems } = parse("domain=space&district=上海&status=draft");
    expect(query.filters.domain).toEqual([]);
    expect(query.filters.status).toEqual([]);
    expect(problems).toEqual([
      { param: "domain", code: "unknown_value", value: "space" },
      { param: "district", code: "unknown_value", value: "上海" },
      { param: "status", code: "unknown_value", value: "draft" },
    ]);
  });

  it.each(["-1", "0", "abc", "1.5", "100000"])("falls back to page 1 for page=%s", (page) => {
    const { query, problems } = parse(`page=${page}`);
    expect(query.page).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.param).toBe("page");
  });

  it("cuts an over-long query and reports it", () => {
    const { query, problems } = parse(`q=${"医".repeat(5000)}`);
    expect([...query.q]).toHaveLength(100);
    expect(problems).toEqual([{ param: "q", code: "too_long", value: "100" }]);
  });

  it("treats a query of only FTS syntax as no query", () => {
    const { query, problems } = parse(`q=${encodeURIComponent('" * ( ) : -')}`);
    expect(query.q).toBe("");
    expect(problems[0]).toMatchObject({ param: "q", code: "no_searchable_text" });
  });

  it("rejects bad numbers and swaps an inverted budget range", () => {
    expect(parse("budgetMin=abc").problems).toEqual([{ param: "budgetMin", code: "not_a_number", value: "abc" }]);
    const swapped = parse("budgetMin=500&budgetMax=50");
    expect([swapped.query.budgetMin, swapped.query.budgetMax]).toEqual([50, 500]);
    expect(swapped.problems[0]!.code).toBe("min_above_max");
  });

  it("needs an edition for a batch", () => {
    const { query, problems } = parse("batch=2");
    expect(query.batch).toBeNull();
    expect(problems[0]!.code).toBe("batch_without_edition");
  });

  it("round-trips through serializeScenarioQuery, leaving out defaults", () => {
    const qs = "q=LLM+医院&edition=2025&domain=livelihood&sort=budget&page=2";
    const { query } = parse(qs);
    expect(serializeScenarioQuery(query).toString()).toBe(new URLSearchParams(qs).toString());
    expect(serializeScenarioQuery(parse("").query).toString()).toBe("");
  });
});
