import { data, type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { db } from "~/db/db.server";
import { parseScenarioQuery, serializeScenarioQuery } from "~/domain/scenario-query";
import { formatDate, formatDateTime, translator } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { getLang } from "~/i18n/lang.server";
import { scenarioListTitle, scenarioQuerySummary } from "~/i18n/query-summary";
import { useI18n } from "~/i18n/use-i18n";
import { exportPublicScenarios } from "~/models/scenario-export.server";
import { searchEngine } from "~/search/search.server";
import { SearchUnavailableError } from "~/search/engine";
import { pageTitle } from "~/utils/meta";

// The whole filtered list as one printable notice (公告) table: /scenarios pages 20 at a time,
// which is right on screen and wrong on paper. Print or save as PDF from here.
export async function loader({ request }: LoaderFunctionArgs) {
  const { query } = parseScenarioQuery(new URL(request.url).searchParams);
  const lang = await getLang(request);
  let result;
  try {
    result = await exportPublicScenarios(db(), searchEngine(), query);
  } catch (error) {
    if (error instanceof SearchUnavailableError) throw data({ kind: "search_unavailable" }, { status: 503 });
    throw error;
  }
  const t = translator(lang);
  return {
    title: scenarioListTitle(query, t, lang),
    conditions: scenarioQuerySummary(query, t, lang),
    listHref: `/scenarios?${serializeScenarioQuery(query)}`,
    generatedAt: new Date().toISOString(),
    total: result.total,
    truncated: result.truncated,
    // Only what the table prints: the page would otherwise carry every description twice.
    rows: result.records.map((r) => ({
      code: r.code,
      title: r.title,
      organisation: r.organisation.name,
      domain: r.domain,
      district: r.district,
      mode: r.cooperationMode,
      phase: r.phase,
      budgetWan: r.budgetWan,
      // The deadline while the call is open; after it, the phase says what happens now.
      deadline: r.phase === "open" || r.phase === "closing_soon" ? r.proposalDeadline : null,
      contactName: r.contact.name,
      contactPhone: r.contact.phone,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, (t) => data?.title ?? t("list.title"));

// Shares of the table's width, so long titles wrap and short columns stay on one line.
const COLUMN_WIDTHS = ["4%", "11%", "29%", "8%", "8%", "9%", "7%", "12%", "12%"];

export default function PrintableList() {
  const { title, conditions, listHref, generatedAt, total, truncated, rows } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const label = (kind: Parameters<typeof vocabularyLabel>[2], value: string) => vocabularyLabel(t, lang, kind, value);
  const columns = [
    t("opendata.print.no"), t("scenario.code"), `${t("demand.field.title")} / ${t("scenario.organisation")}`, t("scenario.domain"),
    t("scenario.district"), t("scenario.mode"), t("opendata.print.budget"), t("opendata.print.deadlineOrStatus"), t("scenario.contact"),
  ];

  return (
    <article className="notice">
      <div data-print="hide" className="mb-4 flex flex-wrap items-center gap-3 rounded border border-slate-200 bg-white p-3 text-sm">
        <PrintButton label={t("opendata.print.button")} className="font-medium" />
        <Link to={listHref} className="text-brand-700 underline">{t("opendata.print.back")}</Link>
        <span className="text-slate-600">{t("opendata.print.hint")}</span>
      </div>

      <header className="text-center">
        <p className="text-sm text-slate-600">{t("footer.office")}</p>
        <h1 className="mt-1 text-2xl font-bold print:text-xl">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {t("opendata.print.summary", { total, date: formatDateTime(generatedAt, lang) })}
        </p>
        {conditions.length > 0 && <p className="mt-1 text-sm text-slate-600">{conditions.join(lang === "zh" ? "；" : "; ")}</p>}
        {truncated && <p role="status" className="mt-2 text-sm text-amber-800">{t("opendata.print.truncated", { shown: rows.length, total })}</p>}
      </header>

      {rows.length === 0 ? (
        <p role="status" className="mt-6 text-center text-slate-600">{t("list.empty")}</p>
      ) : (
        <table className="notice-table mt-4 w-full table-fixed border-collapse bg-white text-left text-sm">
          <colgroup>
            {COLUMN_WIDTHS.map((width, i) => <col key={i} style={{ width }} />)}
          </colgroup>
          <thead>
            {/* Repeated at the top of every printed page, with the list's title. */}
            <tr className="hidden print:table-row">
              <th colSpan={columns.length} className="border-0 pb-1 text-center text-xs font-normal text-slate-600">{title}</th>
            </tr>
            <tr className="bg-slate-100">
              {columns.map((c) => <th key={c} scope="col" className="border border-slate-300 px-1.5 py-1 font-semibold">{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.code} className="align-top">
                <td className="border border-slate-300 px-1.5 py-1 text-center tabular-nums">{i + 1}</td>
                <td className="border border-slate-300 px-1.5 py-1 font-mono text-xs break-all">
                  <Link to={`/scenarios/${r.code}`} className="text-brand-700 hover:underline print:text-inherit">{r.code}</Link>
                </td>
                <td className="border border-slate-300 px-1.5 py-1 break-words">
                  <span className="font-medium">{r.title}</span>
                  <span className="block text-xs text-slate-600">{r.organisation}</span>
                </td>
                <td className="border border-slate-300 px-1.5 py-1">{label("domain", r.domain)}</td>
                <td className="border border-slate-300 px-1.5 py-1">{label("district", r.district)}</td>
                <td className="border border-slate-300 px-1.5 py-1">{label("mode", r.mode)}</td>
                <td className="border border-slate-300 px-1.5 py-1 text-right tabular-nums">{r.budgetWan === null ? t("opendata.print.negotiable") : r.budgetWan}</td>
                <td className="border border-slate-300 px-1.5 py-1">{r.deadline ? formatDate(r.deadline, lang) : label("phase", r.phase)}</td>
                <td className="border border-slate-300 px-1.5 py-1 text-xs">
                  {r.contactName}
                  {r.contactPhone && <span className="block whitespace-nowrap">{r.contactPhone}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-4 text-xs text-slate-600">{t("opendata.print.footnote")}</p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
