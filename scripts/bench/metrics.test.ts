import { describe, expect, it } from "vitest";
import { hitAt, mean, ndcgAt, percentile, precisionAt } from "./metrics";

const relevant = new Set(["a", "b", "c"]);

describe("precision@k", () => {
  it("counts the relevant items among the first k", () => {
    expect(precisionAt(["a", "x", "b", "y", "z", "c"], relevant, 5)).toBe(2 / 5);
    expect(precisionAt(["a", "b", "c", "x", "y"], relevant, 5)).toBe(3 / 5);
    expect(precisionAt(["x", "y", "z"], relevant, 5)).toBe(0);
  });

  it("treats a short list's empty places as misses", () => {
    expect(precisionAt(["a"], relevant, 5)).toBe(1 / 5);
    expect(precisionAt([], relevant, 5)).toBe(0);
  });
});

describe("nDCG@k", () => {
  it("is 1 for the ideal order and less when relevant items sit lower", () => {
    expect(ndcgAt(["a", "b", "c", "x"], relevant, 10)).toBeCloseTo(1, 10);
    expect(ndcgAt(["b", "c", "a"], relevant, 10)).toBeCloseTo(1, 10);
    const late = ndcgAt(["x", "y", "a", "b", "c"], relevant, 10);
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(1);
  });

  it("matches the formula on a worked example", () => {
    // relevant at ranks 2 and 4 of three relevant: (1/log2 3 + 1/log2 5) / (1 + 1/log2 3 + 1/log2 4)
    const expected = (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3) + 1 / Math.log2(4));
    expect(ndcgAt(["x", "a", "y", "b"], relevant, 10)).toBeCloseTo(expected, 12);
  });

  it("ignores what lies below k and caps the ideal at k", () => {
    expect(ndcgAt(["x", "y", "a"], relevant, 2)).toBe(0);
    // k = 1: one relevant item on top is already ideal.
    expect(ndcgAt(["c", "x"], relevant, 1)).toBe(1);
  });

  it("credits a repeated item once and gives 0 with nothing to find", () => {
    expect(ndcgAt(["a", "a", "a"], relevant, 10)).toBeCloseTo(1 / (1 + 1 / Math.log2(3) + 1 / Math.log2(4)), 12);
    expect(ndcgAt(["a"], new Set<string>(), 10)).toBe(0);
  });
});

describe("helpers", () => {
  it("hit@k, mean and nearest-rank percentiles", () => {
    expect(hitAt(["x", "y", "z", "w", "v", "a"], relevant, 5)).toBe(false);
    expect(hitAt(["x", "y", "z", "w", "a"], relevant, 5)).toBe(true);
    expect(mean([1, 2, 3, 6])).toBe(3);
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
  });
});
