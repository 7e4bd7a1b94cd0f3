import { type LoaderFunctionArgs, type MetaFunction, Form, Link, useLoaderData, useNavigation, useSubmit } from "react-router";
import { BenchmarkCard } from "~/components/benchmark-card";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { parseShowcaseQuery, serializeShowcaseQuery, SHOWCASE_FACETS, type ShowcaseFacet } from "~/domain/benchmark-showcase";
import { CAPABILITIES, DISTRICTS, DOMAINS, VENUE_TYPES } from "~/domain/vocabulary";
import type { Translate } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { listShowcase } from "~/models/benchmark-showcase.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseShowcaseQuery(new URL(request.url).searchParams);
  const result = await listShowcase(db(), query);
  return { query: { ...query, page: result.page }, result };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("showcase.title"));

function facetChoices(facet: ShowcaseFacet, years: string[]): readonly string[] {
  switch (facet) {
    case "domain": return DOMAINS;
    case "venue": return VENUE_TYPES;
    case "district": return DISTRICTS;
    case "year": return years;
    case "capability": return CAPABILITIES.map((c) => c.slug);
  }
}

function facetLabel(t: Translate, lang: "zh" | "en", facet: ShowcaseFacet, value: string): string {
  if (facet === "year") return t("showcase.year", { year: value });
  if (facet === "capability") {
    const c = CAPABILITIES.find((x) => x.slug === value);
    return c ? (lang === "en" ? c.en : c.zh) : value;
  }
  return vocabularyLabel(t, lang, facet, value);
}

function FacetGroup({ facet }: { facet: ShowcaseFacet }) {
  const { query, result } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const counts = result.facets[facet];
  // Only values that would find something (or are chosen): twenty capabilities with 0 help nobody.
  const values = facetChoices(facet, result.years).filter((v) => (counts[v] ?? 0) > 0 || query.filters[facet].includes(v));
  if (!values.length) return null;
  return (
    <fieldset className="border-t border-slate-200 pt-3">
      <legend className="text-sm font-semibold">{t(`showcase.facet.${facet}`)}</legend>
      <div className="mt-1 space-y-0.5">
        {values.map((value) => {
          const id = `f-${facet}-${value}`;
          return (
            <label key={value} htmlFor={id} className="flex items-center gap-2 text-sm">
              <input id={id} type="checkbox" name={facet} value={value} defaultChecked={query.filters[facet].includes(value)} className="accent-brand-600" />
              <span className="flex-1">{facetLabel(t, lang, facet, value)}</span>
              <span className="text-xs text-slate-500">{counts[value] ?? 0}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export default function BenchmarkShowcase() {
  const { query, result } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const navigation = useNavigation();
  const submit = useSubmit();
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/benchmarks";
  const pageHref = (page: number) => {
    const qs = serializeShowcaseQuery(query, { page }).toString();
    return qs ? `/benchmarks?${qs}` : "/benchmarks";
  };

  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("showcase.title")}</h1>
        <a href="/notices" className="text-sm text-brand-700 underline">{t("showcase.noticeLink")} →</a>
      </div>
      <p className="mt-2 max-w-3xl text-slate-700">{t("showcase.lead")}</p>

      {result.certifiedTotal === 0 ? (
        <div role="status" className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-medium">{t("showcase.none")}</p>
        </div>
      ) : (
        // key: a new query resets the uncontrolled inputs to what the URL says.
        <Form method="get" action="/benchmarks" key={serializeShowcaseQuery(query).toString()} className="mt-4 grid gap-6 md:grid-cols-[15rem_1fr]"
          onChange={(e) => {
            // With JavaScript, ticking a filter applies it at once; without, the button does.
            if ((e.target as HTMLElement).getAttribute("type") === "checkbox") submit(e.currentTarget);
          }}>
          <div className="order-1 md:order-none md:col-start-2 md:row-start-1">
            <label htmlFor="q" className="text-sm font-medium">{t("showcase.search.label")}</label>
            <div className="mt-1 flex gap-2">
              <input id="q" name="q" type="search" defaultValue={query.q} maxLength={100} placeholder={t("showcase.search.placeholder")}
                className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-3 py-2" />
              <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">{t("showcase.search.submit")}</button>
            </div>
          </div>

          <aside id="filters" aria-label={t("showcase.filters")} className="order-3 space-y-3 md:order-none md:row-span-2 md:row-start-1">
            <h2 className="text-sm font-semibold text-slate-700">{t("showcase.filters")}</h2>
            {SHOWCASE_FACETS.map((facet) => <FacetGroup key={facet} facet={facet} />)}
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3">
              <button type="submit" className="rounded border border-brand-600 px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50">{t("showcase.filters.apply")}</button>
              <Link to="/benchmarks" className="text-sm text-slate-600 underline">{t("showcase.filters.clear")}</Link>
            </div>
          </aside>

          <section aria-labelledby="results-heading" aria-busy={busy} className={`order-2 md:order-none md:col-start-2 ${busy ? "opacity-60" : ""}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="results-heading" className="text-sm text-slate-700" aria-live="polite">
                {query.q ? t("showcase.totalFor", { q: query.q, total: result.total }) : t("showcase.total", { total: result.total })}
              </h2>
              <a href="#filters" className="text-sm text-brand-700 underline md:hidden">{t("showcase.filters")} ↓</a>
            </div>
            <p className="mt-1 text-xs text-slate-500">{t("showcase.headline.note")}</p>
            {result.items.length === 0 ? (
              <div role="status" className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
                <p className="font-medium">{t("showcase.empty")}</p>
                <p className="mt-1 text-sm text-slate-600">{t("showcase.empty.hint")}</p>
              </div>
            ) : (
              <ol className="mt-3 grid gap-3 lg:grid-cols-2" aria-label={t("showcase.results")}>
                {result.items.map((b) => <li key={b.number} className="min-w-0"><BenchmarkCard benchmark={b} /></li>)}
              </ol>
            )}
            {result.pageCount > 1 && (
              <nav aria-label={t("list.pagination")} className="mt-6 flex items-center justify-between text-sm">
                {query.page > 1 ? <Link rel="prev" className="rounded border bg-white px-3 py-1.5" to={pageHref(query.page - 1)}>{t("list.prev")}</Link> : <span />}
                <span>{t("list.page", { page: query.page, pages: result.pageCount })}</span>
                {query.page < result.pageCount ? <Link rel="next" className="rounded border bg-white px-3 py-1.5" to={pageHref(query.page + 1)}>{t("list.next")}</Link> : <span />}
              </nav>
            )}
          </section>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
