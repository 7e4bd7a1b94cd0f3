import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { useState, type FormEvent } from "react";
import { requireRole } from "~/auth/guards.server";
import { ApplicationStatusBadge, ConflictReasons, KpisAndEvidence } from "~/components/benchmark-review";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FieldErrors, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { sheetSchema } from "~/domain/forms/benchmark-review";
import { criterionLabel } from "~/domain/rubric";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { declareConflict, getReviewerApplication, saveSheet, type ReviewProblem } from "~/models/benchmark-review.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

/** Only a reviewer assigned to the application gets in: every other reviewer is refused, as is everyone else. */
async function access(request: Request, params: { id?: string }) {
  const user = await requireRole(request, "reviewer");
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  const found = await getReviewerApplication(db(), id, user.id);
  if (found === null) throw new Response("Not found", { status: 404 });
  if (found === "forbidden") throw new Response("Forbidden", { status: 403 });
  return { user, id, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await access(request, params);
  return found;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => `${t("benchReview.sheet.title")} · ${data?.application.scenario_title ?? ""}`);

function problemMessage(problem: ReviewProblem): string {
  return `benchReview.problem.${problem.code}`;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, id, found } = await access(request, params);
  const submission = parseWithZod(await readForm(request), { schema: sheetSchema(found.rubric) });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const value = submission.value;
  const base = { applicationId: id, reviewerId: user.id, ip: clientAddress(context) };
  const outcome =
    value.intent === "conflict"
      ? await declareConflict(db(), { ...base, reason: value.reason })
      : await saveSheet(db(), { ...base, scores: value.scores, comments: value.comments, submit: value.intent === "submit" });
  if (!outcome.ok) {
    const status = outcome.problem.code === "sheet_invalid" ? 400 : 409;
    return data({ result: submission.reply({ formErrors: [problemMessage(outcome.problem)] }), done: null }, { status });
  }
  return { result: submission.reply(), done: value.intent };
}

const box = "rounded-lg border border-slate-200 bg-white p-4";

export default function ReviewSheet() {
  const d = useLoaderData<typeof loader>();
  const { application: a, rubric, sheet } = d;
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const busy = useNavigation().state === "submitting";
  const result = actionData?.result;
  const schema = sheetSchema(rubric);
  const text = (n: number | undefined) => (n === undefined ? "" : String(n));
  const [form, fields] = useForm({
    id: "sheet",
    lastResult: result?.initialValue?.intent === "draft" || result?.initialValue?.intent === "submit" ? result : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: {
      scores: Object.fromEntries(rubric.map((c) => [c.key, text(sheet.scores[c.key])])),
      comments: Object.fromEntries(rubric.map((c) => [c.key, sheet.comments[c.key] ?? ""])),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const [conflictForm, conflictFields] = useForm({
    id: "conflict",
    lastResult: result?.initialValue?.intent === "conflict" ? result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const scores = fields.scores.getFieldset();
  const comments = fields.comments.getFieldset();
  const totalOf = (read: (key: string) => string) =>
    rubric.reduce((sum, c) => {
      const v = Number(read(c.key));
      return sum + (read(c.key).trim() && Number.isFinite(v) ? v : 0);
    }, 0);
  const [total, setTotal] = useState(() => totalOf((key) => String(scores[key]!.initialValue ?? "")));
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const formData = new FormData(event.currentTarget);
    setTotal(totalOf((key) => String(formData.get(`scores.${key}`) ?? "")));
  };
  const submitted = sheet.submittedAt !== null;
  const declared = sheet.conflictDeclaredAt !== null;
  const number = (n: number | null | undefined) => (n === null || n === undefined ? "—" : formatNumber(n, lang));

  return (
    <article className="space-y-4">
      <Link to="/review/benchmarks" className="text-sm text-brand-700 underline">← {t("benchReview.mine.title")}</Link>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <ApplicationStatusBadge status={a.status} />
          {a.scenario_code && <span className="font-mono">{a.scenario_code}</span>}
          <span>{t("benchReview.submittedOn", { date: formatDate(a.created_at, lang) })}</span>
        </div>
        <h1 className="mt-1 text-2xl font-bold break-words">{a.scenario_title}</h1>
        <p className="text-slate-700">{t("benchReview.pair", { demand: a.demand_name, vendor: a.vendor_name })}</p>
      </header>
      {actionData?.done && <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`benchReview.sheet.done.${actionData.done}`)}</p>}
      {d.ties.length > 0 && !declared && (
        <div role="note" className="rounded border border-orange-300 bg-orange-50 p-3 text-sm text-orange-950">
          <p>{t("benchReview.sheet.tiesFound")}</p>
          <ConflictReasons reasons={d.ties} />
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-[1fr_30rem]">
        <section aria-labelledby="case" className={`${box} space-y-3`}>
          <h2 id="case" className="text-lg font-semibold">{t("benchReview.case")}</h2>
          <div>
            <h3 className="font-semibold">{t("benchReview.narrative")}</h3>
            <p className="mt-1 text-sm whitespace-pre-line break-words">{a.narrative || "—"}</p>
          </div>
          <p className="text-sm text-slate-600">
            {a.pilot_ended_at
              ? t("benchReview.pilotPeriod", { start: formatDate(a.pilot_started_at, lang), end: formatDate(a.pilot_ended_at, lang) })
              : t("benchReview.pilotSince", { start: formatDate(a.pilot_started_at, lang) })}
          </p>
          <KpisAndEvidence pilotId={a.pilot_id} kpis={d.kpis} evidence={d.evidence} />
        </section>

        <aside className="space-y-4">
          {declared ? (
            <section className={`${box} space-y-1 border-orange-300 bg-orange-50 text-sm text-orange-950`}>
              <h2 className="text-lg font-semibold">{t("benchReview.sheet.declaredTitle")}</h2>
              <p>{t("benchReview.sheet.declaredOn", { date: formatDateTime(sheet.conflictDeclaredAt!, lang) })}</p>
              {sheet.conflictReason && <p className="whitespace-pre-line">{sheet.conflictReason}</p>}
              <p>{t("benchReview.sheet.declaredEffect")}</p>
            </section>
          ) : d.canEdit ? (
            <Form method="post" {...getFormProps(form)} onInput={onInput} className={`${box} space-y-3`}>
              <h2 className="text-lg font-semibold">{t("benchReview.sheet.title")}</h2>
              <p className="text-sm text-slate-600">{t("benchReview.sheet.rules")}</p>
              {submitted && (
                <p className="rounded bg-emerald-50 p-2 text-sm text-emerald-900">
                  {t("benchReview.sheet.submittedEditable", { date: formatDateTime(sheet.submittedAt!, lang) })}
                </p>
              )}
              <FormErrors id={form.errorId} errors={form.errors} />
              {rubric.map((c) => {
                const score = scores[c.key]!;
                const comment = comments[c.key]!;
                return (
                  <fieldset key={c.key} className="space-y-2 border-t border-slate-100 pt-2">
                    <legend className="font-medium">{criterionLabel(c, lang)} <span className="text-sm font-normal text-slate-500">{t("benchReview.sheet.outOf", { max: c.weight })}</span></legend>
                    <div>
                      <label htmlFor={score.id} className="sr-only">{t("benchReview.sheet.scoreFor", { criterion: criterionLabel(c, lang) })}</label>
                      <input {...getInputProps(score, { type: "text" })} inputMode="decimal" placeholder={`0–${c.weight}`} className={`${inputClass} max-w-28 tabular-nums`} />
                      <FieldErrors id={score.errorId} errors={score.errors} />
                    </div>
                    <Field label={t("benchReview.sheet.comment")} htmlFor={comment.id} errors={comment.errors} errorId={comment.errorId}>
                      <textarea {...getTextareaProps(comment)} rows={2} maxLength={2000} className={inputClass} />
                    </Field>
                  </fieldset>
                );
              })}
              <p aria-live="polite" className="border-t border-slate-200 pt-2 font-semibold tabular-nums">{t("benchReview.sheet.total", { total: formatNumber(total, lang) })}</p>
              <div className="flex flex-wrap gap-3">
                {!submitted && (
                  <button type="submit" name="intent" value="draft" disabled={busy} className="rounded border border-slate-400 px-4 py-2 hover:bg-slate-50 disabled:opacity-60">
                    {t("benchReview.sheet.saveDraft")}
                  </button>
                )}
                <button type="submit" name="intent" value="submit" disabled={busy} className={buttonClass}>
                  {submitted ? t("benchReview.sheet.saveChanges") : t("benchReview.sheet.submit")}
                </button>
              </div>
            </Form>
          ) : (
            <section className={`${box} space-y-2`}>
              <h2 className="text-lg font-semibold">{t("benchReview.sheet.title")}</h2>
              <p className="text-sm text-slate-600">{t(a.status === "submitted" ? "benchReview.sheet.notYetOpen" : "benchReview.sheet.readOnly")}</p>
              <dl className="space-y-2 text-sm">
                {rubric.map((c) => (
                  <div key={c.key} className="border-t border-slate-100 pt-2">
                    <dt className="font-medium">{criterionLabel(c, lang)} <span className="tabular-nums">{number(sheet.scores[c.key])} / {c.weight}</span></dt>
                    <dd className="whitespace-pre-line text-slate-700">{sheet.comments[c.key] ?? t("benchReview.noComment")}</dd>
                  </div>
                ))}
              </dl>
              <p className="font-semibold">{t("benchReview.sheet.total", { total: number(sheet.total) })}</p>
            </section>
          )}

          {d.canEdit && (
            <Form method="post" {...getFormProps(conflictForm)} className={`${box} space-y-2`}>
              <h2 className="text-lg font-semibold">{t("benchReview.sheet.declare")}</h2>
              <p className="text-sm text-slate-600">{t("benchReview.sheet.declareHint")}</p>
              <FormErrors id={conflictForm.errorId} errors={conflictForm.errors} />
              <input type="hidden" name="intent" value="conflict" />
              <Field label={t("benchReview.sheet.declareReason")} htmlFor={conflictFields.reason.id} errors={conflictFields.reason.errors} errorId={conflictFields.reason.errorId}>
                <textarea {...getTextareaProps(conflictFields.reason)} rows={2} maxLength={500} className={inputClass} />
              </Field>
              <button type="submit" disabled={busy} className="rounded border border-orange-700 px-4 py-2 text-orange-800 hover:bg-orange-50 disabled:opacity-60">
                {t("benchReview.sheet.declare")}
              </button>
            </Form>
          )}
        </aside>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
