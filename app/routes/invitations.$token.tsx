import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "react-router";
import { getOptionalUser, homeFor } from "~/auth/guards.server";
import { startSession } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { acceptInvitationSchema } from "~/domain/forms/account";
import { useI18n } from "~/i18n/use-i18n";
import { acceptInvitation, findInvitation } from "~/models/invitation.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("invite.accept.title"));

// The token is in the URL: keep it out of the Referer header of any link followed from here.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [invitation, user] = await Promise.all([findInvitation(db(), params.token), getOptionalUser(request)]);
  return {
    invitation: invitation && { email: invitation.email, organisationName: invitation.organisationName, state: invitation.state },
    signedInAs: user?.email ?? null,
  };
}

const problemMessage = {
  invalid: "invite.accept.invalid",
  email_taken: "invite.accept.emailTaken",
  wrong_account: "invite.accept.wrongAccount",
  registered_elsewhere: "invite.accept.elsewhere",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: acceptInvitationSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const address = clientAddress(context);
  const token = params.token ?? "";
  let result;
  if (submission.value.intent === "join") {
    const user = await getOptionalUser(request);
    if (!user) throw redirect(`/login?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`);
    result = await acceptInvitation(db(), { token, userId: user.id, ip: address });
  } else {
    result = await acceptInvitation(db(), { token, name: submission.value.name, password: submission.value.password, ip: address });
  }
  if (!result.ok) {
    return data(submission.reply({ formErrors: [problemMessage[result.problem]], hideFields: ["password"] }), { status: 400 });
  }
  const joined = await db().selectFrom("users").where("id", "=", result.userId).select("role").executeTakeFirstOrThrow();
  const cookie = await startSession(db(), request, result.userId, address);
  return redirect(homeFor(joined), { headers: { "Set-Cookie": cookie } });
}

export default function AcceptInvitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  const location = useLocation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationSchema }),
  });
  const busy = navigation.state === "submitting";

  if (!invitation || invitation.state !== "open") {
    const key = invitation?.state === "accepted" ? "invite.accept.used" : invitation?.state === "expired" ? "invite.accept.expired" : "invite.accept.invalid";
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-2xl font-bold">{t("invite.accept.title")}</h1>
        <p role="alert" className="mt-4 text-slate-700">{t(key)}</p>
      </div>
    );
  }
  const loginHref = `/login?${new URLSearchParams({ redirectTo: location.pathname })}`;
  if (signedInAs && signedInAs !== invitation.email) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-2xl font-bold">{t("invite.accept.title")}</h1>
        <p className="mt-4 text-slate-700">{t("invite.accept.signedInOther", { current: signedInAs, email: invitation.email })}</p>
        <Form method="post" action="/logout" className="mt-4">
          <button type="submit" className={buttonClass}>{t("nav.logout")}</button>
        </Form>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("invite.accept.title")}</h1>
      <p className="mt-2 text-slate-700">{t("invite.accept.lead", { organisation: invitation.organisationName, email: invitation.email })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        {signedInAs === invitation.email ? (
          <button type="submit" name="intent" value="join" className={`${buttonClass} w-full`} disabled={busy}>
            {t("invite.accept.join", { organisation: invitation.organisationName })}
          </button>
        ) : (
          <>
            <input type="hidden" name="intent" value="register" />
            <p className="text-sm"><span className="font-medium">{t("login.email")}：</span>{invitation.email}</p>
            <Field label={t("signup.name")} htmlFor={fields.name.id} errors={fields.name.errors} errorId={fields.name.errorId}>
              <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" className={inputClass} />
            </Field>
            <input type="email" name="username" value={invitation.email} autoComplete="username" readOnly hidden />
            <Field label={t("signup.password")} htmlFor={fields.password.id} errors={fields.password.errors} errorId={fields.password.errorId}>
              <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" className={inputClass} />
            </Field>
            <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>{t("invite.accept.register")}</button>
            <p className="text-sm text-slate-600">
              {t("invite.accept.haveAccount")} <Link to={loginHref} className="text-brand-700 underline">{t("nav.login")}</Link>
            </p>
          </>
        )}
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
