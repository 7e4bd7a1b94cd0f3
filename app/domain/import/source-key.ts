// The stable identity of an imported row, so that importing the same list again updates what the
// first import created. Real lists have no identifier of ours: their 序号 is renumbered whenever a
// row is inserted, and two lists both start at 1. What stays put is which organisation posted which
// scenario in which year, so the key is edition year + organisation + title, each normalised so that
// spacing, full-width punctuation and letter case do not make a new scenario. A row that carries one
// of our codes (a re-imported export) is keyed and matched by that code. See docs/decisions/006-import.md.

/** NFKC, no whitespace, lower case: 南京市鼓楼医院（本部） and 南京市鼓楼医院(本部) are one name. */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").replace(/[\s\u3000]+/g, "").toLowerCase();
}

/** Also without punctuation: a title with or without its closing 。 or quotes is the same title. */
export function normaliseTitle(title: string): string {
  return normaliseName(title).replace(/[\p{P}\p{S}]+/gu, "");
}

export function scenarioSourceKey(year: number, organisation: string, title: string): string {
  return `${year}|${normaliseName(organisation)}|${normaliseTitle(title)}`;
}

/** `NJ-2025-0012`: one of our codes, with its year. */
export function parseScenarioCode(value: string): { code: string; year: number } | null {
  const match = /^NJ-(\d{4})-(\d{4,})$/.exec(value.normalize("NFKC").trim().toUpperCase());
  return match ? { code: match[0], year: Number(match[1]) } : null;
}
