import { z } from "zod";
import { message } from "./messages";

// The demand side's decisions on the proposals for one of its scenarios: one form per button, each
// naming the proposal. Messages are translation keys (see messages.ts).

const EXPIRED = "selection.error.expired";
const expired = { errorMap: () => ({ message: EXPIRED }) };
const proposalId = z.coerce.number(expired).int(EXPIRED).positive(EXPIRED);

export const REASON_MAX = 500;

export const shortlistSchema = z.object({ intent: z.literal("shortlist", expired), proposalId });

export const selectSchema = z.object({
  intent: z.literal("select", expired),
  proposalId,
  note: z.string().trim().max(REASON_MAX, message("error.tooLong", { max: REASON_MAX })).optional(),
});

export const declineSchema = z.object({
  intent: z.literal("decline", expired),
  proposalId,
  reason: z
    .string({ required_error: "selection.error.reasonRequired" })
    .trim()
    .min(1, "selection.error.reasonRequired")
    .max(REASON_MAX, message("error.tooLong", { max: REASON_MAX })),
});

export const selectionActionSchema = z.discriminatedUnion("intent", [shortlistSchema, selectSchema, declineSchema], expired);
export type SelectionAction = z.infer<typeof selectionActionSchema>;

/** Fields a person types; an error anywhere else means the page was stale or tampered with. */
export const TYPED_FIELDS: readonly string[] = ["reason", "note"];
