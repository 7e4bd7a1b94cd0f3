import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { encodeCursor, parseUpdatedSince } from "~/domain/open-data/collection-request";
import { EXPORT_HEADERS } from "~/domain/open-data/export-columns";
import { COOPERATION_MODES, DOMAINS, PUBLIC_SCENARIO_STATUSES, TIERS, VENUE_TYPES } from "~/domain/vocabulary";
import type { MessageKey } from "~/i18n/dictionary";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { feedStats } from "~/models/change-feed.server";
import { pageTitle } from "~/utils/meta";
import { publicRequestUrl } from "~/utils/public-url.server";

// How to get the data out: downloads, the JSON API with paging and the change feed, OCDS, Atom,
// the licence. Examples use this site's own address and real cursors and error messages.
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicRequestUrl(request).origin;
  const stats = await feedStats(db());
  const badSince = parseUpdatedSince("yesterday");
  return {
    origin,
    stats,
    sampleCursor: encodeCursor("scenarios", { feedSeq: 5446 }),
    sampleError: badSince.ok ? null : badSince.problem,
  };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("opendata.title"));

const SECTIONS = [
  ["downloads", "opendata.downloads.title"],
  ["api", "opendata.api.title"],
  ["paging", "opendata.paging.title"],
  ["feed", "opendata.feed.title"],
  ["fields", "opendata.fields.title"],
  ["codes", "opendata.codes.title"],
  ["examples", "opendata.sample.title"],
  ["ocds", "opendata.ocds.title"],
  ["atom", "opendata.atom.title"],
  ["licence", "opendata.licence.title"],
] as const satisfies readonly [string, MessageKey][];

const FIELDS: [string, string, MessageKey][] = [
  ["code", "string", "opendata.field.code"],
  ["title", "string", "opendata.field.title"],
  ["organisation", "string", "opendata.field.organisation"],
  ["description", "string", "opendata.field.description"],
  ["requirements", "string", "opendata.field.requirements"],
  ["acceptanceCriteria", "string", "opendata.field.acceptanceCriteria"],
  ["domain", "code", "opendata.field.domain"],
  ["venueType", "code | null", "opendata.field.venueType"],
  ["district", "string", "opendata.field.district"],
  ["cooperationMode", "code", "opendata.field.cooperationMode"],
  ["tier", "code", "opendata.field.tier"],
  ["status", "code", "opendata.field.status"],
  ["budgetWan", "number | null", "opendata.field.budgetWan"],
  ["period.start, period.end", "date | null", "opendata.field.period"],
  ["contact.name, .phone, .email", "string", "opendata.field.contact"],
  ["edition, batch", "number", "opendata.field.edition"],
  ["publishedAt", "time", "opendata.field.publishedAt"],
  ["proposalDeadline", "time | null", "opendata.field.proposalDeadline"],
  ["updatedAt", "time", "opendata.field.updatedAt"],
  ["capabilities[]", "object", "opendata.field.capabilities"],
  ["dataResources[]", "object", "opendata.field.dataResources"],
  ["proposalCount", "number", "opendata.field.proposalCount"],
  ["timeline[]", "object", "opendata.field.timeline"],
  ["amendments[]", "object", "opendata.field.amendments"],
  ["award", "object | null", "opendata.field.award"],
  ["pilot", "object | null", "opendata.field.pilot"],
  ["benchmark", "object | null", "opendata.field.benchmark"],
];

const CODE_TABLES = [
  ["facet.domain", "domain", DOMAINS],
  ["facet.venue", "venue", VENUE_TYPES],
  ["facet.mode", "mode", COOPERATION_MODES],
  ["facet.tier", "tier", TIERS],
  ["facet.status", "status", PUBLIC_SCENARIO_STATUSES],
] as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${id}-title`} className="text-xl font-semibold">{title}</h2>
      <div className="mt-3 space-y-3 text-sm leading-relaxed text-slate-800">{children}</div>
    </section>
  );
}

function Code({ children }: { children: string }) {
  return <pre className="overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"><code>{children}</code></pre>;
}

const th = "border-b border-slate-200 px-2 py-1.5 text-left font-semibold";
const td = "border-b border-slate-100 px-2 py-1.5 align-top";

export default function OpenData() {
  const { origin, stats, sampleCursor, sampleError } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const api = `${origin}/api/v1`;
  const endpoints: [string, MessageKey][] = [
    ["/api/v1/scenarios", "opendata.api.scenarios"],
    ["/api/v1/scenarios/{code}", "opendata.api.scenario"],
    ["/api/v1/vendors", "opendata.api.vendors"],
    ["/api/v1/vendors/{id}", "opendata.api.vendor"],
    ["/api/v1/benchmarks", "opendata.api.benchmarks"],
    ["/api/v1/benchmarks/{number}", "opendata.api.benchmark"],
    ["/api/v1/ocds/releases", "opendata.api.ocds"],
    ["/api/v1/ocds/releases/{code}", "opendata.api.ocdsOne"],
    ["/feeds/scenarios.atom, /feeds/benchmarks.atom", "opendata.api.feeds"],
  ];
  const feedSample = JSON.stringify({
    mode: "changes",
    items: [
      {
        op: "upsert",
        code: "NJ-2026-0137",
        changedAt: "2026-11-20T03:15:02.118Z",
        scenario: {
          code: "NJ-2026-0137", title: "门诊智能导诊大模型应用", organisation: "南京市鼓楼医院", domain: "livelihood", venueType: "hospital",
          district: "鼓楼区", cooperationMode: "joint_build", tier: "small_high_value", status: "published", budgetWan: 120,
          publishedAt: "2026-10-15T02:00:00.000Z", proposalDeadline: "2026-12-05T09:00:00.000Z",
          capabilities: [{ slug: "llm", name: "大模型", nameEn: "Large language model" }], proposalCount: 3, award: null, "…": "…",
        },
      },
      { op: "delete", code: "NJ-2026-0099", changedAt: "2026-11-20T05:40:11.502Z" },
    ],
    hasMore: true,
    next: sampleCursor,
    links: { next: `${api}/scenarios?cursor=${sampleCursor}` },
  }, null, 2);

  return (
    <article className="mx-auto max-w-4xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold">{t("opendata.title")}</h1>
        <p className="mt-2 text-slate-700">{t("opendata.lead")}</p>
        <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {([
            ["opendata.stats.scenarios", String(stats.public.scenario)],
            ["opendata.stats.vendors", String(stats.public.vendor)],
            ["opendata.stats.benchmarks", String(stats.public.benchmark)],
            ["opendata.stats.lastChange", stats.lastChange ? formatDateTime(stats.lastChange, lang) : "—"],
          ] as const).map(([key, value]) => (
            <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs text-slate-600">{t(key)}</dt>
              <dd className="mt-1 font-semibold text-brand-800">{value}</dd>
            </div>
          ))}
        </dl>
      </header>

      <nav aria-label={t("opendata.toc")} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="font-semibold">{t("opendata.toc")}</h2>
        <ol className="mt-2 grid list-decimal gap-x-6 gap-y-1 pl-5 sm:grid-cols-2">
          {SECTIONS.map(([id, key]) => <li key={id}><a className="text-brand-700 underline" href={`#${id}`}>{t(key)}</a></li>)}
        </ol>
      </nav>

      <Section id="downloads" title={t("opendata.downloads.title")}>
        <p>{t("opendata.downloads.body")}</p>
        <ul className="list-disc space-y-1 pl-5">
          <li><a className="text-brand-700 underline" href="/scenarios.csv">{t("opendata.downloads.csv")}</a> — <code>/scenarios.csv</code></li>
          <li><a className="text-brand-700 underline" href="/scenarios.xlsx">{t("opendata.downloads.xlsx")}</a> — <code>/scenarios.xlsx</code></li>
          <li><Link className="text-brand-700 underline" to="/scenarios/print">{t("opendata.downloads.print")}</Link> — <code>/scenarios/print</code></li>
          <li>{t("opendata.downloads.filtered")}: <a className="break-all text-brand-700 underline" href="/scenarios.csv?domain=livelihood&venue=hospital"><code>/scenarios.csv?domain=livelihood&amp;venue=hospital</code></a></li>
        </ul>
        <h3 className="pt-2 font-semibold">{t("opendata.csv.title")}</h3>
        <ul className="list-disc space-y-1 pl-5">
          <li>{t("opendata.csv.encoding")}</li>
          <li>{t("opendata.csv.formula")}</li>
          <li>{t("opendata.csv.values")}</li>
        </ul>
        <p>{t("opendata.csv.columns")}</p>
        <p className="rounded bg-slate-50 p-2 text-xs" lang="zh-CN">{EXPORT_HEADERS.join(" · ")}</p>
      </Section>

      <Section id="api" title={t("opendata.api.title")}>
        <p>{t("opendata.api.body")}</p>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead><tr><th scope="col" className={th}>{t("opendata.api.endpoint")}</th><th scope="col" className={th}>{t("opendata.api.content")}</th></tr></thead>
            <tbody>
              {endpoints.map(([path, key]) => (
                <tr key={path}><td className={`${td} whitespace-nowrap font-mono text-xs`}>GET {path}</td><td className={td}>{t(key)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="paging" title={t("opendata.paging.title")}>
        <p>{t("opendata.paging.body")}</p>
        <p>{t("opendata.sample.list")}</p>
        <Code>{`curl '${api}/scenarios?domain=livelihood&limit=50'\ncurl '${api}/scenarios?cursor=…'   # = links.next`}</Code>
      </Section>

      <Section id="feed" title={t("opendata.feed.title")}>
        <p>{t("opendata.feed.body")}</p>
        <p>{t("opendata.feed.once")}</p>
        <p>{t("opendata.feed.sync")}</p>
        <p>{t("opendata.sample.feed")}</p>
        <Code>{`curl '${api}/scenarios?updatedSince=2026-11-01T00:00:00%2B08:00'\ncurl '${api}/vendors?updatedSince=2026-11-01'\ncurl '${api}/benchmarks?updatedSince=2026-11-01&limit=500'`}</Code>
        <p>{t("opendata.feed.rate")}</p>
        <p className="font-medium">{t("opendata.feed.recent", { scenarios: stats.recent.scenario, vendors: stats.recent.vendor, benchmarks: stats.recent.benchmark })}</p>
      </Section>

      <Section id="fields" title={t("opendata.fields.title")}>
        <p>{t("opendata.fields.body")}</p>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th scope="col" className={th}>{t("opendata.fields.field")}</th>
                <th scope="col" className={th}>{t("opendata.fields.type")}</th>
                <th scope="col" className={th}>{t("opendata.fields.meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.map(([field, type, key]) => (
                <tr key={field}>
                  <td className={`${td} font-mono text-xs`}>{field}</td>
                  <td className={`${td} whitespace-nowrap font-mono text-xs text-slate-600`}>{type}</td>
                  <td className={td}>{t(key)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="codes" title={t("opendata.codes.title")}>
        <p>{t("opendata.codes.body")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {CODE_TABLES.map(([titleKey, prefix, codes]) => (
            <table key={prefix} className="w-full self-start text-sm">
              <caption className="text-left font-semibold">{t(titleKey)}</caption>
              <thead><tr><th scope="col" className={th}>{t("opendata.codes.code")}</th><th scope="col" className={th}>{t("opendata.codes.label")}</th></tr></thead>
              <tbody>
                {codes.map((code) => (
                  <tr key={code}>
                    <td className="border-b border-slate-100 px-2 py-1 align-middle font-mono text-xs">{code}</td>
                    <td className="border-b border-slate-100 px-2 py-1 align-middle">{t(`${prefix}.${code}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </Section>

      <Section id="examples" title={t("opendata.sample.title")}>
        <p>{t("opendata.sample.response")}</p>
        <Code>{feedSample}</Code>
        <p>{t("opendata.sample.error")}</p>
        <Code>{`curl -i '${api}/scenarios?updatedSince=yesterday'\nHTTP/1.1 400 Bad Request\n\n${JSON.stringify(sampleError, null, 2)}`}</Code>
      </Section>

      <Section id="ocds" title={t("opendata.ocds.title")}>
        <p>{t("opendata.ocds.body")}</p>
        <Code>{`curl '${api}/ocds/releases?limit=50'\ncurl '${api}/ocds/releases/NJ-2026-0137'`}</Code>
        <p>{t("opendata.ocds.prefix")}</p>
        <p>{t("opendata.ocds.mapping")}</p>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead><tr><th scope="col" className={th}>{t("opendata.ocds.stage")}</th><th scope="col" className={th}>{t("opendata.ocds.release")}</th></tr></thead>
            <tbody>
              {PUBLIC_SCENARIO_STATUSES.map((status) => (
                <tr key={status}>
                  <td className={`${td} whitespace-nowrap`}>{t(`status.${status}`)} <span className="font-mono text-xs text-slate-500">{status}</span></td>
                  <td className={`${td} font-mono text-xs`}>{t(`opendata.ocds.${status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t("opendata.ocds.omitted")}</p>
      </Section>

      <Section id="atom" title={t("opendata.atom.title")}>
        <p>{t("opendata.atom.body")}</p>
        <ul className="list-disc space-y-1 pl-5">
          <li><a className="text-brand-700 underline" href="/feeds/scenarios.atom">{t("opendata.feed.scenarios.title")}</a> — <code>{origin}/feeds/scenarios.atom</code></li>
          <li><a className="text-brand-700 underline" href="/feeds/benchmarks.atom">{t("opendata.feed.benchmarks.title")}</a> — <code>{origin}/feeds/benchmarks.atom</code></li>
        </ul>
      </Section>

      <Section id="licence" title={t("opendata.licence.title")}>
        <p>{t("opendata.licence.body")} <a className="text-brand-700 underline" href={`https://creativecommons.org/licenses/by/4.0/deed.${lang === "en" ? "en" : "zh-hans"}`} rel="license">CC BY 4.0</a></p>
        <p>{t("opendata.licence.contacts")}</p>
        <p>{t("opendata.licence.authority")}</p>
      </Section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
