import { getCollectionProps, getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "react-router";
import { FieldErrors, FormErrors, inputClass } from "~/components/form";
import { FREQUENCIES, MAX_NAME_LENGTH } from "~/domain/saved-searches";
import { useI18n } from "~/i18n/use-i18n";

/**
 * Saves a list query: posted to /my/searches, which answers a bad post by showing this form again
 * with the errors and what was typed. Works without JavaScript. Checked on the server only: two
 * fields do not justify shipping the form library's schema code to every visitor of the list.
 */
export function SaveSearchForm({ query, defaultName, lastResult }: {
  query: string;
  defaultName: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === "/my/searches" && navigation.formData?.get("intent") === "save";
  const [form, fields] = useForm({
    id: "save-search",
    lastResult,
    defaultValue: { intent: "save", name: [...defaultName].slice(0, MAX_NAME_LENGTH).join(""), query, frequency: "daily" },
  });
  return (
    <Form method="post" action="/my/searches" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="save" />
      <input {...getInputProps(fields.query, { type: "hidden" })} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div>
        <label htmlFor={fields.name.id} className="block text-sm font-medium text-slate-800">{t("savedSearch.save.name")}</label>
        <input {...getInputProps(fields.name, { type: "text" })} maxLength={MAX_NAME_LENGTH * 2} className={`mt-1 ${inputClass}`} />
        <FieldErrors id={fields.name.errorId} errors={fields.name.errors} />
      </div>
      <fieldset aria-describedby={fields.frequency.errorId}>
        <legend className="text-sm font-medium text-slate-800">{t("savedSearch.save.frequency")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {getCollectionProps(fields.frequency, { type: "radio", options: [...FREQUENCIES] }).map(({ key, ...p }) => (
            <label key={key} htmlFor={p.id} className="flex items-center gap-1.5 text-sm">
              <input {...p} className="accent-brand-600" />
              {t(`savedSearch.frequency.${p.value as (typeof FREQUENCIES)[number]}`)}
            </label>
          ))}
        </div>
        <FieldErrors id={fields.frequency.errorId} errors={fields.frequency.errors} />
      </fieldset>
      <button type="submit" disabled={busy} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {busy ? t("savedSearch.save.saving") : t("savedSearch.save.submit")}
      </button>
    </Form>
  );
}
