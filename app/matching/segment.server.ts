// Chinese word segmentation for matching, with jieba (@node-rs/jieba, the family Meilisearch's
// tokenizer uses) and a user dictionary of the words a domain expert picks out of a scenario: the
// capability vocabulary and its synonyms, the industry words, venue words and domain terms of
// app/domain/matching-terms.ts. Intl.Segmenter split 客服 → 客|服 and 运维 → 运|维 inside longer
// titles, and single characters were dropped, so those words never reached matching.
//
// This module is for matching only: the embedded search index keeps its own character-pair
// segmentation (app/search/text.ts).

import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { fold, isTermCandidate, userDictionaryWords } from "~/domain/matching-terms";

/** High enough that jieba keeps a dictionary word whole rather than splitting it. */
const USER_WORD_FREQUENCY = 200000;

let instance: Jieba | null = null;
let userWords: string[] = [];

function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    userWords = userDictionaryWords().map(fold);
    instance.loadDict(Buffer.from(userWords.map((w) => `${w} ${USER_WORD_FREQUENCY}`).join("\n")));
  }
  return instance;
}

/**
 * The words of a text, in order, as jieba's precise mode cuts them, each followed by the user
 * dictionary's words inside it (智能导诊台 → 智能, 导诊台, 导诊; 多模态大模型 → …, 大模型), folded (NFKC,
 * lower case). Not jieba's search mode: that also emits every dictionary fragment of a long word
 * (知识图谱 → 识图, 多模态 → 多模), which then match texts that have nothing in common.
 */
export function segment(text: string): string[] {
  if (!text.trim()) return [];
  const out: string[] = [];
  for (const raw of jieba().cut(fold(text), true)) {
    const w = raw.trim();
    if (!w) continue;
    out.push(w);
    if (Array.from(w).length > 2) for (const u of userWords) if (u !== w && w.includes(u)) out.push(u);
  }
  return out;
}

/**
 * Place names (jieba's part of speech `ns`: 川西, 锦江, 南京): where a scenario is, not what it needs.
 * Two texts sharing a place name are not alike for matching.
 */
function placeNames(text: string): Set<string> {
  if (!text.trim()) return new Set();
  return new Set(jieba().tag(fold(text), true).filter((t) => t.tag === "ns").map((t) => t.word));
}

/** The distinct matching terms of a text: segmented, without single characters, numbers, filler and place names. */
export function terms(text: string): string[] {
  const places = placeNames(text);
  return [...new Set(segment(text).filter((w) => isTermCandidate(w) && !places.has(w)))];
}
