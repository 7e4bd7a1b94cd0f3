import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { BenchmarkTimeline } from "~/components/benchmark-timeline";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { criterionLabel } from "~/domain/rubric";
import { formatDate, formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { loadApplicationForApplicants } from "~/models/benchmark-applications.server";
import { pilotSide } from "~/models/pilots.server";
import { pageTitle } from "~/utils/meta";

// The pair's view of its benchmark application: where it stands, the narrative, and the review.
// Until the review closes the loader sends how many reviewers are assigned and nothing else of it:
// no scores, totals or comments. After, the sheets come numbered, never named.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  const side = await pilotSide(db(), id, user);
  if (side === null) throw new Response("Not found", { status: 404 });
  if (side === "none") throw new Response("Forbidden", { status: 403 });
  const page = await loadApplicationForApplicants(db(), id);
  if (!page) throw new Response("Not found", { status: 404 });
  const param = new URL(request.url).searchParams.get("done");
  const done = (["submitted", "exists"] as const).find((d) => d === param) ?? null;
  return { ...page, side, done };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("benchmarkApply.application")} · ${data.pilot.scenarioTitle}` : t("benchmarkApply.application")));

const box = "rounded-lg border border-slate-200 bg-white p-4";

export default function BenchmarkApplicationPage() {
  const { pilot, application, review, reviewersAssigned, earlier, done, side } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <Link to={`/pilots/${pilot.id}`} className="text-sm text-brand-700 underline">← {t("benchmarkApply.backToPilot")}</Link>
      <header className="space-y-1">
        <p className="text-sm text-slate-600">{pilot.scenarioCode && <span className="font-mono">{pilot.scenarioCode} · </span>}{t("pilots.pair", { demand: pilot.demandName, vendor: pilot.vendorName })}</p>
        <h1 className="text-2xl font-bold break-words">{t("benchmarkApply.applicationHeading", { title: pilot.scenarioTitle })}</h1>
        {application && <p><span className="rounded bg-slate-100 px-2 py-0.5 text-sm">{t(`benchmarkApply.status.${application.status}`)}</span></p>}
      </header>

      {done && <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`benchmarkApply.done.${done}`)}</p>}

      {!application ? (
        <section className={`${box} space-y-2 text-sm`}>
          <p>{t("benchmarkApply.none")}</p>
          {side !== "office" && <Link to={`/pilots/${pilot.id}`} className="text-brand-700 underline">{t("benchmarkApply.backToPilot")}</Link>}
        </section>
      ) : (
        <>
          <section aria-labelledby="progress-title" className={`${box} space-y-3`}>
            <h2 id="progress-title" className="text-lg font-semibold">{t("benchmarkApply.progress")}</h2>
            <BenchmarkTimeline steps={application.steps} benchmarkNumber={application.benchmarkNumber} decisionNote={application.decisionNote} reviewers={reviewersAssigned} />
          </section>

          <section aria-labelledby="narrative-title" className={`${box} space-y-2`}>
            <h2 id="narrative-title" className="text-lg font-semibold">{t("benchmarkApply.narrative")}</h2>
            <p className="whitespace-pre-line break-words">{application.narrative}</p>
            <p className="text-xs text-slate-600">
              {[application.submittedBy, application.submittedFor, formatDateTime(application.createdAt, lang)].filter(Boolean).join(" · ")}
            </p>
          </section>

          <section aria-labelledby="review-title" className={`${box} space-y-3`}>
            <h2 id="review-title" className="text-lg font-semibold">{t("benchmarkApply.review")}</h2>
            {review ? <ReviewResult review={review} status={application.status} /> : (
              <div className="space-y-1 text-sm text-slate-700">
                <p>
                  {application.status === "submitted" && reviewersAssigned === 0
                    ? t("benchmarkApply.review.awaiting")
                    : t("benchmarkApply.review.underWay", { n: reviewersAssigned })}
                </p>
                <p>{t("benchmarkApply.review.hidden", { passMark: application.passMark })}</p>
              </div>
            )}
          </section>
        </>
      )}

      {earlier.length > 0 && (
        <section aria-labelledby="earlier-title" className={`${box} space-y-2`}>
          <h2 id="earlier-title" className="text-lg font-semibold">{t("benchmarkApply.earlier")}</h2>
          <ul className="space-y-2 text-sm">
            {earlier.map((a) => (
              <li key={a.id}>
                {formatDate(a.createdAt, lang)} · {t(`benchmarkApply.status.${a.status}`)}
                {a.decisionNote && <p className="whitespace-pre-line break-words text-slate-700">{t("benchmarkApply.decisionNote", { note: a.decisionNote })}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

type Review = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["review"]>;

function ReviewResult({ review, status }: { review: Review; status: string }) {
  const { t, lang } = useI18n();
  const labels = new Map(review.rubric.map((c) => [c.key, t("benchmarkApply.criterion", { label: criterionLabel(c, lang), weight: c.weight })]));
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <div className="rounded bg-slate-50 p-3">
          <dt className="text-sm text-slate-600">{t("benchmarkApply.review.mean")}</dt>
          <dd className="text-2xl font-bold">{review.mean ?? "—"}</dd>
        </div>
        <div className="rounded bg-slate-50 p-3">
          <dt className="text-sm text-slate-600">{t("benchmarkApply.review.passMark")}</dt>
          <dd className="text-2xl font-bold">{review.passMark}</dd>
        </div>
        <div className={`rounded p-3 ${status === "rejected" ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900"}`}>
          <dt className="text-sm">{t("benchmarkApply.review.outcome")}</dt>
          <dd className="font-semibold">{t(`benchmarkApply.outcome.${status === "rejected" ? (review.passes ? "objection" : "below") : status === "certified" ? "certified" : "notice"}`)}</dd>
        </div>
      </dl>
      <ul className="space-y-3">
        {review.sheets.map((sheet) => (
          <li key={sheet.number} className="rounded border border-slate-200 p-3">
            <h3 className="flex justify-between font-medium">
              <span>{t("benchmarkApply.reviewer", { n: sheet.number })}</span>
              <span>{t("benchmarkApply.review.total", { total: sheet.total })}</span>
            </h3>
            <dl className="mt-2 space-y-1 text-sm">
              {sheet.criteria.map((c) => (
                <div key={c.key} className="sm:grid sm:grid-cols-[12rem_4rem_1fr] sm:gap-3">
                  <dt className="text-slate-600">{labels.get(c.key) ?? c.key}</dt>
                  <dd className="font-medium">{c.points ?? "—"}</dd>
                  <dd className="whitespace-pre-line break-words text-slate-700">{c.comment}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
