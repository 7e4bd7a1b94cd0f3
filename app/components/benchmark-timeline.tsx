import { Link } from "react-router";
import type { ApplyRefusal, Step } from "~/domain/benchmark-apply";
import type { ApplicationStatus } from "~/domain/benchmark-lifecycle";
import type { PilotSide } from "~/domain/pilot-lifecycle";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { buttonClass } from "./form";

// A benchmark application's way as its applicants see it: submitted → in review → 公示 → certified,
// or the steps it reached and then rejected, with the decision note; and the pilot page's section
// around it, with the way to apply (or why not yet).

const DOT: Record<Step["state"], string> = {
  done: "bg-emerald-600 border-emerald-600",
  current: "bg-white border-brand-600 ring-2 ring-brand-200",
  upcoming: "bg-white border-slate-300",
};

export function BenchmarkTimeline({ steps, benchmarkNumber, decisionNote, reviewers }: {
  steps: Step[];
  benchmarkNumber: string | null;
  decisionNote: string | null;
  /** Reviewers assigned (counted, never named), shown while the review runs. */
  reviewers?: number;
}) {
  const { t, lang } = useI18n();
  return (
    <ol className="space-y-3">
      {steps.map((s) => {
        const rejected = s.key === "rejected";
        return (
          <li key={s.key} className="flex gap-3" aria-current={s.state === "current" ? "step" : undefined}>
            <span aria-hidden className={`mt-1 h-3 w-3 shrink-0 rounded-full border-2 ${rejected ? "border-red-600 bg-red-600" : DOT[s.state]}`} />
            <div className={`text-sm ${s.state === "upcoming" ? "text-slate-500" : "text-slate-900"}`}>
              <p className="font-medium">
                {t(`benchmarkApply.step.${s.key}`)}
                {s.state === "current" && !rejected && <span className="ml-2 text-xs font-normal text-brand-700">{t("benchmarkApply.step.now")}</span>}
              </p>
              {s.key === "submitted" && s.at && <p className="text-slate-600">{formatDate(s.at, lang)}</p>}
              {s.key === "submitted" && s.state === "current" && <p className="text-slate-600">{t("benchmarkApply.step.awaitingReviewers")}</p>}
              {s.key === "in_review" && s.state === "current" && reviewers !== undefined && (
                <p className="text-slate-600">{reviewers > 0 ? t("benchmarkApply.step.reviewers", { n: reviewers }) : t("benchmarkApply.step.awaitingReviewers")}</p>
              )}
              {s.key === "notice" && s.at && (
                <p className="text-slate-600">{t("benchmarkApply.step.noticePeriod", { from: formatDate(s.at, lang), to: s.until ? formatDate(s.until, lang) : "—" })}</p>
              )}
              {s.key === "certified" && s.state === "done" && (
                <p className="text-slate-600">
                  {benchmarkNumber && <span className="font-mono font-medium text-slate-900">{benchmarkNumber}</span>}
                  {s.at && <span> · {formatDate(s.at, lang)}</span>}
                </p>
              )}
              {rejected && (
                <>
                  {s.at && <p className="text-slate-600">{formatDate(s.at, lang)}</p>}
                  {decisionNote && <p className="whitespace-pre-line break-words text-slate-800">{t("benchmarkApply.decisionNote", { note: decisionNote })}</p>}
                </>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export interface PilotBenchmarkState {
  application: { status: ApplicationStatus; steps: Step[]; benchmarkNumber: string | null; decisionNote: string | null } | null;
  canApply: boolean;
  refusal: ApplyRefusal | null;
}

/** Where the pilot stands on the way to a benchmark: the application's steps, or whether (and why not) the pair may apply. */
export function PilotBenchmarkSection({ pilotId, side, state }: { pilotId: number; side: PilotSide; state: PilotBenchmarkState }) {
  const { t } = useI18n();
  const pair = side === "demand" || side === "vendor";
  const app = state.application;
  return (
    <section aria-labelledby="benchmark-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="benchmark-title" className="text-lg font-semibold">{t("benchmarkApply.section")}</h2>
      {app && (
        <div className="space-y-2">
          <BenchmarkTimeline steps={app.steps} benchmarkNumber={app.benchmarkNumber} decisionNote={app.decisionNote} />
          <Link to={`/pilots/${pilotId}/benchmark`} className="inline-block text-sm text-brand-700 underline">{t("benchmarkApply.viewApplication")}</Link>
        </div>
      )}
      {state.canApply ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">{t(app ? "benchmarkApply.applyAgainHint" : "benchmarkApply.applyHint")}</p>
          <Link to={`/pilots/${pilotId}/apply`} className={`inline-block ${buttonClass}`}>{t(app ? "benchmarkApply.applyAgain" : "benchmarkApply.apply")}</Link>
        </div>
      ) : (
        // With an application under way its steps say enough; otherwise say what is missing.
        pair && state.refusal && (!app || app.status === "rejected") && <p className="text-sm text-slate-600">{t(`benchmarkApply.refusal.${state.refusal}`)}</p>
      )}
      {!app && !pair && <p className="text-sm text-slate-600">{t("benchmarkApply.none")}</p>}
    </section>
  );
}
