import { type MetaFunction, Link, useLoaderData } from "react-router";
import { ScenarioCard } from "~/components/scenario-card";
import { db } from "~/db/db.server";
import { emptyScenarioQuery } from "~/domain/scenario-query";
import { BENCHMARK_TARGET } from "~/domain/vocabulary";
import { feedLinks } from "~/feeds/meta-links";
import { formatDate, translator } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { listEditions, siteStats } from "~/models/edition.server";
import { listPublicScenarios } from "~/models/scenario.server";
import { searchEngine } from "~/search/search.server";
import { matchedLang } from "~/utils/meta";

export async function loader() {
  const [editions, stats, latest] = await Promise.all([
    listEditions(db()),
    siteStats(db()),
    listPublicScenarios(db(), searchEngine(), { query: emptyScenarioQuery(), problems: [] }, { withFacets: false, pageSize: 4 }),
  ]);
  // The current edition is the newest one with a published batch; the next one may be collecting.
  const current = editions.find((e) => e.batches.length > 0) ?? editions[0] ?? null;
  return { editions, stats, latest: latest.items, current };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const t = translator(matchedLang(matches));
  return [{ title: `${t("site.name")} · ${t("site.tagline")}` }, { name: "description", content: t("home.lead") }, ...feedLinks(t, matchedLang(matches))];
};

export default function Home() {
  const { editions, stats, latest, current } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const percent = Math.min(100, (stats.benchmarks / BENCHMARK_TARGET.total) * 100);
  const numbers = [
    { key: "home.stats.public", value: stats.public, href: "/scenarios" },
    { key: "home.stats.open", value: stats.open, href: "/scenarios?status=open&sort=deadline" },
    { key: "home.stats.closingSoon", value: stats.closingSoon, href: "/scenarios?status=closing_soon&sort=deadline" },
    { key: "home.stats.awaiting", value: stats.awaiting, href: "/scenarios?status=awaiting_selection" },
    { key: "home.stats.piloting", value: stats.piloting, href: "/scenarios?status=piloting" },
    { key: "home.stats.benchmarks", value: stats.benchmarks, href: "/scenarios?status=benchmark" },
    { key: "home.stats.vendors", value: stats.vendors, href: null },
    { key: "home.stats.demand", value: stats.demand, href: null },
  ] as const;

  return (
    <div className="space-y-8">
      <section className="rounded-xl bg-gradient-to-br from-brand-700 to-brand-800 p-6 text-white sm:p-8">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("home.title", { year: String(current?.year ?? "") })}</h1>
        <p className="mt-3 max-w-3xl text-white/90">{t("home.lead")}</p>
        <div className="mt-5 max-w-md">
          <div className="flex justify-between text-sm">
            <span>{t("home.benchmarkProgress", { count: stats.benchmarks, target: BENCHMARK_TARGET.total })}</span>
            <span>{percent.toFixed(1)}%</span>
          </div>
          <div className="mt-1 h-2 rounded bg-white/20" role="progressbar" aria-valuemin={0} aria-valuemax={BENCHMARK_TARGET.total}
            aria-valuenow={stats.benchmarks} aria-label={t("home.stats.benchmarks")}>
            <div className="h-2 rounded bg-yellow-300" style={{ width: `${percent}%` }} />
          </div>
        </div>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link to="/scenarios" className="rounded bg-white px-4 py-2 font-medium text-brand-800 hover:bg-brand-50">{t("home.browse")}</Link>
          <Link to="/progress" className="rounded border border-white/60 px-4 py-2 font-medium hover:bg-white/10">{t("home.progress")}</Link>
        </div>
      </section>

      <section aria-label={t("home.stats.public")}>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8">
          {numbers.map((n) => (
            <div key={n.key} className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-600">{t(n.key)}</dt>
              <dd className="mt-1 text-2xl font-bold text-brand-800">
                {n.href ? <Link to={n.href} className="hover:underline">{n.value}</Link> : n.value}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="editions">
        <h2 id="editions" className="text-xl font-semibold">{t("home.editions")}</h2>
        <ul className="mt-3 grid gap-3 md:grid-cols-3">
          {editions.map((e) => (
            <li key={e.year} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">{t("edition.label", { year: String(e.year) })}</h3>
              <p className="mt-1 text-sm text-slate-600">
                {e.callStatus === "open" ? t("home.edition.callOpen") : e.callStatus === "closed" ? t("home.edition.callClosed") : t("home.edition.notOpen")}
              </p>
              {e.batches.length > 0 && (
                <>
                  <p className="mt-1 text-sm text-slate-600">{t("home.edition.batches", { n: e.batches.length, count: e.publicCount })}</p>
                  <ul className="mt-2 space-y-1 text-sm">
                    {e.batches.map((b) => (
                      <li key={b.ordinal}>
                        <Link className="text-brand-700 underline" to={`/scenarios?edition=${e.year}&batch=${b.ordinal}`}>
                          {t("batch.label", { year: String(e.year), ordinal: b.ordinal })}
                        </Link>{" "}
                        <span className="text-slate-500">{formatDate(b.publishedAt, lang)} · {b.count}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how-to">
        <h2 id="how-to" className="text-xl font-semibold">{t("home.howTo")}</h2>
        <div className="mt-3 grid gap-3 md:grid-cols-3">
          {(["demand", "vendor", "public"] as const).map((who) => (
            <div key={who} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">{t(`home.howTo.${who}.title`)}</h3>
              <p className="mt-1 text-sm text-slate-700">{t(`home.howTo.${who}.body`)}</p>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="latest">
        <h2 id="latest" className="text-xl font-semibold">{t("home.latest")}</h2>
        <ul className="mt-3 grid gap-3 md:grid-cols-2">
          {latest.map((s) => <li key={s.id}><ScenarioCard scenario={s} /></li>)}
        </ul>
      </section>
    </div>
  );
}
