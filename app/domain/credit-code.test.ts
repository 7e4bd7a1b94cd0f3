import { describe, expect, it } from "vitest";
import { checkCreditCode, creditCodeCheckCharacter, isValidCreditCode } from "./credit-code";

describe("统一社会信用代码 check character (GB 32100-2015)", () => {
  it("accepts the example code used in the standard's explanatory material", () => {
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
  });

  it("normalises case and surrounding space", () => {
    expect(checkCreditCode(" 91350100m000100y43 ")).toEqual({ ok: true, code: "91350100M000100Y43" });
  });

  it("says what is wrong", () => {
    expect(checkCreditCode("91350100M000100Y4")).toEqual({ ok: false, problem: "length" });
    expect(checkCreditCode("91350100M000100I43")).toEqual({ ok: false, problem: "characters" });
    expect(checkCreditCode("91350100M000100Y44")).toEqual({ ok: false, problem: "check" });
  });

  it("catches every single-character typo in a valid code", () => {
    const valid = "91350100M000100Y43";
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (let i = 0; i < 18; i++) {
      for (const ch of alphabet) {
        if (ch === valid[i]) continue;
        expect(isValidCreditCode(valid.slice(0, i) + ch + valid.slice(i + 1))).toBe(false);
      }
    }
  });

  it("computes the check character that makes a code valid", () => {
    const first17 = "91320106MA1XY00QW";
    expect(isValidCreditCode(first17 + creditCodeCheckCharacter(first17))).toBe(true);
  });
});
