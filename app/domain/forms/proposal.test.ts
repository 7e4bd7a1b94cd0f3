import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { parseMessage } from "./messages";
import { attachmentMessage, proposalCommandSchema, proposalSchema } from "./proposal";

function form(fields: Record<string, string | File | (string | File)[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
}

const COMPLETE = { version: "0", approach: "大模型分诊", team: "12 人", priceWan: "120", timeline: "三个月" };

describe("proposalSchema", () => {
  it("saves a draft with nothing filled in", () => {
    const result = parseWithZod(form({ intent: "save", version: "0" }), { schema: proposalSchema });
    expect(result.status).toBe("success");
  });

  it("needs approach, team, price and timeline to submit, each marked at its field", () => {
    const result = parseWithZod(form({ intent: "submit", version: "3" }), { schema: proposalSchema });
    expect(result.status === "error" && result.error).toEqual({
      approach: ["proposal.error.requiredToSubmit"], team: ["proposal.error.requiredToSubmit"],
      priceWan: ["proposal.error.requiredToSubmit"], timeline: ["proposal.error.requiredToSubmit"],
    });
  });

  it("reads prices as people type them, like the scenario budget", () => {
    const price = (raw: string) => {
      const r = parseWithZod(form({ ...COMPLETE, intent: "submit", priceWan: raw }), { schema: proposalSchema });
      return r.status === "success" ? r.value.priceWan : r.error?.priceWan;
    };
    expect(price("1,200")).toBe(1200);
    expect(price("１２０")).toBe(120);
    expect(price(" 85.5 ")).toBe(85.5);
    expect(price("120万元")).toBe(120);
    expect(price("about 100")).toEqual(["proposal.error.priceNumber"]);
    expect(price("0")).toEqual(["proposal.error.pricePositive"]);
    expect(price("2000000")).toEqual(["proposal.error.priceMax?max=1000000"]);
  });

  it("caps the texts and says how long the text is", () => {
    const r = parseWithZod(form({ ...COMPLETE, team: "人".repeat(2001) }), { schema: proposalSchema });
    expect(r.status === "error" && r.error?.team).toEqual(["demand.error.tooLong?max=2000&length=2001"]);
  });

  it("takes product and case ids as numbers and refuses anything else as a stale page", () => {
    const ok = parseWithZod(form({ ...COMPLETE, productIds: ["3", "5"], caseIds: "9" }), { schema: proposalSchema });
    expect(ok.status === "success" && [ok.value.productIds, ok.value.caseIds]).toEqual([[3, 5], [9]]);
    const bad = parseWithZod(form({ ...COMPLETE, productIds: "x" }), { schema: proposalSchema });
    expect(bad.status).toBe("error");
    const missingVersion = parseWithZod(form({ intent: "save" }), { schema: proposalSchema });
    expect(missingVersion.status === "error" && missingVersion.error?.version).toEqual(["proposal.error.expired"]);
  });

  it("refuses file names with paths and files over the size limit before they are read", () => {
    const big = new File([new Uint8Array(8)], "方案.pdf");
    Object.defineProperty(big, "size", { value: 21 * 1024 * 1024 });
    const r = parseWithZod(form({ ...COMPLETE, files: [new File(["x"], "../../etc/passwd"), big, new File(["%PDF-"], "ok.pdf")] }), { schema: proposalSchema });
    expect(r.status === "error" && r.error?.files?.map((m) => parseMessage(m).key)).toEqual(["proposal.file.name_path", "proposal.file.too_large"]);
  });
});

describe("proposalCommandSchema", () => {
  it("reads withdraw, reconfirm and file removal", () => {
    const parse = (fields: Record<string, string>) => parseWithZod(form(fields), { schema: proposalCommandSchema });
    expect(parse({ intent: "withdraw", version: "2" })).toMatchObject({ status: "success", value: { intent: "withdraw", version: 2 } });
    expect(parse({ intent: "reconfirm", version: "4" })).toMatchObject({ status: "success", value: { intent: "reconfirm", version: 4 } });
    expect(parse({ intent: "removeAttachment", attachmentId: "17" })).toMatchObject({ status: "success", value: { attachmentId: 17 } });
    expect(parse({ intent: "removeAttachment", attachmentId: "../1" }).status).toBe("error");
  });
});

describe("attachmentMessage", () => {
  it("names the file, without control characters and cut short when long", () => {
    expect(parseMessage(attachmentMessage("x\u0000.pdf", { code: "name_control" }))).toEqual({ key: "proposal.file.name_control", values: { name: "x�.pdf" } });
    expect(parseMessage(attachmentMessage(`${"长".repeat(80)}.pdf`, { code: "too_large", maxBytes: 20 * 1024 * 1024 })).values).toEqual({ name: `${"长".repeat(57)}…`, max: "20" });
  });
});
