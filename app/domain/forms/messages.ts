import { z } from "zod";

// Zod messages are translation keys, with values after a "?": "error.tooLong?max=200". The form
// components translate them, so one schema speaks both languages in the browser and on the server.

export function message(key: string, values?: Record<string, string | number>): string {
  return values ? `${key}?${new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)]))}` : key;
}

export function parseMessage(text: string): { key: string; values: Record<string, string> } {
  const [key, query] = text.split("?", 2) as [string, string | undefined];
  return { key, values: Object.fromEntries(new URLSearchParams(query ?? "")) };
}

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
