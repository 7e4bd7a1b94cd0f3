// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, Z, S, V);
// the last one is a check character computed from the first 17 with fixed weights, modulo 31.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = "length" | "characters" | "check";

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new Error(`invalid credit code character at ${i + 1}`);
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Normalises (trims, upper-cases) and checks a credit code; `problem` says what is wrong. */
export function checkCreditCode(input: string): { ok: true; code: string } | { ok: false; problem: CreditCodeProblem } {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: "length" };
  if (![...code].every((ch) => ALPHABET.includes(ch))) return { ok: false, problem: "characters" };
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return { ok: false, problem: "check" };
  return { ok: true, code };
}

export function isValidCreditCode(input: string): boolean {
  return checkCreditCode(input).ok;
}

/**
 * Imported organisations without a code carry `待补充-<hash>` (app/models/import-organisations.server.ts):
 * unique and visibly not a code. It is never published as an identifier: open data says the code is
 * missing instead.
 */
export const PLACEHOLDER_CREDIT_PREFIX = "待补充-";

/** The code to publish: a real one, or "" where only the placeholder is known. */
export function publishableCreditCode(code: string): string {
  return code.startsWith(PLACEHOLDER_CREDIT_PREFIX) ? "" : code;
}
