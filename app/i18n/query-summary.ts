import { FACETS, type ScenarioQuery } from "~/domain/scenario-query";
import type { Lang, Translate } from "./i18n";
import { listJoin, vocabularyLabel } from "./labels";

const FACET_VOCABULARY = { domain: "domain", district: "district", venue: "venue", mode: "mode", tier: "tier", status: "status" } as const;
const CHINESE_ORDINALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The title of a printed or exported list: the edition and batch it is limited to, if any. */
export function scenarioListTitle(query: ScenarioQuery, t: Translate, lang: Lang): string {
  if (query.edition === null) return t("opendata.listTitle");
  if (query.batch === null) return t("home.title", { year: String(query.edition) });
  const ordinal = lang === "zh" ? (CHINESE_ORDINALS[query.batch] ?? String(query.batch)) : String(query.batch);
  return t("opendata.listTitleBatch", { year: String(query.edition), ordinal });
}

/** One line per condition of the query (search text, each filter, budget), for people to read. */
export function scenarioQuerySummary(query: ScenarioQuery, t: Translate, lang: Lang): string[] {
  const colon = lang === "zh" ? "：" : ": ";
  const lines: string[] = [];
  if (query.q) lines.push(`${t("list.search.label")}${colon}${query.q}`);
  for (const facet of FACETS) {
    const values = query.filters[facet];
    if (values.length) lines.push(`${t(`facet.${facet}`)}${colon}${listJoin(values.map((v) => vocabularyLabel(t, lang, FACET_VOCABULARY[facet], v)), lang)}`);
  }
  if (query.budgetMin !== null || query.budgetMax !== null) {
    lines.push(`${t("list.budget")}${colon}${query.budgetMin ?? 0} – ${query.budgetMax ?? "∞"}`);
  }
  return lines;
}
