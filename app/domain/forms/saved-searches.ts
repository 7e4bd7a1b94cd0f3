import { z } from "zod";
import { FREQUENCIES, MAX_NAME_LENGTH } from "../saved-searches";
import { message } from "./messages";

// Forms of saved searches: saving one from the list, and changing or deleting one on /my/searches.

const frequency = z.enum(FREQUENCIES, { errorMap: () => ({ message: "error.choose" }) });
// Conform turns the posted text into a number before zod sees it.
const id = z.number({ required_error: "error.required", invalid_type_error: "error.required" }).int().positive();

export const saveSearchSchema = z.object({
  intent: z.literal("save"),
  name: z
    .string({ required_error: "error.required" })
    .trim()
    .min(1, "error.required")
    .max(MAX_NAME_LENGTH, message("error.tooLong", { max: MAX_NAME_LENGTH })),
  query: z.string().max(2000).default(""),
  frequency,
});

export const savedSearchActionSchema = z.discriminatedUnion("intent", [
  saveSearchSchema,
  z.object({ intent: z.literal("frequency"), id, frequency }),
  z.object({ intent: z.literal("delete"), id }),
]);
