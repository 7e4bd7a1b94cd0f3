import { FUNNEL_STAGES, type FunnelStep } from "~/domain/progress";
import { useI18n } from "~/i18n/use-i18n";

// /progress: the funnel from publication to benchmark per edition with the median days per step,
// and the incentive budget used per edition. Tables, readable on a phone without scrolling sideways.

export function FunnelSection({ funnel }: { funnel: { editions: { year: number; stages: FunnelStep[] }[]; all: FunnelStep[] } }) {
  const { t } = useI18n();
  const rows = [
    ...funnel.editions.filter((e) => e.stages[0]!.count > 0).map((e) => ({ key: String(e.year), label: t("showcase.year", { year: String(e.year) }), stages: e.stages })),
    { key: "all", label: t("progress.funnel.all"), stages: funnel.all },
  ];
  const cell = "px-1 py-2 text-right tabular-nums sm:px-2";
  return (
    <section aria-labelledby="funnel" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="funnel" className="text-lg font-semibold">{t("progress.funnel")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("progress.funnel.lead")}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-sm" data-testid="funnel">
          <caption className="sr-only">{t("progress.funnel.caption")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-1.5 pr-2 text-left font-medium">{t("progress.funnel.edition")}</th>
              {FUNNEL_STAGES.map((stage) => <th key={stage} scope="col" className="px-1 py-1.5 text-right font-medium sm:px-2">{t(`progress.funnel.stage.${stage}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={`border-b border-slate-100 ${row.key === "all" ? "font-semibold" : ""}`}>
                <th scope="row" className="whitespace-nowrap py-2 pr-2 text-left font-medium">{row.label}</th>
                {row.stages.map((s) => (
                  <td key={s.stage} className={cell}>
                    <span className="text-base">{s.count}</span>
                    {s.conversion !== null && <span className="block text-xs font-normal text-slate-500">{t("progress.funnel.conversion", { percent: s.conversion })}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="mt-4 font-semibold">{t("progress.funnel.durations")}</h3>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-sm" data-testid="durations">
          <caption className="sr-only">{t("progress.funnel.durations.caption")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-1.5 pr-2 text-left font-medium">{t("progress.funnel.edition")}</th>
              {FUNNEL_STAGES.slice(1).map((stage) => (
                <th key={stage} scope="col" className="px-1 py-1.5 text-right font-medium sm:px-2">{t(`progress.funnel.step.${stage as Exclude<FunnelStep["stage"], "published">}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={`border-b border-slate-100 ${row.key === "all" ? "font-semibold" : ""}`}>
                <th scope="row" className="whitespace-nowrap py-2 pr-2 text-left font-medium">{row.label}</th>
                {row.stages.slice(1).map((s) => (
                  <td key={s.stage} className={cell}>
                    {s.medianDays === null ? "—" : s.medianDays}
                    {s.timed > 0 && <span className="block whitespace-nowrap text-xs font-normal text-slate-500">{t("progress.funnel.timed", { n: s.timed })}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function BudgetSection({ budgets }: { budgets: { year: number; budget: number; granted: number; redeemed: number }[] }) {
  const { t } = useI18n();
  const rows = budgets.filter((b) => b.budget > 0 || b.granted > 0);
  const cell = "px-2 py-2 text-right tabular-nums";
  return (
    <section aria-labelledby="budget" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="budget" className="text-lg font-semibold">{t("progress.budget")}</h2>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-sm" data-testid="budget">
          <caption className="sr-only">{t("progress.budget.caption")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-1.5 pr-2 text-left font-medium">{t("progress.budget.edition")}</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("progress.budget.total")}</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("progress.budget.granted")}</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("progress.budget.redeemed")}</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("progress.budget.used")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => {
              const used = b.budget > 0 ? Math.round((b.granted / b.budget) * 1000) / 10 : null;
              return (
                <tr key={b.year} className="border-b border-slate-100">
                  <th scope="row" className="whitespace-nowrap py-2 pr-2 text-left font-medium">{t("showcase.year", { year: String(b.year) })}</th>
                  <td className={cell}>{b.budget}</td>
                  <td className={cell}>{b.granted}</td>
                  <td className={cell}>{b.redeemed}</td>
                  <td className={cell}>
                    {used === null ? "—" : `${used}%`}
                    {used !== null && (
                      <div className="ml-auto mt-1 h-1.5 w-20 rounded bg-slate-100" aria-hidden>
                        <div className="h-1.5 rounded bg-brand-600" style={{ width: `${Math.min(100, used)}%` }} />
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
