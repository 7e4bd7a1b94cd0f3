import { z } from "zod";
import { checkCreditCode } from "../credit-code";
import { DISTRICTS } from "../vocabulary";
import { message } from "./messages";

const text = (max: number) =>
  z.string({ required_error: "error.required" }).trim().min(1, "error.required").max(max, message("error.tooLong", { max }));

export const email = z
  .string({ required_error: "error.required" })
  .trim()
  .toLowerCase()
  .min(1, "error.required")
  .max(254, message("error.tooLong", { max: 254 }))
  .email("error.email");

export const password = z.string({ required_error: "error.required" }).min(10, "error.passwordShort").max(200, message("error.tooLong", { max: 200 }));

export const creditCode = z
  .string({ required_error: "error.required" })
  .trim()
  .min(1, "error.required")
  .transform((value, ctx) => {
    const result = checkCreditCode(value);
    if (!result.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `error.creditCode.${result.problem}` });
      return z.NEVER;
    }
    return result.code;
  });

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: "error.required" }).min(1, "error.required").max(200),
  redirectTo: z.string().optional(),
});

export const signupSchema = z.object({
  name: text(60),
  email,
  password,
  kind: z.enum(["demand", "vendor"], { required_error: "error.choose", invalid_type_error: "error.choose" }),
  organisationName: text(100),
  creditCode,
  district: z.enum(DISTRICTS, { required_error: "error.choose", invalid_type_error: "error.choose" }),
});
