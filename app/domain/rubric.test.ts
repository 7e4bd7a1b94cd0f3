import { describe, expect, it } from "vitest";
import { checkRubric, criterionLabel, DEFAULT_RUBRIC, OUTLIER_POINTS, parseRubric, scoreSheet, summariseReview, type Criterion } from "./rubric";

const rubric = (...weights: number[]): Criterion[] => weights.map((weight, i) => ({ key: `c${i + 1}`, zh: `标准${i + 1}`, en: `Criterion ${i + 1}`, weight }));

describe("checkRubric", () => {
  it("accepts the default rubric: five criteria summing to 100", () => {
    expect(checkRubric(DEFAULT_RUBRIC)).toEqual([]);
    expect(DEFAULT_RUBRIC.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });

  it("says by how much the weights miss 100", () => {
    expect(checkRubric(rubric(50, 40))).toEqual([{ code: "rubric_sum", sum: 90 }]);
    expect(checkRubric(rubric(60, 50))).toEqual([{ code: "rubric_sum", sum: 110 }]);
  });

  it("wants 2 to 10 criteria", () => {
    expect(checkRubric(rubric(100))).toEqual([{ code: "rubric_count", min: 2, max: 10 }]);
    expect(checkRubric(rubric(...Array<number>(10).fill(9), 10))).toEqual([{ code: "rubric_count", min: 2, max: 10 }]);
    expect(checkRubric(rubric(...Array<number>(10).fill(10)))).toEqual([]);
  });

  it("points at the criterion with a bad key, a repeated key, a missing label or a bad weight", () => {
    const bad: Criterion[] = [
      { key: "Impact", zh: "应用成效", en: "Impact", weight: 30 },
      { key: "scope", zh: "", en: "Scope", weight: 20 },
      { key: "scope", zh: "范围", en: "Scope", weight: 20 },
      { key: "safety", zh: "安全", en: " ", weight: 12.5 },
      { key: "cost", zh: "成本", en: "Cost", weight: 0 },
    ];
    expect(checkRubric(bad)).toEqual([
      { code: "rubric_key", index: 0 },
      { code: "rubric_label", index: 1 },
      { code: "rubric_duplicate", key: "scope", index: 2 },
      { code: "rubric_label", index: 3 },
      { code: "rubric_weight", index: 3 },
      { code: "rubric_weight", index: 4 },
      { code: "rubric_sum", sum: 82.5 },
    ]);
  });
});

describe("parseRubric", () => {
  it("gives a copy of the default for null, which the caller may change without changing the default", () => {
    const copy = parseRubric(null);
    expect(copy).toEqual(DEFAULT_RUBRIC);
    copy[0]!.weight = 1;
    expect(DEFAULT_RUBRIC[0]!.weight).toBe(30);
    expect(Object.isFrozen(DEFAULT_RUBRIC[0])).toBe(true);
  });

  it("reads a stored rubric and keeps only the criterion fields", () => {
    const stored = JSON.stringify([{ key: "a", zh: "甲", en: "A", weight: 60, extra: true }, { key: "b", zh: "乙", en: "B", weight: 40 }]);
    expect(parseRubric(stored)).toEqual([{ key: "a", zh: "甲", en: "A", weight: 60 }, { key: "b", zh: "乙", en: "B", weight: 40 }]);
  });

  it("refuses a stored rubric that breaks the rules or is not a list of criteria, with its own message", () => {
    expect(() => parseRubric(JSON.stringify(rubric(50, 40)))).toThrow("stored rubric is invalid");
    expect(() => parseRubric("[null, 3]")).toThrow("stored rubric is invalid");
    expect(() => parseRubric('{"key":"a"}')).toThrow("stored rubric is invalid");
    expect(() => parseRubric('[{"key":"a","weight":50},{"key":"b","weight":50}]')).toThrow("stored rubric is invalid");
  });

  it("names a criterion in the reader's language", () => {
    expect(criterionLabel(DEFAULT_RUBRIC[0]!, "zh")).toBe("应用成效");
    expect(criterionLabel(DEFAULT_RUBRIC[0]!, "en")).toBe("Measured impact");
  });
});

describe("scoreSheet", () => {
  it("adds up a complete sheet with half points", () => {
    expect(scoreSheet(DEFAULT_RUBRIC, { impact: 27.5, innovation: 16, replicability: 18, maturity: 12.5, safety: 14 })).toEqual({ ok: true, total: 88 });
    expect(scoreSheet(DEFAULT_RUBRIC, { impact: 0, innovation: 0, replicability: 0, maturity: 0, safety: 0 })).toEqual({ ok: true, total: 0 });
    expect(scoreSheet(DEFAULT_RUBRIC, { impact: 30, innovation: 20, replicability: 20, maturity: 15, safety: 15 })).toEqual({ ok: true, total: 100 });
  });

  it("names every criterion that is missing, above its weight, negative or not in halves", () => {
    const result = scoreSheet(DEFAULT_RUBRIC, { impact: 31, innovation: -1, replicability: 10.25, maturity: Number.NaN });
    expect(result).toEqual({
      ok: false,
      problems: [
        { key: "impact", code: "score_range", max: 30 },
        { key: "innovation", code: "score_range", max: 20 },
        { key: "replicability", code: "score_range", max: 20 },
        { key: "maturity", code: "score_missing", max: 15 },
        { key: "safety", code: "score_missing", max: 15 },
      ],
    });
  });

  it("reads only the sheet's own scores, also for a criterion named like an object property", () => {
    const odd: Criterion[] = [{ key: "constructor", zh: "构造", en: "Build", weight: 50 }, { key: "tostring", zh: "表述", en: "Wording", weight: 50 }];
    expect(scoreSheet(odd, { tostring: 40 })).toEqual({ ok: false, problems: [{ key: "constructor", code: "score_missing", max: 50 }] });
    expect(scoreSheet(odd, { constructor: 45, tostring: 40 })).toEqual({ ok: true, total: 85 });
  });
});

describe("summariseReview", () => {
  it("gives the mean, range, spread and population standard deviation", () => {
    expect(summariseReview([80, 84, 88], 75)).toEqual({ count: 3, mean: 84, min: 80, max: 88, spread: 8, stdDev: 3.3, passes: true, outliers: [] });
  });

  it("says nothing passes without sheets", () => {
    expect(summariseReview([], 75)).toEqual({ count: 0, mean: null, min: null, max: null, spread: null, stdDev: null, passes: false, outliers: [] });
  });

  it("passes at exactly the pass mark and fails just below it; a custom pass mark is honoured", () => {
    expect(summariseReview([75, 75, 75], 75).passes).toBe(true);
    expect(summariseReview([74.5, 75, 75], 75)).toMatchObject({ mean: 74.8, passes: false });
    expect(summariseReview([80, 82, 84], 85)).toMatchObject({ mean: 82, passes: false });
    expect(summariseReview([80, 82, 84], 80)).toMatchObject({ mean: 82, passes: true });
  });

  it("decides on the mean as shown, so the published score and the decision never disagree", () => {
    // 449.75 / 6 = 74.958…, shown and stored as 75.0: it passes a mark of 75.
    const totals = [75, 75, 75, 75, 75, 74.75];
    expect(summariseReview(totals, 75)).toMatchObject({ mean: 75, passes: true });
    // 448.5 / 6 = 74.75, shown as 74.8: it fails.
    expect(summariseReview([75, 75, 75, 75, 74, 74.5], 75)).toMatchObject({ mean: 74.8, passes: false });
  });

  it("flags a sheet at least OUTLIER_POINTS from the mean of the others, and only with three sheets or more", () => {
    expect(summariseReview([85, 86, 60], 75).outliers).toEqual([2]);
    expect(summariseReview([80, 82, 80 + OUTLIER_POINTS + 1], 75).outliers).toEqual([2]);
    expect(summariseReview([80, 80, 80 + OUTLIER_POINTS - 0.5], 75).outliers).toEqual([]);
    expect(summariseReview([80, 80, 80 + OUTLIER_POINTS], 75).outliers).toEqual([2]);
    expect(summariseReview([90, 40], 75).outliers).toEqual([]);
  });
});
