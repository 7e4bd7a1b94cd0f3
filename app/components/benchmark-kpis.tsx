import { improvementPercent, type KpiResult } from "~/domain/benchmark-showcase";
import { kpiReached } from "~/domain/pilot-lifecycle";
import { useI18n } from "~/i18n/use-i18n";
import { ImprovementBadge, kpiValue } from "./benchmark-card";

// A benchmark's KPIs: baseline, target, measured, direction, reached or not, and how far towards
// the target; a table on wider screens, one card per KPI on a phone.

/** What a KPI row shows besides its raw values: reached or not, improvement, share of the way to the target. */
function kpiFacts(k: KpiResult) {
  const span = k.target - k.baseline;
  return {
    reached: kpiReached(k),
    improvement: improvementPercent(k),
    // How far from the baseline towards the target the measurement went: 100 % is the target.
    progress: k.measured === null || span === 0 ? null : Math.round(((k.measured - k.baseline) / span) * 100),
  };
}

function Reached({ k }: { k: KpiResult }) {
  const { t } = useI18n();
  const { reached, progress } = kpiFacts(k);
  return (
    <>
      <span className={reached === null ? "text-slate-500" : reached ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
        {reached === null ? t("pilots.kpi.notMeasured") : reached ? t("pilots.kpi.reached") : t("pilots.kpi.notReached")}
      </span>
      {progress !== null && (
        <div className="mt-1 flex items-center gap-2">
          <div className="h-2 w-24 rounded bg-slate-100" aria-hidden>
            <div className={`h-2 rounded ${reached ? "bg-emerald-500" : "bg-amber-500"}`} style={{ width: `${Math.max(0, Math.min(100, progress))}%` }} />
          </div>
          <span className="text-xs tabular-nums text-slate-600">{t("showcase.detail.kpi.progressValue", { percent: progress })}</span>
        </div>
      )}
    </>
  );
}

export function KpiTable({ kpis }: { kpis: KpiResult[] }) {
  const { t, lang } = useI18n();
  if (!kpis.length) return <p className="text-sm text-slate-600">{t("showcase.kpi.none")}</p>;
  const v = (n: number | null, unit: string) => (n === null ? "—" : `${kpiValue(n, lang)}${unit}`);
  const direction = (k: KpiResult) => (k.higherIsBetter ? t("pilots.kpi.higher") : t("pilots.kpi.lower"));
  return (
    <>
      {/* A phone gets one card per KPI; a table this wide would scroll its verdict out of sight. */}
      <ul className="space-y-3 sm:hidden">
        {kpis.map((k, i) => {
          const { improvement } = kpiFacts(k);
          return (
            <li key={i} className="rounded border border-slate-200 p-3 text-sm">
              <p className="font-medium break-words">{k.name} <span className="text-xs font-normal text-slate-500">{direction(k)}</span></p>
              <dl className="mt-1 grid grid-cols-3 gap-2">
                <div><dt className="text-xs text-slate-500">{t("pilots.kpi.baseline")}</dt><dd className="tabular-nums">{v(k.baseline, k.unit)}</dd></div>
                <div><dt className="text-xs text-slate-500">{t("pilots.kpi.target")}</dt><dd className="tabular-nums">{v(k.target, k.unit)}</dd></div>
                <div><dt className="text-xs text-slate-500">{t("showcase.detail.kpi.measured")}</dt><dd className="tabular-nums">{v(k.measured, k.unit)}</dd></div>
              </dl>
              <div className="mt-2 flex flex-wrap items-start gap-x-3 gap-y-1">
                <div><Reached k={k} /></div>
                {improvement !== null && <ImprovementBadge percent={improvement} />}
              </div>
            </li>
          );
        })}
      </ul>
      <table className="hidden w-full text-sm sm:table">
        <caption className="sr-only">{t("showcase.detail.kpis.caption")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-1.5 pr-2 font-medium">{t("pilots.kpi.name")}</th>
            <th scope="col" className="py-1.5 pr-2 font-medium">{t("pilots.kpi.baseline")}</th>
            <th scope="col" className="py-1.5 pr-2 font-medium">{t("pilots.kpi.target")}</th>
            <th scope="col" className="py-1.5 pr-2 font-medium">{t("showcase.detail.kpi.measured")}</th>
            <th scope="col" className="py-1.5 pr-2 font-medium">{t("pilots.kpi.direction")}</th>
            <th scope="col" className="py-1.5 font-medium">{t("showcase.detail.kpi.progress")}</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((k, i) => {
            const { improvement } = kpiFacts(k);
            return (
              <tr key={i} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-2 text-left font-medium break-words">{k.name}</th>
                <td className="py-2 pr-2 tabular-nums">{v(k.baseline, k.unit)}</td>
                <td className="py-2 pr-2 tabular-nums">{v(k.target, k.unit)}</td>
                <td className="py-2 pr-2 tabular-nums">
                  {v(k.measured, k.unit)}
                  {improvement !== null && <div className="mt-0.5"><ImprovementBadge percent={improvement} /></div>}
                </td>
                <td className="py-2 pr-2">{direction(k)}</td>
                <td className="py-2"><Reached k={k} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
