import { parseWithZod } from "@conform-to/zod";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { addCaseSchema, addProductSchema, normaliseFilingNumber, profileSchema, updateProductSchema } from "./vendor";

function parse<S extends z.ZodTypeAny>(schema: S, values: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) form.append(k, item);
  return parseWithZod(form, { schema });
}

function errors<S extends z.ZodTypeAny>(schema: S, values: Record<string, string | string[]>) {
  const submission = parse(schema, values);
  if (submission.status === "success") throw new Error("expected errors");
  return submission.error ?? {};
}

function value<S extends z.ZodTypeAny>(schema: S, values: Record<string, string | string[]>): z.output<S> {
  const submission = parse(schema, values);
  if (submission.status !== "success") throw new Error(`expected success, got ${JSON.stringify(submission.error)}`);
  return submission.value as z.output<S>;
}

const profile = { intent: "profile", summary: "专注医疗大模型。", capabilities: ["llm", "agent"], domains: ["livelihood"], venueTypes: ["hospital"], districts: ["鼓楼区", "江北新区"] };
const model = { intent: "addProduct", kind: "industry_model", name: "云启医疗大模型", description: "面向医院的行业大模型。" };

describe("filing numbers", () => {
  it("accepts the shapes the CAC publishes and writes them one way", () => {
    expect(normaliseFilingNumber("Jiangsu-NanjingYunqi-202501150001")).toBe("Jiangsu-NanjingYunqi-202501150001");
    expect(normaliseFilingNumber("Beijing-WenXinYiYan-20230821")).toBe("Beijing-WenXinYiYan-20230821");
    expect(normaliseFilingNumber(" shanghai-XiaoHongShu-20240422s0060 ")).toBe("Shanghai-XiaoHongShu-20240422S0060");
    // Full-width characters typed with a Chinese input method.
    expect(normaliseFilingNumber("Ｊｉａｎｇｓｕ－Ｙｕｎｑｉ－２０２４０３１５００１２")).toBe("Jiangsu-Yunqi-202403150012");
    expect(normaliseFilingNumber("网信算备320106123456701240011号")).toBe("网信算备320106123456701240011号");
    expect(normaliseFilingNumber("网信算备320106123456701240011")).toBe("网信算备320106123456701240011号");
  });

  it("refuses junk, unknown provinces and impossible dates", () => {
    for (const junk of ["12345", "备案中", "Jiangsu-202403150012", "Mars-Yunqi-202403150012", "Jiangsu-Yunqi-20241345", "Jiangsu-Yunqi-20190101",
      "Jiangsu-云启-20240315", "网信算备123号", "<script>alert(1)</script>", "Jiangsu-Yunqi-20240315-0001"]) {
      expect(normaliseFilingNumber(junk), junk).toBeNull();
    }
  });

  it("requires one for an industry model and explains the format when it is wrong", () => {
    expect(errors(addProductSchema, model).filingNumber).toEqual(["vendorProfile.error.filingRequired"]);
    expect(errors(addProductSchema, { ...model, filingNumber: "待备案" }).filingNumber).toEqual(["vendorProfile.error.filingFormat"]);
    expect(value(addProductSchema, { ...model, filingNumber: "jiangsu-YunqiYiliao-202405200031" }).filingNumber).toBe("Jiangsu-YunqiYiliao-202405200031");
  });

  it("does not ask terminals and agents for one, but checks one that is given", () => {
    expect(value(addProductSchema, { ...model, kind: "smart_terminal" }).filingNumber).toBeNull();
    expect(errors(addProductSchema, { ...model, kind: "agent", filingNumber: "abc" }).filingNumber).toEqual(["vendorProfile.error.filingFormat"]);
  });

  it("needs the product id when editing", () => {
    expect(errors(updateProductSchema, { ...model, intent: "updateProduct", productId: "x", filingNumber: "Jiangsu-A1-20240101" }).productId)
      .toEqual(["vendorProfile.error.expired"]);
  });
});

describe("profile form", () => {
  it("keeps what was typed, HTML included, as plain text", () => {
    const v = value(profileSchema, { ...profile, summary: "  <b>云启</b> & <script>alert('x')</script>  " });
    expect(v.summary).toBe("<b>云启</b> & <script>alert('x')</script>");
    expect(v.districts).toEqual(["鼓楼区", "江北新区"]);
  });

  it("caps long text and says how long it is", () => {
    expect(errors(profileSchema, { ...profile, summary: "长".repeat(2001) }).summary).toEqual(["vendorProfile.error.tooLong?max=2000&length=2001"]);
    expect(errors(addCaseSchema, { intent: "addCase", client: "南京市鼓楼医院", scenario: "导诊", result: "好".repeat(1200) }).result)
      .toEqual(["vendorProfile.error.tooLong?max=1000&length=1200"]);
  });

  it("requires a summary and a capability", () => {
    const e = errors(profileSchema, { intent: "profile", summary: "   " });
    expect(e.summary).toEqual(["error.required"]);
    expect(e.capabilities).toEqual(["vendorProfile.error.capabilitiesMin"]);
  });

  it("reads web addresses as people type them and refuses what is not a link", () => {
    const site = (website: string) => {
      const s = parse(profileSchema, { ...profile, website });
      return s.status === "success" ? s.value.website : s.error?.website;
    };
    expect(site("www.yunqi-ai.com.cn")).toBe("https://www.yunqi-ai.com.cn");
    expect(site("http://example.com/about")).toBe("http://example.com/about");
    expect(site("")).toBeUndefined();
    expect(site("javascript:alert(1)")).toEqual(["vendorProfile.error.website"]);
    expect(site("ftp://example.com")).toEqual(["vendorProfile.error.website"]);
    expect(site("not a website")).toEqual(["vendorProfile.error.website"]);
    expect(site("localhost")).toEqual(["vendorProfile.error.website"]);
  });

  it("refuses values outside the vocabulary", () => {
    const e = errors(profileSchema, { ...profile, capabilities: ["llm", "telepathy"], districts: ["朝阳区"] });
    expect(e["capabilities[1]"]).toEqual(["error.choose"]);
    expect(e["districts[0]"]).toEqual(["error.choose"]);
  });
});

describe("reference case form", () => {
  afterEach(() => vi.useRealTimers());

  it("takes a year up to this one", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-20T02:00:00Z"));
    const base = { intent: "addCase", client: "南京市鼓楼医院", scenario: "门诊导诊", result: "导诊准确率提升到 93%" };
    expect(value(addCaseSchema, { ...base, year: "2026" }).year).toBe(2026);
    expect(value(addCaseSchema, base).year).toBeUndefined();
    expect(errors(addCaseSchema, { ...base, year: "2027" }).year).toEqual(["vendorProfile.error.yearFuture"]);
    expect(errors(addCaseSchema, { ...base, year: "去年" }).year).toEqual(["vendorProfile.error.year"]);
    expect(errors(addCaseSchema, { ...base, year: "1999" }).year).toEqual(["vendorProfile.error.year"]);
  });
});
