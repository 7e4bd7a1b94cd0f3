import { z } from "zod";
import { fieldsOf, IMPORT_KINDS } from "../import/fields";
import { STATUS_VALUES } from "../import/values";
import { COOPERATION_MODES, DISTRICTS, DOMAINS, PRODUCT_KINDS, TIERS } from "../vocabulary";

// The office's choices between the steps of an import: which upload, what kind of list, which
// edition and batch, what each column is, and the values for the whole list.

const optional = <T extends [string, ...string[]]>(values: T) => z.union([z.enum(values), z.literal("")]).default("");

export const importSettingsSchema = z
  .object({
    upload: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/),
    kind: z.enum(IMPORT_KINDS),
    edition: z.coerce.number().int().min(2000).max(2100),
    batch: z.string().regex(/^(new|none|\d{1,3})$/).default("new"),
    publishedOn: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal("")]).default(""),
    map: z.array(z.string()).max(200).default([]),
    /** The mapping the page showed, so that a field taken from one column can be proposed for another. */
    shown: z.array(z.string()).max(200).default([]),
    /** partial: valid rows import, the others wait in 待处理; all: all or nothing. */
    mode: z.enum(["partial", "all"]).default("partial"),
    /** A past list or another city's, kept for reference. */
    archive: z.union([z.literal("1"), z.literal("")]).default(""),
    default_organisation: z.string().trim().max(100).default(""),
    default_domain: optional([...DOMAINS]),
    default_district: optional([...DISTRICTS]),
    default_cooperationMode: optional([...COOPERATION_MODES]),
    default_tier: optional([...TIERS]),
    default_status: optional([...STATUS_VALUES]),
    default_productKind: optional([...PRODUCT_KINDS]),
  })
  .superRefine((value, ctx) => {
    const allowed = fieldsOf(value.kind) as readonly string[];
    for (const list of ["map", "shown"] as const) {
      value[list].forEach((field, i) => {
        if (field !== "" && !allowed.includes(field)) ctx.addIssue({ code: "custom", path: [list, i], message: "error.choose" });
      });
    }
  });

export type ImportSettingsInput = z.output<typeof importSettingsSchema>;

/** The form's values as the office's form sends them: `map` repeats once per column, in order. */
export function importFormValues(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== "map" && key !== "shown") values[key] = value;
  values.map = form.getAll("map").filter((v): v is string => typeof v === "string");
  values.shown = form.getAll("shown").filter((v): v is string => typeof v === "string");
  return values;
}
