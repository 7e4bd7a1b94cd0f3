import { Link } from "react-router";
import { headlineKpi, type KpiResult } from "~/domain/benchmark-showcase";
import { formatDate, type Lang, type Translate } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";

/** A KPI value as measured: up to two decimals, no grouping (a 1,000 ms latency reads as 1000). */
export function kpiValue(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 2, useGrouping: false }).format(value);
}

/** "导诊准确率：70% → 93%（目标 90%）", the measured result in one line. */
export function kpiLine(t: Translate, lang: Lang, k: KpiResult): string {
  return t("showcase.kpi.line", {
    name: k.name, unit: k.unit, baseline: kpiValue(k.baseline, lang), target: kpiValue(k.target, lang),
    measured: k.measured === null ? "—" : kpiValue(k.measured, lang),
  });
}

export function ImprovementBadge({ percent }: { percent: number }) {
  const { t, lang } = useI18n();
  const value = kpiValue(Math.abs(percent), lang);
  return percent >= 0
    ? <span className="whitespace-nowrap rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800">{t("showcase.kpi.better", { percent: value })}</span>
    : <span className="whitespace-nowrap rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800">{t("showcase.kpi.worse", { percent: value })}</span>;
}

export interface BenchmarkCardData {
  number: string;
  certifiedAt: string;
  meanScore: number | null;
  scenario: { title: string; domain: string; venueType: string | null; district: string };
  organisation: { name: string };
  vendor: { name: string };
  kpis: KpiResult[];
  replications: { count: number };
}

export function BenchmarkCard({ benchmark: b }: { benchmark: BenchmarkCardData }) {
  const { t, lang } = useI18n();
  const headline = headlineKpi(b.kpis);
  const titleId = `bm-${b.number}`;
  return (
    <article aria-labelledby={titleId} className="flex h-full flex-col rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
        <span className="rounded bg-amber-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-amber-900">{b.number}</span>
        <time dateTime={b.certifiedAt}>{t("showcase.certifiedOn", { date: formatDate(b.certifiedAt, lang) })}</time>
      </div>
      <h3 id={titleId} className="mt-2 text-lg font-semibold leading-snug break-words">
        <Link to={`/benchmarks/${b.number}`} className="text-brand-800 hover:underline">{b.scenario.title}</Link>
      </h3>
      <dl className="mt-2 grid gap-x-2 gap-y-0.5 text-sm [grid-template-columns:auto_1fr]">
        <dt className="text-slate-500">{t("showcase.organisation")}</dt>
        <dd className="min-w-0 break-words">{b.organisation.name}</dd>
        <dt className="text-slate-500">{t("showcase.vendor")}</dt>
        <dd className="min-w-0 break-words">{b.vendor.name}</dd>
      </dl>
      <p className="mt-2 flex flex-wrap gap-1.5 text-xs">
        <span className="rounded bg-slate-100 px-1.5 py-0.5">{vocabularyLabel(t, lang, "domain", b.scenario.domain)}</span>
        {b.scenario.venueType && <span className="rounded bg-slate-100 px-1.5 py-0.5">{vocabularyLabel(t, lang, "venue", b.scenario.venueType)}</span>}
        <span className="rounded bg-slate-100 px-1.5 py-0.5">{vocabularyLabel(t, lang, "district", b.scenario.district)}</span>
      </p>
      <div className="mt-3 rounded bg-slate-50 p-2 text-sm">
        {headline ? (
          <>
            <p className="text-xs text-slate-500">{t("showcase.headline")}</p>
            <p className="mt-0.5 break-words">
              {kpiLine(t, lang, headline.kpi)}{" "}
              {headline.improvement !== null && <ImprovementBadge percent={headline.improvement} />}
            </p>
          </>
        ) : <p className="text-slate-500">{t("showcase.kpi.none")}</p>}
      </div>
      <p className="mt-auto flex flex-wrap justify-between gap-2 pt-3 text-sm text-slate-600">
        {b.meanScore !== null && <span>{t("showcase.meanScore", { score: b.meanScore })}</span>}
        <span data-testid="replications">{t("showcase.replications", { n: b.replications.count })}</span>
      </p>
    </article>
  );
}
