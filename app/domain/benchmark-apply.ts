// From a pilot to a benchmark application, the applicants' side: evidence files on the pilot, whether
// the pair may open the application form, and the application's progress as the applicants see it.
// Pure: the models ask, these answer. The application lifecycle itself is app/domain/benchmark-lifecycle.ts.

import { ATTACHMENT_LIMITS, type AttachmentLimits } from "./attachments";
import { checkApply, type ApplicationRefusal, type ApplicationStatus } from "./benchmark-lifecycle";
import type { PilotSide, PilotStatus } from "./pilot-lifecycle";

/**
 * Evidence files take the proposal attachments' checks (name, type from the bytes, 20 MB each) with
 * room for more files: a pilot's results come as measurement exports, reports and sign-off sheets,
 * often one per KPI. Twenty per pilot covers a handful of KPIs with a few files each.
 */
export const EVIDENCE_LIMITS: AttachmentLimits = { ...ATTACHMENT_LIMITS, maxFiles: 20 };
export const EVIDENCE_NOTE_MAX = 200;

/** The narrative of an application: what was done, the measured effect, how it can be replicated. */
export const NARRATIVE_LIMITS = { min: 50, max: 5000 } as const;

/** Applications that hold the pilot's one place (the unique index "one live application per pilot"). */
export const LIVE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ["submitted", "in_review", "notice", "certified"];

export function isLiveApplication(status: ApplicationStatus): boolean {
  return LIVE_APPLICATION_STATUSES.includes(status);
}

export type EvidenceRefusal = "not_allowed" | "pilot_closed" | "application_live" | "not_uploader";

type EvidenceCheck = { ok: true } | { ok: false; refusal: EvidenceRefusal };
const yes: EvidenceCheck = { ok: true };
const no = (refusal: EvidenceRefusal): EvidenceCheck => ({ ok: false, refusal });

/**
 * Either side of the pair adds files while the pilot runs and after it completed (the results come
 * in at the end), but not while an application is live: reviewers and the public notice judge the
 * evidence the pair applied with. After a rejection the files may change again for the next try.
 */
export function checkEvidenceUpload(facts: { side: PilotSide; pilotStatus: PilotStatus; liveApplication: boolean }): EvidenceCheck {
  if (facts.side !== "demand" && facts.side !== "vendor") return no("not_allowed");
  if (facts.pilotStatus === "ended") return no("pilot_closed");
  if (facts.liveApplication) return no("application_live");
  return yes;
}

/**
 * A file is removed by whoever uploaded it, or by either side while the pilot is still active; never
 * while an application is live, since reviewers may be reading it.
 */
export function checkEvidenceRemoval(facts: { side: PilotSide; pilotStatus: PilotStatus; liveApplication: boolean; isUploader: boolean }): EvidenceCheck {
  const upload = checkEvidenceUpload(facts);
  if (!upload.ok) return upload;
  return facts.isUploader || facts.pilotStatus === "active" ? yes : no("not_uploader");
}

/** The refusals `checkApply` gives. */
export type ApplyRefusal = Extract<ApplicationRefusal, "not_allowed" | "pilot_not_completed" | "already_applied" | "no_evidence" | "narrative_required">;

/** `checkApply`, with its refusal narrowed to the ones applying can meet. */
export function checkApplication(facts: Parameters<typeof checkApply>[0]): { ok: true } | { ok: false; refusal: ApplyRefusal } {
  return checkApply(facts) as { ok: true } | { ok: false; refusal: ApplyRefusal };
}

/**
 * Whether the pair may open the application form: `checkApply` without the narrative, which the
 * form itself asks for (and checks against NARRATIVE_LIMITS).
 */
export function checkApplyGate(facts: { side: PilotSide; pilotStatus: PilotStatus; liveApplication: boolean; measuredKpis: number }) {
  return checkApplication({ ...facts, narrative: "—" });
}

export type StepKey = "submitted" | "in_review" | "notice" | "certified" | "rejected";
export interface Step {
  key: StepKey;
  /** done: passed; current: where the application is now; upcoming: not reached yet. */
  state: "done" | "current" | "upcoming";
  /** When it happened (ISO), where known. */
  at: string | null;
  /** The end of the notice period, for the notice step. */
  until?: string | null;
}

/**
 * The application's way so far as the applicants see it: submitted → in review → 公示 → certified,
 * or, once turned down, the steps it reached and then rejected.
 */
export function applicationSteps(app: {
  status: ApplicationStatus;
  createdAt: string;
  noticeStartsAt: string | null;
  noticeEndsAt: string | null;
  certifiedAt: string | null;
  reviewClosedAt: string | null;
}): Step[] {
  const order: StepKey[] = ["submitted", "in_review", "notice", "certified"];
  const at: Record<StepKey, string | null> = {
    submitted: app.createdAt,
    in_review: null,
    notice: app.noticeStartsAt,
    certified: app.certifiedAt,
    rejected: app.noticeStartsAt ? null : app.reviewClosedAt,
  };
  const step = (key: StepKey, state: Step["state"]): Step => ({ key, state, at: at[key], ...(key === "notice" ? { until: app.noticeEndsAt } : {}) });
  if (app.status === "rejected") {
    // Turned down in review, or by an upheld objection during the notice.
    const reached: StepKey[] = app.noticeStartsAt ? ["submitted", "in_review", "notice"] : ["submitted", "in_review"];
    return [...reached.map((k) => step(k, "done")), step("rejected", "current")];
  }
  const now = order.indexOf(app.status);
  return order.map((k, i) => step(k, i < now ? "done" : i === now ? (k === "certified" ? "done" : "current") : "upcoming"));
}
