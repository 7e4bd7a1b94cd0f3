import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { PilotBenchmarkSection } from "~/components/benchmark-timeline";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EvidenceSection } from "~/components/pilot-evidence";
import { StatusBadge } from "~/components/status-badge";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { checkAttachment, MAX_UPLOAD_REQUEST_BYTES } from "~/domain/attachments";
import { checkEvidenceRemoval, checkEvidenceUpload, EVIDENCE_LIMITS } from "~/domain/benchmark-apply";
import { canEditWorkspace, kpiReached, type PilotSide } from "~/domain/pilot-lifecycle";
import { EVIDENCE_INTENTS, evidenceFileMessage, evidenceRemoveSchema, evidenceUploadSchema } from "~/domain/forms/benchmark-apply";
import { message } from "~/domain/forms/messages";
import { pilotActionSchema } from "~/domain/forms/pilots";
import { readFormData } from "~/files/form-data.server";
import { formatDate, formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { benchmarkStateForPilot } from "~/models/benchmark-applications.server";
import { addEvidence, countEvidence, hasLiveApplication, listEvidence, removeEvidence, type AcceptedEvidence, type EvidenceActor } from "~/models/pilot-evidence.server";
import { changeWorkspace, loadPilotWorkspace, movePilot, pilotSide } from "~/models/pilots.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

async function access(request: Request, rawId: string | undefined) {
  const user = await requireUser(request);
  const id = Number(rawId);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  const side = await pilotSide(db(), id, user);
  if (side === null) throw new Response("Not found", { status: 404 });
  if (side === "none") throw new Response("Forbidden", { status: 403 });
  return { user, id, side };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, id, side } = await access(request, params.id);
  const [workspace, evidence, live, benchmark] = await Promise.all([
    loadPilotWorkspace(db(), id),
    listEvidence(db(), id),
    hasLiveApplication(db(), id),
    benchmarkStateForPilot(db(), id, side),
  ]);
  if (!workspace || !benchmark) throw new Response("Not found", { status: 404 });
  const pilotStatus = workspace.pilot.status;
  const upload = checkEvidenceUpload({ side, pilotStatus, liveApplication: live });
  return {
    ...workspace,
    side,
    canEdit: canEditWorkspace(side, pilotStatus),
    benchmark,
    evidence: evidence.map(({ uploaded_by, kpi_id: _kpi, ...e }) => ({
      ...e,
      removable: checkEvidenceRemoval({ side, pilotStatus, liveApplication: live, isUploader: uploaded_by === user.id }).ok,
    })),
    evidenceUpload: upload.ok ? null : upload.refusal,
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("pilots.title"));

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, id, side } = await access(request, params.id);
  if (side === "office") throw new Response("Forbidden", { status: 403 });
  const read = await readFormData(request, MAX_UPLOAD_REQUEST_BYTES);
  if (!read.ok) {
    const key = read.code === "too_large" ? message("proposal.error.requestTooLarge", { max: Math.floor(MAX_UPLOAD_REQUEST_BYTES / 1024 / 1024) }) : "proposal.error.unreadable";
    return data({ result: { status: "error" as const, initialValue: { intent: "evidence-upload" }, error: { "": [key] } }, done: null }, { status: read.code === "too_large" ? 413 : 400 });
  }
  const actor = { userId: user.id, ip: clientAddress(context) };
  if (EVIDENCE_INTENTS.includes(String(read.formData.get("intent")))) return evidenceAction(read.formData, id, side, actor);
  const submission = parseWithZod(read.formData, { schema: pilotActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const value = submission.value;
  const outcome =
    value.intent === "start" || value.intent === "complete" || value.intent === "end"
      ? await movePilot(db(), id, side, value.intent, { ...actor, reason: value.intent === "end" ? value.reason : null })
      : await changeWorkspace(db(), id, side, value.intent === "kpi" ? { ...value, higherIsBetter: value.higherIsBetter === "yes" } : value, actor);
  if (!outcome.ok) {
    const status = outcome.problem === "not_found" ? 404 : outcome.problem === "not_allowed" ? 403 : 409;
    return data({ result: submission.reply({ formErrors: [`pilots.problem.${outcome.problem}`] }), done: null }, { status });
  }
  return { result: submission.reply({ resetForm: true }), done: value.intent };
}

/** Adding or removing an evidence file: the file's content is checked here, from its bytes. */
async function evidenceAction(formData: FormData, pilotId: number, side: PilotSide, actor: EvidenceActor) {
  const refused = (result: SubmissionResult<string[]>, problem: string) => {
    const status = problem === "not_found" ? 404 : problem === "not_allowed" ? 403 : 409;
    return data({ result, done: null }, { status });
  };
  if (formData.get("intent") === "evidence-remove") {
    const submission = parseWithZod(formData, { schema: evidenceRemoveSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
    const outcome = await removeEvidence(db(), { pilotId, side, evidenceId: submission.value.evidenceId }, actor);
    if (!outcome.ok) return refused(submission.reply({ formErrors: [`benchmarkApply.evidence.problem.${outcome.problem}`] }), outcome.problem);
    return { result: submission.reply(), done: "evidence-remove" as const };
  }
  const submission = parseWithZod(formData, { schema: evidenceUploadSchema });
  const upload = formData.get("file");
  let accepted: AcceptedEvidence | null = null;
  let fileError: string | null = null;
  if (upload instanceof File && !(upload.name === "" && upload.size === 0)) {
    const bytes = new Uint8Array(await upload.arrayBuffer());
    const checked = checkAttachment({ name: upload.name, size: upload.size, bytes }, await countEvidence(db(), pilotId), EVIDENCE_LIMITS);
    if (checked.ok) accepted = { name: checked.name, mediaType: checked.mediaType, bytes };
    else fileError = evidenceFileMessage(upload.name, checked.refusal);
  }
  if (submission.status !== "success" || fileError || !accepted) {
    const schemaErrors = submission.status === "success" ? [] : (submission.error?.file ?? []);
    const file = [...new Set([...schemaErrors, ...(fileError ? [fileError] : [])])];
    return data({ result: submission.reply(file.length ? { fieldErrors: { file } } : {}), done: null }, { status: 400 });
  }
  const { kpiId, note } = submission.value;
  const outcome = await addEvidence(db(), { pilotId, side, kpiId, note, file: accepted }, actor);
  if (!outcome.ok) return refused(submission.reply({ formErrors: [`benchmarkApply.evidence.problem.${outcome.problem}`] }), outcome.problem);
  return { result: submission.reply({ resetForm: true }), done: "evidence-upload" as const };
}

function useIntentForm(id: string, intent: string, result: SubmissionResult<string[]> | undefined) {
  return useForm({
    id,
    lastResult: result?.initialValue?.intent === intent ? result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: pilotActionSchema }),
  });
}

const box = "rounded-lg border border-slate-200 bg-white p-4";

export default function PilotWorkspace() {
  const { pilot, milestones, kpis, updates, incentives, side, canEdit, benchmark, evidence, evidenceUpload } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const busy = useNavigation().state === "submitting";
  const result = actionData?.result;
  const [milestoneForm, milestoneFields] = useIntentForm("milestone", "milestone", result);
  const [kpiForm, kpiFields] = useIntentForm("kpi", "kpi", result);
  const [measureForm, measureFields] = useIntentForm("measurement", "measurement", result);
  const [updateForm, updateFields] = useIntentForm("update", "update", result);
  const [endForm, endFields] = useIntentForm("end", "end", result);
  const intent = result?.initialValue?.intent;
  const otherErrors = intent === "start" || intent === "complete" || intent === "toggle-milestone" ? result?.error?.[""] : undefined;
  const wan = (n: number) => n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 2 });

  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <p className="text-sm text-slate-600">{t("pilots.title")}</p>
        <h1 className="text-2xl font-bold break-words">{pilot.scenario_title}</h1>
        <p className="text-slate-700">{t("pilots.pair", { demand: pilot.demand_name, vendor: pilot.vendor_name })}</p>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="rounded bg-slate-100 px-2 py-0.5">{t(`pilots.status.${pilot.status}`)}</span>
          <StatusBadge status={pilot.scenario_status} />
          <span className="text-slate-600">{t("pilots.startedAt", { date: formatDate(pilot.started_at, lang) })}</span>
          {pilot.ended_at && <span className="text-slate-600">{t("pilots.endedAt", { date: formatDate(pilot.ended_at, lang) })}</span>}
        </div>
        {pilot.status === "ended" && pilot.summary && <p className="text-sm text-slate-700">{t("pilots.endReason", { reason: pilot.summary })}</p>}
        <p className="text-sm text-slate-600">{side === "office" ? t("pilots.readOnly") : canEdit ? t("pilots.rules") : pilot.status === "completed" && !evidenceUpload ? t("benchmarkApply.completedNote") : t("pilots.closedNote")}</p>
      </header>

      {actionData?.done && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {actionData.done === "evidence-upload" || actionData.done === "evidence-remove" ? t(`benchmarkApply.done.${actionData.done}`) : t(`pilots.done.${actionData.done}`)}
        </p>
      )}
      <FormErrors id="pilot-errors" errors={otherErrors ?? undefined} />

      {side === "demand" && pilot.status === "active" && (
        <section className={`${box} space-y-3`}>
          <h2 className="text-lg font-semibold">{t("pilots.lifecycle")}</h2>
          {pilot.scenario_status === "matched" && (
            <Form method="post" className="space-y-2">
              <p className="text-sm text-slate-700">{t("pilots.startHint")}</p>
              <button type="submit" name="intent" value="start" disabled={busy} className={buttonClass}>{t("pilots.start")}</button>
            </Form>
          )}
          {pilot.scenario_status === "piloting" && (
            <div className="grid gap-4 md:grid-cols-2">
              <Form method="post" className="space-y-2">
                <p className="text-sm text-slate-700">{t("pilots.completeHint")}</p>
                <button type="submit" name="intent" value="complete" disabled={busy} className={buttonClass}>{t("pilots.complete")}</button>
              </Form>
              <Form method="post" {...getFormProps(endForm)} className="space-y-2">
                <p className="text-sm text-slate-700">{t("pilots.endHint")}</p>
                <FormErrors id={endForm.errorId} errors={endForm.errors} />
                <input type="hidden" name="intent" value="end" />
                <Field label={t("pilots.reason")} htmlFor={endFields.reason.id} errors={endFields.reason.errors} errorId={endFields.reason.errorId}>
                  <textarea {...getTextareaProps(endFields.reason)} rows={2} maxLength={500} className={inputClass} />
                </Field>
                <button type="submit" disabled={busy} className="rounded border border-red-400 px-4 py-2 text-red-800 hover:bg-red-50 disabled:opacity-60">{t("pilots.end")}</button>
              </Form>
            </div>
          )}
        </section>
      )}

      <PilotBenchmarkSection pilotId={pilot.id} side={side} state={benchmark} />

      <section className={`${box} space-y-3`}>
        <h2 className="text-lg font-semibold">{t("pilots.milestones")}</h2>
        {milestones.length === 0 ? <p className="text-sm text-slate-600">{t("pilots.milestones.empty")}</p> : (
          <ul className="divide-y divide-slate-100">
            {milestones.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className={m.done_at ? "text-slate-500 line-through" : ""}>
                  {m.title} · {formatDate(m.due_on, lang)}
                  {m.done_at && <span className="ml-2 text-xs text-emerald-700 no-underline">{t("pilots.milestone.done")}</span>}
                </span>
                {canEdit && (
                  <Form method="post">
                    <input type="hidden" name="milestoneId" value={m.id} />
                    <button type="submit" name="intent" value="toggle-milestone" disabled={busy} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
                      {m.done_at ? t("pilots.milestone.markOpen") : t("pilots.milestone.markDone")}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <Form method="post" {...getFormProps(milestoneForm)} className="grid gap-2 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
            <input type="hidden" name="intent" value="milestone" />
            <div className="sm:col-span-3"><FormErrors id={milestoneForm.errorId} errors={milestoneForm.errors} /></div>
            <Field label={t("pilots.milestone.title")} htmlFor={milestoneFields.title.id} errors={milestoneFields.title.errors} errorId={milestoneFields.title.errorId}>
              <input {...getInputProps(milestoneFields.title, { type: "text" })} maxLength={200} className={inputClass} />
            </Field>
            <Field label={t("pilots.milestone.due")} htmlFor={milestoneFields.dueOn.id} errors={milestoneFields.dueOn.errors} errorId={milestoneFields.dueOn.errorId}>
              <input {...getInputProps(milestoneFields.dueOn, { type: "date" })} className={inputClass} />
            </Field>
            <button type="submit" disabled={busy} className={buttonClass}>{t("pilots.milestone.add")}</button>
          </Form>
        )}
      </section>

      <section className={`${box} space-y-3`}>
        <h2 className="text-lg font-semibold">{t("pilots.kpis")}</h2>
        {kpis.length === 0 ? <p className="text-sm text-slate-600">{t("pilots.kpis.empty")}</p> : (
          <ul className="space-y-3">
            {kpis.map((k) => {
              const reached = kpiReached({ target: k.target, measured: k.measured, higherIsBetter: k.higher_is_better });
              return (
                <li key={k.id} className="rounded border border-slate-100 p-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-medium">{k.name}{k.unit && <span className="text-slate-600">（{k.unit}）</span>}</h3>
                    <span className={`text-sm ${reached ? "text-emerald-700" : reached === false ? "text-amber-700" : "text-slate-600"}`}>
                      {reached === null ? t("pilots.kpi.notMeasured") : reached ? t("pilots.kpi.reached") : t("pilots.kpi.notReached")}
                    </span>
                  </div>
                  <dl className="mt-1 grid grid-cols-2 gap-x-4 text-sm sm:grid-cols-4">
                    <div><dt className="text-slate-600">{t("pilots.kpi.baseline")}</dt><dd>{k.baseline}</dd></div>
                    <div><dt className="text-slate-600">{t("pilots.kpi.target")}</dt><dd>{k.target}</dd></div>
                    <div><dt className="text-slate-600">{t("pilots.kpi.measured")}</dt><dd>{k.measured ?? "—"}</dd></div>
                    <div><dt className="text-slate-600">{t("pilots.kpi.direction")}</dt><dd>{k.higher_is_better ? t("pilots.kpi.higher") : t("pilots.kpi.lower")}</dd></div>
                  </dl>
                  {k.measurements.length > 0 && (
                    <details className="mt-2 text-sm">
                      <summary className="cursor-pointer text-brand-700">{t("pilots.kpi.history")}（{k.measurements.length}）</summary>
                      <ul className="mt-1 space-y-1">
                        {k.measurements.map((m) => (
                          <li key={m.id}>{formatDate(m.measured_on, lang)}：{m.value}{m.note && ` · ${m.note}`}{m.recorded_by && ` · ${m.recorded_by}`}</li>
                        ))}
                      </ul>
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {canEdit && kpis.length > 0 && (
          <Form method="post" {...getFormProps(measureForm)} className="grid gap-2 rounded bg-slate-50 p-3 sm:grid-cols-2">
            <h3 className="font-medium sm:col-span-2">{t("pilots.measurement.add")}</h3>
            <input type="hidden" name="intent" value="measurement" />
            <div className="sm:col-span-2"><FormErrors id={measureForm.errorId} errors={measureForm.errors} /></div>
            <Field label={t("pilots.measurement.kpi")} htmlFor={measureFields.kpiId.id} errors={measureFields.kpiId.errors} errorId={measureFields.kpiId.errorId}>
              <select {...getSelectProps(measureFields.kpiId)} className={inputClass}>
                {kpis.map((k) => <option key={k.id} value={k.id}>{k.name}</option>)}
              </select>
            </Field>
            <Field label={t("pilots.measurement.value")} htmlFor={measureFields.value.id} errors={measureFields.value.errors} errorId={measureFields.value.errorId}>
              <input {...getInputProps(measureFields.value, { type: "text" })} inputMode="decimal" className={inputClass} />
            </Field>
            <Field label={t("pilots.measurement.on")} htmlFor={measureFields.measuredOn.id} errors={measureFields.measuredOn.errors} errorId={measureFields.measuredOn.errorId}>
              <input {...getInputProps(measureFields.measuredOn, { type: "date" })} className={inputClass} />
            </Field>
            <Field label={t("pilots.measurement.note")} htmlFor={measureFields.note.id} errors={measureFields.note.errors} errorId={measureFields.note.errorId}>
              <input {...getInputProps(measureFields.note, { type: "text" })} maxLength={500} className={inputClass} />
            </Field>
            <div className="sm:col-span-2"><button type="submit" disabled={busy} className={buttonClass}>{t("pilots.measurement.add")}</button></div>
          </Form>
        )}
        {canEdit && (
          <Form method="post" {...getFormProps(kpiForm)} className="grid gap-2 rounded bg-slate-50 p-3 sm:grid-cols-3">
            <h3 className="font-medium sm:col-span-3">{t("pilots.kpi.add")}</h3>
            <input type="hidden" name="intent" value="kpi" />
            <div className="sm:col-span-3"><FormErrors id={kpiForm.errorId} errors={kpiForm.errors} /></div>
            <Field label={t("pilots.kpi.name")} htmlFor={kpiFields.name.id} errors={kpiFields.name.errors} errorId={kpiFields.name.errorId}>
              <input {...getInputProps(kpiFields.name, { type: "text" })} maxLength={100} className={inputClass} />
            </Field>
            <Field label={t("pilots.kpi.unit")} htmlFor={kpiFields.unit.id} errors={kpiFields.unit.errors} errorId={kpiFields.unit.errorId}>
              <input {...getInputProps(kpiFields.unit, { type: "text" })} maxLength={20} className={inputClass} />
            </Field>
            <Field label={t("pilots.kpi.direction")} htmlFor={kpiFields.higherIsBetter.id} errors={kpiFields.higherIsBetter.errors} errorId={kpiFields.higherIsBetter.errorId}>
              <select {...getSelectProps(kpiFields.higherIsBetter)} defaultValue={kpiFields.higherIsBetter.initialValue ?? "yes"} className={inputClass}>
                <option value="yes">{t("pilots.kpi.higher")}</option>
                <option value="no">{t("pilots.kpi.lower")}</option>
              </select>
            </Field>
            <Field label={t("pilots.kpi.baseline")} htmlFor={kpiFields.baseline.id} errors={kpiFields.baseline.errors} errorId={kpiFields.baseline.errorId}>
              <input {...getInputProps(kpiFields.baseline, { type: "text" })} inputMode="decimal" className={inputClass} />
            </Field>
            <Field label={t("pilots.kpi.target")} htmlFor={kpiFields.target.id} errors={kpiFields.target.errors} errorId={kpiFields.target.errorId}>
              <input {...getInputProps(kpiFields.target, { type: "text" })} inputMode="decimal" className={inputClass} />
            </Field>
            <div className="sm:self-end"><button type="submit" disabled={busy} className={buttonClass}>{t("pilots.kpi.add")}</button></div>
          </Form>
        )}
      </section>

      <EvidenceSection
        pilotId={pilot.id}
        items={evidence}
        kpis={kpis.map((k) => ({ id: k.id, name: k.name }))}
        uploadRefusal={evidenceUpload}
        isPair={side === "demand" || side === "vendor"}
        lastResult={result}
        done={actionData?.done}
      />

      <section className={`${box} space-y-3`}>
        <h2 className="text-lg font-semibold">{t("pilots.updates")}</h2>
        {canEdit && (
          <Form method="post" {...getFormProps(updateForm)} className="space-y-2">
            <input type="hidden" name="intent" value="update" />
            <FormErrors id={updateForm.errorId} errors={updateForm.errors} />
            <Field label={t("pilots.update.body")} htmlFor={updateFields.body.id} errors={updateFields.body.errors} errorId={updateFields.body.errorId}>
              <textarea {...getTextareaProps(updateFields.body)} rows={3} maxLength={2000} className={inputClass} />
            </Field>
            <button type="submit" disabled={busy} className={buttonClass}>{t("pilots.update.add")}</button>
          </Form>
        )}
        {updates.length === 0 ? <p className="text-sm text-slate-600">{t("pilots.updates.empty")}</p> : (
          <ul className="space-y-2">
            {updates.map((u) => (
              <li key={u.id} className="border-l-2 border-slate-200 pl-3">
                <p className="whitespace-pre-line break-words">{u.body}</p>
                <p className="text-xs text-slate-600">{[u.author, u.organisation, formatDateTime(u.created_at, lang)].filter(Boolean).join(" · ")}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={`${box} space-y-2`}>
        <h2 className="text-lg font-semibold">{t("pilots.incentives")}</h2>
        {incentives.length === 0 ? <p className="text-sm text-slate-600">{t("pilots.incentives.empty")}</p> : (
          <ul className="space-y-2">
            {incentives.map((i) => (
              <li key={i.id} className="text-sm">
                <span className="font-medium">{t(`pilots.kind.${i.kind}`)}</span>{" "}
                {t("pilots.incentive.granted", { amount: wan(i.amount_wan), date: formatDate(i.granted_at, lang) })} ·{" "}
                {t("pilots.incentive.redeemed", { amount: wan(i.redeemed_wan) })}
                {i.redemptions.length > 0 && (
                  <ul className="ml-4 list-disc text-slate-600">
                    {i.redemptions.map((r) => <li key={r.id}>{formatDate(r.redeemed_at, lang)}：{wan(r.amount_wan)}{r.note && ` · ${r.note}`}</li>)}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
