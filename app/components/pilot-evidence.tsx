import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "react-router";
import { ACCEPT_ATTRIBUTE, formatBytes } from "~/domain/attachments";
import { EVIDENCE_LIMITS, EVIDENCE_NOTE_MAX, type EvidenceRefusal } from "~/domain/benchmark-apply";
import { evidenceUploadSchema } from "~/domain/forms/benchmark-apply";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { buttonClass, Field, FormErrors, inputClass } from "./form";

// The evidence files of a pilot (证明材料): the list with download links, and for the pair the upload
// form (one file at a time, with the KPI it supports and a note) and a remove button where allowed.

export interface EvidenceItem {
  id: number;
  file_name: string;
  size_bytes: number;
  note: string;
  created_at: string;
  kpi_name: string | null;
  uploader: string | null;
  organisation: string | null;
  removable: boolean;
}

export function EvidenceSection(props: {
  pilotId: number;
  items: EvidenceItem[];
  kpis: { id: number; name: string }[];
  /** null: the viewer may upload; otherwise why not (nothing is said to the office, which never uploads). */
  uploadRefusal: EvidenceRefusal | null;
  isPair: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  /** What the last post did: after an upload the form is emptied (the reply then carries no values to tell it by). */
  done: string | null | undefined;
}) {
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && String(navigation.formData?.get("intent") ?? "").startsWith("evidence-");
  const [form, fields] = useForm({
    id: "evidence-upload",
    lastResult: props.lastResult?.initialValue?.intent === "evidence-upload" || props.done === "evidence-upload" ? props.lastResult : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: evidenceUploadSchema }),
  });
  const removeErrors = props.lastResult?.initialValue?.intent === "evidence-remove" ? props.lastResult.error?.[""] : undefined;
  const full = props.items.length >= EVIDENCE_LIMITS.maxFiles;

  return (
    <section aria-labelledby="evidence-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="evidence-title" className="text-lg font-semibold">{t("benchmarkApply.evidence.title")}</h2>
      <p className="text-sm text-slate-600">{t("benchmarkApply.evidence.lead", { max: EVIDENCE_LIMITS.maxFiles, size: EVIDENCE_LIMITS.maxBytes / 1024 / 1024 })}</p>
      <FormErrors id="evidence-remove-errors" errors={removeErrors ?? undefined} />
      {props.items.length === 0 ? <p className="text-sm text-slate-600">{t("benchmarkApply.evidence.empty")}</p> : (
        <ul className="divide-y divide-slate-100 rounded border border-slate-200">
          {props.items.map((e) => (
            <li key={e.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <a href={`/pilots/${props.pilotId}/evidence/${e.id}`} className="break-all text-brand-700 underline">{e.file_name}</a>
                <span className="text-slate-500"> · {formatBytes(e.size_bytes)}</span>
                {e.kpi_name && <span className="ml-2 rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-900">{t("benchmarkApply.evidence.forKpi", { kpi: e.kpi_name })}</span>}
                {e.note && <p className="break-words text-slate-700">{e.note}</p>}
                <p className="text-xs text-slate-600">{[e.uploader, e.organisation, formatDateTime(e.created_at, lang)].filter(Boolean).join(" · ")}</p>
              </div>
              {e.removable && (
                <Form method="post">
                  <input type="hidden" name="intent" value="evidence-remove" />
                  <input type="hidden" name="evidenceId" value={e.id} />
                  <button type="submit" disabled={busy} aria-label={t("benchmarkApply.evidence.removeLabel", { name: e.file_name })}
                    className="rounded border border-slate-300 px-2 py-0.5 text-slate-700 hover:bg-slate-50 disabled:opacity-60">
                    {t("benchmarkApply.evidence.remove")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.isPair && props.uploadRefusal && <p className="text-sm text-slate-600">{t(`benchmarkApply.evidence.problem.${props.uploadRefusal}`)}</p>}
      {props.isPair && !props.uploadRefusal && (full ? <p className="text-sm text-slate-600">{t("benchmarkApply.evidence.full", { max: EVIDENCE_LIMITS.maxFiles })}</p> : (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="grid gap-2 rounded bg-slate-50 p-3 sm:grid-cols-2">
          <h3 className="font-medium sm:col-span-2">{t("benchmarkApply.evidence.add")}</h3>
          <input type="hidden" name="intent" value="evidence-upload" />
          <div className="sm:col-span-2"><FormErrors id={form.errorId} errors={form.errors} /></div>
          <div className="sm:col-span-2">
            <Field label={t("benchmarkApply.evidence.file")} htmlFor={fields.file.id} errors={fields.file.errors} errorId={fields.file.errorId}>
              <input {...getInputProps(fields.file, { type: "file" })} accept={ACCEPT_ATTRIBUTE}
                className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800" />
            </Field>
          </div>
          <Field label={t("benchmarkApply.evidence.kpi")} htmlFor={fields.kpiId.id} errors={fields.kpiId.errors} errorId={fields.kpiId.errorId}>
            <select {...getSelectProps(fields.kpiId)} className={inputClass}>
              <option value="">{t("benchmarkApply.evidence.noKpi")}</option>
              {props.kpis.map((k) => <option key={k.id} value={k.id}>{k.name}</option>)}
            </select>
          </Field>
          <Field label={t("benchmarkApply.evidence.note")} htmlFor={fields.note.id} errors={fields.note.errors} errorId={fields.note.errorId}>
            <input {...getInputProps(fields.note, { type: "text" })} maxLength={EVIDENCE_NOTE_MAX} className={inputClass} />
          </Field>
          <div className="sm:col-span-2">
            <button type="submit" disabled={busy} className={buttonClass}>{busy ? t("benchmarkApply.evidence.uploading") : t("benchmarkApply.evidence.upload")}</button>
          </div>
        </Form>
      ))}
    </section>
  );
}
