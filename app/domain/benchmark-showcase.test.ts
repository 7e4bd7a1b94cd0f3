import { describe, expect, it } from "vitest";
import {
  beijingYear, filterShowcase, headlineKpi, improvementPercent, parseBenchmarkNumber, parseShowcaseQuery, replicaTitle,
  serializeShowcaseQuery, type ShowcaseEntry,
} from "./benchmark-showcase";

const entry = (id: number, fields: Partial<ShowcaseEntry>): ShowcaseEntry => ({
  id, domain: "livelihood", venue: "hospital", district: "鼓楼区", year: "2026", capabilities: ["llm"], text: "", ...fields,
});

const entries = [
  entry(1, { text: "智能导诊 南京市鼓楼医院 云启智能 导诊准确率", capabilities: ["llm", "agent"] }),
  entry(2, { domain: "governance", venue: null, district: "江宁区", year: "2025", capabilities: ["cv"], text: "城市治理 违停识别 江宁区城管局 识别准确率" }),
  entry(3, { domain: "livelihood", venue: "school", district: "江宁区", capabilities: ["speech"], text: "课堂语音评测 南京一中 讯声科技 评测一致率" }),
];
const query = (qs: string) => parseShowcaseQuery(new URLSearchParams(qs));

describe("the showcase filter", () => {
  it("narrows by each facet, any value within a facet, all facets together", () => {
    expect(filterShowcase(entries, query("district=江宁区")).ids).toEqual([2, 3]);
    expect(filterShowcase(entries, query("district=江宁区&domain=livelihood")).ids).toEqual([3]);
    expect(filterShowcase(entries, query("venue=hospital&venue=school")).ids).toEqual([1, 3]);
    expect(filterShowcase(entries, query("year=2025")).ids).toEqual([2]);
    expect(filterShowcase(entries, query("capability=agent")).ids).toEqual([1]);
  });

  it("searches the text by substring, every word, with capability synonyms", () => {
    expect(filterShowcase(entries, query("q=医")).ids).toEqual([1]);
    expect(filterShowcase(entries, query("q=准确率")).ids).toEqual([1, 2]);
    expect(filterShowcase(entries, query("q=准确率 江宁")).ids).toEqual([2]);
    // 机器视觉 is a synonym of 计算机视觉, not in any text: the synonym group is searched.
    expect(filterShowcase([entry(9, { text: "计算机视觉 巡检" })], query("q=机器视觉")).ids).toEqual([9]);
    expect(filterShowcase(entries, query("q=不存在的词")).ids).toEqual([]);
  });

  it("counts each facet's values ignoring that facet's own selection", () => {
    const result = filterShowcase(entries, query("district=江宁区&domain=governance"));
    expect(result.facets.domain).toEqual({ governance: 1, livelihood: 1 });
    expect(result.facets.district).toEqual({ 江宁区: 1 });
    expect(result.facets.year).toEqual({ 2025: 1 });
    expect(result.years).toEqual(["2026", "2025"]);
  });

  it("drops unknown filter values and bad pages, and writes back only what is set", () => {
    const q = query("domain=nope&domain=industry&year=abc&capability=llm&page=-2&q=%20 医院%0a ");
    expect(q).toEqual({ q: "医院", filters: { domain: ["industry"], venue: [], district: [], year: [], capability: ["llm"] }, page: 1 });
    expect(serializeShowcaseQuery(q, { page: 3 }).toString()).toBe("q=%E5%8C%BB%E9%99%A2&domain=industry&capability=llm&page=3");
  });
});

describe("benchmark numbers and years", () => {
  it("accepts BM-YYYY-NNNN in any case and nothing else", () => {
    expect(parseBenchmarkNumber("bm-2026-0042")).toBe("BM-2026-0042");
    for (const bad of ["BM-2026-42", "NJ-2026-0042", "BM-2026-0042x", undefined]) expect(parseBenchmarkNumber(bad)).toBeNull();
  });

  it("reads the certification year in Beijing time", () => {
    expect(beijingYear("2025-12-31T16:30:00.000Z")).toBe("2026");
    expect(beijingYear("2025-12-31T15:30:00.000Z")).toBe("2025");
  });
});

describe("the headline result", () => {
  const kpi = (name: string, baseline: number, target: number, measured: number | null, higherIsBetter = true) =>
    ({ name, unit: "%", baseline, target, measured, higherIsBetter });

  it("measures improvement in the KPI's good direction, relative to the baseline", () => {
    expect(improvementPercent(kpi("准确率", 70, 90, 93))).toBe(32.9);
    expect(improvementPercent(kpi("候诊时间", 30, 15, 12, false))).toBe(60);
    expect(improvementPercent(kpi("投诉", 10, 5, 12, false))).toBe(-20);
    expect(improvementPercent(kpi("新指标", 0, 5, 8))).toBeNull();
    expect(improvementPercent(kpi("未测", 10, 20, null))).toBeNull();
  });

  it("leads with the most improved KPI, else the first measured one", () => {
    expect(headlineKpi([kpi("准确率", 70, 90, 93), kpi("候诊时间", 30, 15, 12, false)])?.kpi.name).toBe("候诊时间");
    expect(headlineKpi([kpi("未测", 1, 2, null), kpi("新指标", 0, 5, 8), kpi("另一个", 0, 1, 1)])).toMatchObject({ kpi: { name: "新指标" }, improvement: null });
    expect(headlineKpi([kpi("新指标", 0, 5, 8), kpi("准确率", 70, 90, 77)])?.kpi.name).toBe("准确率");
    expect(headlineKpi([kpi("未测", 1, 2, null)])).toBeNull();
  });
});

describe("the title of a replica", () => {
  it("names the benchmark and fits the 100-character limit", () => {
    expect(replicaTitle("BM-2026-0042", "智能导诊")).toBe("参照 BM-2026-0042：智能导诊");
    const long = replicaTitle("BM-2026-0042", "很".repeat(120));
    expect(long).toHaveLength(100);
    expect(long.endsWith("很…")).toBe(true);
    // A character outside the BMP is never cut in half.
    const astral = replicaTitle("BM-2026-0042", "𠀋".repeat(60));
    expect(astral.length).toBeLessThanOrEqual(100);
    expect(astral).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});
