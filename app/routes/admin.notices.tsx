import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, FieldErrors, FormErrors, inputClass } from "~/components/form";
import { NoticeBadge, NoticePeriod, noticeCountdown, scoreText } from "~/components/notice-parts";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { officeNoticeSchema, RESOLUTION_MAX } from "~/domain/forms/benchmark-notice";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { certifyApplication, certifyDue, loadOfficeNotices, resolveObjection } from "~/models/benchmark-certification.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return loadOfficeNotices(db());
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("officeNotices.title"));

type Done = { intent: "resolve"; rejected: boolean } | { intent: "certify"; number: string; already: boolean } | { intent: "certify-due"; count: number; refused: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: officeNoticeSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const actor = { userId: user.id, ip: clientAddress(context) };
  const v = submission.value;
  if (v.intent === "certify-due") {
    const { certified, refused } = await certifyDue(db(), actor);
    return { result: submission.reply({ resetForm: true }), done: { intent: v.intent, count: certified.length, refused } satisfies Done };
  }
  const outcome = v.intent === "resolve"
    ? await resolveObjection(db(), { objectionId: v.objectionId, outcome: v.outcome, resolution: v.resolution, actor })
    : await certifyApplication(db(), { applicationId: v.applicationId, actor });
  if (!outcome.ok) {
    return data({ result: submission.reply({ formErrors: [`officeNotices.problem.${outcome.problem}`] }), done: null }, { status: outcome.problem === "not_found" ? 404 : 409 });
  }
  const done: Done = v.intent === "resolve"
    ? { intent: "resolve", rejected: outcome.rejected ?? false }
    : { intent: "certify", number: outcome.number ?? "", already: outcome.already ?? false };
  return { result: submission.reply({ resetForm: true }), done };
}

type Application = ReturnType<typeof useLoaderData<typeof loader>>["applications"][number];

export default function OfficeNotices() {
  const { applications, due, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  const done = actionData?.done as Done | null | undefined;

  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("officeNotices.title")}</h1>
      <p className="max-w-3xl text-slate-600">{t("officeNotices.lead")}</p>
      <p className="text-sm"><Link to="/notices" className="text-brand-700 underline">{t("officeNotices.publicLink")}</Link></p>
      {done && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {done.intent === "resolve"
            ? t(done.rejected ? "officeNotices.done.upheld" : "officeNotices.done.resolved")
            : done.intent === "certify"
              ? t(done.already ? "officeNotices.done.already" : "officeNotices.done.certified", { number: done.number })
              : t("officeNotices.done.due", { n: done.count, refused: done.refused })}
        </p>
      )}
      {due > 0 && (
        <Form method="post" className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm text-amber-900">{t("officeNotices.due", { n: due })}</p>
          <button type="submit" name="intent" value="certify-due" disabled={busy} className={`${buttonClass} text-sm`}>{t("officeNotices.certifyDue")}</button>
        </Form>
      )}
      {applications.length === 0 ? (
        <p className="text-slate-600">{t("officeNotices.empty")}</p>
      ) : (
        <ul className="space-y-4">
          {applications.map((a) => <ApplicationCard key={a.id} a={a} now={now} busy={busy} />)}
        </ul>
      )}
    </div>
  );
}

function ApplicationCard({ a, now, busy }: { a: Application; now: string; busy: boolean }) {
  const { t } = useI18n();
  const actionData = useActionData<typeof action>();
  const sent = actionData?.result?.initialValue as Record<string, unknown> | undefined;
  const certifyErrors = sent?.intent === "certify" && sent.applicationId === String(a.id) ? actionData?.result?.error?.[""] : undefined;
  return (
    <li id={`application-${a.id}`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span className="font-mono">{a.scenario.code}</span>
        <NoticeBadge status={a.status} running={a.running} />
        <span>{t("officeNotices.application", { id: a.id })}</span>
      </div>
      <h2 className="mt-1 text-lg font-semibold break-words">
        <Link to={`/notices/${a.id}`} className="text-brand-700 underline">{a.scenario.title}</Link>
      </h2>
      <p className="text-sm text-slate-700 break-words">{t("notices.pair", { demand: a.organisation, vendor: a.vendor })}</p>
      <p className="mt-1 text-sm text-slate-600">
        {t("notices.score")}: {scoreText(t, a.meanScore)} · <NoticePeriod startsAt={a.notice.startsAt} endsAt={a.notice.endsAt} />
        {a.running && <> · <span className="font-medium text-amber-900">{noticeCountdown(t, a.notice.endsAt, now)}</span></>}
      </p>

      {a.status === "notice" && (
        <div className="mt-3">
          {a.canCertify ? (
            <Form method="post" className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="applicationId" value={a.id} />
              <button type="submit" name="intent" value="certify" disabled={busy} className={`${buttonClass} text-sm`}>{t("officeNotices.certify")}</button>
              <span className="text-sm text-slate-600">{t("officeNotices.certify.hint")}</span>
            </Form>
          ) : (
            <p className="text-sm text-slate-600">{t(`officeNotices.problem.${a.certifyRefusal ?? "not_in_notice"}`)}</p>
          )}
          {certifyErrors && <div className="mt-2"><FormErrors id={`certify-${a.id}-errors`} errors={certifyErrors} /></div>}
        </div>
      )}

      <h3 className="mt-4 font-semibold">{t("officeNotices.objections", { n: a.objections.length, open: a.openObjections })}</h3>
      {a.objections.length === 0 ? (
        <p className="text-sm text-slate-600">{t("notices.objections.none")}</p>
      ) : (
        <ol className="mt-1 space-y-3">
          {a.objections.map((o) => <ObjectionItem key={o.id} o={o} busy={busy} />)}
        </ol>
      )}
    </li>
  );
}

function ObjectionItem({ o, busy }: { o: Application["objections"][number]; busy: boolean }) {
  const { t, lang } = useI18n();
  const actionData = useActionData<typeof action>();
  const sent = actionData?.result?.initialValue as Record<string, unknown> | undefined;
  const mine = sent?.intent === "resolve" && sent.objectionId === String(o.id) && actionData?.result?.error;
  const errors = mine ? actionData?.result?.error : undefined;
  const typed = (field: string) => (mine ? String(sent?.[field] ?? "") : undefined);
  return (
    <li id={`objection-${o.id}`} className="rounded border border-slate-200 p-3 text-sm">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-500">
        <span className="font-semibold text-slate-800">{t("notices.objection.number", { n: o.number })}</span>
        <time dateTime={o.created_at}>{formatDateTime(o.created_at, lang)}</time>
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${o.status === "open" ? "bg-amber-100 text-amber-900" : o.status === "upheld" ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-700"}`}>
          {t(`notices.objection.status.${o.status}`)}
        </span>
      </p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[6rem_1fr]">
        <dt className="text-slate-500">{t("notices.form.name")}</dt>
        <dd className="break-words">{o.name}{o.fromAccount && <span className="ml-2 text-xs text-slate-500">{t("officeNotices.fromAccount", { email: o.account_email ?? "" })}</span>}</dd>
        <dt className="text-slate-500">{t("notices.form.contact")}</dt>
        <dd className="break-words">{o.contact}{o.contactKind && <span className="ml-2 text-xs text-slate-500">{t(`officeNotices.contact.${o.contactKind}`)}</span>}</dd>
        <dt className="text-slate-500">{t("notices.form.reason")}</dt>
        <dd className="whitespace-pre-line wrap-anywhere">{o.reason}</dd>
        {o.status !== "open" && (
          <>
            <dt className="text-slate-500">{t("notices.objection.resolution")}</dt>
            <dd className="whitespace-pre-line wrap-anywhere">
              {o.resolution}
              <span className="mt-1 block text-xs text-slate-500">{t("officeNotices.resolvedBy", { name: o.resolver_name ?? "—", date: o.resolved_at ? formatDateTime(o.resolved_at, lang) : "" })}</span>
            </dd>
          </>
        )}
      </dl>
      {o.status === "open" && (
        <Form method="post" className="mt-3 space-y-2 border-t border-slate-100 pt-3">
          <input type="hidden" name="objectionId" value={o.id} />
          <FormErrors id={`resolve-${o.id}-errors`} errors={errors?.[""] ?? undefined} />
          <fieldset aria-describedby={errors?.outcome ? `resolve-${o.id}-outcome-error` : undefined}>
            <legend className="text-sm font-medium text-slate-800">{t("officeNotices.outcome")}</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {(["rejected", "upheld"] as const).map((outcome) => (
                <label key={outcome} className="flex items-center gap-2">
                  <input type="radio" name="outcome" value={outcome} defaultChecked={typed("outcome") === outcome} className="accent-brand-600" />
                  {t(`officeNotices.outcome.${outcome}`)}
                </label>
              ))}
            </div>
            <FieldErrors id={`resolve-${o.id}-outcome-error`} errors={errors?.outcome ?? undefined} />
          </fieldset>
          <div>
            <label htmlFor={`resolution-${o.id}`} className="block text-sm font-medium text-slate-800">{t("officeNotices.resolution")}</label>
            <p className="text-xs text-slate-600">{t("officeNotices.resolution.hint", { max: RESOLUTION_MAX })}</p>
            <textarea id={`resolution-${o.id}`} name="resolution" rows={3} defaultValue={typed("resolution")} aria-invalid={errors?.resolution ? true : undefined}
              aria-describedby={errors?.resolution ? `resolve-${o.id}-resolution-error` : undefined} className={`${inputClass} mt-1`} />
            <FieldErrors id={`resolve-${o.id}-resolution-error`} errors={errors?.resolution ?? undefined} />
          </div>
          <button type="submit" name="intent" value="resolve" disabled={busy} className={`${buttonClass} text-sm`}>{t("officeNotices.resolve")}</button>
        </Form>
      )}
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
