// Turns a long text (a scenario's title and requirements, a vendor's products) into a bag of
// keywords for matching, where any word may match. Pure functions.

import { normalise } from "./text";

// Words every scenario and every vendor uses: they would match everything and mean nothing.
const STOP_WORDS = new Set(
  [
    "需要", "进行", "实现", "系统", "平台", "提供", "能够", "相关", "以及", "通过", "支持", "我们", "服务", "建设", "应用",
    "场景", "智能", "要求", "具备", "具有", "可以", "一个", "提升", "基于", "包括", "方案", "企业", "项目", "工作", "使用",
    "the", "and", "for", "with", "of", "to", "in", "on", "a", "an",
  ].map(normalise),
);

const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Distinct keywords of the texts, first the `whole` phrases as given (capability names), then the
 * words of the free text in order of first appearance, at most `max`. Words are found with the
 * ICU word segmenter; single characters and stop words are left out.
 */
export function keywords(whole: string[], freeText: string[], max = 24): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const push = (word: string) => {
    const w = normalise(word).trim();
    if (!w || seen.has(w) || STOP_WORDS.has(w) || Array.from(w).length < 2 || !WORDISH.test(w)) return;
    seen.add(w);
    out.push(w);
  };
  whole.forEach(push);
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  for (const text of freeText) {
    for (const { segment, isWordLike } of segmenter.segment(text)) {
      if (out.length >= max) return out;
      if (isWordLike) push(segment);
    }
  }
  return out.slice(0, max);
}
