import { z } from "zod";
import { message } from "./messages";

const id = z.coerce.number({ invalid_type_error: "error.required" }).int().positive();
const text = (max: number) =>
  z.string({ required_error: "error.required" }).trim().min(1, "error.required").max(max, message("error.tooLong", { max }));
const day = z
  .string({ required_error: "error.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "pilots.error.date")
  .refine((v) => !Number.isNaN(Date.parse(v)), "pilots.error.date");
const number = z.coerce
  .number({ required_error: "error.required", invalid_type_error: "pilots.error.number" })
  .finite("pilots.error.number")
  .min(-1e12, "pilots.error.number")
  .max(1e12, "pilots.error.number");
const note = z.string().trim().max(500, message("error.tooLong", { max: 500 })).optional().transform((v) => v ?? "");

/** Every form of the pilot workspace, told apart by intent. */
export const pilotActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("milestone"), title: text(200), dueOn: day }),
  z.object({ intent: z.literal("toggle-milestone"), milestoneId: id }),
  z.object({
    intent: z.literal("kpi"),
    name: text(100),
    unit: z.string().trim().max(20, message("error.tooLong", { max: 20 })).optional().transform((v) => v ?? ""),
    baseline: number,
    target: number,
    higherIsBetter: z.enum(["yes", "no"], { required_error: "error.required", invalid_type_error: "error.required" }),
  }),
  z.object({ intent: z.literal("measurement"), kpiId: id, value: number, measuredOn: day, note }),
  z.object({ intent: z.literal("update"), body: text(2000) }),
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("complete") }),
  z.object({ intent: z.literal("end"), reason: text(500) }),
]);

const wan = z.coerce
  .number({ required_error: "error.required", invalid_type_error: "pilots.error.amount" })
  .finite("pilots.error.amount")
  .positive("pilots.error.amount")
  .max(1_000_000, "pilots.error.amount")
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "pilots.error.amount");

/** The office's incentive forms. */
export const incentiveActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("budget"),
    editionId: id,
    budgetWan: z.coerce
      .number({ required_error: "error.required", invalid_type_error: "pilots.error.amount" })
      .finite("pilots.error.amount")
      .min(0, "pilots.error.amount")
      .max(10_000_000, "pilots.error.amount"),
  }),
  z.object({ intent: z.literal("grant"), pilotId: id, kind: z.enum(["compute_voucher", "subsidy"], { required_error: "error.required", invalid_type_error: "error.required" }), amountWan: wan }),
  z.object({ intent: z.literal("redeem"), incentiveId: id, amountWan: wan, note }),
]);
