import {
  getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm,
  type FieldMetadata, type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "react-router";
import type { ReactNode } from "react";
import { buttonClass, Field, FieldErrors, FormErrors, inputClass } from "~/components/form";
import { ProductKindBadge } from "~/components/product-kind-badge";
import {
  addCaseSchema, addProductSchema, MAX_CAPABILITIES, MAX_CASE_TEXT, MAX_PRODUCT_DESCRIPTION, MAX_SUMMARY, profileSchema,
  updateCaseSchema, updateProductSchema,
} from "~/domain/forms/vendor";
import { DISTRICTS, DOMAINS, PRODUCT_KINDS, VENUE_TYPES, type ProductKind } from "~/domain/vocabulary";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";

// The three kinds of form on /vendor/profile. Each has its own id, so an error lands on the form
// that was posted, and each works without JavaScript (plain posts, <details> to open an editor).

type LastResult = SubmissionResult<string[]> | null;
const secondaryButton = "rounded border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60";
const dangerButton = "rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60";

/** Whether the page is posting this intent (for this product or case). */
function usePosting(intent: string, id?: number) {
  const navigation = useNavigation();
  const f = navigation.state === "submitting" ? navigation.formData : undefined;
  if (!f || f.get("intent") !== intent) return false;
  return id === undefined || f.get("productId") === String(id) || f.get("caseId") === String(id);
}

function Checkboxes({ legend, hint, field, options }: {
  legend: string;
  hint?: string;
  field: FieldMetadata<string[] | undefined>;
  options: { value: string; label: string }[];
}) {
  return (
    <fieldset aria-describedby={field.errors ? field.errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint && <p className="text-xs text-slate-600">{hint}</p>}
      <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-3 lg:grid-cols-4">
        {getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value) }).map(({ key, ...p }) => (
          <label key={key} htmlFor={p.id} className="flex items-center gap-2 text-sm">
            <input {...p} className="accent-brand-600" />
            {options.find((o) => o.value === p.value)?.label}
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function ProfileForm({ defaultValue, capabilities, lastResult, notice }: {
  defaultValue: { summary: string; website: string; capabilities: string[]; domains: string[]; venueTypes: string[]; districts: string[] };
  capabilities: { slug: string; name_zh: string; name_en: string }[];
  lastResult: LastResult;
  notice?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const busy = usePosting("profile");
  const [form, fields] = useForm({
    id: "profile",
    lastResult,
    defaultValue,
    // Not on blur: a message appearing as a field loses focus moves the button from under the click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  return (
    <section id="about" aria-labelledby="profile-title" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="profile-title" className="text-lg font-semibold">{t("vendorProfile.section.profile")}</h2>
      {notice && <div className="mt-3">{notice}</div>}
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={`${t("vendorProfile.field.summary")} *`} htmlFor={fields.summary.id} errors={fields.summary.errors} errorId={fields.summary.errorId}
          hint={t("vendorProfile.hint.summary", { max: MAX_SUMMARY })}>
          <textarea {...getTextareaProps(fields.summary)} rows={5} className={inputClass} />
        </Field>
        <Field label={t("vendorProfile.field.website")} htmlFor={fields.website.id} errors={fields.website.errors} errorId={fields.website.errorId}
          hint={t("vendorProfile.hint.website")}>
          <input {...getInputProps(fields.website, { type: "text" })} inputMode="url" autoComplete="url" className={inputClass} />
        </Field>
        <Checkboxes legend={`${t("vendorProfile.field.capabilities")} *`} hint={t("vendorProfile.hint.capabilities", { max: MAX_CAPABILITIES })}
          field={fields.capabilities} options={capabilities.map((c) => ({ value: c.slug, label: lang === "en" ? c.name_en : c.name_zh }))} />
        <Checkboxes legend={t("vendorProfile.field.domains")} field={fields.domains}
          options={DOMAINS.map((d) => ({ value: d, label: vocabularyLabel(t, lang, "domain", d) }))} />
        <Checkboxes legend={t("vendorProfile.field.venueTypes")} field={fields.venueTypes}
          options={VENUE_TYPES.map((v) => ({ value: v, label: vocabularyLabel(t, lang, "venue", v) }))} />
        <Checkboxes legend={t("vendorProfile.field.districts")} field={fields.districts}
          options={DISTRICTS.map((d) => ({ value: d, label: vocabularyLabel(t, lang, "district", d) }))} />
        <button type="submit" name="intent" value="profile" disabled={busy} className={buttonClass}>
          {busy ? t("vendorProfile.saving") : t("vendorProfile.save")}
        </button>
      </Form>
    </section>
  );
}

interface StoredProduct {
  id: number;
  kind: ProductKind;
  name: string;
  description: string;
  filing_number: string | null;
}

/** A product with its editor and delete button, or (without `product`) the form to add one. */
export function ProductEditor({ product, lastResult, deleteResult = null }: { product?: StoredProduct; lastResult: LastResult; deleteResult?: LastResult }) {
  const { t } = useI18n();
  const editing = product !== undefined;
  const intent = editing ? "updateProduct" : "addProduct";
  const busy = usePosting(intent, product?.id);
  const [form, fields] = useForm({
    id: editing ? `product-${product.id}` : "product-new",
    lastResult,
    defaultValue: product
      ? { kind: product.kind, name: product.name, description: product.description, filingNumber: product.filing_number ?? "" }
      : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editing ? updateProductSchema : addProductSchema }),
  });
  const body = (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <FormErrors id={form.errorId} errors={form.errors ?? form.allErrors["productId"]} />
      {product && <input type="hidden" name="productId" value={product.id} />}
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <Field label={`${t("vendorProfile.field.kind")} *`} htmlFor={fields.kind.id} errors={fields.kind.errors} errorId={fields.kind.errorId}>
          <select {...getSelectProps(fields.kind)} className={inputClass}>
            <option value="">{t("vendorProfile.choose")}</option>
            {PRODUCT_KINDS.map((k) => <option key={k} value={k}>{t(`vendors.kind.${k}`)}</option>)}
          </select>
        </Field>
        <Field label={`${t("vendorProfile.field.productName")} *`} htmlFor={fields.name.id} errors={fields.name.errors} errorId={fields.name.errorId}>
          <input {...getInputProps(fields.name, { type: "text" })} className={inputClass} />
        </Field>
      </div>
      <Field label={t("vendorProfile.field.filingNumber")} htmlFor={fields.filingNumber.id} errors={fields.filingNumber.errors}
        errorId={fields.filingNumber.errorId} hint={t("vendorProfile.hint.filingNumber")}>
        <input {...getInputProps(fields.filingNumber, { type: "text" })} autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />
      </Field>
      <Field label={t("vendorProfile.field.description")} htmlFor={fields.description.id} errors={fields.description.errors}
        errorId={fields.description.errorId} hint={t("vendorProfile.hint.maxLength", { max: MAX_PRODUCT_DESCRIPTION })}>
        <textarea {...getTextareaProps(fields.description)} rows={3} className={inputClass} />
      </Field>
      <button type="submit" name="intent" value={intent} disabled={busy} className={editing ? secondaryButton : buttonClass}>
        {busy ? t("vendorProfile.saving") : editing ? t("vendorProfile.product.save") : t("vendorProfile.product.add")}
      </button>
    </Form>
  );
  if (!product) {
    return (
      <div className="rounded border border-dashed border-slate-300 p-3">
        <h3 className="mb-2 font-semibold">{t("vendorProfile.product.new")}</h3>
        {body}
      </div>
    );
  }
  return (
    <Item
      title={<><ProductKindBadge kind={product.kind} /> <span className="font-semibold break-words">{product.name}</span></>}
      detail={
        <>
          {product.filing_number
            ? <p className="text-xs text-slate-600">{t("vendors.filingNumber")}<span className="font-mono break-all">{product.filing_number}</span></p>
            : product.kind === "industry_model" && <p className="text-xs text-amber-800">{t("vendorProfile.product.unfiled")}</p>}
          {product.description && <p className="mt-1 text-sm text-slate-700 whitespace-pre-line break-words">{product.description}</p>}
        </>
      }
      open={Boolean(lastResult || deleteResult)}
      editor={body}
      remove={<DeleteForm intent="deleteProduct" idName="productId" id={product.id} lastResult={deleteResult} confirm={t("vendorProfile.product.confirmDelete", { name: product.name })} />}
    />
  );
}

interface StoredCase {
  id: number;
  client: string;
  scenario: string;
  result: string;
  year: number | null;
}

/** A reference case with its editor and delete button, or (without `referenceCase`) the form to add one. */
export function CaseEditor({ referenceCase: c, lastResult, deleteResult = null }: { referenceCase?: StoredCase; lastResult: LastResult; deleteResult?: LastResult }) {
  const { t } = useI18n();
  const editing = c !== undefined;
  const intent = editing ? "updateCase" : "addCase";
  const busy = usePosting(intent, c?.id);
  const [form, fields] = useForm({
    id: editing ? `case-${c.id}` : "case-new",
    lastResult,
    defaultValue: c ? { client: c.client, scenario: c.scenario, result: c.result, year: c.year === null ? "" : String(c.year) } : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editing ? updateCaseSchema : addCaseSchema }),
  });
  const body = (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <FormErrors id={form.errorId} errors={form.errors ?? form.allErrors["caseId"]} />
      {c && <input type="hidden" name="caseId" value={c.id} />}
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <Field label={`${t("vendorProfile.field.client")} *`} htmlFor={fields.client.id} errors={fields.client.errors} errorId={fields.client.errorId}>
          <input {...getInputProps(fields.client, { type: "text" })} className={inputClass} />
        </Field>
        <Field label={t("vendorProfile.field.year")} htmlFor={fields.year.id} errors={fields.year.errors} errorId={fields.year.errorId}>
          <input {...getInputProps(fields.year, { type: "text" })} inputMode="numeric" className={inputClass} />
        </Field>
      </div>
      <Field label={`${t("vendorProfile.field.scenario")} *`} htmlFor={fields.scenario.id} errors={fields.scenario.errors} errorId={fields.scenario.errorId}
        hint={t("vendorProfile.hint.maxLength", { max: MAX_CASE_TEXT })}>
        <textarea {...getTextareaProps(fields.scenario)} rows={3} className={inputClass} />
      </Field>
      <Field label={`${t("vendorProfile.field.result")} *`} htmlFor={fields.result.id} errors={fields.result.errors} errorId={fields.result.errorId}
        hint={t("vendorProfile.hint.result")}>
        <textarea {...getTextareaProps(fields.result)} rows={3} className={inputClass} />
      </Field>
      <button type="submit" name="intent" value={intent} disabled={busy} className={editing ? secondaryButton : buttonClass}>
        {busy ? t("vendorProfile.saving") : editing ? t("vendorProfile.case.save") : t("vendorProfile.case.add")}
      </button>
    </Form>
  );
  if (!c) {
    return (
      <div className="rounded border border-dashed border-slate-300 p-3">
        <h3 className="mb-2 font-semibold">{t("vendorProfile.case.new")}</h3>
        {body}
      </div>
    );
  }
  return (
    <Item
      title={<span className="font-semibold break-words">{c.client}{c.year !== null && <span className="ml-2 text-sm font-normal text-slate-500">{c.year}</span>}</span>}
      detail={
        <dl className="mt-1 space-y-1 text-sm">
          <div><dt className="inline text-slate-500">{t("vendors.case.scenario")}</dt><dd className="inline whitespace-pre-line break-words">{c.scenario}</dd></div>
          <div><dt className="inline text-slate-500">{t("vendors.case.result")}</dt><dd className="inline whitespace-pre-line break-words">{c.result}</dd></div>
        </dl>
      }
      open={Boolean(lastResult || deleteResult)}
      editor={body}
      remove={<DeleteForm intent="deleteCase" idName="caseId" id={c.id} lastResult={deleteResult} confirm={t("vendorProfile.case.confirmDelete", { name: c.client })} />}
    />
  );
}

function Item({ title, detail, open, editor, remove }: { title: ReactNode; detail: ReactNode; open: boolean; editor: ReactNode; remove: ReactNode }) {
  const { t } = useI18n();
  return (
    <article className="rounded border border-slate-200 p-3">
      <div>{title}</div>
      {detail}
      <details className="mt-2" open={open}>
        <summary className="cursor-pointer text-sm text-brand-700 underline">{t("vendorProfile.edit")}</summary>
        <div className="mt-3 space-y-3 border-t border-slate-100 pt-3">
          {editor}
          {remove}
        </div>
      </details>
    </article>
  );
}

function DeleteForm({ intent, idName, id, lastResult, confirm }: { intent: string; idName: string; id: number; lastResult: LastResult; confirm: string }) {
  const { t } = useI18n();
  const busy = usePosting(intent, id);
  const errors = lastResult?.error ? Object.values(lastResult.error).flat().filter((e): e is string => typeof e === "string") : undefined;
  return (
    <Form method="post" className="space-y-2" onSubmit={(e) => {
      // With JavaScript, a last question; without it, the post goes straight through.
      if (!window.confirm(confirm)) e.preventDefault();
    }}>
      <FormErrors id={`${intent}-${id}-errors`} errors={errors} />
      <input type="hidden" name={idName} value={id} />
      <button type="submit" name="intent" value={intent} disabled={busy} className={dangerButton}>
        {busy ? t("vendorProfile.deleting") : t("vendorProfile.delete")}
      </button>
    </Form>
  );
}
