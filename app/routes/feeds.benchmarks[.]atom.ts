import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { ATOM_CONTENT_TYPE, renderAtom, tagUri } from "~/feeds/atom";
import { formatDate, translator } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { getLang } from "~/i18n/lang.server";
import { listBenchmarks } from "~/models/public-benchmarks.server";
import { publicRequestUrl } from "~/utils/public-url.server";

// Newly certified benchmarks (标杆应用场景), newest certification first.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = publicRequestUrl(request);
  const lang = await getLang(request);
  const t = translator(lang);
  const { items } = await listBenchmarks(db(), { after: null, limit: 50 });
  const colon = lang === "zh" ? "：" : ": ";
  const xml = renderAtom({
    id: tagUri(url.host, "2026", "feeds/benchmarks"),
    title: t("opendata.feed.benchmarks.title"),
    subtitle: t("opendata.feed.benchmarks.subtitle"),
    selfUrl: `${url.origin}${url.pathname}${url.search}`,
    alternateUrl: `${url.origin}/progress`,
    updated: new Date().toISOString(),
    author: { name: t("footer.office"), uri: url.origin },
    lang: lang === "en" ? "en" : "zh-CN",
    rights: t("opendata.licence.short"),
    entries: items.map((b) => ({
      id: tagUri(url.host, "2026", `benchmark/${b.number}`),
      title: `${b.number} ${b.scenario.title}`,
      published: b.certifiedAt,
      updated: b.certifiedAt,
      link: `${url.origin}/scenarios/${b.scenario.code}`,
      categories: [{ term: b.scenario.domain, label: vocabularyLabel(t, lang, "domain", b.scenario.domain) }],
      summary: [
        `${t("scenario.organisation")}${colon}${b.organisation.name}`,
        `${t("opendata.feed.vendor")}${colon}${b.vendor.name}`,
        ...(b.meanScore !== null ? [`${t("opendata.feed.meanScore")}${colon}${b.meanScore}`] : []),
        `${t("opendata.feed.certifiedAt")}${colon}${formatDate(b.certifiedAt, lang)}`,
      ].join(lang === "zh" ? "；" : "; "),
      content: b.narrative || undefined,
    })),
  });
  return new Response(xml, { headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=300" } });
}
