// Text handling shared by both search engines and the highlighter: normalisation, Chinese
// segmentation for the embedded index, query terms with capability synonyms. Pure functions.

import { capabilitySynonymGroups } from "~/domain/vocabulary";

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHARS = /[\p{L}\p{N}]+/gu;
const MAX_TERMS = 12;

/** Full-width to half-width, compatibility forms folded, lower case: how text and queries are compared. */
export function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Overlapping character pairs of a CJK run, then its last character alone: 鼓楼医院 → 鼓楼 楼医 医院 院. */
function cjkTokens(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const pairs = chars.slice(0, -1).map((ch, i) => ch + chars[i + 1]);
  return [...pairs, chars[chars.length - 1]!];
}

/**
 * Segments text for the embedded FTS5 index (see docs/decisions/001): CJK runs become overlapping
 * character pairs, other words stay whole. A query of two or more characters is then a phrase of
 * consecutive pairs, which matches exactly the documents containing it as a substring; a single
 * character is a prefix query over the pairs (plus the run-final character token).
 */
export function segmentForIndex(text: string): string {
  return normalise(text).replace(CJK_RUN, (run) => ` ${cjkTokens(run).join(" ")} `);
}

export interface SearchTerm {
  /** What the user typed for this term, normalised. */
  text: string;
  /** Spellings that count as a match: the term itself and its capability synonyms. */
  alternatives: string[];
}

let synonymIndex: Map<string, string[]> | undefined;
function synonymsOf(term: string): string[] {
  if (!synonymIndex) {
    synonymIndex = new Map();
    for (const group of capabilitySynonymGroups()) for (const t of group) synonymIndex.set(normalise(t), group.map(normalise));
  }
  return synonymIndex.get(term) ?? [term];
}

/** Splits a query into terms (all of which must match), each with its synonyms. */
export function parseSearchText(q: string): SearchTerm[] {
  const text = normalise(q).trim();
  if (!text) return [];
  const whole = synonymsOf(text);
  if (whole.length > 1) return [{ text, alternatives: whole }];

  const terms: SearchTerm[] = [];
  for (const word of text.match(WORD_CHARS) ?? []) {
    // "llm医院" is two terms: a run of CJK characters and a run of anything else.
    for (const run of word.match(RUNS) ?? []) {
      if (terms.some((t) => t.text === run)) continue;
      terms.push({ text: run, alternatives: synonymsOf(run) });
    }
  }
  return terms.slice(0, MAX_TERMS);
}

function ftsPhrase(alternative: string): string {
  // Split as the index splits: words, then CJK and other runs within each word ("ai agent", 生成式ai).
  const runs = (normalise(alternative).match(WORD_CHARS) ?? []).flatMap((w) => w.match(RUNS) ?? []);
  const tokens: string[] = [];
  let prefix = false;
  runs.forEach((run, i) => {
    const last = i === runs.length - 1;
    if (!CJK.test(run)) {
      tokens.push(run);
      // A lone Latin word also finds longer words it begins (agent → agents).
      prefix = runs.length === 1 && run.length >= 3;
    } else if (!last) {
      // The document's run ends here too, so its run-final character token is there.
      tokens.push(...cjkTokens(run));
    } else if (Array.from(run).length === 1) {
      // One character: any pair it begins, or itself at the end of a run.
      tokens.push(run);
      prefix = true;
    } else {
      // The document's run may go on, so leave out the run-final token.
      tokens.push(...cjkTokens(run).slice(0, -1));
    }
  });
  return `"${tokens.join(" ")}"${prefix ? "*" : ""}`;
}

/**
 * The FTS5 MATCH expression for the terms. Every token is quoted and contains only letters and
 * digits, so nothing the user types can be read as FTS5 syntax.
 */
export function toFtsQuery(terms: SearchTerm[]): string {
  return terms.map((t) => `(${t.alternatives.map(ftsPhrase).join(" OR ")})`).join(" AND ");
}

/** All spellings to highlight, longest first so that 鼓楼医院 wins over 医院. */
export function highlightWords(terms: SearchTerm[]): string[] {
  return [...new Set(terms.flatMap((t) => t.alternatives))].sort((a, b) => b.length - a.length);
}

export interface TextSegment {
  text: string;
  hit: boolean;
}

/** `normalise`, character by character, keeping any character whose folding changes its length (… → ...). */
function normaliseKeepingLength(text: string): string {
  return Array.from(text, (ch) => {
    const folded = normalise(ch);
    return folded.length === ch.length ? folded : ch.toLowerCase();
  }).join("");
}

/** Splits text into plain and highlighted segments; rendered as React children, so never as HTML. */
export function highlight(text: string, words: string[]): TextSegment[] {
  if (!words.length || !text) return [{ text, hit: false }];
  const lower = normaliseKeepingLength(text);
  const marks = new Uint8Array(text.length);
  for (const word of words) {
    if (!word) continue;
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
      marks.fill(1, at, at + word.length);
    }
  }
  const segments: TextSegment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      segments.push({ text: text.slice(start, i), hit: marks[start] === 1 });
      start = i;
    }
  }
  return segments;
}

/** A window of the text around its first highlighted word, for result snippets. */
export function excerpt(text: string, words: string[], length = 90): string {
  if ([...text].length <= length) return text;
  const lower = normaliseKeepingLength(text);
  const first = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), Infinity);
  const start = Number.isFinite(first) ? Math.max(0, first - Math.floor(length / 3)) : 0;
  const body = text.slice(start, start + length);
  return `${start > 0 ? "…" : ""}${body}${start + length < text.length ? "…" : ""}`;
}

/**
 * The most words a query may have. Meilisearch reads only the first 10 words of a query and
 * silently ignores the rest (its `words_limit`), which broadens the results there while the
 * embedded engine would still require every word; both engines search the same first 10 words.
 */
export const MAX_QUERY_WORDS = 10;

/**
 * The search text both engines see (docs/decisions/002): NFKC-folded and lower-cased, every
 * character that is neither a letter nor a digit turned into a space. Meilisearch reads `"…"` as a
 * phrase and a leading `-word` as an exclusion; the embedded engine ignores punctuation. Without
 * the punctuation both engines read the same words. Pure; the index is not tokenized by this.
 */
export function normaliseQuery(q: string): string {
  return normalise(q)
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
}

export interface PreparedQuery {
  /** The normalised text, cut after its `MAX_QUERY_WORDS`th word. */
  text: string;
  /** How many words the query had (words as the zh word segmenter finds them). */
  words: number;
  /** The words left out, in order; empty when nothing was cut. */
  dropped: string[];
}

/**
 * Normalises a query and keeps its first `MAX_QUERY_WORDS` words, the same for both engines.
 * Words are counted with the ICU word segmenter (Chinese runs are split into words), which comes
 * close to, but is not, the jieba segmentation Meilisearch counts with.
 */
export function prepareQuery(q: string, maxWords = MAX_QUERY_WORDS): PreparedQuery {
  const text = normaliseQuery(q);
  if (!text) return { text, words: 0, dropped: [] };
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  let words = 0;
  let cut = text.length;
  const dropped: string[] = [];
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) continue;
    words++;
    if (words === maxWords + 1) cut = index;
    if (words > maxWords) dropped.push(segment);
  }
  return { text: text.slice(0, cut).trim(), words, dropped };
}

/** At most this many distinct terms of a vendor search (matching's bag of keywords). */
export const MAX_VENDOR_TERMS = 48;

/**
 * The terms of a vendor search, where ANY term may match: each whitespace-separated keyword split
 * as `parseSearchText` splits it, distinct, at most `MAX_VENDOR_TERMS`. Both engines search these
 * same terms: the embedded engine ORs them, Meilisearch sends one query per term.
 */
export function vendorSearchTerms(text: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const word of normaliseQuery(text).split(/\s+/)) {
    for (const term of parseSearchText(word)) {
      if (seen.has(term.text)) continue;
      seen.add(term.text);
      terms.push(term);
    }
  }
  return terms.slice(0, MAX_VENDOR_TERMS);
}
