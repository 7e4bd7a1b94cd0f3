import { z } from "zod";
import { CAPABILITIES, COOPERATION_MODES, DATA_SENSITIVITIES, DISTRICTS, DOMAINS, TIERS, VENUE_TYPES } from "../vocabulary";
import { email } from "./auth";
import { limitedText } from "./limited-text";
import { message } from "./messages";

// The scenario form, in the browser and on the server. A draft may be saved unfinished; submitting
// for review needs the rest. Every field is checked in one pass (a missing title does not hide a
// budget error), so nothing here aborts the parse on an empty field: required-ness lives in the
// refinement at the end, where the intent is known.

export const MAX_BUDGET_WAN = 1_000_000;
export const MAX_LONG_TEXT = 5000;
export const MAX_CAPABILITIES = 6;
export const MAX_DATA_RESOURCES = 5;

const choose = { errorMap: () => ({ message: "error.choose" }) };

const text = limitedText;

const date = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value), "demand.error.date")
  .optional();

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100;
}

/** 万元, typed by people: "1,200", "１２０" and " 85.5 " all count; blank means 面议. */
const budget = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const cleaned = raw?.normalize("NFKC").replace(/[,，\s]/g, "");
    if (!cleaned) return undefined;
    const value = /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
    if (Number.isNaN(value)) ctx.addIssue({ code: "custom", message: "demand.error.budgetNumber" });
    else if (value <= 0) ctx.addIssue({ code: "custom", message: "demand.error.budgetPositive" });
    else if (value > MAX_BUDGET_WAN) ctx.addIssue({ code: "custom", message: message("demand.error.budgetMax", { max: MAX_BUDGET_WAN }) });
    return Number.isFinite(value) ? Math.round(value * 100) / 100 : undefined;
  });

const phone = z.string().trim().max(30, message("error.tooLong", { max: 30 })).regex(/^[0-9+()（）\s\-转]{5,30}$/, "demand.error.phone").optional();

const CAPABILITY_SLUGS = CAPABILITIES.map((c) => c.slug) as [string, ...string[]];

const dataResource = z
  .object({
    kind: text(100),
    volume: text(100),
    labelled: z.boolean().optional(),
    sensitivity: z.enum(DATA_SENSITIVITIES, choose).optional(),
  })
  // A row left blank is no row; a row half filled in must be finished.
  .superRefine((row, ctx) => {
    if (!row.kind && !row.volume && !row.sensitivity && !row.labelled) return;
    for (const key of ["kind", "volume", "sensitivity"] as const) {
      if (!row[key]) ctx.addIssue({ code: "custom", path: [key], message: key === "sensitivity" ? "error.choose" : "error.required" });
    }
  });

const fields = {
  intent: z.enum(["save", "submit", "amend"], choose).default("save"),
  title: text(100),
  description: text(MAX_LONG_TEXT),
  requirements: text(MAX_LONG_TEXT),
  acceptanceCriteria: text(MAX_LONG_TEXT),
  domain: z.enum(DOMAINS, choose).optional(),
  venueType: z.enum(VENUE_TYPES, choose).optional(),
  district: z.enum(DISTRICTS, choose).optional(),
  cooperationMode: z.enum(COOPERATION_MODES, choose).optional(),
  tier: z.enum(TIERS, choose).optional(),
  budgetWan: budget,
  periodStart: date,
  periodEnd: date,
  siteAccess: text(1000),
  contactName: text(50),
  contactPhone: phone,
  contactEmail: email.optional(),
  capabilities: z.array(z.enum(CAPABILITY_SLUGS, choose)).max(MAX_CAPABILITIES, message("demand.error.capabilitiesMax", { max: MAX_CAPABILITIES })).default([]),
  dataResources: z.array(dataResource.optional()).max(MAX_DATA_RESOURCES, message("demand.error.dataMax", { max: MAX_DATA_RESOURCES })).default([]),
};

/** What a draft needs before it can be stored at all. */
export const REQUIRED_TO_SAVE = ["title", "description", "domain", "district", "cooperationMode", "tier", "contactName"] as const;
/** What review needs on top of that. */
export const REQUIRED_TO_SUBMIT = ["requirements", "acceptanceCriteria", "periodStart", "periodEnd"] as const;

const CHOICES: readonly string[] = ["domain", "district", "cooperationMode", "tier"];

type Shape = typeof fields;
type Raw = z.output<z.ZodObject<Shape>>;
type Required = (typeof REQUIRED_TO_SAVE)[number];
export interface DataResourceInput {
  kind: string;
  volume: string;
  labelled: boolean;
  sensitivity: (typeof DATA_SENSITIVITIES)[number];
}
export type ScenarioInput = Omit<Raw, Required | "dataResources"> & { [K in Required]-?: NonNullable<Raw[K]> } & {
  dataResources: DataResourceInput[];
};
export type ScenarioField = Exclude<keyof Shape, "intent">;
export const SCENARIO_FIELDS = Object.keys(fields).filter((k) => k !== "intent") as ScenarioField[];

function withRules<S extends Shape>(shape: z.ZodObject<S>) {
  return shape
    .superRefine((value, ctx) => {
      const v = value as Raw;
      const need = (path: string, msg = "error.required") => ctx.addIssue({ code: "custom", path: [path], message: msg });
      for (const key of REQUIRED_TO_SAVE) if (!v[key]) need(key, CHOICES.includes(key) ? "error.choose" : "error.required");
      if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) need("periodEnd", "demand.error.endBeforeStart");
      // Submitting for review and amending a published scenario both need a complete scenario.
      if (v.intent === "save") return;
      for (const key of REQUIRED_TO_SUBMIT) if (!v[key]) need(key);
      if (v.capabilities.length === 0) need("capabilities", "demand.error.capabilitiesMin");
      if (!v.contactPhone && !v.contactEmail) need("contactPhone", "demand.error.contactNeeded");
    })
    .transform((v) => ({ ...v, dataResources: (v as Raw).dataResources.filter(isFilled).map(dataRow) }) as unknown as z.output<z.ZodObject<S>> & ScenarioInput);
}

function isFilled(row: Raw["dataResources"][number]): row is DataResourceInput {
  return Boolean(row?.kind && row.volume && row.sensitivity);
}

const dataRow = (r: DataResourceInput): DataResourceInput => ({ kind: r.kind, volume: r.volume, labelled: Boolean(r.labelled), sensitivity: r.sensitivity });

// Hidden fields a person cannot get wrong: a bad value means the page is stale or was tampered with.
const expired = { errorMap: () => ({ message: "demand.error.expired" }) };
const version = z.number(expired).int("demand.error.expired").min(1, "demand.error.expired");

/** The new-scenario form carries a random key from its loader: posting it twice creates one scenario. */
export const newScenarioSchema = withRules(z.object({ ...fields, submissionKey: z.string(expired).min(16, "demand.error.expired").max(100, "demand.error.expired") }));

/** The edit form carries the version it was loaded at, so a save cannot overwrite someone else's. */
export const editScenarioSchema = withRules(z.object({ ...fields, version }));

/** A change to a published scenario: the whole scenario as it should now read, and why. */
export const amendScenarioSchema = withRules(
  z.object({
    ...fields,
    version,
    reason: z.string({ required_error: "demand.amend.reasonRequired" }).trim().min(1, "demand.amend.reasonRequired").max(500, message("error.tooLong", { max: 500 })),
  }),
);

export const withdrawSchema = z.object({
  intent: z.literal("withdraw", expired),
  version,
  reason: z.string({ required_error: "demand.error.reasonRequired" }).trim().min(1, "demand.error.reasonRequired").max(500, message("error.tooLong", { max: 500 })),
});

/**
 * Review comments name a field as the form does (`budgetWan`) or as the database does
 * (`budget_wan`); both land next to the same input. Anything else is a comment on the whole form.
 */
export function reviewCommentField(field: string): ScenarioField | null {
  const camel = field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const aliases: Record<string, ScenarioField> = {
    budget: "budgetWan", period: "periodStart", acceptance: "acceptanceCriteria", contact: "contactName",
    venue: "venueType", mode: "cooperationMode", data: "dataResources", capabilityIds: "capabilities",
  };
  const name = aliases[camel] ?? camel;
  return (SCENARIO_FIELDS as string[]).includes(name) ? (name as ScenarioField) : null;
}

/** A scenario row as the database holds it: what the form is filled in from. */
export interface StoredScenario {
  title: string; description: string; requirements: string; acceptance_criteria: string; domain: string;
  venue_type: string | null; district: string; cooperation_mode: string; tier: string; budget_wan: number | null;
  period_start: string | null; period_end: string | null; site_access: string; contact_name: string;
  contact_phone: string; contact_email: string;
}
export type ScenarioFormValues = ReturnType<typeof toFormValues>;

/** A stored scenario as the form's default values: text, as the inputs hold it. */
export function toFormValues(
  s: StoredScenario,
  capabilities: string[],
  dataResources: { kind: string; volume: string; labelled: number; sensitivity: string }[],
) {
  return {
    title: s.title, description: s.description, requirements: s.requirements, acceptanceCriteria: s.acceptance_criteria,
    domain: s.domain, venueType: s.venue_type ?? "", district: s.district, cooperationMode: s.cooperation_mode, tier: s.tier,
    budgetWan: s.budget_wan === null ? "" : String(s.budget_wan), periodStart: s.period_start ?? "", periodEnd: s.period_end ?? "",
    siteAccess: s.site_access, contactName: s.contact_name, contactPhone: s.contact_phone, contactEmail: s.contact_email,
    capabilities,
    dataResources: dataResources.map((d) => ({ kind: d.kind, volume: d.volume, labelled: Boolean(d.labelled), sensitivity: d.sensitivity })),
  };
}

/** The fields where what someone typed differs from what is stored now (told after a conflict). */
export function changedFields(stored: ScenarioFormValues, input: ScenarioInput): ScenarioField[] {
  const typed: Record<string, unknown> = { ...input, budgetWan: input.budgetWan === undefined ? "" : String(input.budgetWan) };
  return SCENARIO_FIELDS.filter((f) => JSON.stringify(stored[f]) !== JSON.stringify(typed[f] ?? ""));
}
