// The benchmark application (标杆申报) lifecycle: a pure rule book.
//   submitted  — the pair applied from a completed pilot, with KPI evidence and a narrative;
//   in_review  — the office assigned reviewers (at least MIN_REVIEWERS without a conflict);
//                each scores the rubric, editable until the office closes the review;
//   notice     — the review closed with a mean ≥ the pass mark: a public notice (公示) of the
//                edition's notice days in which anyone may object;
//   certified  — the notice ended, every objection resolved and none upheld: numbered BM-<year>-<nnnn>,
//                the scenario becomes 'benchmark';
//   rejected   — the mean fell short, or an objection was upheld. The pair may apply again.
// Scores stay hidden from the applicants until the review closes.

import { MIN_REVIEWERS } from "./rubric";

export const APPLICATION_STATUSES = ["submitted", "in_review", "notice", "certified", "rejected"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationRefusal =
  | "not_allowed"
  | "pilot_not_completed"
  | "already_applied"
  | "no_evidence"
  | "narrative_required"
  | "not_in_review"
  | "review_closed"
  | "too_few_reviewers"
  | "sheets_missing"
  | "not_in_notice"
  | "notice_running"
  | "objections_open"
  | "notice_over";

type Check = { ok: true } | { ok: false; refusal: ApplicationRefusal };
const ok: Check = { ok: true };
const no = (refusal: ApplicationRefusal): Check => ({ ok: false, refusal });

/** Either side of the pair applies, from a completed pilot with measured KPIs. */
export function checkApply(facts: {
  side: "demand" | "vendor" | "office" | "none";
  pilotStatus: "active" | "completed" | "ended";
  liveApplication: boolean;
  measuredKpis: number;
  narrative: string;
}): Check {
  if (facts.side !== "demand" && facts.side !== "vendor") return no("not_allowed");
  if (facts.pilotStatus !== "completed") return no("pilot_not_completed");
  if (facts.liveApplication) return no("already_applied");
  if (facts.measuredKpis === 0) return no("no_evidence");
  if (!facts.narrative.trim()) return no("narrative_required");
  return ok;
}

/** The office assigns reviewers while the application is submitted or in review. */
export function checkAssign(status: ApplicationStatus): Check {
  return status === "submitted" || status === "in_review" ? ok : no("review_closed");
}

/** A reviewer edits a sheet (or declares a conflict) only while the review is open. */
export function checkScore(status: ApplicationStatus): Check {
  if (status === "submitted") return no("not_in_review");
  return status === "in_review" ? ok : no("review_closed");
}

/** The office closes the review when at least MIN_REVIEWERS unconflicted reviewers are assigned and all of them submitted. */
export function checkCloseReview(facts: { status: ApplicationStatus; activeReviewers: number; submittedSheets: number }): Check {
  if (facts.status !== "in_review") return no("not_in_review");
  if (facts.activeReviewers < MIN_REVIEWERS) return no("too_few_reviewers");
  if (facts.submittedSheets < facts.activeReviewers) return no("sheets_missing");
  return ok;
}

/** Objections are taken while the notice runs: from its start until its end, exclusive. */
export function checkObject(facts: { status: ApplicationStatus; noticeEndsAt: string | null }, now: Date): Check {
  if (facts.status !== "notice" || !facts.noticeEndsAt) return no("not_in_notice");
  return now.getTime() < Date.parse(facts.noticeEndsAt) ? ok : no("notice_over");
}

/** The office certifies after the notice ended with every objection resolved (an upheld one rejects instead). */
export function checkCertify(facts: { status: ApplicationStatus; noticeEndsAt: string | null; openObjections: number }, now: Date): Check {
  if (facts.status !== "notice" || !facts.noticeEndsAt) return no("not_in_notice");
  if (now.getTime() < Date.parse(facts.noticeEndsAt)) return no("notice_running");
  if (facts.openObjections > 0) return no("objections_open");
  return ok;
}

/** The notice window starting now. */
export function noticeWindow(now: Date, days: number): { startsAt: string; endsAt: string } {
  return { startsAt: now.toISOString(), endsAt: new Date(now.getTime() + days * 86_400_000).toISOString() };
}

/** Whether applicants (and the public) may see the reviewers' scores: only once the review is closed. */
export function scoresVisibleToApplicants(status: ApplicationStatus): boolean {
  return status === "notice" || status === "certified" || status === "rejected";
}

/** The certification number: BM-<year>-<nnnn>, counting from 1 each year. */
export function benchmarkNumber(year: number, sequence: number): string {
  return `BM-${year}-${String(sequence).padStart(4, "0")}`;
}

/** The sequence part of a number of that year, or null. */
export function benchmarkSequence(number: string, year: number): number | null {
  const m = /^BM-(\d{4})-(\d{4,})$/.exec(number);
  return m && Number(m[1]) === year ? Number(m[2]) : null;
}
