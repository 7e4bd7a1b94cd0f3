import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "react-router";
import { useEffect, useRef, type ReactNode } from "react";
import { buttonClass, Field, FieldErrors, FormErrors, inputClass } from "~/components/form";
import type { z } from "zod";
import { ACCEPT_ATTRIBUTE, ATTACHMENT_LIMITS, formatBytes } from "~/domain/attachments";
import { PROPOSAL_TEXT_LIMITS, proposalSchema, REQUIRED_TO_SUBMIT } from "~/domain/forms/proposal";
import type { ProductKind } from "~/domain/vocabulary";
import { useI18n } from "~/i18n/use-i18n";

export interface Attachment {
  id: number;
  file_name: string;
  size_bytes: number;
}

export interface ProposalFormProps {
  lastResult: SubmissionResult<string[]> | null;
  defaultValue: Partial<Record<"approach" | "team" | "priceWan" | "timeline", string>> & { productIds?: string[]; caseIds?: string[] };
  version: number;
  /** The proposal's status: a draft (or none yet) is saved and submitted; a submitted one is changed. */
  submitted: boolean;
  canSubmit: boolean;
  products: { id: number; name: string; kind: ProductKind; filing_number: string | null }[];
  cases: { id: number; client: string; scenario: string; year: number | null }[];
  attachments: Attachment[];
  downloadHref: (attachmentId: number) => string;
  notice?: ReactNode;
}

/** The form's fields as the inputs hold them (text), for Conform. */
interface FormShape {
  intent?: string;
  version?: string;
  approach?: string;
  team?: string;
  priceWan?: string;
  timeline?: string;
  productIds?: string[];
  caseIds?: string[];
  files?: File[];
}
// Typed loosely here, as in the scenario form: Conform's field types come from FormShape.
const schema: z.ZodTypeAny = proposalSchema;

const removeFormId = (id: number) => `remove-attachment-${id}`;

export function ProposalForm(props: ProposalFormProps) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "save") : null;
  const [form, fields] = useForm<FormShape>({
    id: "proposal",
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
    // As in the scenario form: a message appearing on blur would move the buttons from under the click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const formErrors = [...new Set([...(form.errors ?? []), ...(form.allErrors.version ?? []), ...(form.allErrors.intent ?? [])])];
  const messages = useRef<HTMLDivElement>(null);
  const hasFormErrors = formErrors.length > 0;
  useEffect(() => {
    if (props.lastResult && hasFormErrors) messages.current?.scrollIntoView({ block: "start" });
  }, [props.lastResult, hasFormErrors]);
  const label = (key: Parameters<typeof t>[0], name: string) => `${t(key)}${(REQUIRED_TO_SUBMIT as readonly string[]).includes(name) ? " †" : ""}`;
  const textarea = (name: "approach" | "team" | "timeline", rows: number) => (
    <Field label={label(`proposal.field.${name}`, name)} htmlFor={fields[name].id} errors={fields[name].errors} errorId={fields[name].errorId}
      hint={t(`proposal.hint.${name}`, { max: PROPOSAL_TEXT_LIMITS[name] })}>
      <textarea {...getTextareaProps(fields[name] as FieldMetadata<string>)} rows={rows} className={inputClass} />
    </Field>
  );

  return (
    <>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <input type="hidden" name="version" value={props.version} />
        {(hasFormErrors || props.notice) && (
          <div ref={messages} className="scroll-mt-4 space-y-2">
            <FormErrors id={form.errorId} errors={formErrors} />
            {props.notice}
          </div>
        )}
        <p className="text-sm text-slate-600">{t("proposal.legend")}</p>
        {textarea("approach", 10)}
        {textarea("team", 4)}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={label("proposal.field.price", "priceWan")} htmlFor={fields.priceWan.id} errors={fields.priceWan.errors} errorId={fields.priceWan.errorId} hint={t("proposal.hint.price")}>
            <input {...getInputProps(fields.priceWan, { type: "text" })} inputMode="decimal" className={inputClass} />
          </Field>
        </div>
        {textarea("timeline", 4)}
        <Choices
          legend={t("proposal.field.products")} hint={t("proposal.hint.products")} empty={t("proposal.products.none")}
          field={fields.productIds}
          options={props.products.map((p) => ({
            value: String(p.id),
            label: p.name,
            detail: [t(`proposal.productKind.${p.kind}`), p.filing_number ? t("proposal.product.filing", { number: p.filing_number }) : null].filter(Boolean).join(" · "),
          }))}
        />
        <Choices
          legend={t("proposal.field.cases")} hint={t("proposal.hint.cases")} empty={t("proposal.cases.none")}
          field={fields.caseIds}
          options={props.cases.map((c) => ({ value: String(c.id), label: t("proposal.case.label", { client: c.client, scenario: c.scenario }), detail: c.year ? String(c.year) : "" }))}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t("proposal.field.files")}</legend>
          <p className="text-xs text-slate-600">{t("proposal.hint.files", { size: ATTACHMENT_LIMITS.maxBytes / 1024 / 1024, max: ATTACHMENT_LIMITS.maxFiles })}</p>
          {props.attachments.length === 0 ? <p className="text-sm text-slate-600">{t("proposal.files.none")}</p> : (
            <ul className="divide-y divide-slate-100 rounded border border-slate-200">
              {props.attachments.map((a) => (
                <li key={a.id} className="flex items-center gap-3 px-3 py-2 text-sm">
                  <a href={props.downloadHref(a.id)} className="min-w-0 flex-1 break-all text-brand-700 underline">{a.file_name}</a>
                  <span className="shrink-0 text-slate-500">{formatBytes(a.size_bytes)}</span>
                  <button type="submit" form={removeFormId(a.id)} disabled={busy !== null} aria-label={t("proposal.files.removeLabel", { name: a.file_name })}
                    className="shrink-0 rounded border border-slate-300 px-2 py-0.5 text-slate-700 hover:bg-slate-50 disabled:opacity-60">
                    {t("proposal.files.remove")}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {props.attachments.length < ATTACHMENT_LIMITS.maxFiles && (
            <Field label={t("proposal.field.newFiles")} htmlFor={fields.files.id} errors={fields.files.errors} errorId={fields.files.errorId}>
              <input {...getInputProps(fields.files, { type: "file" })} multiple accept={ACCEPT_ATTRIBUTE}
                className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800" />
            </Field>
          )}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          {props.submitted ? (
            <button type="submit" name="intent" value="save" disabled={busy !== null} className={buttonClass}>
              {busy === "save" ? t("proposal.saving") : t("proposal.saveChanges")}
            </button>
          ) : (
            <>
              <button type="submit" name="intent" value="save" disabled={busy !== null} className={secondaryButton}>
                {busy === "save" ? t("proposal.saving") : t("proposal.save")}
              </button>
              <button type="submit" name="intent" value="submit" disabled={busy !== null || !props.canSubmit} className={buttonClass}>
                {busy === "submit" ? t("proposal.submitting") : t("proposal.submit")}
              </button>
            </>
          )}
        </div>
      </Form>
      {/* One small form per file, outside the main one (forms do not nest); the buttons above point at them. */}
      {props.attachments.map((a) => (
        <Form key={a.id} method="post" id={removeFormId(a.id)} hidden>
          <input type="hidden" name="intent" value="removeAttachment" />
          <input type="hidden" name="attachmentId" value={a.id} />
        </Form>
      ))}
    </>
  );
}

const secondaryButton = "rounded border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60";

function Choices({ legend, hint, empty, field, options }: {
  legend: string;
  hint: string;
  empty: string;
  field: FieldMetadata<string[]>;
  options: { value: string; label: string; detail: string }[];
}) {
  const byValue = new Map(options.map((o) => [o.value, o]));
  return (
    <fieldset aria-describedby={field.errorId}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p className="text-xs text-slate-600">{options.length ? hint : empty}</p>
      {options.length > 0 && (
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value) }).map(({ key, ...p }) => (
            <label key={key} htmlFor={p.id} className="flex items-start gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
              <input {...p} className="mt-1 accent-brand-600" />
              <span className="min-w-0 break-words">
                {byValue.get(p.value)?.label}
                {byValue.get(p.value)?.detail && <span className="block text-xs text-slate-500">{byValue.get(p.value)?.detail}</span>}
              </span>
            </label>
          ))}
        </div>
      )}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
