import { describe, expect, it } from "vitest";
import {
  benchmarkNumber,
  benchmarkSequence,
  certificationYear,
  checkApply,
  checkAssign,
  checkCertify,
  checkCloseReview,
  checkObject,
  checkResolveObjection,
  checkScore,
  nextBenchmarkNumber,
  noticeWindow,
  rejectsApplication,
  scoresVisibleToApplicants,
} from "./benchmark-lifecycle";

const STARTS = "2026-11-13T01:00:00.000Z";
const ENDS = "2026-11-20T09:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(ENDS) + ms);

describe("applying", () => {
  const facts = { side: "vendor" as const, pilotStatus: "completed" as const, liveApplication: false, measuredKpis: 2, narrative: "成效显著" };
  it("takes a completed pilot with measurements and a narrative, from either side of the pair", () => {
    expect(checkApply(facts)).toEqual({ ok: true });
    expect(checkApply({ ...facts, side: "demand" })).toEqual({ ok: true });
  });
  it("says why not", () => {
    expect(checkApply({ ...facts, side: "office" })).toEqual({ ok: false, refusal: "not_allowed" });
    expect(checkApply({ ...facts, pilotStatus: "active" })).toEqual({ ok: false, refusal: "pilot_not_completed" });
    expect(checkApply({ ...facts, liveApplication: true })).toEqual({ ok: false, refusal: "already_applied" });
    expect(checkApply({ ...facts, measuredKpis: 0 })).toEqual({ ok: false, refusal: "no_evidence" });
    expect(checkApply({ ...facts, narrative: "  " })).toEqual({ ok: false, refusal: "narrative_required" });
  });
});

describe("review", () => {
  it("assigns while submitted or in review, scores only in review, closes with enough sheets", () => {
    expect(checkAssign("submitted").ok).toBe(true);
    expect(checkAssign("notice")).toEqual({ ok: false, refusal: "review_closed" });
    expect(checkScore("submitted")).toEqual({ ok: false, refusal: "not_in_review" });
    expect(checkScore("in_review").ok).toBe(true);
    expect(checkScore("certified")).toEqual({ ok: false, refusal: "review_closed" });
    expect(checkCloseReview({ status: "in_review", activeReviewers: 3, submittedSheets: 3 }).ok).toBe(true);
    expect(checkCloseReview({ status: "in_review", activeReviewers: 2, submittedSheets: 2 })).toEqual({ ok: false, refusal: "too_few_reviewers" });
    expect(checkCloseReview({ status: "in_review", activeReviewers: 3, submittedSheets: 2 })).toEqual({ ok: false, refusal: "sheets_missing" });
    expect(checkCloseReview({ status: "submitted", activeReviewers: 3, submittedSheets: 3 })).toEqual({ ok: false, refusal: "not_in_review" });
  });
  it("shows scores once the review is closed", () => {
    expect(["submitted", "in_review"].map((s) => scoresVisibleToApplicants(s as "submitted"))).toEqual([false, false]);
    expect(["notice", "certified", "rejected"].map((s) => scoresVisibleToApplicants(s as "notice"))).toEqual([true, true, true]);
  });
});

describe("the notice window", () => {
  it("runs the edition's days from now", () => {
    expect(noticeWindow(new Date(STARTS), 7)).toEqual({ startsAt: STARTS, endsAt: "2026-11-20T01:00:00.000Z" });
  });

  it("takes objections until its end, exclusive, and not before its start", () => {
    const facts = { status: "notice" as const, noticeStartsAt: STARTS, noticeEndsAt: ENDS };
    expect(checkObject(facts, at(-1))).toEqual({ ok: true });
    expect(checkObject(facts, at(0))).toEqual({ ok: false, refusal: "notice_over" });
    expect(checkObject(facts, at(1))).toEqual({ ok: false, refusal: "notice_over" });
    expect(checkObject(facts, new Date(Date.parse(STARTS) - 1))).toEqual({ ok: false, refusal: "not_in_notice" });
    expect(checkObject({ ...facts, status: "certified" }, at(-1000))).toEqual({ ok: false, refusal: "not_in_notice" });
    expect(checkObject({ ...facts, noticeEndsAt: null }, at(-1000))).toEqual({ ok: false, refusal: "not_in_notice" });
  });

  it("certifies only after the end, with no open objection", () => {
    const facts = { status: "notice" as const, noticeEndsAt: ENDS, openObjections: 0 };
    expect(checkCertify(facts, at(-1))).toEqual({ ok: false, refusal: "notice_running" });
    expect(checkCertify(facts, at(0))).toEqual({ ok: true });
    expect(checkCertify({ ...facts, openObjections: 1 }, at(1))).toEqual({ ok: false, refusal: "objections_open" });
    expect(checkCertify({ ...facts, status: "rejected" }, at(1))).toEqual({ ok: false, refusal: "not_in_notice" });
    expect(checkCertify({ ...facts, status: "certified" }, at(1))).toEqual({ ok: false, refusal: "not_in_notice" });
  });

  it("never treats an unreadable end as passed", () => {
    expect(checkCertify({ status: "notice", noticeEndsAt: "soon", openObjections: 0 }, at(1))).toEqual({ ok: false, refusal: "not_in_notice" });
    expect(checkObject({ status: "notice", noticeEndsAt: "soon" }, at(-1))).toEqual({ ok: false, refusal: "not_in_notice" });
  });
});

describe("resolving objections", () => {
  it("resolves an open objection once, in notice or after a rejection", () => {
    expect(checkResolveObjection({ objectionStatus: "open", applicationStatus: "notice" })).toEqual({ ok: true });
    expect(checkResolveObjection({ objectionStatus: "open", applicationStatus: "rejected" })).toEqual({ ok: true });
    expect(checkResolveObjection({ objectionStatus: "upheld", applicationStatus: "notice" })).toEqual({ ok: false, refusal: "objection_resolved" });
    expect(checkResolveObjection({ objectionStatus: "open", applicationStatus: "certified" })).toEqual({ ok: false, refusal: "not_in_notice" });
  });
  it("rejects the application only when upheld while it is in notice", () => {
    expect(rejectsApplication("upheld", "notice")).toBe(true);
    expect(rejectsApplication("rejected", "notice")).toBe(false);
    expect(rejectsApplication("upheld", "rejected")).toBe(false);
  });
});

describe("benchmark numbers", () => {
  it("are BM-<year>-<nnnn>, wider past 9999, and refuse nonsense", () => {
    expect(benchmarkNumber(2027, 42)).toBe("BM-2027-0042");
    expect(benchmarkNumber(2027, 12345)).toBe("BM-2027-12345");
    expect(() => benchmarkNumber(2027, 0)).toThrow(RangeError);
    expect(() => benchmarkNumber(2027, 1.5)).toThrow(RangeError);
    expect(() => benchmarkNumber(27, 1)).toThrow(RangeError);
  });

  it("read back only for their own year", () => {
    expect(benchmarkSequence("BM-2026-0042", 2026)).toBe(42);
    expect(benchmarkSequence("BM-2026-12345", 2026)).toBe(12345);
    expect(benchmarkSequence("BM-2025-0042", 2026)).toBeNull();
    expect(benchmarkSequence("BM-2026-00042", 2026)).toBeNull();
    expect(benchmarkSequence("BM-2026-42", 2026)).toBeNull();
  });

  it("count in the Shanghai calendar year", () => {
    expect(certificationYear(new Date("2026-12-31T15:59:59.999Z"))).toBe(2026);
    expect(certificationYear(new Date("2026-12-31T16:00:00.000Z"))).toBe(2027);
  });

  it("continue from the highest of the year and restart at 0001 in a new one", () => {
    const existing = ["BM-2026-0001", "BM-2026-0007", null, "BM-2025-0120", "BM-2026-0003"];
    expect(nextBenchmarkNumber(existing, 2026)).toBe("BM-2026-0008");
    expect(nextBenchmarkNumber(existing, 2027)).toBe("BM-2027-0001");
    expect(nextBenchmarkNumber([], 2026)).toBe("BM-2026-0001");
    expect(nextBenchmarkNumber(["BM-2026-9999"], 2026)).toBe("BM-2026-10000");
  });
});
