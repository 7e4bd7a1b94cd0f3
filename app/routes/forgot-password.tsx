import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { forgotPasswordSchema } from "~/domain/forms/account";
import { getLang } from "~/i18n/lang.server";
import { useI18n } from "~/i18n/use-i18n";
import { requestPasswordReset, RESET_TOKEN_MINUTES } from "~/models/password-reset.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("forgot.title"));

export function loader() {
  return { minutes: RESET_TOKEN_MINUTES };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(db(), { email: submission.value.email, lang: await getLang(request), ip: clientAddress(context) });
  // The same answer for every address, registered or not, throttled or not.
  return { result: submission.reply(), sent: true };
}

export default function ForgotPassword() {
  const { minutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("forgot.title")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("forgot.lead", { minutes })}</p>
      {actionData?.sent && (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("forgot.sent")}
        </p>
      )}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("login.email")} htmlFor={fields.email.id} errors={fields.email.errors} errorId={fields.email.errorId}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" className={inputClass} />
        </Field>
        <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("forgot.submitting") : t("forgot.submit")}
        </button>
        <p className="text-sm text-slate-600">
          <Link to="/login" className="text-brand-700 underline">{t("forgot.back")}</Link>
        </p>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
