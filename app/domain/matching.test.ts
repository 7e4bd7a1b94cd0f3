import { describe, expect, it } from "vitest";
import {
  capabilityCoverage,
  MATCH_WEIGHTS as W,
  MAX_POINTS,
  mentionsCapability,
  normaliseRelevance,
  rankMatches,
  scoreMatch,
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

// Terms as the segmenter gives them (app/matching/segment.server.ts); here written out by hand.
const termMap = (...terms: string[]) => new Map(terms.map((t) => [t, 1]));
const part = (kind: "product" | "case", name: string, ...terms: string[]) => ({ kind, name, terms: new Set(terms) });
// Rarity as the corpus gives it: 导诊 and 预问诊 are rare, 医院 common, generic words common too.
const RARITY: Record<string, number> = { 导诊: 3, 预问诊: 3, 门诊: 2, 医院: 0.5, 智能: 0.3, 系统: 0.3, 分析: 0.4 };
const rarity = (t: string) => RARITY[t] ?? 1;

describe("similar reference cases and products", () => {
  const triage: ScenarioProfile = { ...scenario, capabilities: [], terms: termMap("智能", "门诊", "导诊", "预问诊", "医院") };
  const score = (v: VendorProfile, s = triage) => scoreMatch(s, v, 0, rarity);
  const reasonOf = (v: VendorProfile, code: string, s = triage) => score(v, s).reasons.find((r) => r.code === code);

  it("names the most similar reference case and the meaningful words it shares, rarest first", () => {
    const did = vendor({ id: 1, parts: [part("case", "门诊智能导诊（江苏省中医院）", "门诊", "智能", "导诊", "预问诊"), part("case", "设备巡检（某厂）", "巡检")] });
    const didNot = vendor({ id: 2, parts: [part("case", "设备巡检（某厂）", "巡检", "无人机")] });
    const r = reasonOf(did, "similar_case")!;
    expect(r.values.names).toEqual(["门诊智能导诊（江苏省中医院）"]);
    expect(r.values.terms).toEqual(["导诊", "预问诊", "门诊"]);
    expect(r.values.terms).not.toContain("智能");
    expect(score(did).points).toBeGreaterThan(score(didNot).points);
    expect(reasonOf(didNot, "similar_case")).toBeUndefined();
  });

  it("credits products for this kind of work, naming the ones that share words", () => {
    const v = vendor({ parts: [part("product", "导诊助手", "导诊", "门诊", "医院"), part("product", "巡检机器人", "巡检", "工厂")] });
    expect(reasonOf(v, "product_fit")).toMatchObject({ values: { names: ["导诊助手"], terms: ["导诊", "门诊", "医院"] } });
    expect(reasonOf(vendor(), "product_fit")).toBeUndefined();
  });

  it("never gives a similarity from generic words alone (分析, 智能, 系统…)", () => {
    const classroom: ScenarioProfile = { ...scenario, capabilities: [], terms: termMap("课堂", "教学", "行为", "分析", "智能") };
    const finance = vendor({ parts: [part("product", "智能风控分析平台", "智能", "风控", "分析", "平台")] });
    const result = score(finance, classroom);
    expect(result.reasons.find((r) => r.code === "product_fit")).toBeUndefined();
    expect(result.points).toBe(0);
  });

  it("never reaches 1.0 from a single meaningful term", () => {
    const narrow: ScenarioProfile = { ...scenario, capabilities: [], terms: termMap("导诊") };
    const v = vendor({ parts: [part("product", "导诊台", "导诊")] });
    const r = reasonOf(v, "product_fit", narrow)!;
    expect(r.values.relevance).toBeLessThanOrEqual(0.5);
    expect(r.points).toBeLessThanOrEqual(W.productFit / 2);
  });

  it("still ranks exact capability above synonym-only above none when cases and products are the same", () => {
    const same = { parts: [part("case", "门诊智能导诊（某院）", "门诊", "导诊"), part("product", "导诊智能体", "导诊")] };
    const s = { ...triage, capabilities: ["llm"] };
    const ranked = rankMatches(
      [vendor({ id: 3, ...same }), vendor({ id: 2, ...same, text: "大语言模型" }), vendor({ id: 1, ...same, capabilities: ["llm"] })].map((v) => ({ id: v.id, ...score(v, s) })),
    );
    expect(ranked.map((m) => m.id)).toEqual([1, 2, 3]);
  });
});

describe("honest text relevance", () => {
  const triage: ScenarioProfile = { ...scenario, capabilities: [], terms: termMap("门诊", "导诊") };

  it("gives no text points to a vendor with no profile text, however the engine ranked it", () => {
    const empty = vendor({ terms: new Set(), parts: [], hasText: false });
    expect(scoreMatch(triage, empty, 1, rarity).points).toBe(0);
  });

  it("gives no text points when the vendor shares no meaningful word with the scenario", () => {
    const generic = vendor({ terms: new Set(["智能", "平台"]), hasText: true });
    expect(scoreMatch(triage, generic, 1, rarity).points).toBe(0);
    const fitting = vendor({ terms: new Set(["导诊"]), hasText: true });
    expect(scoreMatch(triage, fitting, 1, rarity).reasons.map((r) => r.code)).toContain("text");
  });
});

describe("industry fit and inferred needs", () => {
  const hospital: ScenarioProfile = { ...scenario, capabilities: [], industries: ["health"] };

  it("adds industry fit for a vendor serving the scenario's industry, marked when inferred", () => {
    const r = scoreMatch(hospital, vendor({ industries: ["health", "finance"], industriesInferred: true })).reasons;
    expect(r).toEqual([{ code: "industry", points: W.industry, values: { industries: ["health"], inferred: true } }]);
  });

  it("scores a general-purpose vendor on capability alone: no industry points and no penalty", () => {
    const general = vendor({ industries: ["general"], capabilities: ["cv"] });
    const specialist = vendor({ industries: ["finance"], capabilities: ["cv"] });
    const s = { ...hospital, capabilities: ["cv"] };
    expect(scoreMatch(s, general).points).toBe(W.capabilityExact);
    expect(scoreMatch(s, general).points).toBe(scoreMatch(s, specialist).points);
  });

  it("weighs capabilities inferred from the scenario's text below declared ones, and lists no gap for them", () => {
    const inferred: ScenarioProfile = { ...scenario, capabilities: [], inferredCapabilities: ["cv"] };
    const declared: ScenarioProfile = { ...scenario, capabilities: ["cv"] };
    const v = vendor({ capabilities: ["cv"] });
    const a = scoreMatch(inferred, v);
    expect(a.reasons[0]).toEqual({ code: "capability_exact", points: W.capabilityExact * W.inferredNeedShare, values: { capabilities: ["cv"], inferred: true } });
    expect(a.points).toBeLessThan(scoreMatch(declared, v).points);
    expect(scoreMatch(inferred, vendor()).missing).toEqual([]);
    // Declared needs win: inferred ones are only read when the scenario declares none.
    expect(scoreMatch({ ...declared, inferredCapabilities: ["llm"] }, v).reasons[0]!.values.capabilities).toEqual(["cv"]);
  });
});

describe("normaliseRelevance", () => {
  it("scales to the best candidate and gives nothing to non-positive scores", () => {
    expect(normaliseRelevance(new Map([[1, 4], [2, 1], [3, -1]]))).toEqual(new Map([[1, 1], [2, 0.25], [3, 0]]));
    expect(normaliseRelevance(new Map([[1, 0]]))).toEqual(new Map([[1, 0]]));
  });
});
