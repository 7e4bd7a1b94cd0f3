import { z } from "zod";
import { DISTRICTS, DOMAINS } from "../vocabulary";
import { message } from "./messages";

/** The parts of a scenario a reviewer can comment on when returning it. */
export const REVIEW_FIELDS = [
  "title",
  "description",
  "requirements",
  "acceptance_criteria",
  "budget",
  "period",
  "data_resources",
  "contact",
  "other",
] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

const COMMENT_MAX = 2000;
const comment = z.string().trim().max(COMMENT_MAX, message("error.tooLong", { max: COMMENT_MAX })).optional();

const comments = z.object(Object.fromEntries(REVIEW_FIELDS.map((f) => [f, comment])) as Record<ReviewField, typeof comment>);

/** The version the reviewer read: a decision on a scenario that changed since is refused. */
const version = z.coerce.number({ invalid_type_error: "error.required" }).int().positive();

export const reviewDecisionSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("approve"), version, note: comment }),
    z.object({ intent: z.literal("return"), version, comments: comments.optional() }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent !== "return") return;
    const given = Object.values(value.comments ?? {}).filter((c) => c && c.length > 0);
    // The error sits on the comments fieldset: the reviewer must say what to change, somewhere.
    if (given.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["comments"], message: "review.error.noComment" });
  });

export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/** The comments a reviewer actually wrote, in field order. */
export function writtenComments(value: Partial<Record<ReviewField, string | undefined>> | undefined) {
  return REVIEW_FIELDS.flatMap((field) => {
    const text = value?.[field]?.trim();
    return text ? [{ field, comment: text }] : [];
  });
}

/** The reviewer queue's filters, from the query string; unknown values are dropped. */
export const reviewQueueSchema = z.object({
  domain: z.enum(DOMAINS).optional().catch(undefined),
  district: z.enum(DISTRICTS).optional().catch(undefined),
  edition: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  org: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type ReviewQueueFilters = z.infer<typeof reviewQueueSchema>;
