import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import type { ReactNode } from "react";
import { requireRole } from "~/auth/guards.server";
import { ApplicationStatusBadge } from "~/components/benchmark-review";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { formatDate, formatNumber } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { listApplicationsForOffice } from "~/models/benchmark-review.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const raw = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const page = Number.isSafeInteger(raw) && raw >= 1 ? raw : 1;
  return listApplicationsForOffice(db(), { page });
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("benchReview.office.title"));

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {lead && <p className="text-sm text-slate-600">{lead}</p>}
      <div className="mt-2">{children}</div>
    </section>
  );
}

interface Row {
  id: number;
  scenario_code: string | null;
  scenario_title: string;
  demand_name: string;
  vendor_name: string;
}

function Case({ row }: { row: Row }) {
  const { t } = useI18n();
  return (
    <>
      <Link to={`/admin/benchmarks/${row.id}`} className="font-medium text-brand-700 underline">{row.scenario_title}</Link>
      <span className="block text-xs text-slate-600">
        {row.scenario_code && <span className="font-mono">{row.scenario_code} · </span>}
        {t("benchReview.pair", { demand: row.demand_name, vendor: row.vendor_name })}
      </span>
    </>
  );
}

const th = "p-2 font-medium";

export default function OfficeBenchmarks() {
  const { awaiting, inReview, closed, closedTotal, page, pageCount, minReviewers } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();

  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("benchReview.office.title")}</h1>
      <p className="text-slate-600">{t("benchReview.office.lead", { min: minReviewers })}</p>

      <Section id="awaiting" title={t("benchReview.office.awaiting", { n: awaiting.length })} lead={t("benchReview.office.oldestFirst")}>
        {awaiting.length === 0 ? <p className="text-sm text-slate-600">{t("benchReview.office.none")}</p> : (
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr><th scope="col" className={th}>{t("benchReview.office.case")}</th><th scope="col" className={th}>{t("benchReview.office.submittedAt")}</th></tr>
            </thead>
            <tbody>
              {awaiting.map((a) => (
                <tr key={a.id} className="border-t border-slate-100 align-top">
                  <td className="p-2"><Case row={a} /></td>
                  <td className="p-2 whitespace-nowrap">{formatDate(a.created_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="in-review" title={t("benchReview.office.inReview", { n: inReview.length })} lead={t("benchReview.office.oldestFirst")}>
        {inReview.length === 0 ? <p className="text-sm text-slate-600">{t("benchReview.office.none")}</p> : (
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className={th}>{t("benchReview.office.case")}</th>
                <th scope="col" className={th}>{t("benchReview.office.submittedAt")}</th>
                <th scope="col" className={th}>{t("benchReview.office.sheets")}</th>
              </tr>
            </thead>
            <tbody>
              {inReview.map((a) => {
                const ready = a.active >= minReviewers && a.submitted === a.active;
                return (
                  <tr key={a.id} className="border-t border-slate-100 align-top">
                    <td className="p-2"><Case row={a} /></td>
                    <td className="p-2 whitespace-nowrap">{formatDate(a.created_at, lang)}</td>
                    <td className="p-2">
                      <span className="font-medium tabular-nums">{t("benchReview.office.sheetsCount", { submitted: a.submitted, active: a.active })}</span>
                      {a.conflicted > 0 && <span className="block text-xs text-orange-800">{t("benchReview.office.conflicted", { n: a.conflicted })}</span>}
                      {a.active < minReviewers && <span className="block text-xs text-orange-800">{t("benchReview.office.needMore", { n: minReviewers - a.active })}</span>}
                      {ready && <span className="block text-xs text-emerald-800">{t("benchReview.office.ready")}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="closed" title={t("benchReview.office.closed", { n: closedTotal })} lead={t("benchReview.office.newestFirst")}>
        {closed.length === 0 ? <p className="text-sm text-slate-600">{t("benchReview.office.none")}</p> : (
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className={th}>{t("benchReview.office.case")}</th>
                <th scope="col" className={th}>{t("benchReview.office.status")}</th>
                <th scope="col" className={`${th} text-right`}>{t("benchReview.office.mean")}</th>
                <th scope="col" className={th}>{t("benchReview.office.closedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {closed.map((a) => (
                <tr key={a.id} className="border-t border-slate-100 align-top">
                  <td className="p-2"><Case row={a} /></td>
                  <td className="p-2"><ApplicationStatusBadge status={a.status} /></td>
                  <td className="p-2 text-right tabular-nums">{a.mean_score === null ? "—" : formatNumber(a.mean_score, lang)}</td>
                  <td className="p-2 whitespace-nowrap">{a.review_closed_at ? formatDate(a.review_closed_at, lang) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pageCount > 1 && (
          <nav aria-label={t("list.pagination")} className="mt-3 flex items-center justify-between text-sm">
            {page > 1 ? <Link rel="prev" className="rounded border bg-white px-3 py-1.5" to={`/admin/benchmarks?page=${page - 1}#closed`}>{t("list.prev")}</Link> : <span />}
            <span>{t("list.page", { page, pages: pageCount })}</span>
            {page < pageCount ? <Link rel="next" className="rounded border bg-white px-3 py-1.5" to={`/admin/benchmarks?page=${page + 1}#closed`}>{t("list.next")}</Link> : <span />}
          </nav>
        )}
      </Section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
