// Ranking metrics for the match-quality benchmark, with binary relevance: a result is relevant when
// it is on the scenario's labelled shortlist. `ranked` is a method's answer in rank order (ids or
// names, anything comparable with ===); `relevant` the labelled set.

/** precision@k = |relevant ∩ top k| / k. A list shorter than k counts its missing places as misses. */
export function precisionAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (k <= 0) throw new Error("k must be positive");
  return ranked.slice(0, k).filter((item) => relevant.has(item)).length / k;
}

/**
 * nDCG@k = DCG@k / IDCG@k, with DCG@k = Σ_{i=1..k} rel_i / log2(i + 1) (rel_i is 1 when the item at
 * rank i is relevant, else 0) and IDCG@k the DCG of the ideal ranking: all min(k, |relevant|)
 * relevant items first. 1 means every top place that could hold a relevant item does; 0 that no
 * relevant item is in the top k. An empty relevant set gives 0 (nothing can be found).
 */
export function ndcgAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (k <= 0) throw new Error("k must be positive");
  const ideal = Math.min(k, relevant.size);
  if (ideal === 0) return 0;
  const seen = new Set<T>();
  let dcg = 0;
  ranked.slice(0, k).forEach((item, i) => {
    // A method that repeats an item gets credit for it once.
    if (relevant.has(item) && !seen.has(item)) dcg += 1 / Math.log2(i + 2);
    seen.add(item);
  });
  let idcg = 0;
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
}

/** Whether any of the top k is relevant. */
export function hitAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): boolean {
  return ranked.slice(0, k).some((item) => relevant.has(item));
}

/** The p-th percentile (nearest rank) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) throw new Error("no values");
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
