import { type MetaFunction, Link, useLoaderData } from "react-router";
import { BarList, CumulativeChart } from "~/components/charts";
import { ProductGoals } from "~/components/product-goals";
import { BudgetSection, FunnelSection } from "~/components/progress-funnel";
import { db } from "~/db/db.server";
import { BENCHMARK_TARGET } from "~/domain/vocabulary";
import { formatDate } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { getProgress } from "~/models/progress.server";
import { pageTitle } from "~/utils/meta";

export async function loader() {
  return { progress: await getProgress(db()) };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("progress.title"));

export default function ProgressPage() {
  const { progress: p } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const pr = p.projection;
  const deadline = formatDate(p.deadline, lang);
  const verdict = pr.reached
    ? t("progress.reached")
    : pr.onTrack
      ? t("progress.onTrack", { margin: pr.margin })
      : t("progress.behind", { gap: -pr.margin, required: pr.requiredPerMonth });
  const sample = p.series.filter((_, i, all) => i === all.length - 1 || i % 6 === 0);
  const summary = sample.map((s) => `${s.month}: ${s.total}`).join("; ");

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("progress.title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          {t("progress.lead", { target: p.target, deadline, venueGoal: BENCHMARK_TARGET.venueGoal })}
        </p>
        <p className="mt-1 text-sm text-slate-500">{t("progress.asOf", { date: formatDate(p.asOf, lang) })}</p>
      </header>

      <section aria-labelledby="headline" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <h2 id="headline" className="sr-only">{t("progress.certified")}</h2>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">{t("progress.certified")}</p>
          <p className="mt-1 text-3xl font-bold text-brand-800" data-testid="certified-count">{pr.count}</p>
          <p className="text-sm text-slate-600">{t("progress.ofTarget", { target: p.target, percent: pr.percent })}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">{t("progress.rate")}</p>
          <p className="mt-1 text-2xl font-bold">{t("progress.rateValue", { rate: pr.ratePerMonth })}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">{t("progress.required")}</p>
          <p className="mt-1 text-2xl font-bold">{t("progress.rateValue", { rate: pr.requiredPerMonth })}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">{t("progress.projection", { deadline })}</p>
          <p className="mt-1 text-2xl font-bold">{t("progress.projectionValue", { projected: pr.projected })}</p>
        </div>
      </section>

      <p className="-mt-3 text-sm text-slate-600">
        {t("progress.projection.note", { deadline })} <Link to="/benchmarks" className="text-brand-700 underline">{t("progress.browseBenchmarks")}</Link>
      </p>

      <p role="status" data-testid="verdict"
        className={`rounded-lg p-4 font-medium ${pr.onTrack || pr.reached ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}>
        {verdict}
      </p>

      <section aria-labelledby="cumulative" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="cumulative" className="text-lg font-semibold">{t("progress.chart.cumulative")}</h2>
        {/* On a phone the chart scrolls sideways rather than shrinking its labels out of reach. */}
        <div className="overflow-x-auto">
          <div className="min-w-[36rem]">
            <CumulativeChart series={p.series} target={p.target} projectedAtDeadline={pr.projected} deadlineMonth={p.deadline.slice(0, 7)}
              title={t("progress.chart.cumulative")} description={t("progress.chart.cumulativeAlt", { summary })} />
          </div>
        </div>
      </section>

      <section aria-labelledby="venues">
        <h2 id="venues" className="text-lg font-semibold">{t("progress.byVenue")}</h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {p.venues.map((v) => (
            <li key={v.key} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex items-baseline justify-between">
                <h3 className="font-semibold">{vocabularyLabel(t, lang, "venue", v.key)}</h3>
                <span className={v.count >= v.goal ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
                  {v.count >= v.goal ? t("progress.venueMet") : t("progress.venueShort", { n: v.goal - v.count })}
                </span>
              </div>
              <p className="mt-1 text-2xl font-bold">{v.count} <span className="text-sm font-normal text-slate-500">/ {t("progress.venueGoal", { goal: v.goal })}</span></p>
              <div className="mt-2 h-2 rounded bg-slate-100" aria-hidden>
                <div className={`h-2 rounded ${v.count >= v.goal ? "bg-emerald-500" : "bg-amber-500"}`} style={{ width: `${Math.min(100, (v.count / v.goal) * 100)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      </section>

      <ProductGoals products={p.products} />

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="by-domain" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="by-domain" className="text-lg font-semibold">{t("progress.byDomain")}</h2>
          <BarList caption={t("progress.byDomain")} rows={p.byDomain.map((d) => ({ label: vocabularyLabel(t, lang, "domain", d.key), value: d.count }))} />
        </section>
        <section aria-labelledby="by-district" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="by-district" className="text-lg font-semibold">{t("progress.byDistrict")}</h2>
          <BarList caption={t("progress.byDistrict")} rows={p.byDistrict.map((d) => ({ label: vocabularyLabel(t, lang, "district", d.key), value: d.count }))} />
        </section>
      </div>

      <FunnelSection funnel={p.funnel} />

      <div className="grid gap-4 lg:grid-cols-2">
        <BudgetSection budgets={p.budgets} />
        <section aria-labelledby="replications" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="replications" className="text-lg font-semibold">{t("progress.replications")}</h2>
          <dl className="mt-2 grid grid-cols-2 gap-3 text-center">
            <div><dt className="text-sm text-slate-600">{t("progress.replications.count")}</dt><dd className="text-2xl font-bold" data-testid="replications-count">{p.replications.count}</dd></div>
            <div><dt className="text-sm text-slate-600">{t("progress.replications.published")}</dt><dd className="text-2xl font-bold" data-testid="replications-published">{p.replications.published}</dd></div>
          </dl>
          <p className="mt-3 text-sm"><Link to="/benchmarks" className="text-brand-700 underline">{t("progress.browseBenchmarks")} →</Link></p>
        </section>
      </div>

      <section aria-labelledby="pipeline" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="pipeline" className="text-lg font-semibold">{t("progress.pipeline")}</h2>
        <dl className="mt-2 grid grid-cols-3 gap-3 text-center">
          <div><dt className="text-sm text-slate-600">{t("progress.pipeline.piloting")}</dt><dd className="text-2xl font-bold">{p.pipeline.piloting}</dd></div>
          <div><dt className="text-sm text-slate-600">{t("progress.pipeline.review")}</dt><dd className="text-2xl font-bold">{p.pipeline.review}</dd></div>
          <div><dt className="text-sm text-slate-600">{t("progress.pipeline.notice")}</dt><dd className="text-2xl font-bold"><Link to="/notices" className="text-brand-700 underline">{p.pipeline.notice}</Link></dd></div>
        </dl>
      </section>
    </div>
  );
}

