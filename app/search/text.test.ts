import { describe, expect, it } from "vitest";
import { excerpt, highlight, normaliseQuery, parseSearchText, prepareQuery, segmentForIndex, toFtsQuery, vendorSearchTerms } from "./text";

describe("search text", () => {
  it("segments Chinese into overlapping pairs plus the run's last character, Latin words whole", () => {
    expect(segmentForIndex("鼓楼医院LLM导诊，医").trim().split(/[\s,]+/)).toEqual(["鼓楼", "楼医", "医院", "院", "llm", "导诊", "诊", "医"]);
  });

  it("turns Chinese terms into phrases of pairs, and one character into a prefix", () => {
    expect(toFtsQuery(parseSearchText("鼓楼医院"))).toBe('("鼓楼 楼医 医院")');
    expect(toFtsQuery(parseSearchText("医"))).toBe('("医"*)');
    // A synonym mixing scripts keeps the run-final token where the Chinese run ends.
    expect(toFtsQuery(parseSearchText("AIGC"))).toContain('"生成 成式 式 ai"');
  });

  it("folds full-width letters so ＬＬＭ is LLM", () => {
    expect(parseSearchText("ＬＬＭ")[0]!.text).toBe("llm");
  });

  it("splits mixed queries into terms that must all match", () => {
    expect(parseSearchText("LLM 医院").map((t) => t.text)).toEqual(["llm", "医院"]);
    expect(parseSearchText("5G医院").map((t) => t.text)).toEqual(["5g", "医院"]);
  });

  it("expands capability synonyms both ways", () => {
    expect(parseSearchText("LLM")[0]!.alternatives).toContain("大模型");
    expect(parseSearchText("大模型")[0]!.alternatives).toContain("llm");
    expect(parseSearchText("机器视觉")[0]!.alternatives).toContain("计算机视觉");
  });

  it("quotes every token, so FTS5 syntax typed by a user is inert", () => {
    const fts = toFtsQuery(parseSearchText('医院" OR * NEAR(a b) -x : AND'));
    expect(fts).toBe('("医院") AND ("or") AND ("near"*) AND ("a") AND ("b") AND ("x") AND ("and"*)');
  });

  it("gives nothing for text without letters or digits", () => {
    expect(parseSearchText(" \" * ( ) : - ")).toEqual([]);
  });

  it("marks matches, longest word first, case-insensitively", () => {
    expect(highlight("南京市鼓楼医院LLM导诊", ["鼓楼医院", "医院", "llm"])).toEqual([
      { text: "南京市", hit: false },
      { text: "鼓楼医院LLM", hit: true },
      { text: "导诊", hit: false },
    ]);
    expect(highlight("<script>", ["script"])).toEqual([
      { text: "<", hit: false },
      { text: "script", hit: true },
      { text: ">", hit: false },
    ]);
  });

  it("cuts an excerpt around the first match", () => {
    const text = `${"前".repeat(200)}智能客服${"后".repeat(200)}`;
    const cut = excerpt(text, ["智能客服"], 60);
    expect(cut).toContain("智能客服");
    expect(cut.startsWith("…")).toBe(true);
    expect(cut.endsWith("…")).toBe(true);
  });
});

describe("highlighting text that NFKC would lengthen", () => {
  it("still marks words next to an ellipsis and full-width letters", () => {
    expect(highlight("医院开放…ＬＬＭ", ["医院", "llm"])).toEqual([
      { text: "医院", hit: true },
      { text: "开放…", hit: false },
      { text: "ＬＬＭ", hit: true },
    ]);
  });
});

describe("the query both engines search", () => {
  it("drops what Meilisearch would read as syntax: quotes, a leading minus, punctuation", () => {
    expect(normaliseQuery('"智能 导诊" -医院')).toBe("智能 导诊 医院");
    expect(normaliseQuery("门诊，导诊！（ＬＬＭ）")).toBe("门诊 导诊 llm");
    expect(normaliseQuery("  -- ")).toBe("");
  });

  it("keeps the first 10 words and names the rest", () => {
    const words = ["医院", "门诊", "预约", "挂号", "排队", "检验", "报告", "llm", "病历", "影像", "熊猫", "火箭"];
    const q = words.join(" ");
    expect(prepareQuery(q)).toEqual({ text: words.slice(0, 10).join(" "), words: 12, dropped: words.slice(10) });
    expect(prepareQuery("LLM 医院")).toEqual({ text: "llm 医院", words: 2, dropped: [] });
  });

  it("splits a vendor search into distinct terms, at most 48", () => {
    expect(vendorSearchTerms("大模型 导诊, 大模型 LLM").map((t) => t.text)).toEqual(["大模型", "导诊", "llm"]);
    expect(vendorSearchTerms(Array.from({ length: 60 }, (_, i) => `w${i}`).join(" "))).toHaveLength(48);
  });
});
