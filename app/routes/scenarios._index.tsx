import { type LoaderFunctionArgs, type MetaFunction, Form, Link, useLoaderData, useNavigation, useRouteLoaderData, useSubmit } from "react-router";
import { SaveSearchForm } from "~/components/save-search-form";
import { ScenarioCard } from "~/components/scenario-card";
import { db } from "~/db/db.server";
import { FACETS, facetValues, parseScenarioQuery, serializeScenarioQuery, SORTS, type Facet } from "~/domain/scenario-query";
import { feedLinks } from "~/feeds/meta-links";
import { translator } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { scenarioQuerySummary, summarizeQuery } from "~/i18n/query-summary";
import { useI18n } from "~/i18n/use-i18n";
import { listEditions } from "~/models/edition.server";
import { listPublicScenarios } from "~/models/scenario.server";
import { searchEngine } from "~/search/search.server";
import { MAX_QUERY_WORDS } from "~/search/text";
import { matchedLang, pageTitle } from "~/utils/meta";
import type { loader as rootLoader } from "~/root";

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseScenarioQuery(new URL(request.url).searchParams);
  const [result, editions] = await Promise.all([
    listPublicScenarios(db(), searchEngine(), parsed),
    listEditions(db()),
  ]);
  return { query: parsed.query, problems: parsed.problems, result, editions };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  ...pageTitle(matches, (t) => t("list.title")),
  ...feedLinks(translator(matchedLang(matches)), matchedLang(matches)),
];

const FACET_VOCABULARY = { domain: "domain", district: "district", venue: "venue", mode: "mode", tier: "tier", status: "phase" } as const;

function FacetGroup({ facet }: { facet: Facet }) {
  const { query, result } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const counts = result.facets?.[facet] ?? {};
  return (
    <fieldset className="border-t border-slate-200 pt-3">
      <legend className="text-sm font-semibold">{t(`facet.${facet}`)}</legend>
      <div className="mt-1 space-y-0.5">
        {facetValues(facet).map((value) => {
          const id = `f-${facet}-${value}`;
          const checked = query.filters[facet].includes(value);
          return (
            <label key={value} htmlFor={id} className="flex items-center gap-2 text-sm">
              <input id={id} type="checkbox" name={facet} value={value} defaultChecked={checked} className="accent-brand-600" />
              <span className="flex-1">{vocabularyLabel(t, lang, FACET_VOCABULARY[facet], value)}</span>
              <span className="text-xs text-slate-500">{counts[value] ?? 0}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export default function ScenarioList() {
  const { query, problems, result, editions } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const signedIn = Boolean(useRouteLoaderData<typeof rootLoader>("root")?.user);
  const navigation = useNavigation();
  const submit = useSubmit();
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/scenarios";
  const selectedEdition = editions.find((e) => e.year === query.edition);
  const pageHref = (page: number) => `/scenarios?${serializeScenarioQuery(query, { page })}`;
  const exportQuery = serializeScenarioQuery(query, { page: 1 }).toString();
  const exportSuffix = exportQuery ? `?${exportQuery}` : "";
  const conditions = scenarioQuerySummary(query, t, lang);

  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("list.title")}</h1>
        {/* Outside the search form: forms cannot nest. */}
        {signedIn && (
          <details key={serializeScenarioQuery(query, { page: 1 }).toString()} className="relative w-full rounded-lg border border-slate-200 bg-white text-sm sm:w-auto">
            <summary className="cursor-pointer px-3 py-1.5 font-medium text-brand-700">{t("savedSearch.save.title")}</summary>
            {/* On a wide screen it opens over the list instead of pushing it down. */}
            <div className="border-t border-slate-200 p-3 sm:absolute sm:right-0 sm:z-10 sm:mt-1 sm:w-96 sm:rounded-lg sm:border sm:bg-white sm:shadow-lg">
              <p className="mb-2 text-slate-600">{t("savedSearch.save.lead")}</p>
              <SaveSearchForm query={serializeScenarioQuery(query, { page: 1 }).toString()} defaultName={summarizeQuery(query, t, lang)} />
            </div>
          </details>
        )}
      </div>
      {/* key: a new query resets the uncontrolled inputs to what the URL says. */}
      <Form method="get" action="/scenarios" key={serializeScenarioQuery(query).toString()} className="mt-4 grid gap-6 md:grid-cols-[16rem_1fr] print:block"
        onChange={(e) => {
          // With JavaScript, ticking a filter applies it at once; without, the button does.
          if ((e.target as HTMLElement).getAttribute("type") === "checkbox" || (e.target as HTMLElement).tagName === "SELECT") {
            submit(e.currentTarget);
          }
        }}>
        <div data-print="hide" className="order-1 md:order-none md:col-start-2 md:row-start-1">
          <label htmlFor="q" className="text-sm font-medium">{t("list.search.label")}</label>
          <div className="mt-1 flex gap-2">
            <input id="q" name="q" type="search" defaultValue={query.q} maxLength={200} placeholder={t("list.search.placeholder")}
              className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-3 py-2" />
            <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              {t("list.search.submit")}
            </button>
          </div>
        </div>

        <aside id="filters" data-print="hide" aria-label={t("list.filters")} className="order-3 space-y-3 md:order-none md:row-span-2 md:row-start-1">
          <h2 className="text-sm font-semibold text-slate-700">{t("list.filters")}</h2>
          <div className="grid grid-cols-2 gap-2 md:grid-cols-1">
            <label className="text-sm">
              <span className="block font-semibold">{t("list.edition")}</span>
              <select name="edition" defaultValue={query.edition ?? ""} className="mt-1 w-full rounded border border-slate-300 bg-white p-1.5">
                <option value="">{t("list.edition.all")}</option>
                {editions.filter((e) => e.batches.length).map((e) => (
                  <option key={e.year} value={e.year}>{t("edition.label", { year: String(e.year) })}</option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="block font-semibold">{t("list.batch")}</span>
              <select name="batch" defaultValue={query.batch ?? ""} disabled={!selectedEdition}
                className="mt-1 w-full rounded border border-slate-300 bg-white p-1.5 disabled:bg-slate-100">
                <option value="">{t("list.batch.all")}</option>
                {selectedEdition?.batches.map((b) => (
                  <option key={b.ordinal} value={b.ordinal}>{t("batch.label", { year: String(selectedEdition.year), ordinal: b.ordinal })}</option>
                ))}
              </select>
            </label>
          </div>
          {FACETS.map((facet) => <FacetGroup key={facet} facet={facet} />)}
          <fieldset className="border-t border-slate-200 pt-3">
            <legend className="text-sm font-semibold">{t("list.budget")}</legend>
            <div className="mt-1 flex items-center gap-2">
              <input name="budgetMin" type="number" min={0} step="any" inputMode="decimal" defaultValue={query.budgetMin ?? ""}
                aria-label={`${t("list.budget")} ${t("list.budget.min")}`} placeholder={t("list.budget.min")}
                className="w-full rounded border border-slate-300 bg-white p-1.5" />
              <span aria-hidden>–</span>
              <input name="budgetMax" type="number" min={0} step="any" inputMode="decimal" defaultValue={query.budgetMax ?? ""}
                aria-label={`${t("list.budget")} ${t("list.budget.max")}`} placeholder={t("list.budget.max")}
                className="w-full rounded border border-slate-300 bg-white p-1.5" />
            </div>
          </fieldset>
          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3">
            <button type="submit" className="rounded border border-brand-600 px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50">
              {t("list.filters.apply")}
            </button>
            <Link to="/scenarios" className="text-sm text-slate-600 underline">{t("list.filters.clear")}</Link>
          </div>
        </aside>

        <section aria-labelledby="results-heading" className={`order-2 md:order-none md:col-start-2 ${busy ? "opacity-60" : ""}`} aria-busy={busy}>
          {(problems.length > 0 || result.degraded || result.droppedWords.length > 0) && (
            <div role="status" className="mb-4 space-y-1 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              {result.degraded && <p>{t("list.degraded")}</p>}
              {result.droppedWords.length > 0 && <p>{t("list.wordsDropped", { max: MAX_QUERY_WORDS, words: result.droppedWords.slice(0, 8).join(" ") + (result.droppedWords.length > 8 ? " …" : "") })}</p>}
              {problems.map((p, i) => (
                <p key={i}>{t(`list.problem.${p.code}`, { param: p.param, value: p.value })}</p>
              ))}
            </div>
          )}
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="results-heading" className="text-sm text-slate-700" aria-live="polite">
              {query.q && !result.degraded
                ? t("list.totalFor", { q: query.q, total: result.total })
                : t("list.total", { total: result.total })}
            </h2>
            {/* On a phone the filters come after the results. */}
            <a href="#filters" data-print="hide" className="text-sm text-brand-700 underline md:hidden">{t("list.filters")} ↓</a>
            <label data-print="hide" className="flex items-center gap-2 text-sm">
              {t("list.sort")}
              <select name="sort" defaultValue={query.sort} className="rounded border border-slate-300 bg-white p-1.5">
                {SORTS.filter((s) => s !== "relevance" || query.q).map((s) => (
                  <option key={s} value={s}>{t(`list.sort.${s}`)}</option>
                ))}
              </select>
            </label>
          </div>
          <div data-print="hide" className="mt-2 flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={t("opendata.export.label")}>
            <span className="text-slate-600">{t("opendata.export.label")}{lang === "zh" ? "：" : ":"}</span>
            <a href={`/scenarios.csv${exportSuffix}`} download className="rounded border border-slate-300 bg-white px-2.5 py-1 text-brand-700 hover:bg-brand-50">{t("opendata.export.csv")}</a>
            <a href={`/scenarios.xlsx${exportSuffix}`} download className="rounded border border-slate-300 bg-white px-2.5 py-1 text-brand-700 hover:bg-brand-50">{t("opendata.export.xlsx")}</a>
            <Link to={`/scenarios/print${exportSuffix}`} className="rounded border border-slate-300 bg-white px-2.5 py-1 text-brand-700 hover:bg-brand-50">{t("opendata.export.print")}</Link>
            <span className="text-xs text-slate-500">{t("opendata.export.hint")}</span>
          </div>
          <div className="hidden text-xs text-slate-600 print:block">
            {conditions.length > 0 && <p>{conditions.join(lang === "zh" ? "；" : "; ")}</p>}
            <p>{t("opendata.print.pageNote", { page: query.page, pages: result.pageCount })}</p>
          </div>
          {result.items.length === 0 ? (
            <div role="status" className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
              <p className="font-medium">{t("list.empty")}</p>
              <p className="mt-1 text-sm text-slate-600">{t("list.empty.hint")}</p>
            </div>
          ) : (
            <ol className="mt-3 space-y-3" aria-label={t("list.results")}>
              {result.items.map((s) => <li key={s.id}><ScenarioCard scenario={s} words={result.highlight} /></li>)}
            </ol>
          )}
          {result.pageCount > 1 && (
            <nav data-print="hide" aria-label={t("list.pagination")} className="mt-6 flex items-center justify-between text-sm">
              {query.page > 1 ? <Link rel="prev" className="rounded border bg-white px-3 py-1.5" to={pageHref(query.page - 1)}>{t("list.prev")}</Link> : <span />}
              <span>{t("list.page", { page: query.page, pages: result.pageCount })}</span>
              {query.page < result.pageCount ? <Link rel="next" className="rounded border bg-white px-3 py-1.5" to={pageHref(query.page + 1)}>{t("list.next")}</Link> : <span />}
            </nav>
          )}
        </section>
      </Form>
    </div>
  );
}
