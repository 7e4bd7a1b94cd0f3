import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Section } from "~/components/section";
import { StatusBadge } from "~/components/status-badge";
import { ProductKindBadge } from "~/components/product-kind-badge";
import { db } from "~/db/db.server";
import { DISTRICTS, DOMAINS, VENUE_TYPES } from "~/domain/vocabulary";
import { formatDate } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { getPublicVendor } from "~/models/vendors.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  const found = id === null ? null : await getPublicVendor(db(), id);
  // Unknown, not a vendor, or not verified yet: all the same to the public.
  if (!found) throw new Response("Not Found", { status: 404 });
  return found;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => data?.vendor.name ?? t("error.notFound.title"));

function Chips({ label, items }: { label: string; items: string[] }) {
  const { t } = useI18n();
  return (
    <div className="border-b border-slate-100 py-2 last:border-0 sm:grid sm:grid-cols-[8rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd>
        {items.length === 0 ? <span className="text-sm text-slate-500">{t("scenario.notSpecified")}</span> : (
          <ul className="flex flex-wrap gap-1">
            {items.map((item) => <li key={item} className="rounded bg-slate-100 px-1.5 py-0.5 text-sm text-slate-800">{item}</li>)}
          </ul>
        )}
      </dd>
    </div>
  );
}

/** Stored values in vocabulary order, whatever order they were saved in. */
const ordered = (values: string[], vocabulary: readonly string[]) => vocabulary.filter((v) => values.includes(v));

export default function VendorPage() {
  const { vendor, capabilities, served, products, cases, record, certifiedBenchmarks } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();

  return (
    <article className="space-y-4">
      <Link to="/vendors" className="text-sm text-brand-700 underline">← {t("vendors.back")}</Link>
      <header>
        <h1 className="text-2xl font-bold break-words">{vendor.name}</h1>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
          <span>{vocabularyLabel(t, lang, "district", vendor.district)}</span>
          {vendor.website && (
            <a href={vendor.website} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-brand-700 underline">{vendor.website}</a>
          )}
          {vendor.profile_updated_at && <span>{t("vendors.updatedAt", { date: formatDate(vendor.profile_updated_at, lang) })}</span>}
        </div>
        {vendor.summary && <p className="mt-3 max-w-3xl leading-relaxed whitespace-pre-line break-words">{vendor.summary}</p>}
      </header>

      <dl className="grid grid-cols-3 gap-2 sm:gap-3" aria-label={t("vendors.record")}>
        <div className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
          <dt className="text-xs text-slate-600 sm:text-sm">{t("vendors.stat.matched")}</dt>
          <dd className="mt-1 text-2xl font-bold">{record.length}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
          <dt className="text-xs text-slate-600 sm:text-sm">{t("vendors.stat.benchmarks")}</dt>
          <dd className="mt-1 text-2xl font-bold text-brand-800" data-testid="certified-benchmarks">{certifiedBenchmarks}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
          <dt className="text-xs text-slate-600 sm:text-sm">{t("vendors.stat.products")}</dt>
          <dd className="mt-1 text-2xl font-bold">{products.length}</dd>
        </div>
      </dl>

      <Section id="served" title={t("vendors.served")}>
        <dl>
          <Chips label={t("vendors.capabilities")} items={capabilities.map((c) => (lang === "en" ? c.en : c.zh))} />
          <Chips label={t("vendorProfile.field.domains")} items={ordered(served.domains, DOMAINS).map((d) => vocabularyLabel(t, lang, "domain", d))} />
          <Chips label={t("vendorProfile.field.venueTypes")} items={ordered(served.venueTypes, VENUE_TYPES).map((v) => vocabularyLabel(t, lang, "venue", v))} />
          <Chips label={t("vendorProfile.field.districts")} items={ordered(served.districts, DISTRICTS).map((d) => vocabularyLabel(t, lang, "district", d))} />
        </dl>
      </Section>

      <Section id="products" title={t("vendors.products")}>
        {products.length === 0 ? <p className="text-sm text-slate-600">{t("vendors.products.none")}</p> : (
          <ul className="divide-y divide-slate-100">
            {products.map((p) => (
              <li key={p.id} className="py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <ProductKindBadge kind={p.kind} />
                  <h3 className="font-semibold break-words">{p.name}</h3>
                </div>
                {p.filing_number && (
                  <p className="mt-1 text-xs text-slate-600">{t("vendors.filingNumber")}<span className="font-mono break-all">{p.filing_number}</span></p>
                )}
                {p.description && <p className="mt-1 text-sm text-slate-700 whitespace-pre-line break-words">{p.description}</p>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="cases" title={t("vendors.cases")}>
        {cases.length === 0 ? <p className="text-sm text-slate-600">{t("vendors.cases.none")}</p> : (
          <ul className="divide-y divide-slate-100">
            {cases.map((c) => (
              <li key={c.id} className="py-3">
                <h3 className="font-semibold break-words">
                  {c.client}
                  {c.year !== null && <span className="ml-2 text-sm font-normal text-slate-500">{c.year}</span>}
                </h3>
                <dl className="mt-1 space-y-1 text-sm">
                  <div><dt className="inline text-slate-500">{t("vendors.case.scenario")}</dt><dd className="inline whitespace-pre-line break-words">{c.scenario}</dd></div>
                  <div><dt className="inline text-slate-500">{t("vendors.case.result")}</dt><dd className="inline whitespace-pre-line break-words">{c.result}</dd></div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="record" title={t("vendors.record")}>
        <p className="text-sm text-slate-600">{t("vendors.record.lead")}</p>
        {record.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("vendors.record.none")}</p> : (
          <ul className="mt-2 divide-y divide-slate-100">
            {record.map((r) => (
              <li key={r.code} className="py-2">
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span className="font-mono">{r.code}</span>
                  <StatusBadge status={r.status} />
                  {r.benchmark_number && <span className="font-mono">{r.benchmark_number}</span>}
                </div>
                <Link to={`/scenarios/${r.code}`} className="mt-0.5 block font-medium text-brand-700 hover:underline break-words">{r.title}</Link>
                <p className="text-xs text-slate-600">
                  {r.organisation} · {vocabularyLabel(t, lang, "district", r.district)} · {vocabularyLabel(t, lang, "domain", r.domain)}
                  {r.decided_at && <> · {t("vendors.record.selectedAt", { date: formatDate(r.decided_at, lang) })}</>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
