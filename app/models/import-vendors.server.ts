// Planning and writing an imported vendor capability list (场景能力清单): vendor organisations,
// their products, capabilities, what they serve and reference cases. Capabilities, served facets
// and cases are only ever added: a list says what a vendor can do, not what it cannot.
import type { DB } from "~/db/db.server";
import { normaliseTitle } from "~/domain/import/source-key";
import { issueAt, type ImportIssue } from "~/domain/import/table";
import type { VendorImportRow } from "~/domain/import/vendor-rows";
import { declareIndustries, organisationId, organisationResolver, type OrganisationPlan } from "./import-organisations.server";
import type { RowOutcome } from "./import-scenarios.server";

interface ExistingProduct {
  id: number;
  organisation_id: number;
  name: string;
  kind: string;
  description: string;
  filing_number: string | null;
}

interface PlannedVendorRow {
  row: VendorImportRow;
  organisation: OrganisationPlan;
  product: ExistingProduct | null;
  action: "create" | "update" | "unchanged";
}

export interface VendorPlan {
  /** Import fields the file has columns for: a product's description or filing number is kept when its column is absent. */
  provided: ReadonlySet<string>;
  rows: PlannedVendorRow[];
  errors: ImportIssue[];
  outcomes: RowOutcome[];
  organisationsCreated: number;
}

/** The product columns a row sets, limited to what the file has columns for. */
function productColumns(row: VendorImportRow, provided: ReadonlySet<string>) {
  return {
    name: row.productName,
    kind: row.productKind,
    ...(provided.has("productDescription") ? { description: row.productDescription } : {}),
    ...(provided.has("filingNumber") ? { filing_number: row.filingNumber } : {}),
  };
}

export async function planVendorImport(
  db: DB,
  input: { rows: VendorImportRow[]; headers: string[]; columnOf: (field: string) => number | null; provided: ReadonlySet<string> },
): Promise<VendorPlan> {
  const errors: ImportIssue[] = [];
  const resolve = await organisationResolver(db, "vendor");
  const products = (await db.selectFrom("products").select(["id", "organisation_id", "name", "kind", "description", "filing_number"]).execute()) as ExistingProduct[];
  const productByKey = new Map(products.map((p) => [`${p.organisation_id}|${normaliseTitle(p.name)}`, p]));
  const [capabilities, served, cases, industries] = await Promise.all([
    db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id").select(["vc.organisation_id", "c.slug"]).execute(),
    db.selectFrom("vendor_served").select(["organisation_id", "facet", "value"]).execute(),
    db.selectFrom("reference_cases").select(["organisation_id", "scenario"]).execute(),
    db.selectFrom("organisation_industries").where("source", "=", "declared").select(["organisation_id", "industry"]).execute(),
  ]);
  const has = new Set([
    ...capabilities.map((c) => `${c.organisation_id}|cap|${c.slug}`),
    ...served.map((s) => `${s.organisation_id}|${s.facet}|${s.value}`),
    ...cases.map((c) => `${c.organisation_id}|case|${normaliseTitle(c.scenario)}`),
    ...industries.map((i) => `${i.organisation_id}|industry|${i.industry}`),
  ]);
  const planned: PlannedVendorRow[] = [];
  const outcomes: RowOutcome[] = [];
  const createdOrgs = new Set<string>();
  for (const row of input.rows) {
    const organisation = resolve(row.organisation, row.creditCode);
    if (!("action" in organisation)) {
      errors.push(issueAt(row.rowNumber, input.columnOf(organisation.key === "import.error.orgKind" ? "organisation" : "creditCode"), input.headers, organisation.key, organisation.values));
      continue;
    }
    let product: ExistingProduct | null = null;
    let action: PlannedVendorRow["action"] = "create";
    if (organisation.action !== "create") {
      const orgId = organisation.id;
      product = productByKey.get(`${orgId}|${normaliseTitle(row.productName)}`) ?? null;
      const adds = [
        ...row.capabilities.map((slug) => `${orgId}|cap|${slug}`),
        ...row.domains.map((d) => `${orgId}|domain|${d}`),
        ...row.venueTypes.map((v) => `${orgId}|venue_type|${v}`),
        ...(row.referenceCase ? [`${orgId}|case|${normaliseTitle(row.referenceCase.scenario)}`] : []),
        ...row.industries.map((i) => `${orgId}|industry|${i}`),
      ];
      const wanted: Record<string, string | null> = productColumns(row, input.provided);
      const productSame = product !== null && Object.entries(wanted).every(([k, v]) => (product![k as keyof ExistingProduct] ?? null) === v);
      action = product === null ? "create" : productSame && adds.every((k) => has.has(k)) && organisation.action === "existing" ? "unchanged" : "update";
    } else createdOrgs.add(organisation.ref);
    planned.push({ row, organisation, product, action });
    outcomes.push({ row: row.rowNumber, action, label: row.productName, organisation: organisation.name, organisationAction: organisation.action, code: null });
  }
  return { provided: input.provided, rows: planned, errors, outcomes, organisationsCreated: createdOrgs.size };
}

export async function writeVendorPlan(trx: DB, plan: VendorPlan, now: Date, sha256 = ""): Promise<{ organisationIds: number[] }> {
  const nowIso = now.toISOString();
  const capabilityIds = new Map((await trx.selectFrom("capabilities").select(["id", "slug"]).execute()).map((c) => [c.slug, c.id]));
  const createdOrgs = new Map<string, number>();
  const touched = new Set<number>();
  for (const p of plan.rows) {
    if (p.action === "unchanged") continue;
    const { row } = p;
    const orgId = await organisationId(trx, p.organisation, createdOrgs, { kind: "vendor", district: row.district ?? "", importedFrom: sha256 || undefined });
    touched.add(orgId);
    await declareIndustries(trx, orgId, row.industries);
    const product = productColumns(row, plan.provided);
    if (p.product) await trx.updateTable("products").set(product).where("id", "=", p.product.id).execute();
    else await trx.insertInto("products").values({ ...product, organisation_id: orgId }).execute();
    for (const slug of row.capabilities) {
      const capability = capabilityIds.get(slug);
      if (capability !== undefined) await trx.insertInto("vendor_capabilities").values({ organisation_id: orgId, capability_id: capability }).onConflict((o) => o.doNothing()).execute();
    }
    const served = [...row.domains.map((value) => ({ facet: "domain" as const, value })), ...row.venueTypes.map((value) => ({ facet: "venue_type" as const, value }))];
    for (const s of served) await trx.insertInto("vendor_served").values({ organisation_id: orgId, ...s }).onConflict((o) => o.doNothing()).execute();
    if (row.referenceCase) {
      const existing = await trx.selectFrom("reference_cases").where("organisation_id", "=", orgId).select(["id", "scenario"]).execute();
      if (!existing.some((c) => normaliseTitle(c.scenario) === normaliseTitle(row.referenceCase!.scenario))) {
        await trx.insertInto("reference_cases").values({ organisation_id: orgId, ...row.referenceCase }).execute();
      }
    }
    const org = await trx.selectFrom("organisations").where("id", "=", orgId).select(["district", "website", "summary"]).executeTakeFirstOrThrow();
    await trx
      .updateTable("organisations")
      .set({
        // Fills in what the organisation has not said itself; never overwrites its own profile.
        district: org.district || row.district || "",
        website: org.website || row.website,
        summary: org.summary || row.summary,
        profile_updated_at: nowIso,
        updated_at: nowIso,
      })
      .where("id", "=", orgId)
      .execute();
  }
  return { organisationIds: [...touched] };
}
