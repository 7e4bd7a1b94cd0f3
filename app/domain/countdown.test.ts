import { describe, expect, it } from "vitest";
import { timeLeft } from "./countdown";

const now = new Date("2026-11-20T09:00:00.000Z");
const plus = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe("timeLeft", () => {
  it("counts days and hours, then hours and minutes, then minutes", () => {
    expect(timeLeft(plus((3 * 24 + 5) * 3_600_000 + 59_000), now)).toEqual({ kind: "days", days: 3, hours: 5 });
    expect(timeLeft(plus(24 * 3_600_000), now)).toEqual({ kind: "days", days: 1, hours: 0 });
    expect(timeLeft(plus(23 * 3_600_000 + 59 * 60_000), now)).toEqual({ kind: "hours", hours: 23, minutes: 59 });
    expect(timeLeft(plus(59 * 60_000), now)).toEqual({ kind: "minutes", minutes: 59 });
    expect(timeLeft(plus(1_000), now)).toEqual({ kind: "minutes", minutes: 1 });
  });

  it("is closed at and after the deadline, and says so when there is none", () => {
    expect(timeLeft(plus(0), now)).toEqual({ kind: "closed" });
    expect(timeLeft(plus(-1_000), now)).toEqual({ kind: "closed" });
    expect(timeLeft(null, now)).toEqual({ kind: "none" });
    expect(timeLeft("not a date", now)).toEqual({ kind: "none" });
  });
});
