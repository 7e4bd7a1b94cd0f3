import { FACETS, type Facet, type ScenarioQuery } from "~/domain/scenario-query";
import type { Lang, Translate } from "./i18n";
import { listJoin, vocabularyLabel } from "./labels";

const VOCABULARY = { domain: "domain", district: "district", venue: "venue", mode: "mode", tier: "tier", status: "status" } as const satisfies Record<Facet, string>;

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
