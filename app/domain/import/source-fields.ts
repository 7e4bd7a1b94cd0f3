// What an imported list printed that has no column of ours: the list's publisher (发布单位, e.g. a
// city's state-assets commission), the city, the source list's name, outcome and solution texts, the
// category in the list's own words, and the publication date. Kept beside the scenario, shown on its
// page and exported, so that nothing the source said is lost on the way in.
import { z } from "zod";

export const SOURCE_KEYS = ["publisher", "city", "sourceList", "outcome", "solution", "category", "district", "publishedOn"] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];
export type SourceFields = Partial<Record<SourceKey, string>>;

const schema = z.record(z.string(), z.unknown());

/** Only non-empty known keys, trimmed, each at most 2,000 characters; null when nothing is left. */
export function cleanSourceFields(fields: SourceFields): SourceFields | null {
  const out: SourceFields = {};
  for (const key of SOURCE_KEYS) {
    const value = fields[key]?.trim();
    if (value) out[key] = value.slice(0, 2000);
  }
  return Object.keys(out).length ? out : null;
}

export function serialiseSourceFields(fields: SourceFields | null): string | null {
  const clean = fields ? cleanSourceFields(fields) : null;
  return clean ? JSON.stringify(clean) : null;
}

/** Parsed from the stored JSON; anything unreadable is no source fields at all. */
export function parseSourceFields(json: string | null | undefined): SourceFields | null {
  if (!json) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    if (!parsed.success) return null;
    const fields: SourceFields = {};
    for (const key of SOURCE_KEYS) if (typeof parsed.data[key] === "string") fields[key] = parsed.data[key] as string;
    return cleanSourceFields(fields);
  } catch {
    return null;
  }
}
