import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { ReactNode } from "react";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { StatusBadge } from "~/components/status-badge";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { REVIEW_FIELDS, reviewDecisionSchema, writtenComments } from "~/domain/forms/review";
import { formatDate, formatDateTime } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { approveScenario, getReviewScenario, returnScenario, type ReviewProblem } from "~/models/review.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

const DECISIONS = ["approve", "return"] as const;

function scenarioId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "reviewer", "admin");
  const found = await getReviewScenario(db(), scenarioId(params));
  if (!found) throw new Response("Not found", { status: 404 });
  const param = new URL(request.url).searchParams.get("done");
  return { ...found, done: DECISIONS.find((d) => d === param) ?? null };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => `${t("review.decision")} · ${data?.scenario.title ?? ""}`);

function problemMessage(problem: ReviewProblem): string {
  if (problem.code !== "not_submitted") return `review.problem.${problem.code}`;
  const known = ["approved", "returned", "withdrawn"].includes(problem.status);
  return `review.problem.now.${known ? problem.status : "other"}`;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "reviewer", "admin");
  const id = scenarioId(params);
  const submission = parseWithZod(await readForm(request), { schema: reviewDecisionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });

  const value = submission.value;
  const base = { scenarioId: id, expectedVersion: value.version, actor: { userId: user.id, role: user.role as "reviewer" | "admin", ip: clientAddress(context) } };
  const outcome = value.intent === "approve"
    ? await approveScenario(db(), { ...base, note: value.note })
    : await returnScenario(db(), { ...base, comments: writtenComments(value.comments) });
  if (!outcome.ok) {
    const status = outcome.problem.code === "not_found" ? 404 : 409;
    return data(submission.reply({ formErrors: [problemMessage(outcome.problem)] }), { status });
  }
  throw redirect(`/review/${id}?done=${value.intent}`);
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-slate-100 py-2 sm:grid sm:grid-cols-[9rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm whitespace-pre-line break-words">{children}</dd>
    </div>
  );
}

export default function ReviewScenario() {
  const { scenario: s, capabilities, dataResources, attachments, timeline, done } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const label = (kind: Parameters<typeof vocabularyLabel>[2], value: string | null) => vocabularyLabel(t, lang, kind, value);
  const [form, fields] = useForm({
    id: "review-decision",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewDecisionSchema }),
  });
  const comments = fields.comments.getFieldset();
  const decidable = s.status === "submitted";

  return (
    <article className="space-y-4">
      <Link to="/review" className="text-sm text-brand-700 underline">← {t("review.back")}</Link>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <StatusBadge status={s.status} />
          <span>{t("edition.label", { year: String(s.year) })}</span>
          {s.code && <span className="font-mono">{s.code}</span>}
        </div>
        <h1 className="mt-1 text-2xl font-bold break-words">{s.title}</h1>
        <p className="mt-1 text-slate-700">
          {s.organisation} · <span className="font-mono text-sm">{s.credit_code}</span> ·{" "}
          {s.organisation_verified ? t("review.org.verified") : <strong className="text-orange-800">{t("review.org.unverified")}</strong>}
        </p>
      </header>
      <FormErrors id={form.errorId} errors={form.errors} />
      {done && <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`review.done.${done}`)}</p>}

      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <section aria-labelledby="content" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="content" className="text-lg font-semibold">{t("review.content")}</h2>
          <dl className="mt-2">
            <Row label={t("scenario.domain")}>{label("domain", s.domain)}</Row>
            <Row label={t("scenario.venueType")}>{label("venue", s.venue_type)}</Row>
            <Row label={t("scenario.district")}>{label("district", s.district)}</Row>
            <Row label={t("scenario.mode")}>{label("mode", s.cooperation_mode)}</Row>
            <Row label={t("scenario.tier")}>{label("tier", s.tier)}</Row>
            <Row label={t("scenario.description")}>{s.description}</Row>
            <Row label={t("scenario.requirements")}>{s.requirements || t("scenario.notSpecified")}</Row>
            <Row label={t("scenario.acceptance")}>{s.acceptance_criteria || t("scenario.notSpecified")}</Row>
            <Row label={t("scenario.capabilities")}>{capabilities.map((c) => (lang === "en" ? c.name_en : c.name_zh)).join("、") || t("scenario.notSpecified")}</Row>
            <Row label={t("scenario.budget")}>{s.budget_wan === null ? t("list.budgetNegotiable") : t("list.budgetValue", { budget: s.budget_wan })}</Row>
            <Row label={t("scenario.period")}>
              {s.period_start && s.period_end ? t("period.range", { start: formatDate(s.period_start, lang), end: formatDate(s.period_end, lang) }) : t("scenario.notSpecified")}
            </Row>
            <Row label={t("scenario.dataResources")}>
              {dataResources.length === 0 ? t("scenario.data.none") : dataResources.map((d) =>
                `${d.kind} · ${d.volume} · ${t("scenario.data.labelled")}：${d.labelled ? t("yes") : t("no")} · ${label("sensitivity", d.sensitivity)}`).join("\n")}
            </Row>
            <Row label={t("scenario.siteAccess")}>{s.site_access || t("scenario.notSpecified")}</Row>
            <Row label={t("scenario.contact")}>{[s.contact_name, s.contact_phone, s.contact_email].filter(Boolean).join(" · ")}</Row>
            <Row label={t("scenario.attachments")}>{attachments.map((a) => a.file_name).join("\n") || t("scenario.attachments.none")}</Row>
          </dl>
        </section>

        <aside className="space-y-4">
          {decidable ? (
            <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="text-lg font-semibold">{t("review.decision")}</h2>
              <input type="hidden" name="version" value={s.version} />
              <Field label={t("review.approve.note")} htmlFor={fields.note.id} errors={fields.note.errors} errorId={fields.note.errorId}>
                <textarea {...getTextareaProps(fields.note)} rows={2} className={inputClass} />
              </Field>
              <button type="submit" name="intent" value="approve" className={`${buttonClass} w-full`} disabled={busy}>
                {busy ? t("review.submitting") : t("review.approve")}
              </button>
              <fieldset className="space-y-2 border-t border-slate-200 pt-3" aria-describedby={fields.comments.errorId}>
                <legend className="font-semibold">{t("review.return")}</legend>
                <p className="text-xs text-slate-600">{t("review.return.lead")}</p>
                {fields.comments.errors && (
                  <p id={fields.comments.errorId} role="alert" className="text-sm text-red-700">{t("review.error.noComment")}</p>
                )}
                {REVIEW_FIELDS.map((f) => (
                  <Field key={f} label={t(`review.field.${f}`)} htmlFor={comments[f].id} errors={comments[f].errors} errorId={comments[f].errorId}>
                    <textarea {...getTextareaProps(comments[f])} rows={1} className={inputClass} />
                  </Field>
                ))}
                <button type="submit" name="intent" value="return" disabled={busy}
                  className="w-full rounded border border-orange-700 px-4 py-2 font-medium text-orange-800 hover:bg-orange-50 disabled:opacity-60">
                  {t("review.return")}
                </button>
              </fieldset>
            </Form>
          ) : (
            <p role="status" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              {t("review.notDecidable", { status: t(`status.${s.status}`) })}
            </p>
          )}

          <section aria-labelledby="history" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="history" className="text-lg font-semibold">{t("review.history")}</h2>
            <ol className="mt-2 space-y-3">
              {timeline.map((h) => (
                <li key={h.id} className="border-l-2 border-slate-200 pl-3 text-sm">
                  <p><StatusBadge status={h.to_status} /> <time dateTime={h.created_at} className="text-slate-500">{formatDateTime(h.created_at, lang)}</time></p>
                  <p className="text-slate-600">{h.actor_name ? `${h.actor_name}（${t(`role.${h.actor_role!}`)}）` : t("review.history.system")}</p>
                  {h.comments.length > 0 ? (
                    <dl className="mt-1">
                      {h.comments.map((c) => (
                        <div key={c.field}><dt className="inline font-medium">{t(`review.field.${c.field}`)}：</dt><dd className="inline whitespace-pre-line">{c.comment}</dd></div>
                      ))}
                    </dl>
                  ) : h.reason && <p className="mt-1 whitespace-pre-line text-slate-800">{h.reason}</p>}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
