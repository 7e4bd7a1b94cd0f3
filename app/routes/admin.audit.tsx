import { type LoaderFunctionArgs, type MetaFunction, Form, Link, useLoaderData, useNavigation } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { AUDIT_SUBJECT_TYPES, auditQuerySchema, queryObject } from "~/domain/forms/office";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { auditActions, listAuditLog } from "~/models/audit-log.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = auditQuerySchema.parse(queryObject(new URL(request.url).searchParams));
  const [log, actions] = await Promise.all([listAuditLog(db(), query), auditActions(db())]);
  return { query, actions, ...log };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("admin.audit.title"));

const control = "mt-1 w-full rounded border border-slate-300 bg-white p-1.5";

/** Before → after, compactly: the JSON as stored, so nothing is lost in translation. */
function Change({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return null;
  return (
    <code className="block max-w-md text-xs break-all text-slate-700">
      {before && <span>{before}</span>}
      {before && after && <span aria-hidden> → </span>}
      {after && <span>{after}</span>}
    </code>
  );
}

export default function AuditLog() {
  const { query, actions, items, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/admin/audit";
  const pageHref = (n: number) => {
    const params = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v && k !== "page" ? [[k, String(v)]] : [])));
    params.set("page", String(n));
    return `/admin/audit?${params}`;
  };
  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("admin.audit.title")}</h1>
      <p className="text-slate-600">{t("admin.audit.lead")}</p>
      <Form method="get" key={JSON.stringify(query)} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6">
        <label className="text-sm">
          <span className="block font-semibold">{t("admin.audit.action")}</span>
          <select name="action" defaultValue={query.action ?? ""} className={control}>
            <option value="">{t("review.filter.all")}</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-semibold">{t("admin.audit.subject")}</span>
          <select name="subject" defaultValue={query.subject ?? ""} className={control}>
            <option value="">{t("review.filter.all")}</option>
            {AUDIT_SUBJECT_TYPES.map((s) => <option key={s} value={s}>{t(`admin.audit.subject.${s}`)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-semibold">{t("admin.audit.actor")}</span>
          <input name="actor" type="email" defaultValue={query.actor ?? ""} maxLength={254} className={control} />
        </label>
        <label className="text-sm">
          <span className="block font-semibold">{t("admin.audit.from")}</span>
          <input name="from" type="date" defaultValue={query.from ?? ""} className={control} />
        </label>
        <label className="text-sm">
          <span className="block font-semibold">{t("admin.audit.to")}</span>
          <input name="to" type="date" defaultValue={query.to ?? ""} className={control} />
        </label>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded bg-brand-600 px-4 py-1.5 text-white hover:bg-brand-700">{t("review.filter.apply")}</button>
          <Link to="/admin/audit" className="text-sm text-slate-600 underline">{t("list.filters.clear")}</Link>
        </div>
      </Form>

      <section aria-labelledby="log-heading" aria-busy={busy} className={busy ? "opacity-60" : ""}>
        <h2 id="log-heading" className="text-sm text-slate-700" aria-live="polite">{t("admin.audit.total", { total })}</h2>
        {items.length === 0 ? <p role="status" className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">{t("admin.audit.empty")}</p> : (
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className="p-2">{t("admin.audit.col.time")}</th>
                  <th scope="col" className="p-2">{t("admin.audit.col.actor")}</th>
                  <th scope="col" className="p-2">{t("admin.audit.action")}</th>
                  <th scope="col" className="p-2">{t("admin.audit.col.subject")}</th>
                  <th scope="col" className="p-2">{t("admin.audit.col.change")}</th>
                  <th scope="col" className="p-2">IP</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100 align-top">
                    <td className="p-2 whitespace-nowrap"><time dateTime={a.created_at}>{formatDateTime(a.created_at, lang)}</time></td>
                    <td className="p-2">{a.actor_email ? <><span>{a.actor_name}</span><span className="block text-xs text-slate-600">{a.actor_email}</span></> : t("review.history.system")}</td>
                    <td className="p-2 font-mono text-xs">{a.action}</td>
                    <td className="p-2 whitespace-nowrap">
                      {(AUDIT_SUBJECT_TYPES as readonly string[]).includes(a.subject_type) ? t(`admin.audit.subject.${a.subject_type as (typeof AUDIT_SUBJECT_TYPES)[number]}`) : a.subject_type}
                      {a.subject_id !== null && ` #${a.subject_id}`}
                    </td>
                    <td className="p-2"><Change before={a.before_json} after={a.after_json} /></td>
                    <td className="p-2 font-mono text-xs">{a.ip ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pageCount > 1 && (
          <nav aria-label={t("list.pagination")} className="mt-4 flex items-center justify-between text-sm">
            {page > 1 ? <Link rel="prev" className="rounded border bg-white px-3 py-1.5" to={pageHref(page - 1)}>{t("list.prev")}</Link> : <span />}
            <span>{t("list.page", { page, pages: pageCount })}</span>
            {page < pageCount ? <Link rel="next" className="rounded border bg-white px-3 py-1.5" to={pageHref(page + 1)}>{t("list.next")}</Link> : <span />}
          </nav>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
