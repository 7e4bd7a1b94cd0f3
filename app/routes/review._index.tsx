import { type LoaderFunctionArgs, type MetaFunction, Form, Link, useLoaderData, useNavigation } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { queryObject } from "~/domain/forms/office";
import { reviewQueueSchema } from "~/domain/forms/review";
import { DISTRICTS, DOMAINS } from "~/domain/vocabulary";
import { formatDateTime } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { openAssignmentCount } from "~/models/benchmark-review.server";
import { listReviewQueue } from "~/models/review.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "reviewer", "admin");
  const filters = reviewQueueSchema.parse(queryObject(new URL(request.url).searchParams));
  const benchmarkSheets = user.role === "reviewer" ? await openAssignmentCount(db(), user.id) : null;
  return { filters, benchmarkSheets, ...(await listReviewQueue(db(), filters)) };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("review.title"));

const selectClass = "mt-1 w-full rounded border border-slate-300 bg-white p-1.5";

export default function ReviewQueue() {
  const { filters, total, items, pageCount, editionYears, benchmarkSheets } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/review";
  const pageHref = (page: number) => {
    const params = new URLSearchParams(Object.entries(filters).flatMap(([k, v]) => (v && k !== "page" ? [[k, String(v)]] : [])));
    params.set("page", String(page));
    return `/review?${params}`;
  };

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("review.title")}</h1>
      <p className="text-slate-600">{t("review.lead")}</p>
      {benchmarkSheets !== null && (
        <p className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">
          {benchmarkSheets > 0 ? t("benchReview.nav.mineCount", { n: benchmarkSheets }) : t("benchReview.nav.mineNone")}{" "}
          <Link to="/review/benchmarks" className="font-medium text-brand-700 underline">{t("benchReview.nav.mine")}</Link>
        </p>
      )}
      <Form method="get" key={JSON.stringify(filters)} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5">
        <label className="text-sm">
          <span className="block font-semibold">{t("facet.domain")}</span>
          <select name="domain" defaultValue={filters.domain ?? ""} className={selectClass}>
            <option value="">{t("review.filter.all")}</option>
            {DOMAINS.map((d) => <option key={d} value={d}>{vocabularyLabel(t, lang, "domain", d)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-semibold">{t("facet.district")}</span>
          <select name="district" defaultValue={filters.district ?? ""} className={selectClass}>
            <option value="">{t("review.filter.all")}</option>
            {DISTRICTS.map((d) => <option key={d} value={d}>{vocabularyLabel(t, lang, "district", d)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-semibold">{t("list.edition")}</span>
          <select name="edition" defaultValue={filters.edition ?? ""} className={selectClass}>
            <option value="">{t("list.edition.all")}</option>
            {editionYears.map((y) => <option key={y} value={y}>{t("edition.label", { year: String(y) })}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-semibold">{t("review.filter.org")}</span>
          <input name="org" type="search" defaultValue={filters.org ?? ""} maxLength={100} className={selectClass} />
        </label>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded bg-brand-600 px-4 py-1.5 text-white hover:bg-brand-700">{t("review.filter.apply")}</button>
          <Link to="/review" className="text-sm text-slate-600 underline">{t("list.filters.clear")}</Link>
        </div>
      </Form>

      <section aria-labelledby="queue-heading" aria-busy={busy} className={busy ? "opacity-60" : ""}>
        <h2 id="queue-heading" className="text-sm text-slate-700" aria-live="polite">{t("review.total", { total })}</h2>
        {items.length === 0 ? (
          <p role="status" className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">{t("review.empty")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className="p-2">{t("review.field.title")}</th>
                  <th scope="col" className="p-2">{t("scenario.organisation")}</th>
                  <th scope="col" className="p-2">{t("scenario.domain")}</th>
                  <th scope="col" className="p-2">{t("scenario.district")}</th>
                  <th scope="col" className="p-2">{t("scenario.edition")}</th>
                  <th scope="col" className="p-2">{t("review.submittedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id} className="border-t border-slate-100 align-top">
                    <td className="p-2">
                      <Link to={`/review/${s.id}`} className="font-medium text-brand-700 underline">{s.title}</Link>
                      {(s.times_returned ?? 0) > 0 && <span className="ml-2 text-xs text-orange-800">{t("review.resubmitted", { n: s.times_returned ?? 0 })}</span>}
                    </td>
                    <td className="p-2">{s.organisation}</td>
                    <td className="p-2">{vocabularyLabel(t, lang, "domain", s.domain)}</td>
                    <td className="p-2">{vocabularyLabel(t, lang, "district", s.district)}</td>
                    <td className="p-2">{s.year}</td>
                    <td className="p-2 whitespace-nowrap">{s.submitted_at ? formatDateTime(s.submitted_at, lang) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pageCount > 1 && (
          <nav aria-label={t("list.pagination")} className="mt-4 flex items-center justify-between text-sm">
            {filters.page > 1 ? <Link rel="prev" className="rounded border bg-white px-3 py-1.5" to={pageHref(filters.page - 1)}>{t("list.prev")}</Link> : <span />}
            <span>{t("list.page", { page: filters.page, pages: pageCount })}</span>
            {filters.page < pageCount ? <Link rel="next" className="rounded border bg-white px-3 py-1.5" to={pageHref(filters.page + 1)}>{t("list.next")}</Link> : <span />}
          </nav>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
