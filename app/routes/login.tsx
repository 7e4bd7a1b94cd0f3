import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { getOptionalUser, homeFor } from "~/auth/guards.server";
import { verifyPassword } from "~/auth/password.server";
import { startSession } from "~/auth/session.server";
import { recordSignIn, signInBlocked } from "~/auth/throttle.server";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { loginSchema } from "~/domain/forms/auth";
import { message } from "~/domain/forms/messages";
import { useI18n } from "~/i18n/use-i18n";
import { audit } from "~/models/audit.server";
import { httpsRequiredFor } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";
import { passRetryAfter } from "~/utils/retry-after";
import { safeRedirectPath } from "~/utils/safe-redirect";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("login.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user));
  // Opened over plain HTTP where the cookie must be Secure: say so instead of failing silently.
  return { httpsAt: httpsRequiredFor(request) };
}

export const headers = passRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: loginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });

  const { email, password, redirectTo } = submission.value;
  const address = clientAddress(context);
  const blocked = await signInBlocked(db(), email, address);
  if (blocked) {
    // Refused before the password is looked at, right or wrong; says how long to wait.
    const reply = submission.reply({ formErrors: [message("login.throttled", { minutes: blocked.retryAfterMinutes })], hideFields: ["password"] });
    return data(reply, { status: 429, headers: { "Retry-After": String(blocked.retryAfterSeconds) } });
  }
  const user = await db().selectFrom("users").where("email", "=", email).select(["id", "role", "password_hash"]).executeTakeFirst();
  // Verify even for an unknown e-mail, so the answer takes as long either way.
  const ok = await verifyPassword(password, user?.password_hash ?? "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA");
  await recordSignIn(db(), email, address, Boolean(user && ok));
  if (!user || !ok) {
    return data(submission.reply({ formErrors: ["login.failed"], hideFields: ["password"] }), { status: 400 });
  }
  const cookie = await startSession(db(), request, user.id, address);
  await audit(db(), { actorUserId: user.id, action: "session.sign_in", subjectType: "user", subjectId: user.id, ip: address });
  return redirect(safeRedirectPath(redirectTo, homeFor(user)), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const { httpsAt } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("login.title")}</h1>
      {httpsAt && (
        <p role="alert" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {t("login.httpsRequired")} <a href={httpsAt} className="font-medium underline break-all">{httpsAt}</a>
        </p>
      )}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t("login.email")} htmlFor={fields.email.id} errors={fields.email.errors} errorId={fields.email.errorId}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" className={inputClass} />
        </Field>
        <Field label={t("login.password")} htmlFor={fields.password.id} errors={fields.password.errors} errorId={fields.password.errorId}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" className={inputClass} />
        </Field>
        <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("login.submitting") : t("login.submit")}
        </button>
        <p className="text-sm text-slate-600">
          {t("login.noAccount")} <Link to="/signup" className="text-brand-700 underline">{t("nav.signup")}</Link>
          {" · "}<Link to="/forgot-password" className="text-brand-700 underline">{t("login.forgot")}</Link>
        </p>
      </Form>
    </div>
  );
}
