import { describe, expect, it } from "vitest";
import { fieldsOf, guessKind } from "./fields";
import { likelyMissed, profileColumn, proposeColumns } from "./mapping";
import { nearestDomain } from "./values";

const fields = (headers: string[], rows: string[][], kind: "scenarios" | "vendors" = "scenarios") => proposeColumns(kind, headers, rows, fieldsOf(kind)).map((p) => p.field);

describe("proposing columns from headers and values", () => {
  it("gives the demand organisation to 需求单位 and the publisher to 发布单位, and reads 需求方向 as the title", () => {
    const headers = ["序号", "需求方向", "发布单位", "需求单位", "场景简介"];
    const rows = [
      ["1", "智慧工地安全帽识别", "某市国资委", "某市城建集团有限公司", "在施工现场部署摄像头，识别未佩戴安全帽等违规行为并实时告警，降低安全事故发生率。"],
      ["2", "供热管网泄漏预测", "某市国资委", "某市热力有限公司", "基于管网压力和温度数据建立泄漏预测模型，提前发现隐患，缩短抢修时间，减少热损失。"],
    ];
    expect(fields(headers, rows)).toEqual(["seq", "title", "publisher", "organisation", "description"]);
  });

  it("says how sure it is: an exact header with fitting values is surer than a header that only contains an alias", () => {
    const headers = ["场景名称", "牵头单位名称"];
    const rows = [["智能导诊", "南京市鼓楼医院"], ["病历质控", "南京市第一医院"]];
    const proposal = proposeColumns("scenarios", headers, rows, fieldsOf("scenarios"));
    expect(proposal.map((p) => p.field)).toEqual(["title", "organisation"]);
    expect(proposal[0]!.confidence).toBeGreaterThan(0.9);
    expect(proposal[1]!.confidence).toBeLessThan(proposal[0]!.confidence);
  });

  it("proposes a column of organisation names under an unknown header, unsure; left unmapped it is a warning", () => {
    const headers = ["场景名称", "备注"];
    const rows = [["智能导诊", "南京市鼓楼医院"], ["病历质控", "南京市第一医院"], ["工地巡检", "南京建工集团有限公司"]];
    const proposal = proposeColumns("scenarios", headers, rows, fieldsOf("scenarios"));
    expect(proposal.map((p) => p.field)).toEqual(["title", "organisation"]);
    expect(proposal[1]!.confidence).toBeLessThan(0.5);
    expect(likelyMissed("scenarios", headers, rows, ["title", null])).toEqual([{ col: 1, looksLike: "organisation" }]);
    expect(likelyMissed("scenarios", headers, rows, ["title", "organisation"])).toEqual([]);
  });

  it("tells a vendor list from a scenario list by its headers and by filing numbers in its values", () => {
    expect(guessKind([["公司", "大模型", "说明", "类别"]])).toBe("vendors");
    expect(guessKind([["序号", "名称", "单位"], ["1", "某模型", "某公司"], ["2", "x", "y"]].concat([["3", "Beijing-XYZ-20240101S0001", "z"]]))).toBe("vendors");
    expect(guessKind([["场景名称", "需求单位", "场景描述"]])).toBe("scenarios");
    expect(fields(["公司", "大模型", "说明", "类别"], [["某科技有限公司", "某大模型", "面向医疗机构的问诊辅助", "医疗"]], "vendors"))
      .toEqual(["organisation", "productName", "productDescription", "industries"]);
  });

  it("profiles values: dates, phones and organisation names", () => {
    const p = profileColumn(["2025-03-01", "2025年4月2日", ""]);
    expect(p.share.date).toBe(1);
    expect(profileColumn(["023-63961517", "13800000000"]).share.phone).toBe(1);
    expect(profileColumn(["重庆市公安局", "南京市鼓楼医院"]).share.org).toBe(1);
  });

  it("maps a category outside the domains to the nearest one: a part of it, or the industry it names", () => {
    expect(nearestDomain("医疗健康")).toEqual({ domain: "livelihood", exact: true });
    expect(nearestDomain("冶金业")).toEqual({ domain: "industry", exact: false });
    expect(nearestDomain("星际旅行")).toBeNull();
  });
});
