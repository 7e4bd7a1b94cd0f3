import { describe, expect, it } from "vitest";
import { cumulativeByMonth, projectBenchmarks } from "./progress";

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
