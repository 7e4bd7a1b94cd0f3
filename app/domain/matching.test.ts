import { describe, expect, it } from "vitest";
import {
  capabilityCoverage,
  MATCH_WEIGHTS as W,
  MAX_POINTS,
  mentionsCapability,
  normaliseRelevance,
  rankMatches,
  scoreMatch,
  termCoverage,
  termWeights,
  titleTerms,
  type ScenarioProfile,
  type TrackRecordItem,
  type VendorProfile,
} from "./matching";

const scenario: ScenarioProfile = { id: 1, domain: "livelihood", venueType: "hospital", district: "鼓楼区", capabilities: ["llm", "cv"] };

function vendor(overrides: Partial<VendorProfile> = {}): VendorProfile {
  return {
    id: 10,
    district: "江宁区",
    capabilities: [],
    text: "",
    servedDomains: [],
    servedVenueTypes: [],
    servedDistricts: [],
    filedModels: [],
    trackRecord: [],
    ...overrides,
  };
}

const past = (overrides: Partial<TrackRecordItem>): TrackRecordItem => ({
  scenarioId: 99,
  domain: "industry",
  venueType: "factory",
  capabilities: [],
  selected: false,
  pilot: false,
  certifiedBenchmark: false,
  ...overrides,
});

const reason = (v: VendorProfile, code: string, s = scenario) => scoreMatch(s, v).reasons.find((r) => r.code === code);

describe("capability overlap", () => {
  it("ranks an exact capability above a synonym-only mention above none, all else equal", () => {
    const exact = vendor({ id: 1, capabilities: ["cv"], text: "安防监控产品" });
    const synonymOnly = vendor({ id: 2, capabilities: [], text: "基于机器视觉的巡检产品" });
    const none = vendor({ id: 3, capabilities: [], text: "安防监控产品" });
    const ranked = rankMatches([none, synonymOnly, exact].map((v) => ({ id: v.id, ...scoreMatch(scenario, v) })));
    expect(ranked.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(ranked[0]!.points).toBeGreaterThan(ranked[1]!.points);
    expect(ranked[1]!.points).toBeGreaterThan(ranked[2]!.points);
  });

  it("counts a capability as synonym-only when the text names it in any spelling but the tag is missing", () => {
    expect(capabilityCoverage(scenario, vendor({ capabilities: ["cv"], text: "自研大语言模型" }))).toEqual({
      exact: ["cv"],
      synonym: ["llm"],
      missing: [],
    });
    expect(capabilityCoverage(scenario, vendor({ text: "GPT 客服" })).synonym).toEqual(["llm"]);
  });

  it("finds Latin spellings only as whole words", () => {
    expect(mentionsCapability("CV 算法", "cv")).toBe(true);
    expect(mentionsCapability("CVS pharmacy partner", "cv")).toBe(false);
    expect(mentionsCapability("Edge AI box", "edge_computing")).toBe(true);
  });

  it("gives the exact weight times the share of the scenario's capabilities, and lists the rest as missing", () => {
    const result = scoreMatch(scenario, vendor({ capabilities: ["llm"] }));
    expect(result.reasons.find((r) => r.code === "capability_exact")).toEqual({ code: "capability_exact", points: W.capabilityExact / 2, values: { capabilities: ["llm"] } });
    expect(result.missing).toContainEqual({ code: "capability", values: { capabilities: ["cv"] } });
    expect(reason(vendor({ text: "图像识别" }), "capability_synonym")?.points).toBe(W.capabilitySynonym / 2);
  });
});

describe("each signal's contribution", () => {
  it("scores a vendor with nothing in common at zero", () => {
    const result = scoreMatch({ ...scenario, capabilities: [] }, vendor());
    expect(result).toMatchObject({ points: 0, score: 0, reasons: [] });
  });

  it("adds the served domain and the selected or piloted scenarios in it, up to the cap", () => {
    expect(reason(vendor({ servedDomains: ["livelihood"] }), "domain_served")?.points).toBe(W.domainServed);
    const history = [1, 2, 3, 4].map((i) => past({ scenarioId: 100 + i, domain: "livelihood", selected: true }));
    expect(reason(vendor({ trackRecord: history }), "domain_experience")).toEqual({
      code: "domain_experience",
      points: W.domainExperience * W.experienceCap,
      values: { domain: "livelihood", count: 4 },
    });
    // A proposal that was only submitted is sealed and never part of the track record.
    expect(reason(vendor({ trackRecord: [past({ domain: "livelihood" })] }), "domain_experience")).toBeUndefined();
  });

  it("adds venue experience, but not for the vague venue type 'other'", () => {
    const history = [past({ scenarioId: 5, venueType: "hospital", pilot: true }), past({ scenarioId: 6, venueType: "hospital", selected: true })];
    expect(reason(vendor({ trackRecord: history }), "venue_experience")).toEqual({
      code: "venue_experience",
      points: 2 * W.venueExperience,
      values: { venue: "hospital", count: 2 },
    });
    expect(reason(vendor({ servedVenueTypes: ["hospital"] }), "venue_served")?.points).toBe(W.venueServed);
    const other = { ...scenario, venueType: "other" };
    expect(reason(vendor({ servedVenueTypes: ["other"], trackRecord: [past({ venueType: "other", pilot: true })] }), "venue_served", other)).toBeUndefined();
  });

  it("prefers the same district over one the vendor serves", () => {
    expect(reason(vendor({ district: "鼓楼区" }), "same_district")?.points).toBe(W.sameDistrict);
    expect(reason(vendor({ servedDistricts: ["鼓楼区"] }), "serves_district")?.points).toBe(W.servesDistrict);
    expect(reason(vendor({ district: "鼓楼区", servedDistricts: ["鼓楼区"] }), "serves_district")).toBeUndefined();
  });

  it("counts pilots sharing a capability and certified benchmarks in similar scenarios", () => {
    const history = [
      past({ scenarioId: 7, capabilities: ["cv"], pilot: true, certifiedBenchmark: true }),
      past({ scenarioId: 8, capabilities: ["ocr"], pilot: true }),
      past({ scenarioId: 9, domain: "livelihood", certifiedBenchmark: true, pilot: true }),
    ];
    const v = vendor({ trackRecord: history });
    expect(reason(v, "similar_pilots")).toMatchObject({ points: W.similarPilot, values: { count: 1 } });
    expect(reason(v, "similar_benchmarks")).toMatchObject({ points: 2 * W.similarBenchmark, values: { count: 2 } });
  });

  it("never counts the scenario itself as track record", () => {
    const v = vendor({ trackRecord: [past({ scenarioId: scenario.id, domain: "livelihood", pilot: true, capabilities: ["cv"] })] });
    expect(scoreMatch(scenario, v).reasons).toEqual([]);
  });

  it("rewards a filed industry model only when the scenario needs a large model, and says when it is missing", () => {
    const v = vendor({ filedModels: ["云启医疗大模型"] });
    expect(reason(v, "filed_model")).toEqual({ code: "filed_model", points: W.filedModel, values: { names: ["云启医疗大模型"] } });
    expect(reason(v, "filed_model", { ...scenario, capabilities: ["cv"] })).toBeUndefined();
    expect(scoreMatch(scenario, vendor()).missing).toContainEqual({ code: "filed_model", values: {} });
  });

  it("adds the text relevance times its weight, clamped to 0..1", () => {
    expect(scoreMatch(scenario, vendor(), 0.5).reasons).toEqual([{ code: "text", points: W.text / 2, values: { relevance: 0.5 } }]);
    expect(scoreMatch(scenario, vendor(), 3).points).toBe(W.text);
  });

  it("reports the score as a share of the most points, strongest reason first", () => {
    const result = scoreMatch(scenario, vendor({ capabilities: ["llm", "cv"], district: "鼓楼区" }));
    expect(result.points).toBe(W.capabilityExact + W.sameDistrict);
    expect(result.score).toBe(Math.round(((W.capabilityExact + W.sameDistrict) / MAX_POINTS) * 100));
    expect(result.reasons.map((r) => r.code)).toEqual(["capability_exact", "same_district"]);
  });
});

describe("similar reference cases and products", () => {
  const triage: ScenarioProfile = { ...scenario, capabilities: [], terms: titleTerms("鼓楼医院智能导诊应用场景", "鼓楼医院") };

  it("takes the title's two-character terms without the organisation's name and filler words", () => {
    expect(titleTerms("鼓楼医院智能导诊应用场景", "鼓楼医院")).toEqual(["智能", "能导", "导诊"]);
    expect(titleTerms("南京市OCR票据识别")).toEqual(["票据", "据识", "识别", "ocr"]);
  });

  it("weights rare terms above common ones, and gives terms nobody has nothing", () => {
    const w = termWeights(["智能", "导诊", "无人"], ["智能导诊", "智能巡检", "智能客服"]);
    expect(w.get("导诊")!).toBeGreaterThan(w.get("智能")!);
    expect(w.get("无人")).toBe(0);
    expect(termCoverage(["智能", "导诊"], "导诊台", w)).toBeCloseTo(w.get("导诊")! / (w.get("导诊")! + w.get("智能")!));
  });

  it("names the most similar reference case and ranks a vendor that did the work above one that did not", () => {
    const did = vendor({ id: 1, cases: [{ client: "江苏省中医院", scenario: "门诊智能导诊：患者描述症状，推荐科室。" }, { client: "某厂", scenario: "设备巡检" }] });
    const didNot = vendor({ id: 2, cases: [{ client: "某厂", scenario: "设备巡检：无人机巡检。" }] });
    const r = reason(did, "similar_case", triage);
    expect(r).toEqual({ code: "similar_case", points: W.similarCase, values: { names: ["门诊智能导诊（江苏省中医院）"], relevance: 1 } });
    expect(scoreMatch(triage, did).points).toBeGreaterThan(scoreMatch(triage, didNot).points);
    expect(reason(didNot, "similar_case", triage)).toBeUndefined();
    // A weak likeness (one common term of many, below the floor) earns nothing rather than a little.
    const weak = vendor({ cases: [{ client: "某厂", scenario: "智能设备巡检" }] });
    expect(reason(weak, "similar_case", { ...triage, terms: [...triage.terms!, "门诊", "预问", "问诊"] })).toBeUndefined();
  });

  it("credits products for this kind of work, naming the ones that fit", () => {
    const v = vendor({ products: [{ name: "智能导诊助手", description: "医院门诊导诊" }, { name: "巡检机器人", description: "工厂巡检" }] });
    expect(reason(v, "product_fit", triage)).toMatchObject({ points: W.productFit, values: { names: ["智能导诊助手"] } });
    expect(reason(vendor(), "product_fit", triage)).toBeUndefined();
  });

  it("still ranks exact capability above synonym-only above none when cases and products are the same", () => {
    const same = { cases: [{ client: "某院", scenario: "门诊智能导诊" }], products: [{ name: "导诊智能体", description: "" }] };
    const s = { ...triage, capabilities: ["llm"] };
    const ranked = rankMatches(
      [vendor({ id: 3, ...same }), vendor({ id: 2, ...same, text: "大语言模型" }), vendor({ id: 1, ...same, capabilities: ["llm"] })].map((v) => ({ id: v.id, ...scoreMatch(s, v) })),
    );
    expect(ranked.map((m) => m.id)).toEqual([1, 2, 3]);
  });
});

describe("normaliseRelevance", () => {
  it("scales to the best candidate and gives nothing to non-positive scores", () => {
    expect(normaliseRelevance(new Map([[1, 4], [2, 1], [3, -1]]))).toEqual(new Map([[1, 1], [2, 0.25], [3, 0]]));
    expect(normaliseRelevance(new Map([[1, 0]]))).toEqual(new Map([[1, 0]]));
  });
});
