import { describe, expect, it } from "vitest";
import { deadlineAfterAmendment, diffText, diffValues, isMaterial } from "./amendments";

const at = new Date("2026-12-01T02:00:00.000Z");
const days = (n: number) => new Date(at.getTime() + n * 86_400_000).toISOString();

describe("deadline after an amendment", () => {
  it("moves a deadline less than 7 days away to 7 days after a material change", () => {
    expect(deadlineAfterAmendment(days(3), at, true)).toBe(days(7));
    expect(deadlineAfterAmendment(days(6.99), at, true)).toBe(days(7));
  });

  it("keeps it with 7 days or more left, after it has passed, for immaterial changes, and when there is none", () => {
    expect(deadlineAfterAmendment(days(7), at, true)).toBe(days(7));
    expect(deadlineAfterAmendment(days(20), at, true)).toBe(days(20));
    expect(deadlineAfterAmendment(days(-1), at, true)).toBe(days(-1));
    expect(deadlineAfterAmendment(days(2), at, false)).toBe(days(2));
    expect(deadlineAfterAmendment(null, at, true)).toBeNull();
  });
});

describe("what changed", () => {
  it("lists the fields that differ, in form order, lists compared by content", () => {
    const before = { title: "导诊", budgetWan: "100", capabilities: ["llm"], contactPhone: "1" };
    const after = { title: "导诊", budgetWan: "120", capabilities: ["llm", "agent"], contactPhone: "1" };
    expect(diffValues(["title", "budgetWan", "capabilities", "contactPhone"], before, after)).toEqual([
      { field: "budgetWan", before: "100", after: "120" },
      { field: "capabilities", before: ["llm"], after: ["llm", "agent"] },
    ]);
  });

  it("calls a change to the contact details alone immaterial, anything else material", () => {
    expect(isMaterial([{ field: "contactPhone", before: "1", after: "2" }, { field: "contactName", before: "a", after: "b" }])).toBe(false);
    expect(isMaterial([{ field: "contactPhone", before: "1", after: "2" }, { field: "budgetWan", before: "1", after: "2" }])).toBe(true);
  });
});

describe("text diff", () => {
  it("marks a replaced Chinese sentence as removed and added, keeping the rest", () => {
    const parts = diffText("门诊高峰期排队长。希望用大模型辅助分诊。数据可脱敏提供。", "门诊高峰期排队长。希望用智能体辅助分诊和导诊。数据可脱敏提供。");
    expect(parts).toEqual([
      { kind: "same", text: "门诊高峰期排队长。" },
      { kind: "removed", text: "希望用大模型辅助分诊。" },
      { kind: "added", text: "希望用智能体辅助分诊和导诊。" },
      { kind: "same", text: "数据可脱敏提供。" },
    ]);
  });

  it("keeps every character, including text without final punctuation and line breaks", () => {
    const before = "第一行\n第二行没有句号";
    const after = "第一行\n第二行没有句号，补充一句";
    const parts = diffText(before, after);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(before);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
    expect(diffText("", "新增内容。")).toEqual([{ kind: "added", text: "新增内容。" }]);
  });

  it("shows a paragraph added at the end as added only", () => {
    expect(diffText("先试点。后推广。", "先试点。后推广。\n新增：与急诊联动。")).toEqual([
      { kind: "same", text: "先试点。后推广。" },
      { kind: "added", text: "\n新增：与急诊联动。" },
    ]);
  });
});
