import type { MatchReason, MissingItem } from "~/domain/matching";

const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 10;

/** `?limit=` of a matches request: 1–50, 10 when absent, null when invalid. */
export function matchLimit(url: URL): number | null {
  const raw = url.searchParams.get("limit");
  if (raw === null || raw === "") return DEFAULT_LIMIT;
  if (!/^\d{1,3}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_LIMIT ? n : null;
}

/** Score, reasons and what is missing, as the API shows them: codes and values, no sentences. */
export function toApiExplanation(m: { score: number; reasons: MatchReason[]; missing: MissingItem[] }) {
  return {
    score: m.score,
    reasons: m.reasons.map((r) => ({ code: r.code, points: r.points, ...r.values })),
    missing: m.missing.map((x) => ({ code: x.code, ...x.values })),
  };
}
