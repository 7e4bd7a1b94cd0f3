import type { Labeler } from "~/domain/open-data/scenario-record";
import { translator, type Lang } from "./i18n";
import { vocabularyLabel } from "./labels";

/** Names of vocabulary codes in one language, for exports and open data formats. */
export function vocabularyLabeler(lang: Lang): Labeler {
  const t = translator(lang);
  return (kind, value) => vocabularyLabel(t, lang, kind, value);
}
