import { describe, expect, it } from "vitest";
import { keywords } from "~/search/keywords";
import { segment, terms } from "./segment.server";

// Titles of the kind real lists print, each hiding one of the words the old segmenter lost.
const CASES: [string, string][] = [
  ["政务服务便民热线智能客服应用场景", "客服"],
  ["数据中心智能运维与故障预警", "运维"],
  ["新型储能电站安全监测预警", "储能"],
  ["汽车零部件产线AI视觉质检", "质检"],
  ["门急诊全流程智能导诊与预问诊", "导诊"],
];

describe("segmentation for matching", () => {
  it.each(CASES)("keeps the domain word whole in %s", (title, word) => {
    expect(segment(title)).toContain(word);
    expect(terms(title)).toContain(word);
  });

  it("finds the word inside a compound as well as the compound (search mode)", () => {
    expect(terms("医院门诊智能导诊")).toEqual(expect.arrayContaining(["导诊", "门诊", "医院"]));
  });

  it("drops single characters, numbers and filler", () => {
    const t = terms("2025年成都市第一批应用场景清单：客服");
    expect(t).toContain("客服");
    for (const dropped of ["2025", "年", "成都市", "第一批", "应用场景", "清单", "："]) expect(t).not.toContain(dropped);
  });

  it("folds width and case", () => {
    expect(terms("ＬＬＭ 与 OCR 票据识别")).toEqual(expect.arrayContaining(["llm", "ocr"]));
  });

  // The words the issue saw lost: the old keyword extraction (Intl.Segmenter) misses at least one of
  // them, which is why matching now segments with jieba. If this starts failing, the ICU data got
  // better and the comparison should be revisited, not deleted.
  it("recovers words the ICU segmenter loses", () => {
    const lostBefore = CASES.filter(([title, word]) => !keywords([], [title], 50).includes(word));
    expect(lostBefore.length).toBeGreaterThan(0);
    for (const [title, word] of lostBefore) expect(terms(title)).toContain(word);
  });
});
