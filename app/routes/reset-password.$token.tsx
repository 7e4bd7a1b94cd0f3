import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { homeFor } from "~/auth/guards.server";
import { startSession } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { resetPasswordSchema } from "~/domain/forms/account";
import { useI18n } from "~/i18n/use-i18n";
import { findUsableReset, resetPassword } from "~/models/password-reset.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("reset.title"));

// The token is in the URL: keep it out of the Referer header of any link followed from here.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findUsableReset(db(), params.token);
  return { email: reset?.email ?? null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: resetPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirm"] }), { status: 400 });
  const address = clientAddress(context);
  const result = await resetPassword(db(), { token: params.token ?? "", password: submission.value.password, ip: address });
  if (!result.ok) return data(submission.reply({ formErrors: ["reset.invalid"], hideFields: ["password", "confirm"] }), { status: 400 });
  const user = await db().selectFrom("users").where("id", "=", result.userId).select("role").executeTakeFirstOrThrow();
  const cookie = await startSession(db(), request, result.userId, address);
  return redirect(homeFor(user), { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  if (!email) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
        <p role="alert" className="mt-4 text-slate-700">{t("reset.invalid")}</p>
        <Link to="/forgot-password" className="mt-4 inline-block text-brand-700 underline">{t("reset.again")}</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("reset.lead", { email })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* Lets password managers store the new password for the right account. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <Field label={t("reset.password")} htmlFor={fields.password.id} errors={fields.password.errors} errorId={fields.password.errorId}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" className={inputClass} />
        </Field>
        <Field label={t("reset.confirm")} htmlFor={fields.confirm.id} errors={fields.confirm.errors} errorId={fields.confirm.errorId}>
          <input {...getInputProps(fields.confirm, { type: "password" })} autoComplete="new-password" className={inputClass} />
        </Field>
        <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("reset.submitting") : t("reset.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
