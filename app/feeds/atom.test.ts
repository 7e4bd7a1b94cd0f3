import { describe, expect, it } from "vitest";
import { readAtom } from "../../tests/atom";
import { parseXml } from "../../tests/xml";
import { atomTime, escapeXml, renderAtom, tagUri, type AtomFeed } from "./atom";

const feed = (entries: AtomFeed["entries"]): AtomFeed => ({
  id: tagUri("example.org", "2026", "feeds/scenarios"),
  title: "新发布场景 & <更新>",
  selfUrl: "https://example.org/feeds/scenarios.atom?lang=en&x=1",
  alternateUrl: "https://example.org/scenarios",
  updated: "2026-11-20T00:00:00Z",
  author: { name: "攻坚办" },
  lang: "zh-CN",
  entries,
});

const hostile = {
  id: tagUri("example.org:3000", "2026", "scenario/NJ-2026-0001"),
  title: `<script>alert("x")</script> & 'AT&T'`,
  updated: "2026-11-20T10:00:00.123Z",
  published: "2026-11-19",
  link: "https://example.org/scenarios/NJ-2026-0001?a=1&b=2",
  summary: "预算 < 100 万元 & 面议",
  content: "第一段\n<b>不是标签</b>\u0000\u0007控制字符被去掉",
  categories: [{ term: "livelihood", label: "民生 & 服务" }],
};

describe("Atom writer", () => {
  it("writes a valid Atom 1.0 feed", () => {
    const parsed = readAtom(renderAtom(feed([hostile, { ...hostile, id: tagUri("example.org", "2026", "scenario/NJ-2026-0002") }])));
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.selfHref).toBe("https://example.org/feeds/scenarios.atom?lang=en&x=1");
    // The feed is as new as its newest entry.
    expect(parsed.updated).toBe("2026-11-20T10:00:00Z");
  });

  it("escapes markup and ampersands so readers get the text back exactly", () => {
    const xml = renderAtom(feed([hostile]));
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;");
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const [entry] = readAtom(xml).entries;
    expect(entry!.title).toBe(hostile.title);
    expect(entry!.summary).toBe(hostile.summary);
    expect(entry!.content).toBe("第一段\n<b>不是标签</b>控制字符被去掉");
    expect(entry!.link).toBe(hostile.link);
    expect(readAtom(xml).title).toBe("新发布场景 & <更新>");
  });

  it("is still valid with no entries", () => {
    const parsed = readAtom(renderAtom(feed([])));
    expect(parsed.problems).toEqual([]);
    expect(parsed.updated).toBe("2026-11-20T00:00:00Z");
  });

  it("makes tag URIs without the port and RFC 3339 times in UTC", () => {
    expect(tagUri("Example.org:3000", "2026", "scenario/NJ-2026-0001")).toBe("tag:example.org,2026:scenario/NJ-2026-0001");
    expect(atomTime("2026-11-20T08:00:00+08:00")).toBe("2026-11-20T00:00:00Z");
    expect(atomTime("2026-11-20")).toBe("2026-11-19T16:00:00Z");
  });

  it("the test reader refuses what a real XML parser would", () => {
    expect(() => parseXml("<a>x & y</a>")).toThrow();
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml("<a>1 < 2</a>")).toThrow();
    expect(escapeXml("\uD800x")).toBe("x");
  });
});
