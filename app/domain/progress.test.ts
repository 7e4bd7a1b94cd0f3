import { describe, expect, it } from "vitest";
import { cumulativeByMonth, funnel, median, projectBenchmarks } from "./progress";

const now = new Date("2026-12-31T00:00:00+08:00");
const days = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

describe("benchmark projection", () => {
  it("projects the last 90 days' rate to the deadline and says when it falls short", () => {
    // 200 certified, 30 of them in the last 90 days: 10 a month, about 120 more in a year.
    const certifiedAt = [...Array.from({ length: 170 }, () => days(200)), ...Array.from({ length: 30 }, (_, i) => days(i * 2))];
    const p = projectBenchmarks({ certifiedAt, now, target: 500, deadline: "2027-12-31" });
    expect(p.count).toBe(200);
    expect(p.ratePerMonth).toBeCloseTo(10.1, 1);
    expect(p.projected).toBeGreaterThan(315);
    expect(p.projected).toBeLessThan(330);
    expect(p.onTrack).toBe(false);
    expect(p.requiredPerMonth).toBeCloseTo(25, 0);
    expect(p.percent).toBe(40);
  });

  it("is on track when the rate reaches the target in time", () => {
    const certifiedAt = Array.from({ length: 300 }, (_, i) => days(i % 90));
    const p = projectBenchmarks({ certifiedAt, now, target: 500, deadline: "2027-12-31" });
    expect(p.onTrack).toBe(true);
    expect(p.margin).toBeGreaterThan(0);
  });

  it("ignores certifications dated in the future and handles none at all", () => {
    const p = projectBenchmarks({ certifiedAt: [days(-5)], now, target: 500, deadline: "2027-12-31" });
    expect(p.count).toBe(0);
    expect(p.ratePerMonth).toBe(0);
    expect(p.onTrack).toBe(false);
  });

  it("counts cumulatively by Beijing month with no gaps", () => {
    const series = cumulativeByMonth(["2026-09-30T17:00:00Z", "2026-09-01T00:00:00Z"], new Date("2026-11-05T00:00:00Z"));
    // 2026-09-30T17:00Z is already 1 October in Beijing.
    expect(series).toEqual([
      { month: "2026-09", total: 1 },
      { month: "2026-10", total: 2 },
      { month: "2026-11", total: 2 },
    ]);
  });
});

describe("the funnel", () => {
  const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString();
  const path = (scenarioId: number, ...stages: [string, number][]) => stages.map(([toStatus, day]) => ({ scenarioId, toStatus, at: at(day) }));

  it("counts scenarios reaching each stage, converts between stages and takes the median days", () => {
    const steps = [
      ...path(1, ["draft", -30], ["published", 0], ["matched", 40], ["piloting", 50], ["benchmark", 200]),
      ...path(2, ["published", 0], ["matched", 60], ["piloting", 62], ["closed", 120]),
      ...path(3, ["published", 10], ["matched", 30]),
      ...path(4, ["published", 10], ["closed", 70]),
      ...path(5, ["draft", 5], ["submitted", 6]),
    ];
    expect(funnel(steps)).toEqual([
      { stage: "published", count: 4, conversion: null, medianDays: null, timed: 0 },
      { stage: "matched", count: 3, conversion: 75, medianDays: 40, timed: 3 },
      { stage: "piloting", count: 2, conversion: 66.7, medianDays: 6, timed: 2 },
      { stage: "benchmark", count: 1, conversion: 50, medianDays: 150, timed: 1 },
    ]);
  });

  it("counts skipped earlier stages as reached but times only recorded pairs, from the first arrival", () => {
    const steps = [
      // No 'published' row (imported), then matched twice: the first time counts.
      ...path(1, ["matched", 20], ["piloting", 30], ["matched", 25]),
      ...path(2, ["published", 0], ["matched", 11]),
    ];
    const [published, matched, piloting] = funnel(steps);
    expect(published).toMatchObject({ count: 2 });
    expect(matched).toMatchObject({ count: 2, conversion: 100, medianDays: 11, timed: 1 });
    expect(piloting).toMatchObject({ count: 1, conversion: 50, medianDays: 10 });
  });

  it("has nothing to convert or time without scenarios", () => {
    expect(funnel([]).map((s) => [s.count, s.conversion, s.medianDays])).toEqual([[0, null, null], [0, null, null], [0, null, null], [0, null, null]]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
