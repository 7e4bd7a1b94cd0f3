// A deterministic split of the labelled set into a tuning half (the only part looked at while
// changing the matcher) and a held-out half (measured once, at the end). Each scenario goes by a
// hash of its code, stratified by tag so that both halves hold product-fit and few-vendors
// scenarios: within each tag the scenarios are ordered by the hash and dealt alternately.

export type Split = "tuning" | "held-out";
export const SPLITS = ["tuning", "held-out", "all"] as const;
export type SplitOption = (typeof SPLITS)[number];

/** FNV-1a, 32 bits: a stable hash that does not depend on the platform or on the order of the set. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Which half each code belongs to. `tag` is the stratum (undefined is a stratum of its own). */
export function splitLabels<T extends { code: string; tag?: string }>(labels: readonly T[]): Map<string, Split> {
  const strata = new Map<string, T[]>();
  for (const label of labels) {
    const key = label.tag ?? "";
    strata.set(key, [...(strata.get(key) ?? []), label]);
  }
  const out = new Map<string, Split>();
  for (const members of strata.values()) {
    const ordered = [...members].sort((a, b) => fnv1a(a.code) - fnv1a(b.code) || a.code.localeCompare(b.code));
    ordered.forEach((label, i) => out.set(label.code, i % 2 === 0 ? "tuning" : "held-out"));
  }
  return out;
}

export function inSplit<T extends { code: string; tag?: string }>(labels: readonly T[], split: SplitOption): T[] {
  if (split === "all") return [...labels];
  const halves = splitLabels(labels);
  return labels.filter((l) => halves.get(l.code) === split);
}
