import { type LoaderFunctionArgs, type MetaFunction, Form, Link, useLoaderData, useNavigation, useSubmit } from "react-router";
import { VendorCard } from "~/components/vendor-card";
import { db } from "~/db/db.server";
import { isFiltered, parseVendorQuery, serializeVendorQuery, type VendorFacet } from "~/domain/vendor-directory";
import { CAPABILITIES, DISTRICTS, DOMAINS, PRODUCT_KINDS, VENUE_TYPES } from "~/domain/vocabulary";
import type { MessageKey } from "~/i18n/dictionary";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { listVendors } from "~/models/vendors.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseVendorQuery(new URL(request.url).searchParams);
  return { query, result: await listVendors(db(), query) };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("vendors.title"));

const FILTER_LABEL: Record<VendorFacet, MessageKey> = {
  cap: "vendors.filter.cap", domain: "vendors.filter.domain", venue: "vendors.filter.venue",
  district: "vendors.filter.district", kind: "vendors.filter.kind",
};

function useOptions(facet: VendorFacet): { value: string; label: string }[] {
  const { t, lang } = useI18n();
  switch (facet) {
    case "cap": return CAPABILITIES.map((c) => ({ value: c.slug, label: lang === "en" ? c.en : c.zh }));
    case "domain": return DOMAINS.map((d) => ({ value: d, label: vocabularyLabel(t, lang, "domain", d) }));
    case "venue": return VENUE_TYPES.map((v) => ({ value: v, label: vocabularyLabel(t, lang, "venue", v) }));
    case "district": return DISTRICTS.map((d) => ({ value: d, label: vocabularyLabel(t, lang, "district", d) }));
    case "kind": return PRODUCT_KINDS.map((k) => ({ value: k, label: t(`vendors.kind.${k}`) }));
  }
}

function FacetSelect({ facet }: { facet: VendorFacet }) {
  const { query, result } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const counts = result.facets[facet];
  const options = useOptions(facet);
  return (
    <label className="text-sm">
      <span className="block font-semibold">{t(FILTER_LABEL[facet])}</span>
      <select name={facet} defaultValue={query[facet] ?? ""} className="mt-1 w-full rounded border border-slate-300 bg-white p-1.5">
        <option value="">{t("vendors.filter.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{`${o.label} (${counts[o.value] ?? 0})`}</option>
        ))}
      </select>
    </label>
  );
}

export default function VendorDirectory() {
  const { query, result } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const navigation = useNavigation();
  const submit = useSubmit();
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/vendors";
  const filtered = isFiltered(query);
  const words = query.q ? query.q.toLowerCase().split(" ") : [];
  const pageHref = (page: number) => `/vendors?${serializeVendorQuery(query, { page })}`;
  const page = Math.min(query.page, result.pageCount);

  return (
    <div>
      <h1 className="text-2xl font-bold">{t("vendors.title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("vendors.lead")}</p>
      {/* key: a new query resets the uncontrolled inputs to what the URL says. */}
      <Form method="get" action="/vendors" key={serializeVendorQuery(query).toString()} className="mt-4 grid gap-6 md:grid-cols-[16rem_1fr] md:grid-rows-[auto_1fr]"
        onChange={(e) => {
          // With JavaScript a changed filter applies at once; without, the button does.
          const target = e.target as HTMLElement;
          if (target.tagName === "SELECT" || target.getAttribute("type") === "checkbox") submit(e.currentTarget);
        }}>
        <div className="md:col-start-2 md:row-start-1">
          <label htmlFor="q" className="text-sm font-medium">{t("vendors.search.label")}</label>
          <div className="mt-1 flex gap-2">
            <input id="q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} placeholder={t("vendors.search.placeholder")}
              className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-3 py-2" />
            <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">{t("vendors.search.submit")}</button>
          </div>
        </div>

        <aside aria-label={t("vendors.filters")} className="space-y-3 md:row-span-2 md:row-start-1">
          <h2 className="text-sm font-semibold text-slate-700">{t("vendors.filters")}</h2>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-1">
            {(["cap", "domain", "venue", "district", "kind"] as const).map((f) => <FacetSelect key={f} facet={f} />)}
            <label className="flex items-center gap-2 self-end text-sm md:self-auto">
              <input type="checkbox" name="filed" value="1" defaultChecked={query.filed} className="accent-brand-600" />
              <span>{t("vendors.filter.filed", { n: result.facets.filed })}</span>
            </label>
          </div>
          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3">
            <button type="submit" className="rounded border border-brand-600 px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50">{t("vendors.filters.apply")}</button>
            {filtered && <Link to="/vendors" className="text-sm text-slate-600 underline">{t("vendors.filters.clear")}</Link>}
          </div>
        </aside>

        <section aria-labelledby="vendor-results" aria-busy={busy} className={`md:col-start-2 ${busy ? "opacity-60" : ""}`}>
          <h2 id="vendor-results" className="text-sm text-slate-700" aria-live="polite">
            {query.q ? t("vendors.totalFor", { q: query.q, total: result.total }) : t("vendors.total", { total: result.total })}
          </h2>
          {result.items.length === 0 ? (
            <div role="status" className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
              {filtered ? (
                <>
                  <p className="font-medium">{t("vendors.noResults")}</p>
                  <p className="mt-1 text-sm text-slate-600">{t("vendors.noResults.hint")}</p>
                  <Link to="/vendors" className="mt-3 inline-block text-sm text-brand-700 underline">{t("vendors.filters.clear")}</Link>
                </>
              ) : (
                <>
                  <p className="font-medium">{t("vendors.empty")}</p>
                  <p className="mt-1 text-sm text-slate-600">{t("vendors.empty.hint")}</p>
                </>
              )}
            </div>
          ) : (
            <ol className="mt-3 space-y-3" aria-label={t("vendors.results")}>
              {result.items.map((v) => <li key={v.id}><VendorCard vendor={v} words={words} /></li>)}
            </ol>
          )}
          {result.pageCount > 1 && (
            <nav aria-label={t("vendors.pagination")} className="mt-6 flex items-center justify-between text-sm">
              {page > 1 ? <Link rel="prev" className="rounded border bg-white px-3 py-1.5" to={pageHref(page - 1)}>{t("list.prev")}</Link> : <span />}
              <span>{t("list.page", { page, pages: result.pageCount })}</span>
              {page < result.pageCount ? <Link rel="next" className="rounded border bg-white px-3 py-1.5" to={pageHref(page + 1)}>{t("list.next")}</Link> : <span />}
            </nav>
          )}
        </section>
      </Form>
    </div>
  );
}
