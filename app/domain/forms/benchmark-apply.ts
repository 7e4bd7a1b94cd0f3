import { z } from "zod";
import { checkFileName, type AttachmentRefusal } from "../attachments";
import { EVIDENCE_LIMITS, EVIDENCE_NOTE_MAX, NARRATIVE_LIMITS } from "../benchmark-apply";
import { message } from "./messages";
import { attachmentMessage } from "./proposal";

// The benchmark application form and the evidence forms of the pilot workspace, in the browser and
// on the server. An evidence file's content is checked apart from these, from its bytes.

/** The application: one narrative, long enough to say what was done, what it achieved and how to repeat it. */
export const applySchema = z.object({
  narrative: z
    .string({ required_error: "benchmarkApply.error.narrativeRequired" })
    .trim()
    .superRefine((value, ctx) => {
      const length = [...value].length;
      if (length === 0) ctx.addIssue({ code: "custom", message: "benchmarkApply.error.narrativeRequired" });
      else if (length < NARRATIVE_LIMITS.min) ctx.addIssue({ code: "custom", message: message("benchmarkApply.error.narrativeShort", { min: NARRATIVE_LIMITS.min, length }) });
      else if (length > NARRATIVE_LIMITS.max) ctx.addIssue({ code: "custom", message: message("benchmarkApply.error.narrativeLong", { max: NARRATIVE_LIMITS.max, length }) });
    }),
});

const expired = { errorMap: () => ({ message: "proposal.error.expired" }) };
const id = z.coerce.number(expired).int("proposal.error.expired").positive("proposal.error.expired");

interface Upload {
  name: string;
  size: number;
}
const isUpload = (value: unknown): value is Upload =>
  typeof value === "object" && value !== null && typeof (value as Upload).name === "string" && typeof (value as Upload).size === "number";

/** A refused evidence file as a translation key with its values; only the count limit speaks of evidence. */
export function evidenceFileMessage(name: string, refusal: AttachmentRefusal): string {
  if (refusal.code === "too_many") return message("benchmarkApply.evidence.tooMany", { max: refusal.maxFiles });
  return attachmentMessage(name, refusal);
}

/** One file per post, with the KPI it supports (optional) and a short note. */
export const evidenceUploadSchema = z.object({
  intent: z.literal("evidence-upload"),
  kpiId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  note: z.string().trim().max(EVIDENCE_NOTE_MAX, message("error.tooLong", { max: EVIDENCE_NOTE_MAX })).optional().transform((v) => v ?? ""),
  file: z.unknown().superRefine((file, ctx) => {
    if (!isUpload(file) || (file.name === "" && file.size === 0)) {
      ctx.addIssue({ code: "custom", message: "benchmarkApply.evidence.fileRequired" });
      return;
    }
    const named = checkFileName(file.name, EVIDENCE_LIMITS);
    if (!named.ok) ctx.addIssue({ code: "custom", message: evidenceFileMessage(file.name, named.refusal) });
    else if (file.size > EVIDENCE_LIMITS.maxBytes) ctx.addIssue({ code: "custom", message: evidenceFileMessage(file.name, { code: "too_large", maxBytes: EVIDENCE_LIMITS.maxBytes }) });
  }),
});

export const evidenceRemoveSchema = z.object({ intent: z.literal("evidence-remove"), evidenceId: id });

export const EVIDENCE_INTENTS: readonly string[] = ["evidence-upload", "evidence-remove"];
