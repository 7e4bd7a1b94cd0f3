import { z } from "zod";
import { message } from "./messages";

export const QUESTION_MIN = 5;
export const QUESTION_MAX = 1000;
export const ANSWER_MAX = 2000;

// Length counts characters as people see them (an emoji is one), not UTF-16 units.
const length = (text: string) => [...text].length;

/** Trimmed text of `min`–`max` characters, with exactly one message when it is not. */
function text({ min, max, empty, tooShort = empty }: { min: number; max: number; empty: string; tooShort?: string }) {
  return z
    .string({ required_error: empty })
    .trim()
    .superRefine((v, ctx) => {
      const n = length(v);
      const problem = n === 0 ? empty : n < min ? tooShort : n > max ? message("error.tooLong", { max }) : null;
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    });
}

const question = text({ min: QUESTION_MIN, max: QUESTION_MAX, empty: "error.required", tooShort: message("questions.error.tooShort", { min: QUESTION_MIN }) });
const answer = text({ min: 1, max: ANSWER_MAX, empty: "questions.error.answerRequired" });

/** A vendor's question on a published scenario. */
export const askSchema = z.object({ intent: z.literal("ask"), question });

/** The owner's answer to one question of the scenario. */
export const answerSchema = z.object({
  intent: z.literal("answer"),
  questionId: z.coerce.number({ required_error: "error.required", invalid_type_error: "error.required" }).int().positive(),
  answer,
});

export type AskInput = z.infer<typeof askSchema>;
export type AnswerInput = z.infer<typeof answerSchema>;
