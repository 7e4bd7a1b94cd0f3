// Fixed reference data: the capability vocabulary, three yearly editions with their batches, and
// the plan's targets.
import { CAPABILITIES } from "~/domain/vocabulary";
import { at } from "../time";
import type { EditionPlan } from "./world";

export const CAPABILITY_ID: ReadonlyMap<string, number> = new Map(CAPABILITIES.map((c, i) => [c.slug, i + 1]));

export function capabilityId(slug: string): number {
  const id = CAPABILITY_ID.get(slug);
  if (id === undefined) throw new Error(`unknown capability ${slug}`);
  return id;
}

export function capabilityName(id: number): string {
  return CAPABILITIES[id - 1]!.zh;
}

/**
 * 2025 and 2026 are closed and published (three and two batches); 2027 is open and has nothing
 * published yet. Budgets grow with the demo's size so that incentives stay below them.
 */
export function planEditions(scale: number): EditionPlan[] {
  const budget = (base: number) => Math.round((base * Math.max(1, scale)) / 100) * 100;
  const specs = [
    { year: 2025, status: "closed", opens: "2024-10-15T09:00:00+08:00", closes: "2025-07-31T17:00:00+08:00", budget: 5000,
      batches: ["2025-01-15T10:00:00+08:00", "2025-04-22T10:00:00+08:00", "2025-08-28T10:00:00+08:00"] },
    { year: 2026, status: "closed", opens: "2025-11-10T09:00:00+08:00", closes: "2026-08-31T17:00:00+08:00", budget: 6000,
      batches: ["2026-03-26T10:00:00+08:00", "2026-10-28T10:00:00+08:00"] },
    { year: 2027, status: "open", opens: "2026-11-01T09:00:00+08:00", closes: "2027-06-30T17:00:00+08:00", budget: 8000, batches: [] },
  ] as const;
  let batchId = 0;
  return specs.map((s, i) => {
    const edition: EditionPlan = {
      id: i + 1,
      year: s.year,
      callStatus: s.status,
      callOpens: at(s.opens),
      callCloses: at(s.closes),
      budget: budget(s.budget),
      batches: [],
    };
    edition.batches = s.batches.map((published, j) => ({ id: ++batchId, edition, ordinal: j + 1, publishedAt: at(published) }));
    return edition;
  });
}

export const TARGETS = [
  { key: "benchmarks_total", goal: 500, deadline: "2027-12-31" },
  { key: "venue:consumption", goal: 5, deadline: "2027-12-31" },
  { key: "venue:sports", goal: 5, deadline: "2027-12-31" },
  { key: "venue:culture_tourism", goal: 5, deadline: "2027-12-31" },
  { key: "venue:school", goal: 5, deadline: "2027-12-31" },
  { key: "venue:hospital", goal: 5, deadline: "2027-12-31" },
  { key: "venue:elderly_care", goal: 5, deadline: "2027-12-31" },
  { key: "industry_models", goal: 100, deadline: "2027-12-31" },
  { key: "terminals_agents", goal: 1000, deadline: "2027-12-31" },
] as const;
