import { z } from "zod";
import { message } from "./messages";

// The public notice's objection form (anyone, signed in or not) and the office's forms: resolving
// an objection and certifying. Shared by the browser and the server.

export const OBJECTION_NAME_MAX = 50;
export const OBJECTION_CONTACT_MAX = 100;
export const OBJECTION_REASON_MIN = 20;
export const OBJECTION_REASON_MAX = 2000;
export const RESOLUTION_MAX = 2000;

// Length counts characters as people see them (an emoji is one), not UTF-16 units.
const length = (text: string) => [...text].length;

const email = z.string().email();

/**
 * How the office can reach an objector: an e-mail address, or a Chinese mobile or landline number
 * (spaces, dashes and brackets allowed; +86 / 0086 in front allowed). Anything else is null.
 */
export function contactKind(contact: string): "email" | "phone" | null {
  const value = contact.trim();
  if (value.includes("@")) return email.safeParse(value).success ? "email" : null;
  const digits = value.replace(/[\s\-()（）]/g, "").replace(/^(\+86|0086)/, "");
  if (/^1[3-9]\d{9}$/.test(digits)) return "phone";
  if (/^0\d{2,3}\d{7,8}$/.test(digits)) return "phone";
  return null;
}

/** The contact as compared for duplicates: e-mail in lower case, a number as its digits. */
export function normaliseContact(contact: string): string {
  const value = contact.trim();
  if (contactKind(value) === "email") return value.toLowerCase();
  return value.replace(/[\s\-()（）]/g, "").replace(/^(\+86|0086)/, "");
}

function text({ min, max, tooShort }: { min: number; max: number; tooShort?: string }) {
  return z
    .string({ required_error: "error.required" })
    .trim()
    .superRefine((v, ctx) => {
      const n = length(v);
      const problem = n === 0 ? "error.required" : n < min ? (tooShort ?? "error.required") : n > max ? message("error.tooLong", { max }) : null;
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    });
}

export const objectionSchema = z.object({
  intent: z.literal("object"),
  name: text({ min: 1, max: OBJECTION_NAME_MAX }),
  contact: text({ min: 1, max: OBJECTION_CONTACT_MAX }).refine((v) => !v || contactKind(v) !== null, "notices.error.contact"),
  reason: text({ min: OBJECTION_REASON_MIN, max: OBJECTION_REASON_MAX, tooShort: message("notices.error.reasonShort", { min: OBJECTION_REASON_MIN }) }),
});
export type ObjectionInput = z.infer<typeof objectionSchema>;

const id = z.coerce.number({ required_error: "error.required", invalid_type_error: "error.required" }).int().positive();

/** The office's forms on /admin/notices, told apart by intent. */
export const officeNoticeSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("resolve"),
    objectionId: id,
    outcome: z.enum(["upheld", "rejected"], { required_error: "error.choose", invalid_type_error: "error.choose" }),
    resolution: text({ min: 1, max: RESOLUTION_MAX }),
  }),
  z.object({ intent: z.literal("certify"), applicationId: id }),
  z.object({ intent: z.literal("certify-due") }),
]);
export type OfficeNoticeInput = z.infer<typeof officeNoticeSchema>;
