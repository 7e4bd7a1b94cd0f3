// The benchmark rubric (评审细则): criteria with weights summing to 100. Each reviewer awards every
// criterion 0..weight points (halves allowed) with a comment; a sheet's total is the sum, the
// application's score the mean of the sheets that count. Pure: no I/O.

export interface Criterion {
  key: string;
  zh: string;
  en: string;
  weight: number;
}

/** The default rubric (DESIGN.md). Frozen: callers that need to change it take a copy (parseRubric(null)). */
export const DEFAULT_RUBRIC: readonly Readonly<Criterion>[] = Object.freeze([
  { key: "impact", zh: "应用成效", en: "Measured impact", weight: 30 },
  { key: "innovation", zh: "创新性", en: "Innovation", weight: 20 },
  { key: "replicability", zh: "可复制推广", en: "Replicability", weight: 20 },
  { key: "maturity", zh: "技术先进性", en: "Technical maturity", weight: 15 },
  { key: "safety", zh: "安全合规", en: "Safety and compliance", weight: 15 },
].map((c) => Object.freeze(c)));

export const DEFAULT_PASS_MARK = 75;
export const DEFAULT_NOTICE_DAYS = 7;
/** Reviewers whose sheets must count before a review can close. */
export const MIN_REVIEWERS = 3;
/** A sheet this many points or more from the mean of the other sheets is flagged to the office. */
export const OUTLIER_POINTS = 15;

export type RubricProblem =
  | { code: "rubric_count"; min: number; max: number }
  | { code: "rubric_key"; index: number }
  | { code: "rubric_duplicate"; key: string; index: number }
  | { code: "rubric_label"; index: number }
  | { code: "rubric_weight"; index: number }
  | { code: "rubric_sum"; sum: number };

/** Whether a rubric can be used: 2–10 criteria, unique ASCII keys, labels, whole positive weights summing to 100. */
export function checkRubric(criteria: readonly Criterion[]): RubricProblem[] {
  const problems: RubricProblem[] = [];
  if (criteria.length < 2 || criteria.length > 10) problems.push({ code: "rubric_count", min: 2, max: 10 });
  const seen = new Set<string>();
  criteria.forEach((c, index) => {
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(c.key)) problems.push({ code: "rubric_key", index });
    else if (seen.has(c.key)) problems.push({ code: "rubric_duplicate", key: c.key, index });
    seen.add(c.key);
    if (!c.zh.trim() || !c.en.trim()) problems.push({ code: "rubric_label", index });
    if (!Number.isInteger(c.weight) || c.weight <= 0) problems.push({ code: "rubric_weight", index });
  });
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (sum !== 100) problems.push({ code: "rubric_sum", sum });
  return problems;
}

/** The rubric stored as JSON (editions.rubric_json, benchmark_applications.rubric_json); null = the default. */
export function parseRubric(json: string | null | undefined): Criterion[] {
  if (!json) return DEFAULT_RUBRIC.map((c) => ({ ...c }));
  const parsed: unknown = JSON.parse(json);
  // Check the shape before the rules: checkRubric reads .key and .zh of every entry.
  if (!Array.isArray(parsed) || !parsed.every(isCriterionShape)) throw new Error("stored rubric is invalid");
  const criteria = parsed.map((c) => ({ key: c.key, zh: c.zh, en: c.en, weight: c.weight }));
  if (checkRubric(criteria).length) throw new Error("stored rubric is invalid");
  return criteria;
}

function isCriterionShape(value: unknown): value is Criterion {
  if (!value || typeof value !== "object") return false;
  const c = value as Record<string, unknown>;
  return typeof c.key === "string" && typeof c.zh === "string" && typeof c.en === "string" && typeof c.weight === "number";
}

export function criterionLabel(c: Criterion, lang: string): string {
  return lang === "en" ? c.en : c.zh;
}

export type SheetProblem = { key: string; code: "score_missing" | "score_range"; max: number };

/** A reviewer's sheet: every criterion scored within 0..weight in steps of 0.5. Returns the total or the problems. */
export function scoreSheet(
  rubric: readonly Criterion[],
  scores: Record<string, number | null | undefined>,
): { ok: true; total: number } | { ok: false; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  let total = 0;
  for (const c of rubric) {
    // Own keys only: a criterion keyed "constructor" must not read Object.prototype.constructor.
    const value = Object.hasOwn(scores, c.key) ? scores[c.key] : undefined;
    if (typeof value !== "number" || Number.isNaN(value)) problems.push({ key: c.key, code: "score_missing", max: c.weight });
    else if (value < 0 || value > c.weight || Math.round(value * 2) !== value * 2) problems.push({ key: c.key, code: "score_range", max: c.weight });
    else total += value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, total: Math.round(total * 10) / 10 };
}

export interface ReviewSummary {
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** max − min */
  spread: number | null;
  /** Population standard deviation of the totals. */
  stdDev: number | null;
  /** Whether the mean, as shown (one decimal), reaches the pass mark. */
  passes: boolean;
  /** Indexes (into the totals given) of sheets far from the mean of the others. */
  outliers: number[];
}

/**
 * What the office sees of a review: the mean decides; spread and outliers show disagreement. The
 * decision is taken on the mean as shown and stored (one decimal), so a published 75.0 never fails
 * a pass mark of 75 and a published 74.9 never passes it.
 */
export function summariseReview(totals: readonly number[], passMark: number): ReviewSummary {
  const count = totals.length;
  if (!count) return { count, mean: null, min: null, max: null, spread: null, stdDev: null, passes: false, outliers: [] };
  const sum = totals.reduce((s, t) => s + t, 0);
  const mean = round1(sum / count);
  const min = Math.min(...totals);
  const max = Math.max(...totals);
  const stdDev = round1(Math.sqrt(totals.reduce((s, t) => s + (t - sum / count) ** 2, 0) / count));
  const outliers = count < 3 ? [] : totals.flatMap((t, i) => (Math.abs(t - (sum - t) / (count - 1)) >= OUTLIER_POINTS ? [i] : []));
  return { count, mean, min, max, spread: round1(max - min), stdDev, passes: mean >= passMark, outliers };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
