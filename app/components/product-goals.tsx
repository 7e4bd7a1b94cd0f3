import { Link } from "react-router";
import { useI18n } from "~/i18n/use-i18n";
import type { Progress } from "~/models/progress.server";

/** The plan's product goals on /progress: industry models, and smart terminals with agents. */
export function ProductGoals({ products }: { products: Progress["products"] }) {
  const { t } = useI18n();
  const { industryModels: models, terminalsAndAgents: devices } = products;
  const goals = [
    { key: "models", title: t("progress.products.models"), count: models.count, goal: models.goal,
      note: t("progress.products.modelsNote", { filed: models.filed }), filter: "kind=industry_model" },
    { key: "devices", title: t("progress.products.devices"), count: devices.count, goal: devices.goal,
      note: t("progress.products.devicesNote", { terminals: devices.terminals, agents: devices.agents }), filter: "" },
  ];
  return (
    <section aria-labelledby="products">
      <h2 id="products" className="text-lg font-semibold">{t("progress.products")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("progress.products.lead")}</p>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {goals.map((g) => {
          const met = g.count >= g.goal;
          const percent = g.goal > 0 ? Math.min(100, Math.round((g.count / g.goal) * 1000) / 10) : 100;
          return (
            <li key={g.key} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`product-goal-${g.key}`}>
              <div className="flex items-baseline justify-between gap-2">
                <h3 className="font-semibold">{g.title}</h3>
                <span className={met ? "text-sm text-emerald-700" : "text-sm text-slate-600"}>
                  {met ? t("progress.venueMet") : t("progress.products.percent", { percent })}
                </span>
              </div>
              <p className="mt-1 text-2xl font-bold">
                {g.count} <span className="text-sm font-normal text-slate-500">/ {t("progress.products.goal", { goal: g.goal })}</span>
              </p>
              <div className="mt-2 h-2 rounded bg-slate-100" aria-hidden>
                <div className={`h-2 rounded ${met ? "bg-emerald-500" : "bg-brand-600"}`} style={{ width: `${percent}%` }} />
              </div>
              <p className="mt-2 text-sm text-slate-600">
                {g.note} · <Link to={`/vendors${g.filter ? `?${g.filter}` : ""}`} className="text-brand-700 underline">{t("progress.products.browse")}</Link>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
