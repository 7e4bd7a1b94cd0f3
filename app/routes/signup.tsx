import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { JSX } from "react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useNavigation } from "react-router";
import { getOptionalUser, homeFor } from "~/auth/guards.server";
import { startSession } from "~/auth/session.server";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { countAction, rateLimited } from "~/auth/rate-limit.server";
import { passRetryAfter, tooManyRequests, tryAgainMessage } from "~/utils/retry-after";
import { signupSchema } from "~/domain/forms/auth";
import { DISTRICTS } from "~/domain/vocabulary";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { registerOrganisation } from "~/models/account.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("signup.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user));
  return null;
}

export const headers = passRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: signupSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });

  const address = clientAddress(context);
  const wait = await rateLimited(db(), "signup", { address });
  if (wait) return data(submission.reply({ formErrors: [tryAgainMessage(wait)], hideFields: ["password"] }), tooManyRequests(wait));
  const result = await registerOrganisation(db(), submission.value, address);
  if (!result.ok) {
    const field = result.problem === "email_taken" ? "email" : "creditCode";
    const key = result.problem === "email_taken" ? "signup.emailTaken" : "signup.creditCodeTaken";
    return data(submission.reply({ fieldErrors: { [field]: [key] }, hideFields: ["password"] }), { status: 400 });
  }
  await countAction(db(), "signup", { address });
  const cookie = await startSession(db(), request, result.userId, address);
  return redirect(result.kind === "demand" ? "/my/scenarios" : "/scenarios", { headers: { "Set-Cookie": cookie } });
}

export default function Signup() {
  const lastResult = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  });
  const field = (name: keyof typeof fields, label: string, input: JSX.Element) => (
    <Field label={label} htmlFor={fields[name].id} errors={fields[name].errors} errorId={fields[name].errorId}>{input}</Field>
  );
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("signup.title")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("signup.lead")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        {field("name", t("signup.name"), <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" className={inputClass} />)}
        {field("email", t("signup.email"), <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" className={inputClass} />)}
        {field("password", t("signup.password"), <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" className={inputClass} />)}
        <fieldset>
          <legend className="text-sm font-medium">{t("signup.kind")}</legend>
          <div className="mt-1 flex flex-wrap gap-4" aria-describedby={fields.kind.errorId}>
            {(["demand", "vendor"] as const).map((kind) => (
              <label key={kind} className="flex items-center gap-2 text-sm">
                <input type="radio" name={fields.kind.name} value={kind} defaultChecked={fields.kind.initialValue === kind} />
                {t(`signup.kind.${kind}`)}
              </label>
            ))}
          </div>
          {fields.kind.errors && <p id={fields.kind.errorId} className="mt-1 text-sm text-red-700">{t("error.choose")}</p>}
        </fieldset>
        {field("organisationName", t("signup.orgName"), <input {...getInputProps(fields.organisationName, { type: "text" })} autoComplete="organization" className={inputClass} />)}
        {field("creditCode", t("signup.creditCode"), <input {...getInputProps(fields.creditCode, { type: "text" })} maxLength={18} className={`${inputClass} font-mono uppercase`} />)}
        {field("district", t("signup.district"), (
          <select {...getSelectProps(fields.district)} className={inputClass}>
            <option value="">—</option>
            {DISTRICTS.map((d) => <option key={d} value={d}>{vocabularyLabel(t, lang, "district", d)}</option>)}
          </select>
        ))}
        <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>{t("signup.submit")}</button>
        <p className="text-sm text-slate-600">{t("signup.haveAccount")} <Link to="/login" className="text-brand-700 underline">{t("nav.login")}</Link></p>
      </Form>
    </div>
  );
}
