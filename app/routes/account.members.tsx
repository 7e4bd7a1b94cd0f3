import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { inviteSchema, memberActionSchema } from "~/domain/forms/account";
import { formatDate } from "~/i18n/i18n";
import { getLang } from "~/i18n/lang.server";
import { useI18n } from "~/i18n/use-i18n";
import { INVITATION_DAYS, inviteMember } from "~/models/invitation.server";
import { listMembers, makeAdmin, removeMember } from "~/models/members.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("members.title"));

const forbidden = () => new Response("Forbidden", { status: 403 });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Reviewers and anyone else without an organisation have no members page.
  if (!user.organisationId) throw forbidden();
  const { members, invitations } = await listMembers(db(), user.organisationId);
  return {
    organisationName: user.organisationName,
    isAdmin: user.isOrgAdmin,
    me: user.id,
    members,
    invitations: user.isOrgAdmin ? invitations : [],
    invitationDays: INVITATION_DAYS,
  };
}

const problems = { already_member: "members.invite.alreadyMember", registered_elsewhere: "members.invite.elsewhere" } as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!user.organisationId || !user.isOrgAdmin) throw forbidden();
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: memberActionSchema });
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") return data({ intent, result: submission.reply(), done: null }, { status: 400 });

  const ip = clientAddress(context);
  const value = submission.value;
  if (value.intent === "invite") {
    const result = await inviteMember(db(), { actorId: user.id, email: value.email, lang: await getLang(request), ip });
    if (!result.ok) {
      if (result.problem === "forbidden") throw forbidden();
      return data({ intent, result: submission.reply({ fieldErrors: { email: [problems[result.problem]] } }), done: null }, { status: 400 });
    }
    return { intent, result: submission.reply({ resetForm: true }), done: { key: "members.invite.sent" as const, email: value.email } };
  }
  const change = { actorId: user.id, memberId: value.memberId, ip };
  const result = value.intent === "remove" ? await removeMember(db(), change) : await makeAdmin(db(), change);
  if (!result.ok) {
    if (result.problem === "forbidden") throw forbidden();
    if (result.problem === "not_found") throw new Response("Not Found", { status: 404 });
    return data({ intent, result: submission.reply({ formErrors: ["members.self"] }), done: null }, { status: 400 });
  }
  return { intent, result: submission.reply(), done: null };
}

export default function Members() {
  const { organisationName, isAdmin, me, members, invitations, invitationDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  const changeErrors = actionData && actionData.intent !== "invite" ? actionData.result.error?.[""] : undefined;

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold">{t("members.title")}</h1>
        <p className="mt-1 text-slate-700">{organisationName}{isAdmin ? "" : ` · ${t("members.readOnly")}`}</p>
      </div>
      <FormErrors id="member-change-errors" errors={changeErrors ?? undefined} />
      <table className="w-full border-collapse rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="p-2">{t("signup.name")}</th>
            <th scope="col" className="p-2">{t("login.email")}</th>
            <th scope="col" className="p-2">{t("members.since")}</th>
            {isAdmin && <th scope="col" className="p-2"><span className="sr-only">{t("members.actions")}</span></th>}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-t border-slate-200">
              <td className="p-2">
                {m.name}
                {m.isOrgAdmin && <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs text-brand-800">{t("members.admin")}</span>}
                {m.id === me && <span className="ml-2 text-xs text-slate-600">{t("members.you")}</span>}
              </td>
              <td className="p-2 break-all">{m.email}</td>
              <td className="p-2 whitespace-nowrap">{formatDate(m.createdAt, lang)}</td>
              {isAdmin && (
                <td className="p-2">
                  {m.id !== me && (
                    <div className="flex flex-wrap justify-end gap-2">
                      {!m.isOrgAdmin && (
                        <Form method="post">
                          <input type="hidden" name="memberId" value={m.id} />
                          <button type="submit" name="intent" value="makeAdmin" disabled={pendingIntent != null} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">
                            {t("members.makeAdmin")}
                          </button>
                        </Form>
                      )}
                      <Form method="post" onSubmit={(e) => { if (!window.confirm(t("members.removeConfirm", { name: m.name }))) e.preventDefault(); }}>
                        <input type="hidden" name="memberId" value={m.id} />
                        <button type="submit" name="intent" value="remove" disabled={pendingIntent != null} className="rounded border border-red-300 px-2 py-1 text-red-800 hover:bg-red-50">
                          {t("members.remove")}
                        </button>
                      </Form>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>

      {isAdmin && (
        <section aria-labelledby="invite-title" className="rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="invite-title" className="text-lg font-semibold">{t("members.invite.title")}</h2>
          <p className="mt-1 text-sm text-slate-700">{t("members.invite.lead", { days: invitationDays })}</p>
          {actionData?.done && <p role="status" className="mt-3 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{t(actionData.done.key, { email: actionData.done.email })}</p>}
          <Form method="post" {...getFormProps(form)} className="mt-4 flex flex-wrap items-start gap-3">
            <input type="hidden" name="intent" value="invite" />
            <div className="min-w-64 flex-1">
              <Field label={t("login.email")} htmlFor={fields.email.id} errors={fields.email.errors} errorId={fields.email.errorId}>
                <input {...getInputProps(fields.email, { type: "email" })} className={inputClass} />
              </Field>
            </div>
            <button type="submit" className={`${buttonClass} mt-6`} disabled={pendingIntent === "invite"}>{t("members.invite.submit")}</button>
          </Form>
          {invitations.length > 0 && (
            <>
              <h3 className="mt-6 font-medium">{t("members.pending")}</h3>
              <ul className="mt-2 space-y-1 text-sm">
                {invitations.map((i) => <li key={i.email}>{i.email} · {t("members.expires", { date: formatDate(i.expiresAt, lang) })}</li>)}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
