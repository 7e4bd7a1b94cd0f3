import type { ReactNode } from "react";
import { parseMessage } from "~/domain/forms/messages";
import type { MessageKey } from "~/i18n/dictionary";
import { useI18n } from "~/i18n/use-i18n";

/** A field's errors (translation keys from the schema) in the visitor's language. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useI18n();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm text-red-700">
      {errors.map((e) => {
        const { key, values } = parseMessage(e);
        return <li key={e}>{t(key as MessageKey, values)}</li>;
      })}
    </ul>
  );
}

export function Field({ label, htmlFor, errors, errorId, hint, children }: {
  label: string;
  htmlFor: string;
  errors?: string[];
  errorId: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800">{label}</label>
      {hint && <p className="text-xs text-slate-600">{hint}</p>}
      <div className="mt-1">{children}</div>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export const inputClass =
  "w-full rounded border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600";
export const buttonClass = "rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/** Errors about the whole form (wrong password, too many attempts), announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useI18n();
  if (!errors?.length) return null;
  return (
    <div role="alert" id={id} className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {errors.map((e) => {
        const { key, values } = parseMessage(e);
        return <p key={e}>{t(key as MessageKey, values)}</p>;
      })}
    </div>
  );
}
