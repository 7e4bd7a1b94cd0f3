import type { DB } from "~/db/db.server";
import { savedQuery } from "~/domain/saved-searches";
import { renderAtom, tagUri, type AtomFeed } from "~/feeds/atom";
import { translator } from "~/i18n/i18n";
import { summarizeQuery } from "~/i18n/query-summary";
import { absoluteUrl, publicUrl } from "~/mail/outbox.server";
import type { SearchEngine } from "~/search/engine";
import { findSavedSearchByFeedToken } from "./saved-searches.server";
import { loadScenarioCards } from "./scenario.server";

const FEED_SIZE = 30;

/**
 * The Atom feed of a saved search, found by its token (feed readers send no cookies): the newest
 * matching public scenarios, in the owner's language. Null when no saved search has this token.
 */
export async function savedSearchFeed(db: DB, engine: SearchEngine, token: string): Promise<string | null> {
  const search = await findSavedSearchByFeedToken(db, token);
  if (!search) return null;
  const owner = await db.selectFrom("users").where("id", "=", search.user_id).select("lang").executeTakeFirst();
  const lang = owner?.lang ?? "zh";
  const t = translator(lang);
  const query = { ...savedQuery(search.query), sort: "newest" as const, page: 1 };
  const response = await engine.searchScenarios({ query, pageSize: FEED_SIZE, withFacets: false });
  const cards = await loadScenarioCards(db, response.ids);
  const authority = new URL(publicUrl()).hostname;
  const newest = cards.map((c) => c.publishedAt).filter((d): d is string => d !== null).sort().at(-1);
  const feed: AtomFeed = {
    id: tagUri(authority, "2026", `saved-search/${search.id}`),
    title: t("savedSearch.feed.title", { name: search.name }),
    subtitle: t("savedSearch.feed.subtitle", { summary: summarizeQuery(query, t, lang) }),
    updated: newest && newest > search.created_at ? newest : search.created_at,
    lang: lang === "zh" ? "zh-CN" : "en",
    author: { name: t("site.name") },
    selfUrl: absoluteUrl(`/feeds/searches/${token}.atom`),
    alternateUrl: absoluteUrl(`/scenarios${search.query ? `?${search.query}` : ""}`),
    entries: cards.map((c) => ({
      // The code is the scenario's stable public identity, so a reader never shows it twice.
      id: tagUri(authority, "2026", `scenario/${c.code}`),
      title: `${c.code} ${c.title}`,
      updated: c.publishedAt ?? search.created_at,
      published: c.publishedAt ?? undefined,
      link: absoluteUrl(`/scenarios/${c.code}`),
      author: { name: c.organisation },
      summary: c.description,
      categories: c.capabilities.map((cap) => ({ term: lang === "en" ? cap.en : cap.zh })),
    })),
  };
  return renderAtom(feed);
}
