import { describe, expect, it } from "vitest";
import { acceptsProposals, phaseBoundaries, phasesOfFilter, publicPhase } from "./public-phase";

const now = new Date("2026-12-08T04:00:00.000Z");
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();
const published = (deadline: string | null) => ({ status: "published", proposalDeadline: deadline });

describe("publicPhase", () => {
  it("follows the clock for a published call", () => {
    expect(publicPhase(published(inDays(30)), now)).toBe("open");
    expect(publicPhase(published(inDays(7.01)), now)).toBe("open");
    expect(publicPhase(published(inDays(7)), now)).toBe("closing_soon");
    expect(publicPhase(published(inDays(0.001)), now)).toBe("closing_soon");
    expect(publicPhase(published(inDays(0)), now)).toBe("awaiting_selection");
    expect(publicPhase(published(inDays(-200)), now)).toBe("awaiting_selection");
    // No deadline: the proposal rules refuse every bid, so it is not shown as open either.
    expect(publicPhase(published(null), now)).toBe("awaiting_selection");
  });

  it("keeps the later states and hides the private ones", () => {
    for (const s of ["matched", "piloting", "benchmark", "closed"]) expect(publicPhase({ status: s, proposalDeadline: inDays(-3) }, now)).toBe(s);
    for (const s of ["draft", "submitted", "returned", "approved", "withdrawn"]) expect(publicPhase({ status: s, proposalDeadline: inDays(3) }, now)).toBeNull();
  });

  it("accepts proposals only while open", () => {
    expect(acceptsProposals("open")).toBe(true);
    expect(acceptsProposals("closing_soon")).toBe(true);
    expect(acceptsProposals("awaiting_selection")).toBe(false);
    expect(acceptsProposals(null)).toBe(false);
  });

  it("reads the filter values, the old status code included", () => {
    expect(phasesOfFilter("open")).toEqual(["open", "closing_soon"]);
    expect(phasesOfFilter("published")).toEqual(["open", "closing_soon"]);
    expect(phasesOfFilter("closing_soon")).toEqual(["closing_soon"]);
    expect(phasesOfFilter("bogus")).toEqual([]);
  });

  it("gives boundaries that compare with stored ISO deadlines", () => {
    expect(phaseBoundaries(now)).toEqual({ now: "2026-12-08T04:00:00.000Z", soon: "2026-12-15T04:00:00.000Z" });
  });
});
