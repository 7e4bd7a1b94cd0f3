import { z } from "zod";
import { email, password } from "./auth";
import { message } from "./messages";

// Forms of the account pages: password reset, invitations, an organisation's members, the inbox.

const name = z
  .string({ required_error: "error.required" })
  .trim()
  .min(1, "error.required")
  .max(60, message("error.tooLong", { max: 60 }));

// Conform turns the posted text into a number before zod sees it.
const id = z.number({ required_error: "error.required", invalid_type_error: "error.required" }).int().positive();

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password, confirm: z.string({ required_error: "error.required" }) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "error.passwordMismatch" });

export const inviteSchema = z.object({ intent: z.literal("invite"), email });

export const memberActionSchema = z.discriminatedUnion("intent", [
  inviteSchema,
  z.object({ intent: z.literal("remove"), memberId: id }),
  z.object({ intent: z.literal("makeAdmin"), memberId: id }),
]);

/** A new account for the invited e-mail; a signed-in account with that e-mail posts `join` instead. */
export const invitationRegisterSchema = z.object({ intent: z.literal("register"), name, password });

export const acceptInvitationSchema = z.discriminatedUnion("intent", [invitationRegisterSchema, z.object({ intent: z.literal("join") })]);

export const notificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id }),
  z.object({ intent: z.literal("readAll") }),
  // How messages reach this person: e-mail at once or one daily digest, in which language.
  z.object({ intent: z.literal("preferences"), notifyMode: z.enum(["immediate", "daily"], { errorMap: () => ({ message: "error.choose" }) }), lang: z.enum(["zh", "en"], { errorMap: () => ({ message: "error.choose" }) }) }),
]);
