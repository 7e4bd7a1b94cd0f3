import { z } from "zod";
import { ATTACHMENT_LIMITS, checkFileName, type AttachmentRefusal } from "../attachments";
import { limitedText } from "./limited-text";
import { message } from "./messages";

// The vendor's proposal form, in the browser and on the server. A draft may be saved unfinished;
// submitting needs approach, team, price and timeline. Attached files are checked apart from this
// schema (app/domain/attachments.ts), from their bytes.

export const MAX_PRICE_WAN = 1_000_000;
export const PROPOSAL_TEXT_LIMITS = { approach: 5000, team: 2000, timeline: 2000 } as const;
export const MAX_LINKED = 20;

const text = limitedText;

/** 万元 as people type it, read as the scenario budget is: "1,200", "１２０" and " 85.5 " all count. */
const price = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const cleaned = raw?.normalize("NFKC").replace(/[,，\s]/g, "").replace(/万元?$/, "");
    if (!cleaned) return undefined;
    const value = /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
    if (Number.isNaN(value)) ctx.addIssue({ code: "custom", message: "proposal.error.priceNumber" });
    else if (value <= 0) ctx.addIssue({ code: "custom", message: "proposal.error.pricePositive" });
    else if (value > MAX_PRICE_WAN) ctx.addIssue({ code: "custom", message: message("proposal.error.priceMax", { max: MAX_PRICE_WAN }) });
    // An unreadable price is NaN, not "missing": its own message is enough.
    return Number.isFinite(value) ? Math.round(value * 100) / 100 : Number.NaN;
  });

// Hidden fields a person cannot get wrong: a bad value means the page is stale or was tampered with.
const expired = { errorMap: () => ({ message: "proposal.error.expired" }) };
const id = z.coerce.number(expired).int("proposal.error.expired").positive("proposal.error.expired");
/** The version the form was loaded at; 0 when there was no proposal yet. */
const version = z.number(expired).int("proposal.error.expired").min(0, "proposal.error.expired");

/** A file from the form: a File on both sides, read by shape so the schema runs anywhere. */
interface Upload {
  name: string;
  size: number;
}
const isUpload = (value: unknown): value is Upload =>
  typeof value === "object" && value !== null && typeof (value as Upload).name === "string" && typeof (value as Upload).size === "number";

/** What can be told before the bytes are read: the name and the size. The content is checked on the server. */
const files = z
  .array(z.unknown())
  .default([])
  .superRefine((list, ctx) => {
    for (const file of list.filter(isUpload)) {
      const named = checkFileName(file.name);
      if (!named.ok) ctx.addIssue({ code: "custom", message: attachmentMessage(file.name, named.refusal) });
      else if (file.size > ATTACHMENT_LIMITS.maxBytes) ctx.addIssue({ code: "custom", message: attachmentMessage(file.name, { code: "too_large", maxBytes: ATTACHMENT_LIMITS.maxBytes }) });
    }
  });

/** A refused file as a translation key with its values; the name is shown without control characters. */
export function attachmentMessage(name: string, refusal: AttachmentRefusal): string {
  const shown = [...name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "�")];
  const values: Record<string, string | number> = { name: shown.length > 60 ? `${shown.slice(0, 57).join("")}…` : shown.join("") };
  if (refusal.code === "name_too_long") values.max = refusal.max;
  if (refusal.code === "extension") values.extension = refusal.extension || "—";
  if (refusal.code === "too_large") values.max = Math.round(refusal.maxBytes / (1024 * 1024));
  if (refusal.code === "too_many") values.max = refusal.maxFiles;
  if (refusal.code === "content_mismatch") values.extension = refusal.extension;
  return message(`proposal.file.${refusal.code}`, values);
}

export const REQUIRED_TO_SUBMIT = ["approach", "team", "priceWan", "timeline"] as const;

export const proposalSchema = z
  .object({
    intent: z.enum(["save", "submit"], expired).default("save"),
    version,
    approach: text(PROPOSAL_TEXT_LIMITS.approach),
    team: text(PROPOSAL_TEXT_LIMITS.team),
    priceWan: price,
    timeline: text(PROPOSAL_TEXT_LIMITS.timeline),
    productIds: z.array(id).max(MAX_LINKED, message("proposal.error.linkedMax", { max: MAX_LINKED })).default([]),
    caseIds: z.array(id).max(MAX_LINKED, message("proposal.error.linkedMax", { max: MAX_LINKED })).default([]),
    files,
  })
  .superRefine((v, ctx) => {
    if (v.intent !== "submit") return;
    for (const key of REQUIRED_TO_SUBMIT) {
      if (v[key] === undefined || v[key] === "") ctx.addIssue({ code: "custom", path: [key], message: "proposal.error.requiredToSubmit" });
    }
  });

export type ProposalInput = z.output<typeof proposalSchema>;

/** Withdrawing, re-confirming and removing a file: buttons with nothing to type. */
export const proposalCommandSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("withdraw"), version }),
  z.object({ intent: z.literal("reconfirm"), version }),
  z.object({ intent: z.literal("removeAttachment"), attachmentId: id }),
], expired);

export type ProposalCommand = z.output<typeof proposalCommandSchema>;

export const COMMAND_INTENTS: readonly string[] = ["withdraw", "reconfirm", "removeAttachment"];

/** A stored proposal as the form's default values: text, as the inputs hold it. */
export function toProposalFormValues(p: { approach: string; team: string; price_wan: number | null; timeline: string }, productIds: number[], caseIds: number[]) {
  return {
    approach: p.approach,
    team: p.team,
    priceWan: p.price_wan === null ? "" : String(p.price_wan),
    timeline: p.timeline,
    productIds: productIds.map(String),
    caseIds: caseIds.map(String),
  };
}
