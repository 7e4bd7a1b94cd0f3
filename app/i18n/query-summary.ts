import { FACETS, type Facet, type ScenarioQuery } from "~/domain/scenario-query";
import { chineseOrdinal } from "~/domain/vocabulary";
import type { Lang, Translate } from "./i18n";
import { listJoin, vocabularyLabel } from "./labels";

// A list query in words: as a saved search's name, and on printed and exported lists.

const VOCABULARY = { domain: "domain", district: "district", venue: "venue", mode: "mode", tier: "tier", status: "phase" } as const satisfies Record<Facet, string>;

/**
 * A list query in words, for a saved search's default name and for showing what it looks for:
 * “医院” · 民生服务、城市治理 · 鼓楼区 · 2026年清单 · 预算 50–200 万元.
 */
export function summarizeQuery(query: ScenarioQuery, t: Translate, lang: Lang): string {
  const parts: string[] = [];
  if (query.q) parts.push(t("savedSearch.summary.text", { q: query.q }));
  for (const facet of FACETS) {
    const values = query.filters[facet];
    if (values.length) parts.push(listJoin(values.map((v) => vocabularyLabel(t, lang, VOCABULARY[facet], v)), lang));
  }
  if (query.edition !== null) {
    parts.push(query.batch !== null
      ? t("batch.label", { year: String(query.edition), ordinal: query.batch })
      : t("edition.label", { year: String(query.edition) }));
  }
  const { budgetMin: min, budgetMax: max } = query;
  if (min !== null && max !== null) parts.push(t("savedSearch.summary.budgetRange", { min, max }));
  else if (min !== null) parts.push(t("savedSearch.summary.budgetMin", { min }));
  else if (max !== null) parts.push(t("savedSearch.summary.budgetMax", { max }));
  return parts.length ? parts.join(" · ") : t("savedSearch.summary.all");
}

/** The title of a printed or exported list: the edition and batch it is limited to, if any. */
export function scenarioListTitle(query: ScenarioQuery, t: Translate, lang: Lang): string {
  if (query.edition === null) return t("opendata.listTitle");
  if (query.batch === null) return t("home.title", { year: String(query.edition) });
  const ordinal = lang === "zh" ? chineseOrdinal(query.batch) : String(query.batch);
  return t("opendata.listTitleBatch", { year: String(query.edition), ordinal });
}

/** One line per condition of the query (search text, each filter, budget), for people to read. */
export function scenarioQuerySummary(query: ScenarioQuery, t: Translate, lang: Lang): string[] {
  const colon = lang === "zh" ? "：" : ": ";
  const lines: string[] = [];
  if (query.q) lines.push(`${t("list.search.label")}${colon}${query.q}`);
  for (const facet of FACETS) {
    const values = query.filters[facet];
    if (values.length) lines.push(`${t(`facet.${facet}`)}${colon}${listJoin(values.map((v) => vocabularyLabel(t, lang, VOCABULARY[facet], v)), lang)}`);
  }
  if (query.budgetMin !== null || query.budgetMax !== null) {
    lines.push(`${t("list.budget")}${colon}${query.budgetMin ?? 0} – ${query.budgetMax ?? "∞"}`);
  }
  return lines;
}
