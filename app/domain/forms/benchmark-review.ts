import { z } from "zod";
import { checkRubric, scoreSheet, type Criterion } from "../rubric";
import { message } from "./messages";

// The forms of the benchmark review: the office's rubric per edition, assigning and closing, and
// the reviewer's sheet. Messages are translation keys (see ./messages.ts).

const id = z.coerce.number({ invalid_type_error: "error.required" }).int().positive();
const requiredText = (max: number) =>
  z.string({ required_error: "error.required" }).trim().min(1, "error.required").max(max, message("error.tooLong", { max }));

/** Rows offered on the rubric form: the criteria, a few blank ones to add more, never above the limit. */
export const RUBRIC_MAX_CRITERIA = 10;
export function rubricRowCount(criteria: number): number {
  return Math.min(RUBRIC_MAX_CRITERIA, Math.max(criteria + 2, 6));
}

const cell = (max: number) => z.string().trim().max(max, message("error.tooLong", { max })).optional();
const rubricRow = z.object({ key: cell(32), zh: cell(20), en: cell(40), weight: cell(6) }).optional();

const passMark = z.coerce
  .number({ required_error: "error.required", invalid_type_error: "benchReview.rubric.error.passMark" })
  .min(1, "benchReview.rubric.error.passMark")
  .max(100, "benchReview.rubric.error.passMark")
  .refine((v) => Math.round(v * 10) === v * 10, "benchReview.rubric.error.passMark");
const noticeDays = z.coerce
  .number({ required_error: "error.required", invalid_type_error: "benchReview.rubric.error.noticeDays" })
  .int("benchReview.rubric.error.noticeDays")
  .min(1, "benchReview.rubric.error.noticeDays")
  .max(30, "benchReview.rubric.error.noticeDays");

type Row = z.infer<typeof rubricRow>;
const isBlank = (row: Row) => !row || (!row.key && !row.zh && !row.en && !row.weight);
const weightOf = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : Number.NaN);

/** The weights typed so far that are whole numbers: what the page shows as the current sum. */
export function typedWeightSum(rows: readonly Row[]): number {
  return rows.reduce((sum, row) => sum + (Number.isNaN(weightOf(row?.weight)) ? 0 : weightOf(row?.weight)), 0);
}

/**
 * The office's rubric form. Blank rows are ignored; each problem checkRubric finds is put next to
 * the field it is about (by the row's position on the form), the sum and the count next to the list.
 */
export const rubricFormSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("reset") }),
    z.object({
      intent: z.literal("save"),
      criteria: z.array(rubricRow).max(RUBRIC_MAX_CRITERIA, message("benchReview.rubric.error.count", { min: 2, max: RUBRIC_MAX_CRITERIA })),
      passMark,
      noticeDays,
    }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent !== "save") return;
    const positions: number[] = [];
    const criteria: Criterion[] = [];
    value.criteria.forEach((row, position) => {
      if (isBlank(row)) return;
      positions.push(position);
      criteria.push({ key: row?.key ?? "", zh: row?.zh ?? "", en: row?.en ?? "", weight: weightOf(row?.weight) });
    });
    const at = (index: number, field: keyof NonNullable<Row>, text: string) =>
      ctx.addIssue({ code: "custom", path: ["criteria", positions[index]!, field], message: text });
    for (const problem of checkRubric(criteria)) {
      switch (problem.code) {
        case "rubric_key":
          at(problem.index, "key", criteria[problem.index]!.key ? "benchReview.rubric.error.key" : "error.required");
          break;
        case "rubric_duplicate":
          at(problem.index, "key", message("benchReview.rubric.error.duplicate", { key: problem.key }));
          break;
        case "rubric_label":
          if (!criteria[problem.index]!.zh.trim()) at(problem.index, "zh", "error.required");
          if (!criteria[problem.index]!.en.trim()) at(problem.index, "en", "error.required");
          break;
        case "rubric_weight":
          at(problem.index, "weight", value.criteria[positions[problem.index]!]?.weight ? "benchReview.rubric.error.weight" : "error.required");
          break;
        case "rubric_sum":
          ctx.addIssue({ code: "custom", path: ["criteria"], message: message("benchReview.rubric.error.sum", { sum: typedWeightSum(value.criteria) }) });
          break;
        case "rubric_count":
          ctx.addIssue({ code: "custom", path: ["criteria"], message: message("benchReview.rubric.error.count", { min: problem.min, max: problem.max }) });
          break;
      }
    }
  })
  .transform((value) =>
    value.intent === "reset"
      ? value
      : {
          intent: value.intent,
          passMark: value.passMark,
          noticeDays: value.noticeDays,
          criteria: value.criteria.filter((row) => !isBlank(row)).map((row): Criterion => ({ key: row!.key!, zh: row!.zh!, en: row!.en!, weight: weightOf(row!.weight) })),
        },
  );

/** The office on one application: assign several reviewers, take one off, close the review. */
export const officeReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), reviewerIds: z.array(id, { required_error: "benchReview.error.noneSelected" }).min(1, "benchReview.error.noneSelected") }),
  z.object({ intent: z.literal("remove"), reviewerId: id }),
  z.object({ intent: z.literal("close"), note: z.string().trim().max(1000, message("error.tooLong", { max: 1000 })).optional() }),
]);

const SCORE_TEXT = /^\d{1,3}(\.\d+)?$/;

/**
 * The reviewer's sheet for this rubric: `scores.<key>` and `comments.<key>` per criterion. A draft
 * may leave scores and comments out; a submitted sheet scores every criterion within 0..weight in
 * halves and comments on every one — a score without a reason does not help the office or the pair.
 * The third intent declares a conflict, with a reason.
 */
export function sheetSchema(rubric: readonly Criterion[]) {
  const shape = (max: number) => z.object(Object.fromEntries(rubric.map((c) => [c.key, z.string().trim().max(max, message("error.tooLong", { max })).optional()])));
  const sheet = { scores: shape(8), comments: shape(2000) };
  return z
    .discriminatedUnion("intent", [
      z.object({ intent: z.literal("draft"), ...sheet }),
      z.object({ intent: z.literal("submit"), ...sheet }),
      z.object({ intent: z.literal("conflict"), reason: requiredText(500) }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent === "conflict") return;
      const scores: Record<string, number> = {};
      for (const c of rubric) {
        const text = value.scores[c.key];
        if (text === undefined) continue;
        if (!SCORE_TEXT.test(text)) ctx.addIssue({ code: "custom", path: ["scores", c.key], message: message("benchReview.error.score_range", { max: c.weight }) });
        else scores[c.key] = Number(text);
      }
      const result = scoreSheet(rubric, scores);
      if (!result.ok) {
        for (const p of result.problems) {
          if (p.code === "score_missing" && (value.intent === "draft" || value.scores[p.key] !== undefined)) continue;
          ctx.addIssue({ code: "custom", path: ["scores", p.key], message: message(`benchReview.error.${p.code}`, { max: p.max }) });
        }
      }
      if (value.intent === "submit") {
        for (const c of rubric) {
          if (!value.comments[c.key]) ctx.addIssue({ code: "custom", path: ["comments", c.key], message: "benchReview.error.comment_missing" });
        }
      }
    })
    .transform((value) =>
      value.intent === "conflict"
        ? value
        : {
            intent: value.intent,
            scores: Object.fromEntries(rubric.map((c) => [c.key, value.scores[c.key] === undefined ? undefined : Number(value.scores[c.key])])) as Record<string, number | undefined>,
            comments: Object.fromEntries(rubric.map((c) => [c.key, value.comments[c.key]])) as Record<string, string | undefined>,
          },
    );
}
