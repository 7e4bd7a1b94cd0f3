import type { DB } from "~/db/db.server";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import type { ScenarioDocument } from "./engine";

const toUnix = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : null);

/**
 * Builds the search documents for public scenarios (all of them, or the given ids). Only public
 * scenarios are ever indexed, so neither engine can leak a draft.
 */
export async function loadScenarioDocuments(db: DB, ids?: number[]): Promise<ScenarioDocument[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .leftJoin("batches as b", "b.id", "s.batch_id")
    .where("s.status", "in", PUBLIC_SCENARIO_STATUSES)
    .select([
      "s.id",
      "s.code",
      "s.title",
      "s.description",
      "s.requirements",
      "o.name as organisation",
      "s.domain",
      "s.district",
      "s.venue_type",
      "s.cooperation_mode",
      "s.tier",
      "s.status",
      "s.budget_wan",
      "e.year",
      "b.ordinal",
      "s.published_at",
      "s.proposal_deadline",
    ])
    .orderBy("s.id");
  if (ids) query = query.where("s.id", "in", ids);
  const rows = await query.execute();

  const capabilityRows = await db
    .selectFrom("scenario_capabilities as sc")
    .innerJoin("capabilities as c", "c.id", "sc.capability_id")
    .innerJoin("scenarios as s", "s.id", "sc.scenario_id")
    .where("s.status", "in", PUBLIC_SCENARIO_STATUSES)
    .$if(ids !== undefined, (q) => q.where("sc.scenario_id", "in", ids!))
    .select(["sc.scenario_id", "c.name_zh"])
    .orderBy("c.id")
    .execute();
  const capabilities = new Map<number, string[]>();
  for (const row of capabilityRows) {
    const list = capabilities.get(row.scenario_id) ?? [];
    list.push(row.name_zh);
    capabilities.set(row.scenario_id, list);
  }

  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    description: r.description,
    requirements: r.requirements,
    organisation: r.organisation,
    capabilities: capabilities.get(r.id) ?? [],
    domain: r.domain,
    district: r.district,
    venueType: r.venue_type,
    cooperationMode: r.cooperation_mode,
    tier: r.tier,
    status: r.status,
    budgetWan: r.budget_wan,
    editionYear: r.year,
    batchOrdinal: r.ordinal,
    publishedAt: toUnix(r.published_at),
    proposalDeadline: toUnix(r.proposal_deadline),
  }));
}
