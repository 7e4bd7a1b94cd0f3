import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "react-router";
import { useState } from "react";
import { getOptionalUser } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { NoticeBadge, NoticePeriod, noticeCountdown, scoreText } from "~/components/notice-parts";
import { Section } from "~/components/section";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { passRetryAfter, tooManyRequests, tryAgainMessage } from "~/utils/retry-after";
import { OBJECTION_CONTACT_MAX, OBJECTION_NAME_MAX, OBJECTION_REASON_MAX, OBJECTION_REASON_MIN, objectionSchema } from "~/domain/forms/benchmark-notice";
import { formatDateTime, formatNumber } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { fileObjection, loadPublicNotice, type PublicNotice } from "~/models/benchmark-notice.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

const notFound = () => new Response("Not Found", { status: 404 });

function applicationId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [notice, viewer] = await Promise.all([loadPublicNotice(db(), applicationId(params)), getOptionalUser(request)]);
  if (!notice) throw notFound();
  // A signed-in visitor's form starts with their name and e-mail; they may change both.
  return { ...notice, viewer: viewer ? { name: viewer.name, email: viewer.email } : null };
}

export const headers = passRetryAfter;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = applicationId(params);
  const submission = parseWithZod(await readForm(request), { schema: objectionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const viewer = await getOptionalUser(request);
  const { intent: _intent, ...input } = submission.value;
  const outcome = await fileObjection(db(), id, input, { userId: viewer?.id ?? null, ip: clientAddress(context) });
  if (outcome.ok) return redirect(`/notices/${id}?objection=${outcome.duplicate ? "duplicate" : outcome.followUp}#objections`);
  if (outcome.problem === "not_found") throw notFound();
  if (outcome.problem === "rate_limited") {
    return data({ result: submission.reply({ formErrors: [tryAgainMessage(outcome.retryAfter)] }) }, tooManyRequests(outcome.retryAfter));
  }
  return data({ result: submission.reply({ formErrors: [`notices.refused.${outcome.problem}`] }) }, { status: 409 });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? t("notices.detail.title", { title: data.notice.scenario.title }) : t("notices.title")));

const FILED = ["account", "email", "page", "duplicate"] as const;

export default function NoticePage() {
  const d = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const n = d.notice;
  const running = n.status === "notice" && n.notice.endsAt > d.now;

  return (
    <article className="space-y-4">
      <Link to="/notices" className="text-sm text-brand-700 underline">← {t("notices.back")}</Link>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Link to={`/scenarios/${n.scenario.code}`} className="font-mono underline">{n.scenario.code}</Link>
          <NoticeBadge status={n.status} running={running} />
          {n.number && <span className="font-mono font-semibold text-slate-800">{n.number}</span>}
        </div>
        <h1 className="mt-1 text-2xl font-bold break-words">{n.scenario.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{t(n.status === "certified" ? "notices.detail.kind.certified" : n.status === "rejected" ? "notices.detail.kind.rejected" : "notices.detail.kind")}</p>
      </header>

      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-4">
          <Section id="kpis" title={t("notices.kpis")}>
            <Kpis kpis={d.kpis} />
          </Section>
          <Section id="narrative" title={t("notices.narrative")}>
            {d.narrative.split(/\n+/).filter(Boolean).map((p, i) => <p key={i} className="mt-1 leading-relaxed wrap-anywhere">{p}</p>)}
          </Section>
          <Objections d={d} />
        </div>

        <aside aria-label={t("notices.facts")} className="order-first space-y-4 lg:order-none">
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <dl className="space-y-2 text-sm">
              <div><dt className="text-slate-500">{t("notices.demand")}</dt><dd className="break-words">{n.organisation}</dd></div>
              <div><dt className="text-slate-500">{t("notices.vendor")}</dt><dd><Link to={`/vendors/${n.vendorId}`} className="text-brand-700 underline break-words">{n.vendor}</Link></dd></div>
              <div><dt className="text-slate-500">{t("notices.score")}</dt><dd className="text-xl font-bold">{scoreText(t, n.meanScore)}</dd></div>
              <div><dt className="text-slate-500">{t("notices.periodLabel")}</dt><dd><NoticePeriod startsAt={n.notice.startsAt} endsAt={n.notice.endsAt} /></dd></div>
              {n.status === "notice" && (
                <div>
                  <dt className="text-slate-500">{t("notices.countdown")}</dt>
                  <dd className={running ? "font-medium text-amber-900" : ""}>{running ? noticeCountdown(t, n.notice.endsAt, d.now) : t("notices.countdown.awaiting")}</dd>
                </div>
              )}
              <div><dt className="text-slate-500">{t("notices.objections")}</dt><dd>{t("notices.objections.count", { n: n.objections })}</dd></div>
              {n.status === "certified" && n.decidedAt && (
                <div><dt className="text-slate-500">{t("notices.outcome")}</dt><dd>{t("notices.outcome.certified", { date: formatDateTime(n.decidedAt, lang), number: n.number ?? "" })}</dd></div>
              )}
              {n.status === "rejected" && n.decidedAt && (
                <div>
                  <dt className="text-slate-500">{t("notices.outcome")}</dt>
                  <dd>{t("notices.outcome.rejected", { date: formatDateTime(n.decidedAt, lang) })}</dd>
                  {d.decisionNote && <dd className="mt-1 whitespace-pre-line wrap-anywhere text-slate-700">{d.decisionNote}</dd>}
                </div>
              )}
            </dl>
            <p className="mt-3 text-xs text-slate-500">{t("notices.score.note")}</p>
          </section>
        </aside>
      </div>
    </article>
  );
}

function Kpis({ kpis }: { kpis: PublicNotice["kpis"] }) {
  const { t, lang } = useI18n();
  if (kpis.length === 0) return <p className="text-sm text-slate-600">{t("notices.kpis.empty")}</p>;
  const value = (v: number | null, unit: string) => (v === null ? "—" : `${formatNumber(v, lang)}${unit ? ` ${unit}` : ""}`);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">{t("notices.kpi.name")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("notices.kpi.change")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("notices.kpi.target")}</th>
            <th scope="col" className="py-1 font-medium">{t("notices.kpi.reached")}</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((k) => (
            <tr key={k.id} className="border-t border-slate-100">
              <td className="min-w-28 py-1 pr-3">{k.name}<span className="sr-only"> ({k.higherIsBetter ? t("notices.kpi.higher") : t("notices.kpi.lower")})</span></td>
              <td className="py-1 pr-3 whitespace-nowrap">{value(k.baseline, k.unit)} → <strong>{value(k.measured, k.unit)}</strong></td>
              <td className="py-1 pr-3 whitespace-nowrap">{k.higherIsBetter ? "≥" : "≤"} {value(k.target, k.unit)}</td>
              <td className="py-1">
                {k.reached === null ? t("notices.kpi.unmeasured") : k.reached
                  ? <span className="font-medium text-emerald-800">✓ {t("notices.kpi.yes")}</span>
                  : <span className="font-medium text-red-800">✗ {t("notices.kpi.no")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Objections({ d }: { d: LoaderData }) {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const actionData = useActionData<typeof action>();
  // A new location after each objection that went through starts an empty form.
  const { key: visit } = useLocation();
  const filed = FILED.find((f) => f === params.get("objection"));
  const open = d.objections.filter((o) => o.status === "open").length;
  return (
    <section id="objections" aria-labelledby="objections-title" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="objections-title" className="text-lg font-semibold">{t("notices.objections")}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {d.objections.length === 0
          ? t("notices.objections.none")
          : open ? t("notices.objections.summary", { n: d.objections.length, open }) : t("notices.objections.summaryResolved", { n: d.objections.length })}
      </p>
      {filed && !actionData && (
        <div role="status" className="mt-3 rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          <p className="font-medium">{t(filed === "duplicate" ? "notices.filed.duplicate" : "notices.filed")}</p>
          {filed !== "duplicate" && <p className="mt-1">{t(`notices.filed.${filed}`)}</p>}
        </div>
      )}
      {d.objections.length > 0 && (
        <ol className="mt-2">
          {d.objections.map((o) => (
            <li key={o.number} className="border-t border-slate-100 py-2 text-sm first:border-t-0">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-500">
                <span className="font-semibold text-slate-800">{t("notices.objection.number", { n: o.number })}</span>
                <time dateTime={o.filedAt}>{formatDateTime(o.filedAt, lang)}</time>
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${o.status === "open" ? "bg-amber-100 text-amber-900" : o.status === "upheld" ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-700"}`}>
                  {t(`notices.objection.status.${o.status}`)}
                </span>
              </p>
              {o.resolution && (
                <p className="mt-1 whitespace-pre-line wrap-anywhere text-slate-800">
                  <span className="font-medium">{t("notices.objection.resolution")}</span>
                  {o.resolution}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="mt-4 border-t border-slate-200 pt-4">
        {d.canObject ? (
          <ObjectionForm key={visit} viewer={d.viewer} lastResult={actionData?.result ?? null} endsAt={d.notice.notice.endsAt} />
        ) : (
          <p className="text-sm text-slate-700">{t(d.notice.status === "notice" ? "notices.closed.awaiting" : "notices.closed.decided")}</p>
        )}
      </div>
    </section>
  );
}

function ObjectionForm({ viewer, lastResult, endsAt }: { viewer: { name: string; email: string } | null; lastResult: SubmissionResult<string[]> | null; endsAt: string }) {
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "objection",
    lastResult,
    defaultValue: viewer ? { name: viewer.name, contact: viewer.email } : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: objectionSchema }),
  });
  const [length, setLength] = useState(() => [...String(lastResult?.initialValue?.reason ?? "")].length);
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "object";
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <h3 className="font-semibold">{t("notices.form.title")}</h3>
      <p className="text-sm text-slate-600">{t("notices.form.lead", { end: formatDateTime(endsAt, lang) })}</p>
      <p className="rounded bg-slate-50 p-2 text-sm text-slate-700">{t("notices.form.privacy")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("notices.form.name")} hint={t("notices.form.name.hint")} htmlFor={fields.name.id} errors={fields.name.errors} errorId={fields.name.errorId}>
          <input {...getInputProps(fields.name, { type: "text" })} maxLength={OBJECTION_NAME_MAX * 2} autoComplete="name" className={inputClass} />
        </Field>
        <Field label={t("notices.form.contact")} hint={t("notices.form.contact.hint")} htmlFor={fields.contact.id} errors={fields.contact.errors} errorId={fields.contact.errorId}>
          <input {...getInputProps(fields.contact, { type: "text" })} maxLength={OBJECTION_CONTACT_MAX * 2} autoComplete="email" className={inputClass} />
        </Field>
      </div>
      <Field
        label={t("notices.form.reason")}
        hint={t("notices.form.reason.hint", { min: OBJECTION_REASON_MIN, max: OBJECTION_REASON_MAX })}
        htmlFor={fields.reason.id}
        errors={fields.reason.errors}
        errorId={fields.reason.errorId}
      >
        <textarea {...getTextareaProps(fields.reason)} rows={5} className={inputClass} onInput={(e) => setLength([...e.currentTarget.value].length)} />
      </Field>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <button type="submit" name="intent" value="object" disabled={busy} className={buttonClass}>
          {busy ? t("notices.form.pending") : t("notices.form.submit")}
        </button>
        <p className={`text-xs ${length > OBJECTION_REASON_MAX || (length > 0 && length < OBJECTION_REASON_MIN) ? "text-red-700" : "text-slate-500"}`} aria-live="polite">
          {t("notices.form.count", { n: length, max: OBJECTION_REASON_MAX })}
        </p>
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
