import { describe, expect, it } from "vitest";
import { csvField, guardFormula, toCsv } from "./csv";

describe("CSV for Excel", () => {
  it("starts with a BOM and ends every line with CRLF", () => {
    const csv = toCsv([["场景编号", "场景名称"], ["NJ-2026-0001", "智能导诊"]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("场景编号,场景名称\r\nNJ-2026-0001,智能导诊\r\n");
  });

  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvField("x\r\ny")).toBe('"x\r\ny"');
    expect(csvField("plain 文本")).toBe("plain 文本");
    expect(csvField(null)).toBe("");
  });

  it("makes text that a spreadsheet would run as a formula inert", () => {
    for (const text of ["=HYPERLINK(\"http://x\")", "+86 138", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(guardFormula(text)).toBe(`'${text}`);
    }
    expect(guardFormula("025-8327")).toBe("025-8327");
    expect(guardFormula("a=b")).toBe("a=b");
    // Guarded and then quoted when it also needs quoting.
    expect(csvField('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
  });

  it("writes numbers as they are, even negative ones", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(85.5)).toBe("85.5");
  });
});
