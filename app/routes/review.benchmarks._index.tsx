import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { ApplicationStatusBadge } from "~/components/benchmark-review";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { listReviewerAssignments } from "~/models/benchmark-review.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  return { assignments: await listReviewerAssignments(db(), user.id) };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("benchReview.mine.title"));

const SHEET_COLOURS = {
  not_started: "bg-amber-100 text-amber-900",
  draft: "bg-sky-100 text-sky-900",
  submitted: "bg-emerald-100 text-emerald-900",
  conflict: "bg-orange-200 text-orange-950",
} as const;

export default function ReviewerBenchmarks() {
  const { assignments } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const open = assignments.filter((a) => a.open && a.state !== "submitted" && a.state !== "conflict").length;

  return (
    <div className="space-y-4">
      <Link to="/review" className="text-sm text-brand-700 underline">← {t("review.title")}</Link>
      <h1 className="text-2xl font-bold">{t("benchReview.mine.title")}</h1>
      <p className="text-slate-600">{t("benchReview.mine.lead")}</p>
      <p role="status" className="text-sm font-medium">{t("benchReview.mine.open", { n: open })}</p>
      {assignments.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">{t("benchReview.mine.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="p-2">{t("benchReview.office.case")}</th>
                <th scope="col" className="p-2">{t("benchReview.office.status")}</th>
                <th scope="col" className="p-2">{t("benchReview.mine.sheet")}</th>
                <th scope="col" className="p-2">{t("benchReview.mine.assignedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id} className="border-t border-slate-100 align-top">
                  <td className="p-2">
                    <Link to={`/review/benchmarks/${a.id}`} className="font-medium text-brand-700 underline">{a.scenario_title}</Link>
                    <span className="block text-xs text-slate-600">
                      {a.scenario_code && <span className="font-mono">{a.scenario_code} · </span>}
                      {t("benchReview.pair", { demand: a.demand_name, vendor: a.vendor_name })}
                    </span>
                  </td>
                  <td className="p-2"><ApplicationStatusBadge status={a.status} /></td>
                  <td className="p-2">
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${SHEET_COLOURS[a.state]}`}>{t(`benchReview.sheet.${a.state}`)}</span>
                    {a.open && a.state === "submitted" && <span className="block text-xs text-slate-600">{t("benchReview.mine.stillEditable")}</span>}
                  </td>
                  <td className="p-2 whitespace-nowrap">{a.assigned_at ? formatDate(a.assigned_at, lang) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
