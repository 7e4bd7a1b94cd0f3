import { describe, expect, it } from "vitest";
import { applicationSteps, checkApplyGate, checkEvidenceRemoval, checkEvidenceUpload, EVIDENCE_LIMITS } from "./benchmark-apply";
import { checkAttachment } from "./attachments";
import { applySchema } from "./forms/benchmark-apply";

const PDF = new TextEncoder().encode("%PDF-1.7 evidence");

describe("evidence files", () => {
  it("takes uploads from either side while the pilot runs or after it completed, never from the office or under a live application", () => {
    for (const side of ["demand", "vendor"] as const) {
      expect(checkEvidenceUpload({ side, pilotStatus: "active", liveApplication: false })).toEqual({ ok: true });
      expect(checkEvidenceUpload({ side, pilotStatus: "completed", liveApplication: false })).toEqual({ ok: true });
      expect(checkEvidenceUpload({ side, pilotStatus: "ended", liveApplication: false })).toEqual({ ok: false, refusal: "pilot_closed" });
      expect(checkEvidenceUpload({ side, pilotStatus: "completed", liveApplication: true })).toEqual({ ok: false, refusal: "application_live" });
    }
    expect(checkEvidenceUpload({ side: "office", pilotStatus: "active", liveApplication: false })).toEqual({ ok: false, refusal: "not_allowed" });
    expect(checkEvidenceUpload({ side: "none", pilotStatus: "active", liveApplication: false })).toEqual({ ok: false, refusal: "not_allowed" });
  });

  it("lets the uploader remove a file, and either side only while the pilot is active", () => {
    const facts = { side: "vendor" as const, pilotStatus: "completed" as const, liveApplication: false };
    expect(checkEvidenceRemoval({ ...facts, isUploader: true })).toEqual({ ok: true });
    expect(checkEvidenceRemoval({ ...facts, isUploader: false })).toEqual({ ok: false, refusal: "not_uploader" });
    expect(checkEvidenceRemoval({ ...facts, pilotStatus: "active", isUploader: false })).toEqual({ ok: true });
    expect(checkEvidenceRemoval({ ...facts, liveApplication: true, isUploader: true })).toEqual({ ok: false, refusal: "application_live" });
  });

  it("counts twenty files per pilot, with the attachments' 20 MB and content checks", () => {
    expect(checkAttachment({ name: "测量数据.pdf", size: PDF.length, bytes: PDF }, 19, EVIDENCE_LIMITS).ok).toBe(true);
    expect(checkAttachment({ name: "测量数据.pdf", size: PDF.length, bytes: PDF }, 20, EVIDENCE_LIMITS)).toEqual({ ok: false, refusal: { code: "too_many", maxFiles: 20 } });
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]);
    expect(checkAttachment({ name: "报告.pdf", size: exe.length, bytes: exe }, 0, EVIDENCE_LIMITS)).toMatchObject({ ok: false, refusal: { code: "content_mismatch" } });
  });
});

describe("opening the application form", () => {
  const facts = { side: "demand" as const, pilotStatus: "completed" as const, liveApplication: false, measuredKpis: 2 };
  it("opens for either side of a completed pilot with a measured KPI and no live application", () => {
    expect(checkApplyGate(facts)).toEqual({ ok: true });
    expect(checkApplyGate({ ...facts, side: "vendor" })).toEqual({ ok: true });
  });
  it("says why not otherwise", () => {
    expect(checkApplyGate({ ...facts, side: "office" })).toEqual({ ok: false, refusal: "not_allowed" });
    expect(checkApplyGate({ ...facts, pilotStatus: "active" })).toEqual({ ok: false, refusal: "pilot_not_completed" });
    expect(checkApplyGate({ ...facts, liveApplication: true })).toEqual({ ok: false, refusal: "already_applied" });
    expect(checkApplyGate({ ...facts, measuredKpis: 0 })).toEqual({ ok: false, refusal: "no_evidence" });
  });
});

describe("the narrative", () => {
  const parse = (narrative: string) => applySchema.safeParse({ narrative });
  const errors = (narrative: string) => {
    const r = parse(narrative);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  it("needs 50 to 5000 characters, counted as people count them, and says how many there are", () => {
    expect(errors("")).toEqual(["benchmarkApply.error.narrativeRequired"]);
    expect(errors("   ")).toEqual(["benchmarkApply.error.narrativeRequired"]);
    expect(errors("效".repeat(49))).toEqual(["benchmarkApply.error.narrativeShort?min=50&length=49"]);
    expect(errors("效".repeat(50))).toEqual([]);
    expect(errors("𠀀".repeat(50))).toEqual([]);
    expect(errors("效".repeat(5001))).toEqual(["benchmarkApply.error.narrativeLong?max=5000&length=5001"]);
  });
});

describe("the application's steps", () => {
  const base = { createdAt: "2026-10-01T02:00:00.000Z", noticeStartsAt: null, noticeEndsAt: null, certifiedAt: null, reviewClosedAt: null };
  const states = (s: ReturnType<typeof applicationSteps>) => s.map((x) => `${x.key}:${x.state}`);

  it("walks submitted → in review → notice → certified", () => {
    expect(states(applicationSteps({ ...base, status: "submitted" }))).toEqual(["submitted:current", "in_review:upcoming", "notice:upcoming", "certified:upcoming"]);
    expect(states(applicationSteps({ ...base, status: "in_review" }))).toEqual(["submitted:done", "in_review:current", "notice:upcoming", "certified:upcoming"]);
    const notice = applicationSteps({ ...base, status: "notice", noticeStartsAt: "2026-11-10T01:00:00.000Z", noticeEndsAt: "2026-11-17T09:00:00.000Z" });
    expect(states(notice)).toEqual(["submitted:done", "in_review:done", "notice:current", "certified:upcoming"]);
    expect(notice[2]).toMatchObject({ at: "2026-11-10T01:00:00.000Z", until: "2026-11-17T09:00:00.000Z" });
    expect(states(applicationSteps({ ...base, status: "certified", noticeStartsAt: "x", certifiedAt: "y" }))).toEqual(["submitted:done", "in_review:done", "notice:done", "certified:done"]);
  });

  it("ends in rejected after the review, or after the notice when an objection was upheld", () => {
    expect(states(applicationSteps({ ...base, status: "rejected", reviewClosedAt: "2026-10-20T02:00:00.000Z" }))).toEqual(["submitted:done", "in_review:done", "rejected:current"]);
    expect(applicationSteps({ ...base, status: "rejected", reviewClosedAt: "2026-10-20T02:00:00.000Z" })[2]!.at).toBe("2026-10-20T02:00:00.000Z");
    expect(states(applicationSteps({ ...base, status: "rejected", noticeStartsAt: "2026-11-10T01:00:00.000Z" }))).toEqual(["submitted:done", "in_review:done", "notice:done", "rejected:current"]);
  });
});
