import type { MetaDescriptor } from "react-router";
import { isLang, translator, type Lang, type Translate } from "~/i18n/i18n";

interface Match {
  id: string;
  data: unknown;
}

/** The visitor's language from the root loader: also there when the route itself failed. */
export function matchedLang(matches: Match[]): Lang {
  const lang = (matches.find((m) => m.id === "root")?.data as { lang?: unknown } | undefined)?.lang;
  return isLang(lang) ? lang : "zh";
}

/** `<title>Page · 场景机会</title>` in the visitor's language. */
export function pageTitle(matches: Match[], title: (t: Translate) => string): MetaDescriptor[] {
  const t = translator(matchedLang(matches));
  return [{ title: `${title(t)} · ${t("site.name")}` }];
}
