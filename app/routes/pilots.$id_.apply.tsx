import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { formatBytes } from "~/domain/attachments";
import { NARRATIVE_LIMITS } from "~/domain/benchmark-apply";
import { applySchema } from "~/domain/forms/benchmark-apply";
import { criterionLabel } from "~/domain/rubric";
import { useI18n } from "~/i18n/use-i18n";
import { applyForBenchmark, loadApplyPage } from "~/models/benchmark-applications.server";
import { listEvidence } from "~/models/pilot-evidence.server";
import { pilotSide } from "~/models/pilots.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

// Applying for benchmark status (标杆申报) from a completed pilot: either side of the pair, with the
// KPIs and evidence files on view and a narrative. The rules are `checkApply`; the form's are applySchema.

async function access(request: Request, rawId: string | undefined) {
  const user = await requireUser(request);
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  const side = await pilotSide(db(), id, user);
  if (side === null) throw new Response("Not found", { status: 404 });
  if (side !== "demand" && side !== "vendor") throw new Response("Forbidden", { status: 403 });
  return { user, id };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, id } = await access(request, params.id);
  const [page, evidence] = await Promise.all([loadApplyPage(db(), id, user), listEvidence(db(), id)]);
  if (!page) throw new Response("Not found", { status: 404 });
  return { ...page, evidence: evidence.map(({ id, file_name, size_bytes, kpi_name, note }) => ({ id, file_name, size_bytes, kpi_name, note })) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("benchmarkApply.title")} · ${data.pilot.scenarioTitle}` : t("benchmarkApply.title")));

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, id } = await access(request, params.id);
  const submission = parseWithZod(await readForm(request), { schema: applySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await applyForBenchmark(db(), {
    pilotId: id,
    actor: { userId: user.id, role: user.role, organisationId: user.organisationId, ip: clientAddress(context) },
    narrative: submission.value.narrative,
  });
  if (result.ok) throw redirect(`/pilots/${id}/benchmark?done=${result.duplicate === "other" ? "exists" : "submitted"}`);
  if (result.problem === "not_found") throw new Response("Not found", { status: 404 });
  return data(submission.reply({ formErrors: [`benchmarkApply.refusal.${result.problem}`] }), { status: result.problem === "not_allowed" ? 403 : 409 });
}

export default function ApplyPage() {
  const { pilot, kpis, evidence, refusal, rubric, passMark } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "benchmark-apply",
    lastResult,
    shouldValidate: "onBlur",
    // Once an error shows, it clears while typing, so the button does not move under the pointer on blur.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applySchema }),
  });
  const box = "rounded-lg border border-slate-200 bg-white p-4";

  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <Link to={`/pilots/${pilot.id}`} className="text-sm text-brand-700 underline">← {t("benchmarkApply.backToPilot")}</Link>
      <header className="space-y-1">
        <p className="text-sm text-slate-600">{pilot.scenarioCode && <span className="font-mono">{pilot.scenarioCode} · </span>}{t("pilots.pair", { demand: pilot.demandName, vendor: pilot.vendorName })}</p>
        <h1 className="text-2xl font-bold break-words">{t("benchmarkApply.heading", { title: pilot.scenarioTitle })}</h1>
        <p className="text-sm text-slate-700">{t("benchmarkApply.lead")}</p>
      </header>

      <section aria-labelledby="kpis-title" className={`${box} space-y-2`}>
        <h2 id="kpis-title" className="text-lg font-semibold">{t("benchmarkApply.kpis")}</h2>
        {kpis.length === 0 ? <p className="text-sm text-slate-600">{t("pilots.kpis.empty")}</p> : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("pilots.kpi.name")}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("pilots.kpi.baseline")}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("pilots.kpi.target")}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("pilots.kpi.measured")}</th>
                  <th scope="col" className="py-1 font-medium">{t("benchmarkApply.kpi.outcome")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {kpis.map((k) => (
                  <tr key={k.id}>
                    <th scope="row" className="py-1.5 pr-3 font-medium">{k.name}{k.unit && <span className="font-normal text-slate-600">（{k.unit}）</span>}</th>
                    <td className="py-1.5 pr-3">{k.baseline}</td>
                    <td className="py-1.5 pr-3">{k.target} <span className="text-xs text-slate-500">{k.higher_is_better ? "↑" : "↓"}</span></td>
                    <td className="py-1.5 pr-3">{k.measured ?? "—"}</td>
                    <td className={`py-1.5 ${k.reached ? "text-emerald-700" : k.reached === false ? "text-amber-700" : "text-slate-600"}`}>
                      {k.reached === null ? t("pilots.kpi.notMeasured") : k.reached ? t("pilots.kpi.reached") : t("pilots.kpi.notReached")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="evidence-title" className={`${box} space-y-2`}>
        <h2 id="evidence-title" className="text-lg font-semibold">{t("benchmarkApply.evidence.title")}</h2>
        {evidence.length === 0 ? (
          refusal ? <p className="text-sm text-slate-600">{t("benchmarkApply.evidence.empty")}</p> : <p className="text-sm text-amber-800">{t("benchmarkApply.evidence.noneYet")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {evidence.map((e) => (
              <li key={e.id}>
                <a href={`/pilots/${pilot.id}/evidence/${e.id}`} className="break-all text-brand-700 underline">{e.file_name}</a>
                <span className="text-slate-500"> · {formatBytes(e.size_bytes)}</span>
                {e.kpi_name && <span className="text-slate-600"> · {t("benchmarkApply.evidence.forKpi", { kpi: e.kpi_name })}</span>}
                {e.note && <span className="text-slate-600"> · {e.note}</span>}
              </li>
            ))}
          </ul>
        )}
        <Link to={`/pilots/${pilot.id}#evidence-title`} className="inline-block text-sm text-brand-700 underline">{t("benchmarkApply.evidence.manage")}</Link>
      </section>

      {refusal ? (
        <section className="rounded-lg border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800">
          <p>{t(`benchmarkApply.refusal.${refusal}`)}</p>
          {refusal === "already_applied" && <Link to={`/pilots/${pilot.id}/benchmark`} className="mt-2 inline-block text-brand-700 underline">{t("benchmarkApply.viewApplication")}</Link>}
        </section>
      ) : (
        <Form method="post" {...getFormProps(form)} className={`${box} space-y-3`}>
          <h2 className="text-lg font-semibold">{t("benchmarkApply.form")}</h2>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label={t("benchmarkApply.narrative")}
            htmlFor={fields.narrative.id}
            errors={fields.narrative.errors}
            errorId={fields.narrative.errorId}
            hint={t("benchmarkApply.narrativeHint", { min: NARRATIVE_LIMITS.min, max: NARRATIVE_LIMITS.max })}
          >
            <textarea {...getTextareaProps(fields.narrative)} rows={12} maxLength={NARRATIVE_LIMITS.max} className={inputClass} />
          </Field>
          <div className="rounded bg-slate-50 p-3 text-sm text-slate-700">
            <p>{t("benchmarkApply.rubricLead", { passMark })}</p>
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {rubric.map((c) => <li key={c.key}>{t("benchmarkApply.criterion", { label: criterionLabel(c, lang), weight: c.weight })}</li>)}
            </ul>
            <p className="mt-1">{t("benchmarkApply.afterSubmit")}</p>
          </div>
          <button type="submit" disabled={busy} className={buttonClass}>{busy ? t("benchmarkApply.submitting") : t("benchmarkApply.submit")}</button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
