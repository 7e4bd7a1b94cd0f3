import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormErrors } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { organisationDecisionSchema, organisationQuerySchema, queryObject } from "~/domain/forms/office";
import { formatDate } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { listOrganisationsForOffice, setOrganisationVerified } from "~/models/organisations-admin.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = organisationQuerySchema.parse(queryObject(new URL(request.url).searchParams));
  return { query, ...(await listOrganisationsForOffice(db(), query)) };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("admin.orgs.title"));

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: organisationDecisionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const { intent, organisationId, reason } = submission.value;
  const outcome = await setOrganisationVerified(db(), {
    organisationId,
    verified: intent === "verify",
    reason,
    actor: { userId: user.id, ip: clientAddress(context) },
  });
  if (!outcome.ok) return data({ result: submission.reply({ formErrors: ["admin.orgs.error.notFound"] }), done: null }, { status: 404 });
  return { result: submission.reply({ resetForm: true }), done: { intent, name: outcome.name } };
}

type Org = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function Decision({ org }: { org: Org }) {
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const navigation = useNavigation();
  const mine = String(actionData?.result.initialValue?.organisationId ?? "") === String(org.id);
  const [form, fields] = useForm({
    id: `org-${org.id}`,
    lastResult: mine ? actionData?.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organisationDecisionSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("organisationId") === String(org.id);
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-2">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="organisationId" value={org.id} />
      <div className="min-w-40 flex-1">
        <input {...getInputProps(fields.reason, { type: "text" })} maxLength={500} aria-label={t("admin.orgs.reason")}
          placeholder={org.verified ? t("admin.orgs.reasonRequired") : t("admin.orgs.reasonOptional")}
          className="w-full rounded border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-600" />
        <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      {org.verified ? (
        <button type="submit" name="intent" value="revoke" disabled={busy} className="rounded border border-red-700 px-3 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60">
          {t("admin.orgs.revoke")}
        </button>
      ) : (
        <button type="submit" name="intent" value="verify" disabled={busy} className="rounded bg-brand-600 px-3 py-1 text-sm text-white hover:bg-brand-700 disabled:opacity-60">
          {t("admin.orgs.verify")}
        </button>
      )}
    </Form>
  );
}

export default function Organisations() {
  const { query, total, items, pageCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const pageHref = (page: number) => `/admin/organisations?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`;
  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("admin.orgs.title")}</h1>
      <p className="text-slate-600">{t("admin.orgs.lead")}</p>
      <Form method="get" className="flex gap-2" key={query.q ?? ""}>
        <input name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} aria-label={t("admin.orgs.search")}
          placeholder={t("admin.orgs.search")} className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-3 py-2" />
        <button type="submit" className="rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">{t("list.search.submit")}</button>
      </Form>
      {actionData?.done && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(`admin.orgs.done.${actionData.done.intent}`, { name: actionData.done.name })}
        </p>
      )}
      <p className="text-sm text-slate-700" aria-live="polite">{t("admin.orgs.total", { total })}</p>
      {items.length === 0 ? <p role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">{t("admin.orgs.empty")}</p> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="p-2">{t("admin.orgs.col.name")}</th>
                <th scope="col" className="p-2">{t("admin.orgs.col.creditCode")}</th>
                <th scope="col" className="p-2">{t("scenario.district")}</th>
                <th scope="col" className="p-2">{t("admin.orgs.col.members")}</th>
                <th scope="col" className="p-2">{t("admin.orgs.col.status")}</th>
                <th scope="col" className="p-2">{t("admin.orgs.col.decision")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} className="border-t border-slate-100 align-top">
                  <td className="p-2">
                    <span className="font-medium">{o.name}</span>
                    <span className="block text-xs text-slate-600">{t(`admin.orgs.kind.${o.kind === "vendor" ? "vendor" : "demand"}`)} · {t("admin.orgs.registered", { date: formatDate(o.created_at, lang) })}</span>
                  </td>
                  <td className="p-2 font-mono">{o.credit_code}</td>
                  <td className="p-2">{vocabularyLabel(t, lang, "district", o.district)}</td>
                  <td className="p-2">{o.members ?? 0}</td>
                  <td className="p-2">{o.verified ? t("admin.orgs.verified") : <strong className="text-orange-800">{t("admin.orgs.unverified")}</strong>}</td>
                  <td className="p-2"><Decision org={o} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 && (
        <nav aria-label={t("list.pagination")} className="flex items-center justify-between text-sm">
          {query.page > 1 ? <Link rel="prev" className="rounded border bg-white px-3 py-1.5" to={pageHref(query.page - 1)}>{t("list.prev")}</Link> : <span />}
          <span>{t("list.page", { page: query.page, pages: pageCount })}</span>
          {query.page < pageCount ? <Link rel="next" className="rounded border bg-white px-3 py-1.5" to={pageHref(query.page + 1)}>{t("list.next")}</Link> : <span />}
        </nav>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
