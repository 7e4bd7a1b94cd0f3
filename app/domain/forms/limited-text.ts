import { z } from "zod";
import { message } from "./messages";

/** Optional trimmed text with a cap that tells the user how long their text is now. */
export function limitedText(max: number) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value.length > max) ctx.addIssue({ code: "custom", message: message("demand.error.tooLong", { max, length: value.length }) });
    })
    .optional();
}
