// Amendments to published scenarios (DESIGN.md): each change is numbered, carries a reason and a
// public diff. A material change less than 7 days before the proposal deadline moves the deadline
// to 7 days after the change, and proposals submitted before a material change must be re-confirmed
// by their vendors before they are considered.

export const RECONSIDER_DAYS = 7;
const DAY_MS = 86_400_000;

/** Fields a vendor's bid does not depend on: changing only these is not material. */
export const IMMATERIAL_FIELDS: readonly string[] = ["contactName", "contactPhone", "contactEmail"];

export interface AmendmentChange {
  field: string;
  /** As the form shows it: text, or a list of tags / data rows for list fields. */
  before: unknown;
  after: unknown;
}

/** An amendment as the public page shows it. */
export interface PublicAmendment {
  number: number;
  reason: string;
  material: boolean;
  changes: AmendmentChange[];
  deadlineBefore: string | null;
  deadlineAfter: string | null;
  at: string;
}

export function isMaterial(changes: readonly AmendmentChange[]): boolean {
  return changes.some((c) => !IMMATERIAL_FIELDS.includes(c.field));
}

/**
 * The proposal deadline after a change made at `at`. Immaterial changes, changes after the deadline
 * has passed, and changes with at least 7 days left keep it; otherwise it moves to 7 days after.
 */
export function deadlineAfterAmendment(deadline: string | null, at: Date, material: boolean): string | null {
  if (!deadline || !material) return deadline;
  const left = new Date(deadline).getTime() - at.getTime();
  if (left <= 0 || left >= RECONSIDER_DAYS * DAY_MS) return deadline;
  return new Date(at.getTime() + RECONSIDER_DAYS * DAY_MS).toISOString();
}

/** Field-by-field differences between two sets of form values, in the given field order. */
export function diffValues(fields: readonly string[], before: Record<string, unknown>, after: Record<string, unknown>): AmendmentChange[] {
  const norm = (v: unknown) => JSON.stringify(v ?? "");
  return fields.filter((f) => norm(before[f]) !== norm(after[f])).map((field) => ({ field, before: before[field] ?? "", after: after[field] ?? "" }));
}

export type DiffPart = { kind: "same" | "removed" | "added"; text: string };

/**
 * A readable diff of two texts by sentence (Chinese and Western punctuation, line breaks), so a
 * changed clause in a long description shows as one struck-out and one inserted sentence.
 * Longest common subsequence over sentences; texts here are at most a few hundred sentences.
 */
export function diffText(before: string, after: string): DiffPart[] {
  const a = sentences(before);
  const b = sentences(after);
  const width = b.length + 1;
  // lcs[i * width + j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = new Int32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) push("removed", a[i++]!);
    else push("added", b[j++]!);
  }
  while (i < a.length) push("removed", a[i++]!);
  while (j < b.length) push("added", b[j++]!);
  return parts;
}

/** Splits after sentence-ending punctuation; a line break is a piece of its own. Keeps every character. */
function sentences(text: string): string[] {
  return text.match(/[^。！？；!?;\n]*[。！？；!?;]+|\n|[^。！？；!?;\n]+/g) ?? [];
}
