import type { DB } from "~/db/db.server";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import type { ScenarioDocument, VendorDocument } from "./engine";

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

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(key(row)) ?? [];
    list.push(row);
    map.set(key(row), list);
  }
  return map;
}

/**
 * Builds the search documents for verified vendors (all of them, or the given ids): an unverified
 * vendor is never indexed, so it is never recommended.
 */
export async function loadVendorDocuments(db: DB, ids?: number[]): Promise<VendorDocument[]> {
  if (ids && ids.length === 0) return [];
  const vendors = await db
    .selectFrom("organisations")
    .where("kind", "=", "vendor")
    .where("verified", "=", 1)
    .$if(ids !== undefined, (q) => q.where("id", "in", ids!))
    .select(["id", "name", "district", "summary"])
    .orderBy("id")
    .execute();
  if (!vendors.length) return [];
  const vendorIds = vendors.map((v) => v.id);
  // Every related row of the chosen vendors in one query per table.
  const only = ids !== undefined;
  const [capabilities, products, cases, served] = await Promise.all([
    db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
      .$if(only, (q) => q.where("vc.organisation_id", "in", vendorIds))
      .select(["vc.organisation_id", "c.slug", "c.name_zh"]).orderBy("c.id").execute(),
    db.selectFrom("products").$if(only, (q) => q.where("organisation_id", "in", vendorIds))
      .select(["organisation_id", "name", "description"]).orderBy("id").execute(),
    db.selectFrom("reference_cases").$if(only, (q) => q.where("organisation_id", "in", vendorIds))
      .select(["organisation_id", "client", "scenario", "result"]).orderBy("id").execute(),
    db.selectFrom("vendor_served").$if(only, (q) => q.where("organisation_id", "in", vendorIds))
      .select(["organisation_id", "facet", "value"]).orderBy("value").execute(),
  ]);
  const byCapability = groupBy(capabilities, (r) => r.organisation_id);
  const byProduct = groupBy(products, (r) => r.organisation_id);
  const byCase = groupBy(cases, (r) => r.organisation_id);
  const byServed = groupBy(served, (r) => r.organisation_id);

  return vendors.map((v) => {
    const caps = byCapability.get(v.id) ?? [];
    const facets = byServed.get(v.id) ?? [];
    const facet = (f: string) => facets.filter((s) => s.facet === f).map((s) => s.value);
    return {
      id: v.id,
      name: v.name,
      district: v.district,
      summary: v.summary,
      capabilities: caps.map((c) => c.name_zh),
      capabilitySlugs: caps.map((c) => c.slug),
      products: (byProduct.get(v.id) ?? []).map((p) => `${p.name} ${p.description}`.trim()).join("\n"),
      cases: (byCase.get(v.id) ?? []).map((c) => `${c.client} ${c.scenario} ${c.result}`).join("\n"),
      servedDomains: facet("domain"),
      servedVenueTypes: facet("venue_type"),
      servedDistricts: facet("district"),
    };
  });
}
