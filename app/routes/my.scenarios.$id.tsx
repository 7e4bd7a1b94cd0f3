import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { ScenarioForm } from "~/components/scenario-form";
import { FIELD_LABELS, listJoin } from "~/i18n/labels";
import { StatusBadge } from "~/components/status-badge";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { amendScenarioSchema, editScenarioSchema, withdrawSchema } from "~/domain/forms/scenario";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import {
  formContext, getMyScenario, isMine, ownerActions, saveScenario, submitScenario, withdrawScenario,
  type Owner, type WriteProblem,
} from "~/models/my-scenarios.server";
import { amendScenario, type AmendProblem } from "~/models/amendments.server";
import { matchVendorsForScenario } from "~/models/matching.server";
import { RecommendedVendors } from "~/components/recommended-vendors";
import { searchEngine } from "~/search/search.server";
import { pilotIdForScenario } from "~/models/pilots.server";
import { replicationOrigin } from "~/models/benchmark-showcase.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, (t) => data?.scenario.title ?? t("demand.list.title"));

const notFound = () => new Response("Not Found", { status: 404 });

/** The signed-in demand member and the scenario id, which must be one of their organisation's. */
async function requireOwnScenario(request: Request, context: { clientAddress?: string }, param: string | undefined) {
  const user = await requireRole(request, "demand_member");
  if (!user.organisationId) throw new Response("Forbidden", { status: 403 });
  const id = /^\d{1,9}$/.test(param ?? "") ? Number(param) : null;
  if (id === null || !(await isMine(db(), user.organisationId, id))) throw notFound();
  const owner: Owner = { userId: user.id, organisationId: user.organisationId, verified: user.organisationVerified, ip: clientAddress(context) };
  return { owner, id };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { owner, id } = await requireOwnScenario(request, context, params.id);
  const [found, { capabilities, call }] = await Promise.all([getMyScenario(db(), owner.organisationId, id), formContext(db(), owner.organisationId)]);
  if (!found) throw notFound();
  const { scenario: s, values, history, review } = found;
  const submitBlocked = !owner.verified ? "demand.blocked.unverified" : !call ? "demand.blocked.callClosed" : null;
  // While proposals are sought, the vendors that fit best, with the reasons.
  const recommended = s.status === "published" ? await matchVendorsForScenario(db(), searchEngine(), s.id, { limit: 8 }) : null;
  const [pilotId, origin] = await Promise.all([pilotIdForScenario(db(), s.id), replicationOrigin(db(), s.replicated_from)]);
  return {
    scenario: { id: s.id, title: s.title, status: s.status, code: s.code, year: s.year, version: s.version },
    values, history, review, capabilities, submitBlocked, actions: ownerActions(s.status), recommended, pilotId, origin,
  } as const;
}

const PROBLEM_MESSAGES: Record<WriteProblem["code"], string> = {
  not_found: "demand.error.notEditable",
  stale: "demand.error.stale",
  not_editable: "demand.error.notEditable",
  unverified: "demand.error.unverified",
  call_closed: "demand.error.callClosed",
  no_edition: "demand.error.noEdition",
  key_taken: "demand.error.expired",
};
const AMEND_PROBLEMS: Record<Exclude<AmendProblem["code"], "not_found">, string> = {
  not_amendable: "demand.amend.notAmendable",
  stale: "demand.amend.stale",
  unchanged: "demand.amend.unchanged",
};
const PROBLEM_STATUS: Partial<Record<WriteProblem["code"], number>> = { unverified: 403 };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { owner, id } = await requireOwnScenario(request, context, params.id);
  const formData = await readForm(request);
  if (formData.get("intent") === "amend") {
    const submission = parseWithZod(formData, { schema: amendScenarioSchema });
    if (submission.status !== "success") return data({ form: "scenario" as const, result: submission.reply(), conflict: null }, { status: 400 });
    const result = await amendScenario(db(), owner, id, submission.value);
    if (result.ok) return redirect(`/my/scenarios/${id}?done=amended`);
    if (result.problem.code === "not_found") throw notFound();
    const reply = submission.reply({ formErrors: [AMEND_PROBLEMS[result.problem.code]] });
    return data({ form: "scenario" as const, result: reply, conflict: null }, { status: 409 });
  }
  if (formData.get("intent") === "withdraw") {
    const submission = parseWithZod(formData, { schema: withdrawSchema });
    if (submission.status !== "success") return data({ form: "withdraw" as const, result: submission.reply(), conflict: null }, { status: 400 });
    const result = await withdrawScenario(db(), owner, id, submission.value.version, submission.value.reason);
    if (result.ok) return redirect(`/my/scenarios/${id}?done=withdrawn`);
    const key = result.problem.code === "not_editable" ? "demand.error.cannotWithdraw" : PROBLEM_MESSAGES[result.problem.code];
    return data({ form: "withdraw" as const, result: submission.reply({ formErrors: [key] }), conflict: null }, { status: 409 });
  }
  const submission = parseWithZod(formData, { schema: editScenarioSchema });
  if (submission.status !== "success") return data({ form: "scenario" as const, result: submission.reply(), conflict: null }, { status: 400 });
  const { intent, version } = submission.value;
  const result = await (intent === "submit" ? submitScenario : saveScenario)(db(), owner, id, version, submission.value);
  if (result.ok) return redirect(`/my/scenarios/${id}?done=${intent === "submit" ? "submitted" : "saved"}`);
  const { problem } = result;
  if (problem.code === "not_found") throw notFound();
  // A stale save keeps everything typed; the next save, made knowingly, is against the newest version.
  const conflict = problem.code === "stale" ? { version: problem.version, changed: problem.changed } : null;
  const reply = submission.reply({ formErrors: [PROBLEM_MESSAGES[problem.code]] });
  return data({ form: "scenario" as const, result: reply, conflict }, { status: PROBLEM_STATUS[problem.code] ?? 409 });
}

const DONE = z.enum(["created", "duplicate", "saved", "submitted", "withdrawn", "amended", "replicated"]).catch("saved");

export default function MyScenario() {
  const { scenario, values, history, review, capabilities, submitBlocked, actions, recommended, pilotId, origin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, lang } = useI18n();
  const done = params.has("done") ? DONE.parse(params.get("done")) : null;
  const conflict = actionData?.form === "scenario" ? actionData.conflict : null;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link to="/my/scenarios" className="text-sm text-brand-700 underline">← {t("demand.list.title")}</Link>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <StatusBadge status={scenario.status} />
          {scenario.code && <span className="font-mono">{scenario.code}</span>}
          <span>{t("edition.label", { year: String(scenario.year) })}</span>
        </div>
        <h1 className="mt-1 text-2xl font-bold break-words">{scenario.title}</h1>
        {origin && (
          <p className="mt-1 text-sm">
            <Link to={`/benchmarks/${origin.number}`} className="text-brand-700 underline">{t("showcase.origin", { number: origin.number })}</Link>
            <span className="text-slate-600"> · {origin.title}</span>
          </p>
        )}
        {scenario.code && (
          <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
            <Link to={`/scenarios/${scenario.code}`} className="text-brand-700 underline">{t("demand.publicPage")}</Link>
            <Link to={`/my/scenarios/${scenario.id}/proposals`} className="text-brand-700 underline">{t("selection.open")}</Link>
            {pilotId !== null && <Link to={`/pilots/${pilotId}`} className="text-brand-700 underline">{t("pilots.workspaceLink")}</Link>}
          </p>
        )}
      </header>
      {done && !actionData && (
        <p role="status" className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {done === "replicated" ? t("showcase.done.replicated", { number: origin?.number ?? "" }) : t(`demand.done.${done}`)}
        </p>
      )}
      {review && (
        <section className="rounded border border-orange-300 bg-orange-50 p-3 text-sm text-orange-900">
          <h2 className="font-semibold">{t("demand.review.title")}</h2>
          <p>{t("demand.review.lead")}</p>
          {review.general.map((c, i) => <p key={i} className="mt-1 whitespace-pre-line break-words">{c}</p>)}
        </section>
      )}
      {recommended && <RecommendedVendors vendors={recommended} />}
      {!actions.editable && !actions.amendable && <p className="rounded border border-slate-200 bg-slate-100 p-3 text-sm text-slate-700">{t("demand.readOnly")}</p>}
      <ScenarioForm
        key={scenario.version}
        mode={actions.amendable ? "amend" : "edit"}
        readOnly={!actions.editable && !actions.amendable}
        lastResult={actionData?.form === "scenario" ? (actionData.result as SubmissionResult<string[]>) : null}
        defaultValue={values}
        capabilities={capabilities}
        hidden={{ version: conflict?.version ?? scenario.version }}
        comments={review?.byField}
        submitBlocked={actions.canSubmit ? submitBlocked : null}
        notice={conflict && (
          <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {conflict.changed.length > 0 && <p>{t("demand.conflict.fields", { fields: listJoin(conflict.changed.map((f) => t(FIELD_LABELS[f])), lang) })}</p>}
            <a href={`/my/scenarios/${scenario.id}`} target="_blank" rel="noreferrer" className="underline">{t("demand.conflict.open")}</a>
          </div>
        )}
      />
      {actions.canWithdraw && <WithdrawForm version={scenario.version} lastResult={actionData?.form === "withdraw" ? actionData.result : null} />}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("scenario.timeline")}</h2>
        <ol className="mt-2 space-y-2">
          {history.map((h) => (
            <li key={h.id} className="text-sm">
              <StatusBadge status={h.to_status} />{" "}
              <time dateTime={h.created_at} className="text-slate-500">{formatDateTime(h.created_at, lang)}</time>
              {h.actor && <span className="text-slate-500"> · {h.actor}</span>}
              {h.reason && <p className="mt-1 whitespace-pre-line break-words text-slate-700">{h.reason}</p>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function WithdrawForm({ version, lastResult }: { version: number; lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "withdraw",
    lastResult,
    // As in the scenario form: a message vanishing on blur would move the button from under the click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "withdraw";
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4" open={Boolean(lastResult)}>
      <summary className="cursor-pointer font-semibold">{t("demand.withdraw.title")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <p className="text-sm text-slate-600">{t("demand.withdraw.lead")}</p>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="version" value={version} />
        <Field label={t("demand.withdraw.reason")} htmlFor={fields.reason.id} errors={fields.reason.errors} errorId={fields.reason.errorId}>
          <textarea {...getTextareaProps(fields.reason)} rows={3} className={inputClass} />
        </Field>
        <button type="submit" name="intent" value="withdraw" disabled={busy} className={`${buttonClass} bg-red-700 hover:bg-red-800`}>
          {busy ? t("demand.withdraw.pending") : t("demand.withdraw.submit")}
        </button>
      </Form>
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
