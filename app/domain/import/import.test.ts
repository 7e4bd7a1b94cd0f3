import { describe, expect, it } from "vitest";
import { fieldForHeader, findHeaderRow, guessKind, proposeMapping } from "./fields";
import { checkScenarioRows } from "./scenario-rows";
import { scenarioSourceKey } from "./source-key";
import { columnLetter, tableFromGrid } from "./table";
import { mapCapabilities, mapCooperationMode, mapDistrict, mapDomain, mapTier, parseBudget, parseDate, parsePeriod, splitContact } from "./values";
import { checkVendorRows } from "./vendor-rows";

const grid = (rows: string[][]) => rows.map((cells, i) => ({ rowNumber: i + 1, cells }));

describe("headers", () => {
  it("maps the headers of real lists and of our own export", () => {
    expect(proposeMapping("scenarios", ["场景类型", "序号", "场景机会名称", "单位名称", "合作需求", "联系方式"]))
      .toEqual(["domain", "seq", "title", "organisation", "cooperationMode", "contact"]);
    expect(proposeMapping("scenarios", ["行业类别", "场景名称", "场景描述"])).toEqual(["domain", "title", "description"]);
    expect(proposeMapping("scenarios", ["所属领域", "场景名称", "需求单位", "场景描述", "技术需求", "预算(万元)", "所在区域"]))
      .toEqual(["domain", "title", "organisation", "description", "requirements", "budgetWan", "district"]);
    expect(proposeMapping("scenarios", ["场景编号", "场景名称", "需求单位", "所属领域", "示范场所类型", "所在区域", "合作需求", "场景层级", "预算(万元)",
      "场景描述", "技术需求", "验收标准", "周期开始", "周期结束", "联系人", "联系电话", "联系邮箱", "技术能力"]))
      .toEqual(["code", "title", "organisation", "domain", "venueType", "district", "cooperationMode", "tier", "budgetWan", "description",
        "requirements", "acceptanceCriteria", "periodStart", "periodEnd", "contactName", "contactPhone", "contactEmail", "capabilities"]);
  });

  it("ignores full-width brackets, spaces and required marks, and gives a field to one column only", () => {
    expect(fieldForHeader("scenarios", " 预算（万元）* ")).toBe("budgetWan");
    expect(fieldForHeader("scenarios", "场景名称（必填）")).toBe("title");
    expect(proposeMapping("scenarios", ["场景名称", "名称"])).toEqual(["title", null]);
    expect(proposeMapping("vendors", ["场景能力名称", "场景能力说明", "单位名称"])).toEqual(["productName", "productDescription", "organisation"]);
  });

  it("finds the header under a title row and tells a vendor list from a scenario list", () => {
    const rows = [["2025年度场景机会清单", "", ""], ["序号", "场景名称", "需求单位"], ["1", "x", "y"]];
    expect(findHeaderRow("scenarios", rows)).toBe(1);
    expect(guessKind(rows)).toBe("scenarios");
    expect(guessKind([["场景能力名称", "场景能力说明", "单位名称"]])).toBe("vendors");
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(27)).toBe("AB");
  });
});

describe("values", () => {
  it("maps free text to the vocabulary", () => {
    expect(mapCooperationMode("联合建设")).toBe("joint_build");
    expect(mapCooperationMode("设备采购")).toBe("equipment");
    expect(mapCooperationMode("揭榜挂帅")).toBe("challenge");
    expect(mapDomain("智能制造")).toBe("industry");
    expect(mapDomain("医疗健康领域")).toBe("livelihood");
    expect(mapDomain("民生服务")).toBe("livelihood");
    expect(mapDomain("星际旅行")).toBeNull();
    expect(mapTier("高价值小切口场景")).toBe("small_high_value");
    expect(mapDistrict("江宁")).toBe("江宁区");
    expect(mapDistrict("南京市鼓楼区")).toBe("鼓楼区");
    expect(mapDistrict("江北新区直管区")).toBe("江北新区");
    expect(mapDistrict("浦东新区")).toBeNull();
    expect(mapCapabilities("机器视觉、LLM；量子计算")).toEqual({ slugs: ["cv", "llm"], unknown: ["量子计算"] });
  });

  it("reads budgets, dates, periods and contact cells as people write them", () => {
    expect(parseBudget("1,200")).toEqual({ ok: true, value: 1200 });
    expect(parseBudget("1.5亿")).toEqual({ ok: true, value: 15000 });
    expect(parseBudget("面议")).toEqual({ ok: true, value: null });
    expect(parseBudget("约两百")).toEqual({ ok: false });
    expect(parseDate("2025年3月1日")).toBe("2025-03-01");
    expect(parseDate("2025/2/30")).toBeNull();
    expect(parsePeriod("2025.03-2025.12")).toEqual({ start: "2025-03-01", end: "2025-12-31" });
    expect(splitContact("李老师，025-83101234，li@example.cn")).toEqual({ name: "李老师", phone: "025-83101234", email: "li@example.cn" });
  });
});

describe("scenario rows", () => {
  const headers = ["序号", "场景名称", "需求单位", "所属领域", "所在区域", "合作需求", "预算(万元)"];
  const table = (rows: string[][]) => tableFromGrid(grid([headers, ...rows]), 0);
  const options = { editionYear: 2025, defaults: { tier: "integrated" } };

  it("turns rows into typed scenarios with a stable key", () => {
    const t = table([["1", "智能导诊", "南京市鼓楼医院", "医疗", "鼓楼", "联合建设", "120"]]);
    const result = checkScenarioRows(t, proposeMapping("scenarios", t.headers), options);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ rowNumber: 2, title: "智能导诊", domain: "livelihood", district: "鼓楼区", cooperationMode: "joint_build", tier: "integrated", budgetWan: 120, status: "published" });
    expect(result.rows[0]!.sourceKey).toBe(scenarioSourceKey(2025, " 南京市鼓楼医院", "智能导诊。"));
  });

  it("names the row, the column letter and the header of every error", () => {
    const t = table([
      ["1", "智能导诊", "南京市鼓楼医院", "医疗", "浦东新区", "联合建设", "很多"],
      ["1", "", "南京市鼓楼医院", "", "鼓楼区", "随便", ""],
    ]);
    const { errors, rows, warnings } = checkScenarioRows(t, proposeMapping("scenarios", t.headers), options);
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.row, e.column, e.header, e.key])).toEqual([
      [2, "E", "所在区域", "import.error.unknownValue"],
      [2, "G", "预算(万元)", "import.error.budget"],
      [3, "B", "场景名称", "import.error.empty"],
      [3, "D", "所属领域", "import.error.empty"],
      [3, "F", "合作需求", "import.error.unknownValue"],
    ]);
    expect(warnings.map((w) => [w.row, w.column, w.key, w.values])).toContainEqual([3, "A", "import.warning.duplicateSeq", { seq: "1", first: 2 }]);
  });

  it("refuses a file without a required column unless the office gives a value for the whole list", () => {
    const t = tableFromGrid(grid([["序号", "需求单位"], ["1", "南京市鼓楼医院"]]), 0);
    const { errors } = checkScenarioRows(t, proposeMapping("scenarios", t.headers), { editionYear: 2025, defaults: { domain: "livelihood" } });
    expect(errors.map((e) => [e.row, e.key, e.values?.field])).toEqual([
      [null, "import.error.missingColumn", "title"],
      [null, "import.error.missingColumn", "district"],
      [null, "import.error.missingColumn", "cooperationMode"],
      [null, "import.error.missingColumn", "tier"],
    ]);
  });

  it("skips section headings and refuses the same scenario twice", () => {
    const t = table([
      ["一、智能制造", "", "", "", "", "", ""],
      ["1", "视觉质检", "南京某厂", "制造", "江宁", "联合建设", ""],
      ["2", "视觉 质检", "南京某厂", "制造", "江宁", "联合建设", ""],
    ]);
    const { errors, warnings } = checkScenarioRows(t, proposeMapping("scenarios", t.headers), options);
    expect(warnings.map((w) => [w.row, w.key])).toEqual([[2, "import.warning.sectionRow"]]);
    expect(errors.map((e) => [e.row, e.key, e.values])).toEqual([[4, "import.error.duplicateRow", { first: 3 }]]);
  });
});

describe("vendor rows", () => {
  it("reads a capability list, inferring capabilities from the text when no column lists them", () => {
    const t = tableFromGrid(grid([["场景能力名称", "场景能力说明", "单位名称", "能力类型"], ["工业视觉质检大模型", "基于机器视觉的缺陷检测", "南京慧眼科技有限公司", "行业大模型"]]), 0);
    const { rows, errors } = checkVendorRows(t, proposeMapping("vendors", t.headers), { defaults: {} });
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ productKind: "industry_model", capabilities: ["llm", "cv"], capabilitiesInferred: true, organisation: "南京慧眼科技有限公司" });
  });
});
