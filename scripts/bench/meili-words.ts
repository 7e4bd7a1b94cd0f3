// How far Meilisearch's word matching of Chinese is from the embedded engine's substring matching,
// on the seeded scenarios and the search benchmark's one- and two-character queries, and how much
// an extra field of character pairs (the embedded index's segmentation) would close the gap.
// See docs/decisions/026.
//
// No Meilisearch server runs here, so its side is simulated: the text is segmented as charabia
// segments Chinese (jieba-rs `cut` without HMM, then every word longer than two characters split
// greedily into dictionary bigrams, trigrams and single characters: charabia/src/segmenter/chinese.rs),
// a query matches when every query word is a word of the document and the last one may be a prefix
// (Meilisearch's prefix search); typos, synonyms and ranking are left out. The jieba-rs segmenter and
// dictionary come from @node-rs/jieba, a binding to jieba-rs, which is not a dependency of the site:
//
//   npm install --no-save @node-rs/jieba@2.0.3 && npm run seed && npx tsx scripts/bench/meili-words.ts
//
// `JIEBA_MODULE_BASE=/some/dir/` loads it from another folder's node_modules instead.

import { createRequire } from "node:module";
import path from "node:path";
import { openDatabase } from "~/db/db.server";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { loadScenarioDocuments } from "~/search/documents.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { normalise, segmentForIndex } from "~/search/text";
import { benchmarkQueries } from "./queries";

interface JiebaModule {
  Jieba: { withDict(dict: Uint8Array): { cut(text: string, hmm?: boolean): string[] } };
}

const require = createRequire(process.env.JIEBA_MODULE_BASE ? path.join(process.env.JIEBA_MODULE_BASE, "x.js") : import.meta.url);
const { Jieba } = require("@node-rs/jieba") as JiebaModule;
const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
const jieba = Jieba.withDict(dict);
const words = new Set(Buffer.from(dict).toString("utf8").split("\n").map((line) => line.split(" ")[0]!));

const HAN = /\p{Script=Han}+/gu;

/** charabia's cut_for_search: a word of more than two characters split into dictionary bigrams, trigrams, characters. */
function cutForSearch(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length <= 2) return [word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    const bigram = chars.slice(i, i + 2).join("");
    const trigram = chars.slice(i, i + 3).join("");
    if (i + 2 <= chars.length && words.has(bigram)) {
      out.push(bigram);
      i += 2;
    } else if (i + 3 <= chars.length && words.has(trigram)) {
      out.push(trigram);
      i += 3;
    } else {
      out.push(chars[i]!);
      i += 1;
    }
  }
  return out;
}

/** The words Meilisearch (1.15+) makes of a text: Chinese runs through jieba, other runs split on non-letters. */
function meiliWords(text: string): string[] {
  const out: string[] = [];
  for (const chunk of normalise(text).split(/[^\p{L}\p{N}]+/u)) {
    if (!chunk) continue;
    let last = 0;
    for (const m of chunk.matchAll(HAN)) {
      if (m.index! > last) out.push(chunk.slice(last, m.index));
      out.push(...jieba.cut(m[0], false).flatMap(cutForSearch));
      last = m.index! + m[0].length;
    }
    if (last < chunk.length) out.push(chunk.slice(last));
  }
  return out;
}

function matches(queryWords: string[], docWords: Set<string>, docPrefixes: (w: string) => boolean): boolean {
  return queryWords.every((w, i) => docWords.has(w) || (i === queryWords.length - 1 && docPrefixes(w)));
}

async function main() {
  const file = process.argv[2] ?? "data/demo.db";
  const db = openDatabase(file);
  const documents = await loadScenarioDocuments(db);
  const engine = createEmbeddedEngine(db);
  await engine.replaceAllScenarios(documents);

  const fields = (d: (typeof documents)[number]) => [d.title, d.capabilities.join(" "), d.organisation, d.code ?? "", d.description, d.requirements].join("\n");
  const plain = documents.map((d) => new Set(meiliWords(fields(d))));
  // The extra field: the embedded index's pairs ("门诊部" → 门诊 诊部 部), segmented by the server in turn.
  const withPairs = documents.map((d, i) => new Set([...plain[i]!, ...meiliWords(segmentForIndex(fields(d)))]));
  const prefixOf = (set: Set<string>) => (w: string) => [...set].some((x) => x.startsWith(w));

  const queries = [...new Set(benchmarkQueries().map((q) => q.params.get("q")!))].filter((q) => /^\p{Script=Han}{1,2}$/u.test(q));
  // The example of issue 19, not a benchmark query; reported on its own line, outside the totals.
  const example = "诊";
  const rows: { q: string; embedded: number; words: number; pairs: number; pairsExtra: number }[] = [];
  for (const q of [...queries, example]) {
    const { query } = parseScenarioQuery(new URLSearchParams({ q }));
    const found = await engine.searchScenarios({ query, pageSize: 1000, withFacets: false });
    const embeddedIds = new Set(found.ids);
    const qWords = meiliWords(q);
    const byWords = documents.filter((_, i) => matches(qWords, plain[i]!, prefixOf(plain[i]!)));
    const byPairs = documents.filter((_, i) => matches(qWords, withPairs[i]!, prefixOf(withPairs[i]!)));
    rows.push({
      q,
      embedded: found.total,
      words: byWords.length,
      pairs: byPairs.length,
      pairsExtra: byPairs.filter((d) => !embeddedIds.has(d.id)).length,
    });
  }
  const extra = rows.pop()!;
  const sum = (k: "embedded" | "words" | "pairs" | "pairsExtra") => rows.reduce((n, r) => n + r[k], 0);
  console.log(`${documents.length} public scenarios from ${file}; ${rows.length} one- and two-character queries of the search benchmark`);
  console.log("query\tembedded\tmeili words\tmeili + pairs field\t(+pairs not found by embedded)");
  for (const r of rows) console.log(`${r.q}\t${r.embedded}\t${r.words}\t${r.pairs}\t${r.pairsExtra}`);
  console.log(`total\t${sum("embedded")}\t${sum("words")}\t${sum("pairs")}\t${sum("pairsExtra")}`);
  console.log(`(example ${extra.q}, not in the benchmark)\t${extra.embedded}\t${extra.words}\t${extra.pairs}\t${extra.pairsExtra}`);
  const short = rows.filter((r) => r.words < r.embedded);
  console.log(`queries where words find fewer than the embedded engine: ${short.length} of ${rows.length}`);
  console.log(`queries where words + pairs find fewer: ${rows.filter((r) => r.pairs < r.embedded).length} of ${rows.length}`);
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
