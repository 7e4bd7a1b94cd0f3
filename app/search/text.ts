// Text handling shared by both search engines and the highlighter: normalisation, Chinese
// segmentation for the embedded index, query terms with capability synonyms. Pure functions.

import { capabilitySynonymGroups } from "~/domain/vocabulary";

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_GLOBAL = new RegExp(CJK.source, "gu");
const WORD_CHARS = /[\p{L}\p{N}]+/gu;
const MAX_TERMS = 12;

/** Full-width to half-width, compatibility forms folded, lower case: how text and queries are compared. */
export function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * Segments text for the embedded FTS5 index: every CJK character becomes its own token and other
 * words stay whole. A query phrase of consecutive characters then matches exactly the documents
 * that contain it as a substring, so one-, two- and many-character Chinese queries all work.
 */
export function segmentForIndex(text: string): string {
  return normalise(text).replace(CJK_GLOBAL, " $& ");
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
    for (const run of word.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu) ?? []) {
      if (terms.some((t) => t.text === run)) continue;
      terms.push({ text: run, alternatives: synonymsOf(run) });
    }
  }
  return terms.slice(0, MAX_TERMS);
}

function ftsPhrase(alternative: string): string {
  const tokens = segmentForIndex(alternative).match(WORD_CHARS) ?? [];
  const phrase = `"${tokens.join(" ")}"`;
  // A lone Latin word also finds longer words it begins (agent → agents); CJK needs no prefix.
  return tokens.length === 1 && !CJK.test(tokens[0]!) && tokens[0]!.length >= 3 ? `${phrase}*` : phrase;
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
