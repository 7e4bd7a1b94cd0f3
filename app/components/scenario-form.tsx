import {
  getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm,
  type FieldMetadata, type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "react-router";
import { useEffect, useRef, type ReactNode } from "react";
import type { z } from "zod";
import { buttonClass, Field, FieldErrors, FormErrors, inputClass } from "~/components/form";
import {
  amendScenarioSchema, editScenarioSchema, MAX_CAPABILITIES, MAX_DATA_RESOURCES, MAX_LONG_TEXT, newScenarioSchema, REQUIRED_TO_SAVE, REQUIRED_TO_SUBMIT,
  type ScenarioField,
} from "~/domain/forms/scenario";
import { COOPERATION_MODES, DATA_SENSITIVITIES, DISTRICTS, DOMAINS, TIERS, VENUE_TYPES } from "~/domain/vocabulary";
import type { MessageKey } from "~/i18n/dictionary";
import { FIELD_LABELS, vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";


// The amendment form is the edit form plus a reason, so its input type covers all three.
type Values = z.input<typeof amendScenarioSchema>;
type Comments = Partial<Record<ScenarioField, string[]>>;

export interface ScenarioFormProps {
  /** `amend`: a published scenario, changed through a public, numbered amendment with a reason. */
  mode: "new" | "edit" | "amend";
  lastResult?: SubmissionResult<string[]> | null;
  /** Stored values as strings (edit), or a few presets (new): district, contact. */
  defaultValue: { [K in ScenarioField]?: unknown };
  capabilities: { slug: string; name_zh: string; name_en: string }[];
  /** submissionKey (new) or version (edit): what makes a repeated or stale post harmless. */
  hidden: Record<string, string | number>;
  comments?: Comments;
  readOnly?: boolean;
  /** More about a refusal, under the form's errors (which fields a conflicting save touched). */
  notice?: ReactNode;
  /** Why submitting is not possible now, shown next to the disabled button. */
  submitBlocked?: MessageKey | null;
  /** Shown under the title field, given the title input's id (similar scenarios while typing). */
  belowTitle?: (titleInputId: string) => ReactNode;
}

export function ScenarioForm(props: ScenarioFormProps) {
  const { mode, capabilities, comments = {}, readOnly = false } = props;
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "save") : null;
  const schema: z.ZodTypeAny = mode === "new" ? newScenarioSchema : mode === "amend" ? amendScenarioSchema : editScenarioSchema;
  // Rows to fill in without JavaScript: what is there, plus empty ones up to the cap.
  const rows = (props.defaultValue.dataResources ?? []) as object[];
  const padded = [...rows, ...Array(Math.max(0, Math.min(MAX_DATA_RESOURCES, rows.length + 3) - rows.length)).fill({})];
  const [form, fields] = useForm<Values>({
    id: "scenario",
    lastResult: props.lastResult,
    defaultValue: { ...props.defaultValue, dataResources: readOnly ? rows : padded } as Partial<Values>,
    // Not on blur: an error appearing as the last field loses focus moves the buttons under the
    // pointer, and the click that was meant to save lands on empty space.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const formErrors = [...new Set([...(form.errors ?? []), ...Object.keys(props.hidden).flatMap((n) => form.allErrors[n] ?? [])])];
  // A refusal about the whole form (changed meanwhile, not verified) is at the top, far from the
  // button that was pressed: bring it into view. Field errors get focus from Conform instead.
  const messages = useRef<HTMLDivElement>(null);
  const hasFormErrors = formErrors.length > 0;
  useEffect(() => {
    if (props.lastResult && hasFormErrors) messages.current?.scrollIntoView({ block: "start" });
  }, [props.lastResult, hasFormErrors]);
  const label = (name: ScenarioField) => {
    // At least one capability is needed for review too, though it is a list rather than a field.
    const forReview = (REQUIRED_TO_SUBMIT as readonly string[]).includes(name) || name === "capabilities";
    const mark = (REQUIRED_TO_SAVE as readonly string[]).includes(name) ? " *" : forReview ? " †" : "";
    return `${t(FIELD_LABELS[name])}${mark}`;
  };
  const field = (name: ScenarioField, input: ReactNode, hint?: string) => (
    <div>
      <ReviewNote comments={comments[name]} />
      <Field label={label(name)} htmlFor={fields[name].id} errors={fields[name].errors} errorId={fields[name].errorId} hint={hint}>{input}</Field>
    </div>
  );
  const textInput = (name: ScenarioField, type: "text" | "tel" | "email" | "date" = "text") =>
    field(name, <input {...getInputProps(fields[name] as FieldMetadata<string>, { type })} className={inputClass} />);
  const textarea = (name: ScenarioField, rowsCount = 6) =>
    field(name, <textarea {...getTextareaProps(fields[name] as FieldMetadata<string>)} rows={rowsCount} className={inputClass} />,
      t("demand.hint.maxLength", { max: name === "siteAccess" ? 1000 : MAX_LONG_TEXT }));
  const select = (name: ScenarioField, values: readonly string[], kind: Parameters<typeof vocabularyLabel>[2], optional = false) =>
    field(name, (
      <select {...getSelectProps(fields[name] as FieldMetadata<string>)} className={inputClass}>
        <option value="">{optional ? t("scenario.notSpecified") : t("demand.choose")}</option>
        {values.map((v) => <option key={v} value={v}>{vocabularyLabel(t, lang, kind, v)}</option>)}
      </select>
    ));

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      {Object.entries(props.hidden).map(([name, value]) => <input key={`${name}-${value}`} type="hidden" name={name} value={value} />)}
      <div ref={messages} className="scroll-mt-4 space-y-2">
        <FormErrors id={form.errorId} errors={formErrors} />
        {props.notice}
      </div>
      {!readOnly && <p className="text-sm text-slate-600">{t("demand.form.legend")}</p>}
      <fieldset disabled={readOnly} className="space-y-4">
        <Section title={t("demand.section.basics")}>
          {textInput("title")}
          {props.belowTitle?.(fields.title.id)}
          <div className="grid gap-4 sm:grid-cols-2">
            {select("domain", DOMAINS, "domain")}
            {select("venueType", VENUE_TYPES, "venue", true)}
            {select("district", DISTRICTS, "district")}
            {select("cooperationMode", COOPERATION_MODES, "mode")}
            {select("tier", TIERS, "tier")}
          </div>
        </Section>
        <Section title={t("demand.section.needs")}>
          {textarea("description", 8)}
          {textarea("requirements")}
          {textarea("acceptanceCriteria")}
          <fieldset aria-describedby={fields.capabilities.errorId}>
            <legend className="text-sm font-medium text-slate-800">{label("capabilities")}</legend>
            <ReviewNote comments={comments.capabilities} />
            <p className="text-xs text-slate-600">{t("demand.hint.capabilities", { max: MAX_CAPABILITIES })}</p>
            <div className="mt-1 grid gap-1 sm:grid-cols-3">
              {getCollectionProps(fields.capabilities, { type: "checkbox", options: capabilities.map((c) => c.slug) }).map(({ key, ...p }) => (
                <label key={key} htmlFor={p.id} className="flex items-center gap-2 text-sm">
                  <input {...p} className="accent-brand-600" />
                  {capabilityName(capabilities, p.value, lang)}
                </label>
              ))}
            </div>
            <FieldErrors id={fields.capabilities.errorId} errors={fields.capabilities.errors} />
          </fieldset>
        </Section>
        <Section title={t("demand.section.data")}>
          <ReviewNote comments={comments.dataResources} />
          <p className="text-sm text-slate-600">{t("demand.hint.data", { max: MAX_DATA_RESOURCES })}</p>
          {fields.dataResources.getFieldList().map((item, i) => <DataRow key={item.key} index={i} row={item.getFieldset()} />)}
          <FieldErrors id={fields.dataResources.errorId} errors={fields.dataResources.errors} />
          {textarea("siteAccess", 3)}
        </Section>
        <Section title={t("demand.section.budget")}>
          {field("budgetWan", <input {...getInputProps(fields.budgetWan, { type: "text" })} inputMode="decimal" className={inputClass} />, t("demand.hint.budget"))}
          <div className="grid gap-4 sm:grid-cols-2">
            {field("periodStart", <input {...getInputProps(fields.periodStart, { type: "date" })} className={inputClass} />)}
            {field("periodEnd", <input {...getInputProps(fields.periodEnd, { type: "date" })} className={inputClass} />)}
          </div>
        </Section>
        <Section title={t("scenario.contact")}>
          <div className="grid gap-4 sm:grid-cols-3">
            {textInput("contactName")}
            {textInput("contactPhone", "tel")}
            {textInput("contactEmail", "email")}
          </div>
        </Section>
      </fieldset>
      {!readOnly && mode === "amend" && (
        <Section title={t("demand.amend.title")}>
          <p className="text-sm text-slate-700">{t("demand.amend.lead")}</p>
          <p className="text-sm text-slate-600">{t("demand.amend.rule")}</p>
          <Field label={t("demand.amend.reason")} htmlFor={fields.reason.id} errors={fields.reason.errors} errorId={fields.reason.errorId}>
            <textarea {...getTextareaProps(fields.reason)} rows={3} className={inputClass} />
          </Field>
          <button type="submit" name="intent" value="amend" disabled={busy !== null} className={buttonClass}>
            {busy === "amend" ? t("demand.amend.pending") : t("demand.amend.submit")}
          </button>
        </Section>
      )}
      {!readOnly && mode !== "amend" && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" name="intent" value="save" disabled={busy !== null} className={mode === "new" ? buttonClass : secondaryButton}>
            {busy === "save" ? t("demand.saving") : t("demand.save")}
          </button>
          {mode === "edit" && (
            <button type="submit" name="intent" value="submit" disabled={busy !== null || Boolean(props.submitBlocked)} className={buttonClass}>
              {busy === "submit" ? t("demand.submitting") : t("demand.submit")}
            </button>
          )}
          {props.submitBlocked && <p className="text-sm text-amber-800">{t(props.submitBlocked)}</p>}
        </div>
      )}
    </Form>
  );
}

const secondaryButton = "rounded border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60";

function DataRow({ index, row }: { index: number; row: ReturnType<FieldMetadata<NonNullable<Values["dataResources"]>[number]>["getFieldset"]> }) {
  const { t, lang } = useI18n();
  return (
    <fieldset className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_auto_10rem]">
      <legend className="px-1 text-xs text-slate-500">{t("demand.data.row", { n: index + 1 })}</legend>
      <Field label={t("scenario.data.kind")} htmlFor={row.kind.id} errors={row.kind.errors} errorId={row.kind.errorId}>
        <input {...getInputProps(row.kind, { type: "text" })} placeholder={t("demand.data.kindExample")} className={inputClass} />
      </Field>
      <Field label={t("scenario.data.volume")} htmlFor={row.volume.id} errors={row.volume.errors} errorId={row.volume.errorId}>
        <input {...getInputProps(row.volume, { type: "text" })} placeholder={t("demand.data.volumeExample")} className={inputClass} />
      </Field>
      <label htmlFor={row.labelled.id} className="flex items-center gap-2 self-end pb-2 text-sm">
        <input {...getInputProps(row.labelled, { type: "checkbox" })} className="accent-brand-600" />
        {t("scenario.data.labelled")}
      </label>
      <Field label={t("scenario.data.sensitivity")} htmlFor={row.sensitivity.id} errors={row.sensitivity.errors} errorId={row.sensitivity.errorId}>
        <select {...getSelectProps(row.sensitivity)} className={inputClass}>
          <option value="">{t("demand.choose")}</option>
          {DATA_SENSITIVITIES.map((s) => <option key={s} value={s}>{vocabularyLabel(t, lang, "sensitivity", s)}</option>)}
        </select>
      </Field>
    </fieldset>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** A reviewer's comment on a field, right above the field it is about. */
function ReviewNote({ comments }: { comments?: string[] }) {
  const { t } = useI18n();
  if (!comments?.length) return null;
  return (
    <div className="mb-1 rounded border-l-4 border-orange-400 bg-orange-50 px-3 py-2 text-sm text-orange-900">
      <p className="font-medium">{t("demand.review.comment")}</p>
      {comments.map((c, i) => <p key={i} className="whitespace-pre-line break-words">{c}</p>)}
    </div>
  );
}

function capabilityName(list: ScenarioFormProps["capabilities"], slug: string, lang: string) {
  const c = list.find((x) => x.slug === slug);
  return c ? (lang === "en" ? c.name_en : c.name_zh) : slug;
}
