import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { ATOM_CONTENT_TYPE, renderAtom, tagUri } from "~/feeds/atom";
import { formatDate, formatDateTime, translator } from "~/i18n/i18n";
import { listJoin, vocabularyLabel } from "~/i18n/labels";
import { getLang } from "~/i18n/lang.server";
import { latestPublishedRecords } from "~/models/scenario-records.server";
import { publicRequestUrl } from "~/utils/public-url.server";

const FEED_SIZE = 50;

// Newly published scenarios, newest first. Labels follow ?lang= (Chinese by default).
export async function loader({ request }: LoaderFunctionArgs) {
  const url = publicRequestUrl(request);
  const lang = await getLang(request);
  const t = translator(lang);
  const records = await latestPublishedRecords(db(), FEED_SIZE);
  const colon = lang === "zh" ? "：" : ": ";
  const xml = renderAtom({
    id: tagUri(url.host, "2026", "feeds/scenarios"),
    title: t("opendata.feed.scenarios.title"),
    subtitle: t("opendata.feed.scenarios.subtitle"),
    selfUrl: `${url.origin}${url.pathname}${url.search}`,
    alternateUrl: `${url.origin}/scenarios`,
    updated: new Date().toISOString(),
    author: { name: t("footer.office"), uri: url.origin },
    lang: lang === "en" ? "en" : "zh-CN",
    rights: t("opendata.licence.short"),
    entries: records.map((r) => {
      const published = r.publishedAt ?? r.updatedAt;
      const facts = [
        `${t("phase.label")}${colon}${vocabularyLabel(t, lang, "phase", r.phase)}`,
        `${t("scenario.organisation")}${colon}${r.organisation.name}`,
        `${t("scenario.domain")}${colon}${vocabularyLabel(t, lang, "domain", r.domain)}`,
        `${t("scenario.district")}${colon}${vocabularyLabel(t, lang, "district", r.district)}`,
        `${t("scenario.budget")}${colon}${r.budgetWan === null ? t("list.budgetNegotiable") : t("list.budgetValue", { budget: r.budgetWan })}`,
        ...(r.proposalDeadline ? [`${t("scenario.deadline")}${colon}${formatDateTime(r.proposalDeadline, lang)}`] : []),
        ...(r.capabilities.length ? [`${t("scenario.capabilities")}${colon}${listJoin(r.capabilities.map((c) => (lang === "en" ? c.en : c.zh)), lang)}`] : []),
      ];
      return {
        id: tagUri(url.host, "2026", `scenario/${r.code}`),
        title: `${r.code} ${r.title}`,
        published,
        updated: r.updatedAt > published ? r.updatedAt : published,
        link: `${url.origin}/scenarios/${r.code}`,
        author: { name: r.organisation.name },
        categories: [{ term: r.domain, label: vocabularyLabel(t, lang, "domain", r.domain) }],
        summary: `${facts.join(lang === "zh" ? "；" : "; ")}${lang === "zh" ? "。" : "."} ${t("scenario.publishedAt")}${colon}${formatDate(published, lang)}`,
        content: r.description,
      };
    }),
  });
  return new Response(xml, { headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=300" } });
}
