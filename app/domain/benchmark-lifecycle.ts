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
  | "notice_over"
  | "objection_resolved";

type Check<R extends ApplicationRefusal = ApplicationRefusal> = { ok: true } | { ok: false; refusal: R };
const ok = { ok: true } as const;
const no = <R extends ApplicationRefusal>(refusal: R): Check<R> => ({ ok: false, refusal });

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
export function checkCloseReview(facts: { status: ApplicationStatus; activeReviewers: number; submittedSheets: number }): Check<"not_in_review" | "too_few_reviewers" | "sheets_missing"> {
  if (facts.status !== "in_review") return no("not_in_review");
  if (facts.activeReviewers < MIN_REVIEWERS) return no("too_few_reviewers");
  if (facts.submittedSheets < facts.activeReviewers) return no("sheets_missing");
  return ok;
}

/** An instant stored as ISO text, or null when it is missing or unreadable. */
function instant(text: string | null | undefined): number | null {
  if (!text) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}

/** Objections are taken while the notice runs: from its start until its end, exclusive. */
export function checkObject(
  facts: { status: ApplicationStatus; noticeStartsAt?: string | null; noticeEndsAt: string | null },
  now: Date,
): Check<"not_in_notice" | "notice_over"> {
  const ends = instant(facts.noticeEndsAt);
  if (facts.status !== "notice" || ends === null) return no("not_in_notice");
  const starts = instant(facts.noticeStartsAt);
  if (starts !== null && now.getTime() < starts) return no("not_in_notice");
  return now.getTime() < ends ? ok : no("notice_over");
}

/**
 * The office certifies after the notice ended with every objection resolved (an upheld one rejects
 * instead). An end that cannot be read never counts as passed.
 */
export function checkCertify(
  facts: { status: ApplicationStatus; noticeEndsAt: string | null; openObjections: number },
  now: Date,
): Check<"not_in_notice" | "notice_running" | "objections_open"> {
  const ends = instant(facts.noticeEndsAt);
  if (facts.status !== "notice" || ends === null) return no("not_in_notice");
  if (now.getTime() < ends) return no("notice_running");
  if (facts.openObjections > 0) return no("objections_open");
  return ok;
}

/**
 * The office resolves an open objection once: upheld or rejected, with a resolution. While the
 * application is in notice an upheld objection rejects it; after a rejection the remaining open
 * objections are still answered, so that everyone who objected hears back.
 */
export function checkResolveObjection(facts: {
  objectionStatus: "open" | "upheld" | "rejected";
  applicationStatus: ApplicationStatus;
}): Check<"objection_resolved" | "not_in_notice"> {
  if (facts.objectionStatus !== "open") return no("objection_resolved");
  return facts.applicationStatus === "notice" || facts.applicationStatus === "rejected" ? ok : no("not_in_notice");
}

/** What upholding an objection does to its application: only an application in notice is rejected by it. */
export function rejectsApplication(outcome: "upheld" | "rejected", applicationStatus: ApplicationStatus): boolean {
  return outcome === "upheld" && applicationStatus === "notice";
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
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`benchmark year must have four digits, got ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`benchmark sequence must be a positive integer, got ${sequence}`);
  return `BM-${year}-${String(sequence).padStart(4, "0")}`;
}

/** The sequence part of a number of that year, or null (also for a padded form a number is never given, BM-2026-00012). */
export function benchmarkSequence(number: string, year: number): number | null {
  const m = /^BM-(\d{4})-(\d{4}|[1-9]\d{4,})$/.exec(number);
  return m && Number(m[1]) === year ? Number(m[2]) : null;
}

/** The year a certification counts in: the calendar year in Asia/Shanghai (UTC+8 all year, no summer time). */
export function certificationYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** The next number of the year: one more than the highest of that year among `existing`, from 0001. */
export function nextBenchmarkNumber(existing: Iterable<string | null>, year: number): string {
  let highest = 0;
  for (const number of existing) {
    const sequence = number === null ? null : benchmarkSequence(number, year);
    if (sequence !== null && sequence > highest) highest = sequence;
  }
  return benchmarkNumber(year, highest + 1);
}
