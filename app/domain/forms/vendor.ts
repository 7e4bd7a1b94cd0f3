import { z } from "zod";
import { CAPABILITIES, DISTRICTS, DOMAINS, PRODUCT_KINDS, VENUE_TYPES } from "../vocabulary";
import { message } from "./messages";

// A vendor's public profile: the organisation's own text and what it serves, its products and its
// reference cases. One schema per form on /vendor/profile, shared by the browser and the server.
// Text is kept exactly as typed (trimmed): HTML in it is shown as text, never interpreted.

export const MAX_SUMMARY = 2000;
export const MAX_PRODUCT_DESCRIPTION = 2000;
export const MAX_CASE_TEXT = 1000;
export const MAX_CAPABILITIES = 10;

const choose = { errorMap: () => ({ message: "error.choose" }) };

/** Trimmed text with a cap that tells the user how long their text is now. */
function text(max: number, { required }: { required: boolean }) {
  return z.string({ required_error: "error.required" }).trim().superRefine((value, ctx) => {
    if (required && value.length === 0) ctx.addIssue({ code: "custom", message: "error.required" });
    if (value.length > max) ctx.addIssue({ code: "custom", message: message("vendorProfile.error.tooLong", { max, length: value.length }) });
  });
}
const required = (max: number) => text(max, { required: true });
const optional = (max: number) => text(max, { required: false }).optional();

/**
 * A web address as people type it: "www.example.com" gets https:// in front; only http and https
 * are links (a javascript: address would run code when clicked).
 */
export const website = z
  .string()
  .trim()
  .max(200, message("error.tooLong", { max: 200 }))
  .optional()
  .transform((raw, ctx) => {
    if (!raw) return undefined;
    const candidate = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
    let url: URL | null = null;
    try {
      url = new URL(candidate);
    } catch {
      url = null;
    }
    if (!url || !["http:", "https:"].includes(url.protocol) || !/^[^.\s]+(\.[^.\s]+)+$/.test(url.hostname)) {
      ctx.addIssue({ code: "custom", message: "vendorProfile.error.website" });
      return z.NEVER;
    }
    // A bare host is stored as typed, without the slash URL adds.
    return url.pathname === "/" && !url.search && !url.hash ? url.origin : url.href;
  });

// Province-level names as the CAC writes them in 生成式人工智能服务 filing numbers.
const PROVINCES = [
  "Beijing", "Tianjin", "Hebei", "Shanxi", "Neimenggu", "Liaoning", "Jilin", "Heilongjiang", "Shanghai", "Jiangsu",
  "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan", "Hubei", "Hunan", "Guangdong", "Guangxi", "Hainan",
  "Chongqing", "Sichuan", "Guizhou", "Yunnan", "Xizang", "Shaanxi", "Gansu", "Qinghai", "Ningxia", "Xinjiang",
] as const;
const PROVINCE_BY_LOWER = new Map(PROVINCES.map((p) => [p.toLowerCase(), p]));

/**
 * A CAC filing number, normalised, or null if it is not one. Two shapes are in use:
 * 生成式人工智能服务备案号 `Jiangsu-YunqiZhiyuan-202403150012` (province, model name in pinyin, the
 * filing date and often a serial), and 深度合成算法备案号 `网信算备320106123456701240011号`.
 */
export function normaliseFilingNumber(raw: string): string | null {
  const value = raw.normalize("NFKC").trim();
  const algorithm = /^网信算备(\d{17,24})号?$/.exec(value);
  if (algorithm) return `网信算备${algorithm[1]}号`;
  const service = /^([A-Za-z]+)-([A-Za-z][A-Za-z0-9]{1,59})-(\d{8})([Ss]?\d{2,6})?$/.exec(value);
  if (!service) return null;
  const [, province, name, date, serial = ""] = service as unknown as [string, string, string, string, string | undefined];
  const canonical = PROVINCE_BY_LOWER.get(province.toLowerCase());
  if (!canonical || !isFilingDate(date)) return null;
  return `${canonical}-${name}-${date}${serial.toUpperCase()}`;
}

/** Service filing started in August 2023. */
function isFilingDate(yyyymmdd: string): boolean {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) && iso >= "2023-01-01" && iso <= "2100-12-31";
}

const CAPABILITY_SLUGS = CAPABILITIES.map((c) => c.slug) as [string, ...string[]];

export const profileSchema = z.object({
  intent: z.literal("profile", choose),
  summary: required(MAX_SUMMARY),
  website,
  capabilities: z
    .array(z.enum(CAPABILITY_SLUGS, choose))
    .min(1, "vendorProfile.error.capabilitiesMin")
    .max(MAX_CAPABILITIES, message("vendorProfile.error.capabilitiesMax", { max: MAX_CAPABILITIES }))
    .default([]),
  domains: z.array(z.enum(DOMAINS, choose)).default([]),
  venueTypes: z.array(z.enum(VENUE_TYPES, choose)).default([]),
  districts: z.array(z.enum(DISTRICTS, choose)).default([]),
});
export type ProfileInput = z.infer<typeof profileSchema>;

// Hidden ids a person cannot get wrong: a bad one means the page is stale or was tampered with.
const recordId = z.number({ required_error: "vendorProfile.error.expired", invalid_type_error: "vendorProfile.error.expired" }).int().positive();

const productFields = {
  kind: z.enum(PRODUCT_KINDS, choose),
  name: required(100),
  description: optional(MAX_PRODUCT_DESCRIPTION),
  filingNumber: z.string().trim().max(80, message("error.tooLong", { max: 80 })).optional(),
};

type ProductRaw = { kind: (typeof PRODUCT_KINDS)[number]; filingNumber?: string | undefined };

/** An industry model needs its filing number; any number given must look like a real one. */
function withFiling<T extends ProductRaw>(value: T, ctx: z.RefinementCtx): Omit<T, "filingNumber"> & { filingNumber: string | null } {
  let filingNumber: string | null = null;
  if (value.filingNumber) {
    filingNumber = normaliseFilingNumber(value.filingNumber);
    if (!filingNumber) ctx.addIssue({ code: "custom", path: ["filingNumber"], message: "vendorProfile.error.filingFormat" });
  } else if (value.kind === "industry_model") {
    ctx.addIssue({ code: "custom", path: ["filingNumber"], message: "vendorProfile.error.filingRequired" });
  }
  return { ...value, filingNumber };
}

export const addProductSchema = z.object({ intent: z.literal("addProduct"), ...productFields }).transform(withFiling);
export const updateProductSchema = z.object({ intent: z.literal("updateProduct"), productId: recordId, ...productFields }).transform(withFiling);
export type ProductInput = Omit<z.output<typeof addProductSchema>, "intent">;

const caseFields = {
  client: required(100),
  scenario: required(MAX_CASE_TEXT),
  result: required(MAX_CASE_TEXT),
  year: z
    .number({ invalid_type_error: "vendorProfile.error.year" })
    .int("vendorProfile.error.year")
    .min(2000, "vendorProfile.error.year")
    // Read at parse time, so a case from this year is fine on New Year's Day too.
    .refine((y) => y <= new Date().getFullYear(), "vendorProfile.error.yearFuture")
    .optional(),
};

export const addCaseSchema = z.object({ intent: z.literal("addCase"), ...caseFields });
export const updateCaseSchema = z.object({ intent: z.literal("updateCase"), caseId: recordId, ...caseFields });
export type CaseInput = Omit<z.output<typeof addCaseSchema>, "intent">;

export const deleteSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("deleteProduct"), productId: recordId }),
  z.object({ intent: z.literal("deleteCase"), caseId: recordId }),
]);

export const VENDOR_PROFILE_INTENTS = ["profile", "addProduct", "updateProduct", "deleteProduct", "addCase", "updateCase", "deleteCase"] as const;
export type VendorProfileIntent = (typeof VENDOR_PROFILE_INTENTS)[number];

/** The schema that parses a post with this intent. */
export function schemaFor(intent: VendorProfileIntent) {
  switch (intent) {
    case "profile":
      return profileSchema;
    case "addProduct":
      return addProductSchema;
    case "updateProduct":
      return updateProductSchema;
    case "addCase":
      return addCaseSchema;
    case "updateCase":
      return updateCaseSchema;
    case "deleteProduct":
    case "deleteCase":
      return deleteSchema;
  }
}
