import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { ReactNode } from "react";
import { requireRole } from "~/auth/guards.server";
import { ApplicationStatusBadge, ConflictReasons, KpisAndEvidence } from "~/components/benchmark-review";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { officeReviewSchema } from "~/domain/forms/benchmark-review";
import { message } from "~/domain/forms/messages";
import { criterionLabel, OUTLIER_POINTS } from "~/domain/rubric";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { assignReviewers, closeReview, getApplicationForOffice, removeAssignment, type ReviewProblem } from "~/models/benchmark-review.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

function applicationId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const found = await getApplicationForOffice(db(), applicationId(params));
  if (!found) throw new Response("Not found", { status: 404 });
  return found;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => `${t("benchReview.office.title")} · ${data?.application.scenario_title ?? ""}`);

function problemMessage(problem: ReviewProblem): string {
  if (problem.code === "excluded" || problem.code === "already_assigned") return message(`benchReview.problem.${problem.code}`, { names: problem.names.join("、") });
  return `benchReview.problem.${problem.code}`;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const id = applicationId(params);
  const submission = parseWithZod(await readForm(request), { schema: officeReviewSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const value = submission.value;
  const actor = { userId: user.id, ip: clientAddress(context) };
  const outcome =
    value.intent === "assign"
      ? await assignReviewers(db(), { applicationId: id, reviewerIds: value.reviewerIds, actor })
      : value.intent === "remove"
        ? await removeAssignment(db(), { applicationId: id, reviewerId: value.reviewerId, actor })
        : await closeReview(db(), { applicationId: id, actor, note: value.note });
  if (!outcome.ok) {
    const status = outcome.problem.code === "not_found" ? 404 : 409;
    return data({ result: submission.reply({ formErrors: [problemMessage(outcome.problem)] }), done: null }, { status });
  }
  return { result: submission.reply({ resetForm: true }), done: value.intent };
}

const box = "rounded-lg border border-slate-200 bg-white p-4";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-slate-100 py-2 sm:grid sm:grid-cols-[8rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm whitespace-pre-line break-words">{children}</dd>
    </div>
  );
}

function errorsFor(result: SubmissionResult<string[]> | undefined, intent: string) {
  return result?.initialValue?.intent === intent ? result.error?.[""] ?? undefined : undefined;
}

export default function OfficeApplication() {
  const d = useLoaderData<typeof loader>();
  const { application: a, rubric, summary, progress } = d;
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const busy = useNavigation().state === "submitting";
  const result = actionData?.result;
  const [assignForm, assignFields] = useForm({
    id: "assign",
    lastResult: result?.initialValue?.intent === "assign" ? result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: officeReviewSchema }),
  });
  const [closeForm, closeFields] = useForm({
    id: "close",
    lastResult: result?.initialValue?.intent === "close" ? result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: officeReviewSchema }),
  });
  const sheets = d.assignments.filter((s) => s.submitted_at !== null);
  const number = (n: number | null) => (n === null ? "—" : formatNumber(n, lang));
  const previewPasses = summary.mean !== null && summary.passes;

  return (
    <article className="space-y-4">
      <Link to="/admin/benchmarks" className="text-sm text-brand-700 underline">← {t("benchReview.office.title")}</Link>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <ApplicationStatusBadge status={a.status} />
          {a.scenario_code && <span className="font-mono">{a.scenario_code}</span>}
          <span>{t("benchReview.submittedOn", { date: formatDate(a.created_at, lang) })}{a.submitted_by_name && ` · ${a.submitted_by_name}`}</span>
        </div>
        <h1 className="mt-1 text-2xl font-bold break-words">{a.scenario_title}</h1>
        <p className="text-slate-700">{t("benchReview.pair", { demand: a.demand_name, vendor: a.vendor_name })}</p>
      </header>
      {actionData?.done && <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`benchReview.office.done.${actionData.done}`)}</p>}
      <FormErrors id="remove-errors" errors={errorsFor(result, "remove")} />

      <div className="grid gap-4 lg:grid-cols-[1fr_26rem]">
        <section aria-labelledby="case" className={`${box} space-y-3`}>
          <h2 id="case" className="text-lg font-semibold">{t("benchReview.case")}</h2>
          <dl>
            <Row label={t("benchReview.pilot")}>
              <Link to={`/pilots/${a.pilot_id}`} className="text-brand-700 underline">{t("benchReview.pilotLink")}</Link>
              {" · "}{formatDate(a.pilot_started_at, lang)}{a.pilot_ended_at && ` – ${formatDate(a.pilot_ended_at, lang)}`}
            </Row>
            <Row label={t("benchReview.narrative")}>{a.narrative || "—"}</Row>
            <Row label={t("benchReview.passMark")}>{number(a.passMark)}</Row>
          </dl>
          <KpisAndEvidence pilotId={a.pilot_id} kpis={d.kpis} evidence={d.evidence} />
        </section>

        <aside className="space-y-4">
          <section aria-labelledby="assigned" className={`${box} space-y-2`}>
            <h2 id="assigned" className="text-lg font-semibold">{t("benchReview.office.assigned")}</h2>
            <p className="text-sm">
              {t("benchReview.office.sheetsCount", { submitted: progress.submitted, active: progress.active })}
              <span className="text-slate-600"> · {t("benchReview.office.minRule", { min: d.minReviewers })}</span>
            </p>
            {d.assignments.length === 0 ? <p className="text-sm text-slate-600">{t("benchReview.office.noneAssigned")}</p> : (
              <ul className="divide-y divide-slate-100">
                {d.assignments.map((s) => (
                  <li key={s.id} className={`py-2 text-sm ${s.counts ? "" : "bg-orange-50 px-2"}`}>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span>
                        <span className="font-medium">{s.reviewer_name}</span>
                        <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">{t(`benchReview.sheet.${s.state}`)}</span>
                        {!s.counts && <span className="ml-2 rounded bg-orange-200 px-1.5 py-0.5 text-xs text-orange-950">{t("benchReview.office.notCounted")}</span>}
                      </span>
                      {d.canAssign && s.state !== "submitted" && s.state !== "conflict" && (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="reviewerId" value={s.reviewer_id} />
                          <button type="submit" disabled={busy} className="text-xs text-red-800 underline disabled:opacity-60">{t("benchReview.office.remove")}</button>
                        </Form>
                      )}
                    </div>
                    <p className="text-xs text-slate-600">
                      {s.assigned_at && t("benchReview.assignedOn", { date: formatDate(s.assigned_at, lang) })}
                      {s.submitted_at && ` · ${t("benchReview.submittedOn", { date: formatDateTime(s.submitted_at, lang) })}`}
                    </p>
                    {s.reasons.length > 0 && <ConflictReasons reasons={s.reasons} />}
                  </li>
                ))}
              </ul>
            )}
            {progress.conflicted > 0 && d.canAssign && <p className="text-sm text-orange-800">{t("benchReview.office.assignAnother")}</p>}
          </section>

          {d.canAssign && (
            <Form method="post" {...getFormProps(assignForm)} className={`${box} space-y-2`}>
              <h2 className="text-lg font-semibold">{t("benchReview.office.assign")}</h2>
              <input type="hidden" name="intent" value="assign" />
              <FormErrors id={assignForm.errorId} errors={assignForm.errors} />
              <fieldset aria-describedby={assignFields.reviewerIds.errorId}>
                <legend className="text-sm text-slate-600">{t("benchReview.office.eligible", { n: d.eligible.length })}</legend>
                {assignFields.reviewerIds.errors && (
                  <p id={assignFields.reviewerIds.errorId} role="alert" className="text-sm text-red-700">{t("benchReview.error.noneSelected")}</p>
                )}
                <ul className="mt-1 max-h-72 space-y-1 overflow-y-auto">
                  {d.eligible.map((r) => (
                    <li key={r.id}>
                      <label className="flex items-center gap-2 text-sm">
                        <input type="checkbox" name="reviewerIds" value={r.id} />
                        <span>{r.name}</span>
                        <span className="text-xs text-slate-500">{t("benchReview.office.load", { n: r.load })}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" className={buttonClass} disabled={busy}>{t("benchReview.office.assignSelected")}</button>
            </Form>
          )}

          <section aria-labelledby="excluded" className={`${box} space-y-2`}>
            <h2 id="excluded" className="text-lg font-semibold">{t("benchReview.office.excluded", { n: d.excluded.length })}</h2>
            {d.excluded.length === 0 ? <p className="text-sm text-slate-600">{t("benchReview.office.noneExcluded")}</p> : (
              <ul className="space-y-2">
                {d.excluded.map((r) => (
                  <li key={r.id} className="text-sm">
                    <span className="font-medium">{r.name}</span>
                    <ConflictReasons reasons={r.reasons} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>

      <section aria-labelledby="sheets" className={`${box} space-y-3`}>
        <h2 id="sheets" className="text-lg font-semibold">{t("benchReview.office.sheetsTitle")}</h2>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
          {[
            ["benchReview.summary.count", String(summary.count)],
            ["benchReview.summary.mean", number(summary.mean)],
            ["benchReview.summary.range", summary.min === null ? "—" : `${number(summary.min)} – ${number(summary.max)}`],
            ["benchReview.summary.spread", number(summary.spread)],
            ["benchReview.summary.stdDev", number(summary.stdDev)],
            ["benchReview.passMark", number(a.passMark)],
          ].map(([label, value]) => (
            <div key={label} className="rounded border border-slate-200 p-2">
              <dt className="text-slate-500">{t(label as "benchReview.passMark")}</dt>
              <dd className="text-xl font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        {summary.outliers.length > 0 && <p role="note" className="rounded border border-orange-300 bg-orange-50 p-2 text-sm text-orange-950">{t("benchReview.summary.outliers", { n: summary.outliers.length, points: OUTLIER_POINTS })}</p>}
        {sheets.length === 0 ? <p className="text-sm text-slate-600">{t("benchReview.office.noSheets")}</p> : (
          <>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="p-2">{t("benchReview.criterion")}</th>
                    {sheets.map((s) => (
                      <th key={s.id} scope="col" className={`p-2 text-right ${s.outlier ? "bg-orange-100" : ""} ${s.counts ? "" : "text-slate-400 line-through"}`}>
                        {s.reviewer_name}
                        {s.outlier && <span className="ml-1 rounded bg-orange-600 px-1 text-xs text-white">{t("benchReview.summary.outlier")}</span>}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rubric.map((c) => (
                    <tr key={c.key} className="border-t border-slate-100">
                      <th scope="row" className="p-2 font-normal">{criterionLabel(c, lang)} <span className="text-slate-500">/ {c.weight}</span></th>
                      {sheets.map((s) => <td key={s.id} className={`p-2 text-right tabular-nums ${s.outlier ? "bg-orange-50" : ""} ${s.counts ? "" : "text-slate-400"}`}>{number(s.scores[c.key] ?? null)}</td>)}
                    </tr>
                  ))}
                  <tr className="border-t-2 border-slate-300 font-semibold">
                    <th scope="row" className="p-2">{t("benchReview.total")}</th>
                    {sheets.map((s) => <td key={s.id} className={`p-2 text-right tabular-nums ${s.outlier ? "bg-orange-100" : ""} ${s.counts ? "" : "text-slate-400 line-through"}`}>{number(s.total)}</td>)}
                  </tr>
                </tbody>
              </table>
            </div>
            <div className="space-y-3">
              <h3 className="font-semibold">{t("benchReview.comments")}</h3>
              {sheets.map((s) => (
                <details key={s.id} className={`rounded border p-2 text-sm ${s.outlier ? "border-orange-300" : "border-slate-200"}`}>
                  <summary className="cursor-pointer font-medium">{s.reviewer_name}{!s.counts && ` · ${t("benchReview.office.notCounted")}`}</summary>
                  <dl className="mt-2 space-y-1">
                    {rubric.map((c) => (
                      <div key={c.key}>
                        <dt className="inline font-medium">{criterionLabel(c, lang)}：</dt>
                        <dd className="inline whitespace-pre-line">{s.comments[c.key] ?? t("benchReview.noComment")}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              ))}
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="close" className={`${box} space-y-3`}>
        <h2 id="close" className="text-lg font-semibold">{t("benchReview.office.closeTitle")}</h2>
        {a.status === "in_review" ? (
          <Form method="post" {...getFormProps(closeForm)} className="space-y-3">
            <input type="hidden" name="intent" value="close" />
            <FormErrors id={closeForm.errorId} errors={closeForm.errors} />
            {d.close.ok ? (
              <p className="text-sm">
                {previewPasses
                  ? t("benchReview.office.closePass", { mean: number(summary.mean), passMark: number(a.passMark), days: a.notice_days })
                  : t("benchReview.office.closeFail", { mean: number(summary.mean), passMark: number(a.passMark) })}
              </p>
            ) : (
              <p className="text-sm text-orange-800">{t(`benchReview.problem.${d.close.refusal}`)}</p>
            )}
            <Field label={t("benchReview.office.closeNote")} htmlFor={closeFields.note.id} errors={closeFields.note.errors} errorId={closeFields.note.errorId}>
              <textarea {...getTextareaProps(closeFields.note)} rows={2} maxLength={1000} className={inputClass} />
            </Field>
            <button type="submit" className={buttonClass} disabled={busy || !d.close.ok}>{t("benchReview.office.close")}</button>
          </Form>
        ) : a.status !== "submitted" ? (
          <dl>
            <Row label={t("benchReview.office.outcome")}><ApplicationStatusBadge status={a.status} /></Row>
            <Row label={t("benchReview.summary.mean")}>{number(a.mean_score)}</Row>
            {a.review_closed_at && <Row label={t("benchReview.office.closedAt")}>{formatDateTime(a.review_closed_at, lang)}</Row>}
            {a.notice_starts_at && a.notice_ends_at && (
              <Row label={t("benchReview.office.noticeWindow")}>{`${formatDateTime(a.notice_starts_at, lang)} – ${formatDateTime(a.notice_ends_at, lang)}`}</Row>
            )}
            {a.decision_note && <Row label={t("benchReview.office.decisionNote")}>{a.decision_note}</Row>}
          </dl>
        ) : (
          <p className="text-sm text-slate-600">{t("benchReview.office.assignFirst", { min: d.minReviewers })}</p>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
