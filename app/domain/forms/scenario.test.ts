import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { changedFields, editScenarioSchema, newScenarioSchema, reviewCommentField, toFormValues, withdrawSchema } from "./scenario";

const draft = {
  title: "智能导诊",
  description: "门诊分诊排队时间长。",
  domain: "livelihood",
  district: "鼓楼区",
  cooperationMode: "joint_build",
  tier: "small_high_value",
  contactName: "王老师",
  version: "3",
};
const complete = {
  ...draft,
  requirements: "大模型问答",
  acceptanceCriteria: "分诊准确率 ≥ 90%",
  periodStart: "2027-03-01",
  periodEnd: "2027-12-31",
  contactPhone: "025-83271234",
  capabilities: ["llm", "agent"],
};

function parse(values: Record<string, string | string[]>, schema: typeof editScenarioSchema | typeof newScenarioSchema = editScenarioSchema) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) form.append(k, item);
  return parseWithZod(form, { schema });
}

function errors(values: Record<string, string | string[]>) {
  const submission = parse(values);
  if (submission.status === "success") throw new Error("expected errors");
  return submission.error ?? {};
}

describe("scenario form", () => {
  it("saves a draft with only the basics, and budget left empty means negotiable", () => {
    const submission = parse({ ...draft, budgetWan: "" });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({ intent: "save", version: 3, budgetWan: undefined, capabilities: [], dataResources: [] });
  });

  it("asks for everything review needs when submitting, all at once", () => {
    expect(Object.keys(errors({ ...draft, intent: "submit" })).sort()).toEqual(
      ["acceptanceCriteria", "capabilities", "contactPhone", "periodEnd", "periodStart", "requirements"],
    );
    expect(parse({ ...complete, intent: "submit" }).status).toBe("success");
  });

  it("reports a missing title together with a bad date order and a bad budget", () => {
    const e = errors({ ...draft, title: "  ", periodStart: "2027-05-01", periodEnd: "2027-04-01", budgetWan: "-5" });
    expect(e.title).toEqual(["error.required"]);
    expect(e.periodEnd).toEqual(["demand.error.endBeforeStart"]);
    expect(e.budgetWan).toEqual(["demand.error.budgetPositive"]);
  });

  it("reads budgets as people type them and refuses nonsense", () => {
    const value = (budgetWan: string) => {
      const s = parse({ ...draft, budgetWan });
      return s.status === "success" ? s.value.budgetWan : s.error?.budgetWan;
    };
    expect(value("1,200")).toBe(1200);
    expect(value("１２０")).toBe(120);
    expect(value(" 85.5 ")).toBe(85.5);
    expect(value("abc")).toEqual(["demand.error.budgetNumber"]);
    expect(value("1e9")).toEqual(["demand.error.budgetNumber"]);
    expect(value("0")).toEqual(["demand.error.budgetPositive"]);
    expect(value("1000001")).toEqual(["demand.error.budgetMax?max=1000000"]);
  });

  it("caps long text and says how long it is", () => {
    expect(errors({ ...draft, description: "长".repeat(6000) }).description).toEqual(["demand.error.tooLong?max=5000&length=6000"]);
  });

  it("refuses impossible dates", () => {
    expect(errors({ ...draft, periodStart: "2027-02-30" }).periodStart).toEqual(["demand.error.date"]);
    expect(errors({ ...draft, periodEnd: "next year" }).periodEnd).toEqual(["demand.error.date"]);
  });

  it("keeps HTML as typed", () => {
    const s = parse({ ...draft, title: "<script>alert(1)</script>" });
    expect(s.status === "success" && s.value.title).toBe("<script>alert(1)</script>");
  });

  it("limits capabilities to the vocabulary and to six", () => {
    expect(errors({ ...draft, capabilities: ["llm", "telepathy"] })["capabilities[1]"]).toEqual(["error.choose"]);
    const seven = ["llm", "agent", "cv", "speech", "knowledge_graph", "robotics", "iot"];
    expect(errors({ ...draft, capabilities: seven }).capabilities).toEqual(["demand.error.capabilitiesMax?max=6"]);
  });

  it("drops blank data rows and asks to finish half-filled ones, at the row's own index", () => {
    const s = parse({
      ...draft,
      "dataResources[0].kind": "", "dataResources[0].volume": "",
      "dataResources[1].kind": "影像", "dataResources[1].volume": "10万张", "dataResources[1].labelled": "on", "dataResources[1].sensitivity": "personal",
    });
    expect(s.status === "success" && s.value.dataResources).toEqual([{ kind: "影像", volume: "10万张", labelled: true, sensitivity: "personal" }]);
    const e = errors({ ...draft, "dataResources[0].kind": "", "dataResources[1].kind": "影像" });
    expect(e["dataResources[1].volume"]).toEqual(["error.required"]);
    expect(e["dataResources[1].sensitivity"]).toEqual(["error.choose"]);
    expect(e["dataResources[0].kind"]).toBeUndefined();
  });

  it("needs the hidden keys that make posts safe", () => {
    const { version: _, ...noVersion } = draft;
    expect(errors(noVersion).version).toEqual(["demand.error.expired"]);
    const fresh = parse({ ...noVersion, submissionKey: "short" }, newScenarioSchema);
    expect(fresh.status === "error" && fresh.error?.submissionKey).toEqual(["demand.error.expired"]);
  });

  it("needs a reason to withdraw", () => {
    const form = new FormData();
    form.append("intent", "withdraw");
    form.append("version", "2");
    const s = parseWithZod(form, { schema: withdrawSchema });
    expect(s.status === "error" && s.error?.reason).toEqual(["demand.error.reasonRequired"]);
  });

  it("places review comments by form or column name", () => {
    expect(reviewCommentField("budget_wan")).toBe("budgetWan");
    expect(reviewCommentField("acceptance_criteria")).toBe("acceptanceCriteria");
    expect(reviewCommentField("budget")).toBe("budgetWan");
    expect(reviewCommentField("period")).toBe("periodStart");
    expect(reviewCommentField("data_resources")).toBe("dataResources");
    expect(reviewCommentField("title")).toBe("title");
    expect(reviewCommentField("other")).toBeNull();
  });

  it("names the fields where typed input differs from the stored scenario", () => {
    const stored = toFormValues(
      { title: "智能导诊", description: "门诊分诊排队时间长。", requirements: "", acceptance_criteria: "", domain: "livelihood", venue_type: null,
        district: "鼓楼区", cooperation_mode: "joint_build", tier: "small_high_value", budget_wan: 120, period_start: null, period_end: null,
        site_access: "", contact_name: "王老师", contact_phone: "", contact_email: "" },
      [], [{ kind: "影像", volume: "10万张", labelled: 0, sensitivity: "personal" }],
    );
    const typed = parse({ ...draft, budgetWan: "120", "dataResources[0].kind": "影像", "dataResources[0].volume": "10万张", "dataResources[0].sensitivity": "personal" });
    if (typed.status !== "success") throw new Error("expected success");
    expect(changedFields(stored, typed.value)).toEqual([]);
    expect(changedFields(stored, { ...typed.value, title: "别的标题", budgetWan: undefined })).toEqual(["title", "budgetWan"]);
  });
});
