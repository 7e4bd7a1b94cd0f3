import type { DB } from "~/db/db.server";

// Public vendor profiles: verified vendor organisations with what they offer. Accounts, members
// and proposals are never part of it.

export interface VendorProfile {
  id: number;
  name: string;
  creditCode: string;
  district: string;
  summary: string;
  website: string | null;
  profileUpdatedAt: string | null;
  capabilities: { slug: string; zh: string; en: string }[];
  serves: { domains: string[]; venueTypes: string[]; districts: string[] };
  products: { kind: string; name: string; description: string; filingNumber: string | null }[];
  referenceCases: { client: string; scenario: string; result: string; year: number | null }[];
}

function publicVendors(db: DB) {
  return db.selectFrom("organisations").where("kind", "=", "vendor").where("verified", "=", 1);
}

/** Profiles of these organisation ids that are verified vendors, by id. */
export async function loadVendorProfiles(db: DB, ids: number[]): Promise<Map<number, VendorProfile>> {
  const result = new Map<number, VendorProfile>();
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const orgs = await publicVendors(db).where("id", "in", slice)
      .select(["id", "name", "credit_code", "district", "summary", "website", "profile_updated_at"]).execute();
    if (!orgs.length) continue;
    const found = orgs.map((o) => o.id);
    const [capabilities, served, products, cases] = await Promise.all([
      db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
        .where("vc.organisation_id", "in", found).select(["vc.organisation_id", "c.slug", "c.name_zh", "c.name_en"]).orderBy("c.id").execute(),
      db.selectFrom("vendor_served").where("organisation_id", "in", found).select(["organisation_id", "facet", "value"])
        .orderBy("facet").orderBy("value").execute(),
      db.selectFrom("products").where("organisation_id", "in", found)
        .select(["organisation_id", "kind", "name", "description", "filing_number"]).orderBy("id").execute(),
      db.selectFrom("reference_cases").where("organisation_id", "in", found)
        .select(["organisation_id", "client", "scenario", "result", "year"]).orderBy("id").execute(),
    ]);
    for (const o of orgs) {
      const mine = served.filter((s) => s.organisation_id === o.id);
      result.set(o.id, {
        id: o.id,
        name: o.name,
        creditCode: o.credit_code,
        district: o.district,
        summary: o.summary,
        website: o.website,
        profileUpdatedAt: o.profile_updated_at,
        capabilities: capabilities.filter((c) => c.organisation_id === o.id).map((c) => ({ slug: c.slug, zh: c.name_zh, en: c.name_en })),
        serves: {
          domains: mine.filter((s) => s.facet === "domain").map((s) => s.value),
          venueTypes: mine.filter((s) => s.facet === "venue_type").map((s) => s.value),
          districts: mine.filter((s) => s.facet === "district").map((s) => s.value),
        },
        products: products.filter((p) => p.organisation_id === o.id)
          .map((p) => ({ kind: p.kind, name: p.name, description: p.description, filingNumber: p.filing_number })),
        referenceCases: cases.filter((c) => c.organisation_id === o.id)
          .map((c) => ({ client: c.client, scenario: c.scenario, result: c.result, year: c.year })),
      });
    }
  }
  return result;
}

/** Verified vendors in id order, after the last id seen. */
export async function listVendorProfiles(db: DB, { afterId, limit }: { afterId: number | null; limit: number }) {
  let query = publicVendors(db).select("id").orderBy("id").limit(limit + 1);
  if (afterId !== null) query = query.where("id", ">", afterId);
  const ids = (await query.execute()).map((r) => r.id);
  const page = ids.slice(0, limit);
  const profiles = await loadVendorProfiles(db, page);
  return { items: page.flatMap((id) => profiles.get(id) ?? []), hasMore: ids.length > limit, total: await countVendors(db) };
}

async function countVendors(db: DB): Promise<number> {
  const row = await publicVendors(db).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
