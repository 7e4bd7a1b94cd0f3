import type { MetaDescriptor } from "react-router";
import type { Lang, Translate } from "~/i18n/i18n";

/** `<link rel="alternate">` to the Atom feeds, so browsers and feed readers find them from a page. */
export function feedLinks(t: Translate, lang: Lang): MetaDescriptor[] {
  const suffix = lang === "en" ? "?lang=en" : "";
  return [
    { tagName: "link", rel: "alternate", type: "application/atom+xml", title: t("opendata.feed.scenarios.title"), href: `/feeds/scenarios.atom${suffix}` },
    { tagName: "link", rel: "alternate", type: "application/atom+xml", title: t("opendata.feed.benchmarks.title"), href: `/feeds/benchmarks.atom${suffix}` },
  ];
}
