import { z } from "zod";
import { message } from "./messages";

const id = z.coerce.number({ invalid_type_error: "error.required" }).int().positive();
const reason = z.string().trim().max(500, message("error.tooLong", { max: 500 })).optional();

/** Verify or revoke an organisation. Revoking needs a reason: the members are told why. */
export const organisationDecisionSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("verify"), organisationId: id, reason }),
    z.object({ intent: z.literal("revoke"), organisationId: id, reason }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "revoke" && !value.reason) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reason"], message: "admin.orgs.error.reasonRequired" });
    }
  });

export const editionActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    year: z.coerce
      .number({ required_error: "error.required", invalid_type_error: "admin.editions.error.year" })
      .int("admin.editions.error.year")
      .min(2020, "admin.editions.error.year")
      .max(2100, "admin.editions.error.year"),
    title: z.string({ required_error: "error.required" }).trim().min(1, "error.required").max(100, message("error.tooLong", { max: 100 })),
  }),
  z.object({ intent: z.literal("open"), editionId: id }),
  z.object({ intent: z.literal("close"), editionId: id }),
]);

export const publishBatchSchema = z.object({
  editionId: id,
  scenarioIds: z.array(id, { required_error: "admin.batch.error.noneSelected" }).min(1, "admin.batch.error.noneSelected"),
});

const page = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);
const optionalText = (max: number) =>
  z.string().trim().max(max).optional().catch(undefined).transform((v) => v || undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(v)))
  .optional()
  .catch(undefined);

export const organisationQuerySchema = z.object({ q: optionalText(100), page });

export const AUDIT_SUBJECT_TYPES = ["scenario", "proposal", "organisation", "user", "edition", "batch", "session", "pilot", "incentive", "benchmark_application"] as const;

/** The audit log's filters from the query string; anything unreadable is dropped, not an error. */
export const auditQuerySchema = z.object({
  action: optionalText(100),
  subject: z.enum(AUDIT_SUBJECT_TYPES).optional().catch(undefined),
  actor: optionalText(254),
  from: day,
  to: day,
  page,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Query-string values as an object for the schemas above (the last value of a repeated key wins). */
export function queryObject(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(params.entries());
}
