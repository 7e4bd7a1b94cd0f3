import type { DB } from "~/db/db.server";
import { emptyScenarioQuery } from "~/domain/scenario-query";
import { SearchUnavailableError, type SearchEngine } from "~/search/engine";
import { parseSearchText } from "~/search/text";
import { titleKeywords } from "~/search/title-keywords";
import { loadScenarioCards } from "./scenario.server";

// Similar public scenarios for a title being typed: each of the title's keywords is searched on
// its own (a whole Chinese title as one query would only find itself), and a scenario scores by
// how many keywords find it, how high, and how rare each keyword is.

export const MIN_TITLE_LENGTH = 2;
export const MAX_TITLE_LENGTH = 200;
const PER_KEYWORD = 10;

export interface SimilarScenario {
  code: string;
  title: string;
  organisation: string;
  status: string;
  benchmark: boolean;
}

export async function similarScenariosForTitle(db: DB, engine: SearchEngine, title: string, limit = 5): Promise<SimilarScenario[]> {
  if ([...title.trim()].length < MIN_TITLE_LENGTH) return [];
  // A keyword with nothing searchable in it (format characters, punctuation) would match everything.
  const keywords = titleKeywords(title).filter((k) => parseSearchText(k).length > 0);
  if (!keywords.length) return [];
  const base = emptyScenarioQuery();
  let responses;
  try {
    responses = await Promise.all(keywords.map((q) =>
      engine.searchScenarios({ query: { ...base, q, sort: "relevance" }, pageSize: PER_KEYWORD, withFacets: false })));
  } catch (error) {
    // Only a hint while typing: without the engine there is simply nothing to show.
    if (error instanceof SearchUnavailableError) return [];
    throw error;
  }
  const score = new Map<number, number>();
  for (const { ids, total } of responses) {
    // A keyword that finds almost everything says little about similarity.
    const weight = 1 / Math.log2(2 + total);
    ids.forEach((id, rank) => score.set(id, (score.get(id) ?? 0) + weight * (1 - rank / (2 * PER_KEYWORD))));
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, limit).map(([id]) => id);
  const cards = await loadScenarioCards(db, ranked);
  if (!cards.length) return [];
  const certified = new Set((await db.selectFrom("benchmark_applications").where("scenario_id", "in", cards.map((c) => c.id))
    .where("status", "=", "certified").select("scenario_id").execute()).map((r) => r.scenario_id));
  return cards.map((c) => ({
    code: c.code,
    title: c.title,
    organisation: c.organisation,
    status: c.status,
    phase: c.phase,
    benchmark: c.status === "benchmark" || certified.has(c.id),
  }));
}
