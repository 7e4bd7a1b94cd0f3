// The words of a scenario title worth searching for similar ones: capability terms first (智能客服,
// 大模型 — the vocabulary knows them whole), then the title's other words. Pure.

import { capabilitySynonymGroups } from "~/domain/vocabulary";
import { normalise } from "./text";

const MAX_KEYWORDS = 6;
const CJK_CHAR = /^\p{Script=Han}$/u;
// Words nearly every title has: searched only when nothing else is left.
const GENERIC = new Set([
  "基于", "平台", "系统", "服务", "应用", "建设", "项目", "场景", "智能", "智慧", "研发", "开发", "提升",
  "解决", "方案", "示范", "试点", "一体化", "数字化", "人工智能", "ai", "技术", "管理", "及", "与", "和",
]);

let terms: string[] | undefined;
function capabilityTerms(): string[] {
  terms ??= [...new Set(capabilitySynonymGroups().flat().map(normalise))]
    .filter((t) => [...t].length >= 2)
    .sort((a, b) => b.length - a.length);
  return terms;
}

let segmenter: Intl.Segmenter | undefined;

export function titleKeywords(title: string): string[] {
  let rest = normalise(title);
  const found: string[] = [];
  for (const term of capabilityTerms()) {
    if (rest.includes(term)) {
      found.push(term);
      rest = rest.split(term).join(" ");
    }
  }
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  const words: string[] = [];
  // The segmenter splits words it does not know into single characters (导/诊): a run of exactly
  // two is taken as a word; longer runs are too uncertain to search.
  let run: string[] = [];
  const endRun = () => {
    if (run.length === 2) words.push(run.join(""));
    run = [];
  };
  for (const { segment, isWordLike } of segmenter.segment(rest)) {
    if (!isWordLike) { endRun(); continue; }
    if ([...segment].length === 1 && CJK_CHAR.test(segment)) { run.push(segment); continue; }
    endRun();
    if ([...segment].length >= 2) words.push(segment);
  }
  endRun();
  const specific = words.filter((w) => !GENERIC.has(w));
  const all = [...found, ...(specific.length || found.length ? specific : words)];
  return [...new Set(all)].slice(0, MAX_KEYWORDS);
}
