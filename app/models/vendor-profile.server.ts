import type { DB } from "~/db/db.server";
import type { CaseInput, ProductInput, ProfileInput } from "~/domain/forms/vendor";
import { audit } from "./audit.server";

// A vendor organisation editing its own public profile. Every query names the organisation, so a
// product or case of another organisation is simply not found. Each change is one transaction
// with its audit row, and marks when the profile last changed.

export interface Editor {
  userId: number;
  organisationId: number;
  ip: string;
}

/** Why a change was refused: not this organisation's, or cited by a proposal already submitted. */
export type ProfileProblem = "not_found" | "in_use";
export type ProfileResult = { ok: true; id: number } | { ok: false; problem: ProfileProblem };

// A submitted proposal is sealed: deleting what it cites would change it behind the reader's back.
const SEALED_PROPOSAL_STATUSES = ["submitted", "shortlisted", "selected", "declined"] as const;

/** Everything the editor shows, or null when the organisation is not a vendor. */
export async function getVendorProfile(db: DB, organisationId: number) {
  const organisation = await db
    .selectFrom("organisations")
    .where("id", "=", organisationId)
    .where("kind", "=", "vendor")
    .select(["id", "name", "district", "verified", "summary", "website", "profile_updated_at"])
    .executeTakeFirst();
  if (!organisation) return null;
  const [capabilities, served, products, cases, vocabulary] = await Promise.all([
    db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
      .where("vc.organisation_id", "=", organisationId).select("c.slug").orderBy("c.id").execute(),
    db.selectFrom("vendor_served").where("organisation_id", "=", organisationId).select(["facet", "value"]).execute(),
    db.selectFrom("products").where("organisation_id", "=", organisationId)
      .select(["id", "kind", "name", "description", "filing_number"]).orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("reference_cases").where("organisation_id", "=", organisationId)
      .select(["id", "client", "scenario", "result", "year"]).orderBy("year", "desc").orderBy("id").execute(),
    db.selectFrom("capabilities").select(["slug", "name_zh", "name_en"]).orderBy("id").execute(),
  ]);
  const facet = (f: "domain" | "venue_type" | "district") => served.filter((s) => s.facet === f).map((s) => s.value);
  return {
    organisation: { ...organisation, verified: Boolean(organisation.verified) },
    values: {
      summary: organisation.summary,
      website: organisation.website ?? "",
      capabilities: capabilities.map((c) => c.slug),
      domains: facet("domain"),
      venueTypes: facet("venue_type"),
      districts: facet("district"),
    },
    products,
    cases,
    vocabulary,
  };
}

async function touch(trx: DB, organisationId: number) {
  const now = new Date().toISOString();
  await trx.updateTable("organisations").set({ profile_updated_at: now, updated_at: now }).where("id", "=", organisationId).execute();
}

/** Replaces the profile's text, capabilities and served domains, venue types and districts. */
export async function saveProfile(db: DB, editor: Editor, input: ProfileInput): Promise<ProfileResult> {
  return db.transaction().execute(async (trx) => {
    const before = await getVendorProfile(trx, editor.organisationId);
    if (!before) return { ok: false, problem: "not_found" } as const;
    const now = new Date().toISOString();
    await trx.updateTable("organisations")
      .set({ summary: input.summary, website: input.website ?? null, profile_updated_at: now, updated_at: now })
      .where("id", "=", editor.organisationId)
      .execute();
    await trx.deleteFrom("vendor_capabilities").where("organisation_id", "=", editor.organisationId).execute();
    const caps = input.capabilities.length ? await trx.selectFrom("capabilities").where("slug", "in", input.capabilities).select("id").execute() : [];
    if (caps.length) {
      await trx.insertInto("vendor_capabilities").values(caps.map((c) => ({ organisation_id: editor.organisationId, capability_id: c.id }))).execute();
    }
    await trx.deleteFrom("vendor_served").where("organisation_id", "=", editor.organisationId).execute();
    const served = [
      ...[...new Set(input.domains)].map((value) => ({ facet: "domain" as const, value })),
      ...[...new Set(input.venueTypes)].map((value) => ({ facet: "venue_type" as const, value })),
      ...[...new Set(input.districts)].map((value) => ({ facet: "district" as const, value })),
    ];
    if (served.length) await trx.insertInto("vendor_served").values(served.map((s) => ({ organisation_id: editor.organisationId, ...s }))).execute();
    const { intent: _, ...after } = input;
    await audit(trx, {
      actorUserId: editor.userId, action: "vendor.profile.update", subjectType: "organisation", subjectId: editor.organisationId,
      before: before.values, after, ip: editor.ip,
    });
    return { ok: true, id: editor.organisationId } as const;
  });
}

function productColumns(input: ProductInput) {
  return { kind: input.kind, name: input.name, description: input.description ?? "", filing_number: input.filingNumber };
}

export async function addProduct(db: DB, editor: Editor, input: ProductInput): Promise<ProfileResult> {
  return db.transaction().execute(async (trx) => {
    if (!(await isVendor(trx, editor.organisationId))) return { ok: false, problem: "not_found" } as const;
    const { id } = await trx.insertInto("products")
      .values({ organisation_id: editor.organisationId, ...productColumns(input) })
      .returning("id").executeTakeFirstOrThrow();
    await touch(trx, editor.organisationId);
    await audit(trx, { actorUserId: editor.userId, action: "vendor.product.create", subjectType: "organisation", subjectId: editor.organisationId, after: { productId: id, ...productColumns(input) }, ip: editor.ip });
    return { ok: true, id } as const;
  });
}

export async function updateProduct(db: DB, editor: Editor, productId: number, input: ProductInput): Promise<ProfileResult> {
  return db.transaction().execute(async (trx) => {
    const before = await ownProduct(trx, editor.organisationId, productId);
    if (!before) return { ok: false, problem: "not_found" } as const;
    await trx.updateTable("products").set(productColumns(input)).where("id", "=", productId).where("organisation_id", "=", editor.organisationId).execute();
    await touch(trx, editor.organisationId);
    await audit(trx, { actorUserId: editor.userId, action: "vendor.product.update", subjectType: "organisation", subjectId: editor.organisationId, before, after: { id: productId, ...productColumns(input) }, ip: editor.ip });
    return { ok: true, id: productId } as const;
  });
}

export async function deleteProduct(db: DB, editor: Editor, productId: number): Promise<ProfileResult> {
  return db.transaction().execute(async (trx) => {
    const before = await ownProduct(trx, editor.organisationId, productId);
    if (!before) return { ok: false, problem: "not_found" } as const;
    const cited = await trx.selectFrom("proposal_products as pp").innerJoin("proposals as p", "p.id", "pp.proposal_id")
      .where("pp.product_id", "=", productId).where("p.status", "in", SEALED_PROPOSAL_STATUSES).select("p.id").executeTakeFirst();
    if (cited) return { ok: false, problem: "in_use" } as const;
    await trx.deleteFrom("products").where("id", "=", productId).where("organisation_id", "=", editor.organisationId).execute();
    await touch(trx, editor.organisationId);
    await audit(trx, { actorUserId: editor.userId, action: "vendor.product.delete", subjectType: "organisation", subjectId: editor.organisationId, before, ip: editor.ip });
    return { ok: true, id: productId } as const;
  });
}

function caseColumns(input: CaseInput) {
  return { client: input.client, scenario: input.scenario, result: input.result, year: input.year ?? null };
}

export async function addCase(db: DB, editor: Editor, input: CaseInput): Promise<ProfileResult> {
  return db.transaction().execute(async (trx) => {
    if (!(await isVendor(trx, editor.organisationId))) return { ok: false, problem: "not_found" } as const;
    const { id } = await trx.insertInto("reference_cases")
      .values({ organisation_id: editor.organisationId, ...caseColumns(input) })
      .returning("id").executeTakeFirstOrThrow();
    await touch(trx, editor.organisationId);
    await audit(trx, { actorUserId: editor.userId, action: "vendor.case.create", subjectType: "organisation", subjectId: editor.organisationId, after: { caseId: id, ...caseColumns(input) }, ip: editor.ip });
    return { ok: true, id } as const;
  });
}

export async function updateCase(db: DB, editor: Editor, caseId: number, input: CaseInput): Promise<ProfileResult> {
  return db.transaction().execute(async (trx) => {
    const before = await ownCase(trx, editor.organisationId, caseId);
    if (!before) return { ok: false, problem: "not_found" } as const;
    await trx.updateTable("reference_cases").set(caseColumns(input)).where("id", "=", caseId).where("organisation_id", "=", editor.organisationId).execute();
    await touch(trx, editor.organisationId);
    await audit(trx, { actorUserId: editor.userId, action: "vendor.case.update", subjectType: "organisation", subjectId: editor.organisationId, before, after: { id: caseId, ...caseColumns(input) }, ip: editor.ip });
    return { ok: true, id: caseId } as const;
  });
}

export async function deleteCase(db: DB, editor: Editor, caseId: number): Promise<ProfileResult> {
  return db.transaction().execute(async (trx) => {
    const before = await ownCase(trx, editor.organisationId, caseId);
    if (!before) return { ok: false, problem: "not_found" } as const;
    const cited = await trx.selectFrom("proposal_cases as pc").innerJoin("proposals as p", "p.id", "pc.proposal_id")
      .where("pc.case_id", "=", caseId).where("p.status", "in", SEALED_PROPOSAL_STATUSES).select("p.id").executeTakeFirst();
    if (cited) return { ok: false, problem: "in_use" } as const;
    await trx.deleteFrom("reference_cases").where("id", "=", caseId).where("organisation_id", "=", editor.organisationId).execute();
    await touch(trx, editor.organisationId);
    await audit(trx, { actorUserId: editor.userId, action: "vendor.case.delete", subjectType: "organisation", subjectId: editor.organisationId, before, ip: editor.ip });
    return { ok: true, id: caseId } as const;
  });
}

async function isVendor(db: DB, organisationId: number): Promise<boolean> {
  return Boolean(await db.selectFrom("organisations").where("id", "=", organisationId).where("kind", "=", "vendor").select("id").executeTakeFirst());
}

function ownProduct(db: DB, organisationId: number, id: number) {
  return db.selectFrom("products").where("id", "=", id).where("organisation_id", "=", organisationId)
    .select(["id", "kind", "name", "description", "filing_number"]).executeTakeFirst();
}

function ownCase(db: DB, organisationId: number, id: number) {
  return db.selectFrom("reference_cases").where("id", "=", id).where("organisation_id", "=", organisationId)
    .select(["id", "client", "scenario", "result", "year"]).executeTakeFirst();
}
