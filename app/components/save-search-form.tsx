import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "react-router";
import { FieldErrors, FormErrors, inputClass } from "~/components/form";
import { FREQUENCIES, MAX_NAME_LENGTH } from "~/domain/saved-searches";
import { useI18n } from "~/i18n/use-i18n";

/**
 * Saves a list query: posted to /my/searches, which answers a bad post by showing this form again
 * with the errors and what was typed. Works without JavaScript. Checked on the server only, and
 * rendered without the form library: two fields do not justify shipping it to every visitor of the list.
 */
export function SaveSearchForm({ query, defaultName, lastResult }: {
  query: string;
  defaultName: string;
  /** The server's answer to a refused save (Conform's result shape: errors by field, "" for the form). */
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === "/my/searches" && navigation.formData?.get("intent") === "save";
  const errors = lastResult?.error ?? {};
  const typed = (lastResult?.initialValue ?? {}) as Record<string, unknown>;
  const text = (field: string, fallback: string) => (typeof typed[field] === "string" ? (typed[field] as string) : fallback);
  const frequency = text("frequency", "daily");
  const id = (field: string) => `save-search-${field}`;
  const invalid = (field: string) => (errors[field]?.length ? { "aria-invalid": true, "aria-describedby": `${id(field)}-error` } : {});
  return (
    <Form method="post" action="/my/searches" id="save-search" noValidate aria-describedby={errors[""]?.length ? "save-search-error" : undefined} className="space-y-3">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="query" value={text("query", query)} />
      <FormErrors id="save-search-error" errors={errors[""] ?? undefined} />
      <div>
        <label htmlFor={id("name")} className="block text-sm font-medium text-slate-800">{t("savedSearch.save.name")}</label>
        <input id={id("name")} name="name" type="text" defaultValue={text("name", [...defaultName].slice(0, MAX_NAME_LENGTH).join(""))}
          maxLength={MAX_NAME_LENGTH * 2} {...invalid("name")} className={`mt-1 ${inputClass}`} />
        <FieldErrors id={`${id("name")}-error`} errors={errors.name ?? undefined} />
      </div>
      <fieldset aria-describedby={`${id("frequency")}-error`}>
        <legend className="text-sm font-medium text-slate-800">{t("savedSearch.save.frequency")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {FREQUENCIES.map((value) => (
            <label key={value} htmlFor={`${id("frequency")}-${value}`} className="flex items-center gap-1.5 text-sm">
              <input id={`${id("frequency")}-${value}`} type="radio" name="frequency" value={value} defaultChecked={frequency === value} className="accent-brand-600" />
              {t(`savedSearch.frequency.${value}`)}
            </label>
          ))}
        </div>
        <FieldErrors id={`${id("frequency")}-error`} errors={errors.frequency ?? undefined} />
      </fieldset>
      <button type="submit" disabled={busy} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {busy ? t("savedSearch.save.saving") : t("savedSearch.save.submit")}
      </button>
    </Form>
  );
}
