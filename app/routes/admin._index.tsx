import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import type { ReactNode } from "react";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { officeDashboard } from "~/models/office.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return officeDashboard(db());
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("admin.title"));

function Tile({ label, value, to, action }: { label: string; value: number; to: string; action: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-3xl font-bold">{value}</p>
      <Link to={to} className="mt-2 inline-block text-sm text-brand-700 underline">{action}</Link>
    </div>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

export default function OfficeDashboard() {
  const d = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <nav aria-label={t("admin.title")} className="flex flex-wrap gap-3 text-sm">
        <Link to="/admin/organisations" className="text-brand-700 underline">{t("admin.nav.orgs")}</Link>
        <Link to="/admin/editions" className="text-brand-700 underline">{t("admin.nav.editions")}</Link>
        <Link to="/admin/batches" className="text-brand-700 underline">{t("admin.nav.batches")}</Link>
        <Link to="/admin/import" className="text-brand-700 underline">{t("import.nav")}</Link>
        <Link to="/review" className="text-brand-700 underline">{t("nav.review")}</Link>
        <Link to="/admin/incentives" className="text-brand-700 underline">{t("admin.nav.incentives")}</Link>
        <Link to="/admin/benchmarks" className="text-brand-700 underline">{t("benchReview.nav.office")}</Link>
        <Link to="/admin/notices" className="text-brand-700 underline">{t("officeNotices.title")}</Link>
        <Link to="/admin/audit" className="text-brand-700 underline">{t("admin.nav.audit")}</Link>
        <Link to="/admin/search" className="text-brand-700 underline">{t("searchAdmin.nav")}</Link>
      </nav>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Tile label={t("admin.dash.submitted")} value={d.submitted} to="/review" action={t("admin.dash.goReview")} />
        <Tile label={t("admin.dash.approved")} value={d.approved} to="/admin/batches" action={t("admin.dash.goBatch")} />
        <Tile label={t("admin.dash.unverified")} value={d.unverifiedOrganisations} to="/admin/organisations" action={t("admin.dash.goOrgs")} />
        <Tile label={t("admin.dash.openCalls")} value={d.openCalls.length} to="/admin/editions" action={t("admin.dash.goEditions")} />
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <Panel id="calls" title={t("admin.dash.openCalls")}>
          {d.openCalls.length === 0 ? <p className="text-sm text-slate-600">{t("admin.dash.noOpenCall")}</p> : (
            <ul className="space-y-1 text-sm">
              {d.openCalls.map((c) => (
                <li key={c.id}>
                  <span className="font-medium">{c.title}</span>
                  {c.call_opens_at && <span className="text-slate-600"> · {t("admin.dash.callSince", { date: formatDate(c.call_opens_at, lang) })}</span>}
                  {c.call_closes_at && <span className="text-slate-600"> · {t("admin.dash.callUntil", { date: formatDate(c.call_closes_at, lang) })}</span>}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel id="per-edition" title={t("admin.dash.perEdition")}>
          {d.perEdition.length === 0 ? <p className="text-sm text-slate-600">{t("admin.dash.nothingWaiting")}</p> : (
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th scope="col" className="py-1 font-medium">{t("list.edition")}</th>
                  <th scope="col" className="py-1 font-medium">{t("admin.dash.submitted")}</th>
                  <th scope="col" className="py-1 font-medium">{t("admin.dash.approved")}</th>
                </tr>
              </thead>
              <tbody>
                {d.perEdition.map((e) => (
                  <tr key={e.year} className="border-t border-slate-100">
                    <td className="py-1">{t("edition.label", { year: String(e.year) })}</td>
                    <td className="py-1"><Link className="underline" to={`/review?edition=${e.year}`}>{e.submitted}</Link></td>
                    <td className="py-1"><Link className="underline" to={`/admin/batches?edition=${e.year}`}>{e.approved}</Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
