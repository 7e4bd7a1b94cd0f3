// Finding the organisation a row names, or planning to create it. organisations.credit_code is NOT
// NULL and unique, but real lists print no credit codes; an organisation created by an import gets a
// visible placeholder, 待补充-<hash of its name>, that no real code can look like (real codes have
// no Chinese and fail the check character), and stays unverified until the office records its code.
import { createHash } from "node:crypto";
import { PLACEHOLDER_CREDIT_PREFIX } from "~/domain/credit-code";
import type { DB } from "~/db/db.server";
import { normaliseName } from "~/domain/import/source-key";
import type { OrganisationKind } from "~/domain/vocabulary";

export const PLACEHOLDER_PREFIX = PLACEHOLDER_CREDIT_PREFIX;

export function placeholderCreditCode(name: string): string {
  return PLACEHOLDER_PREFIX + createHash("sha256").update(normaliseName(name)).digest("hex").slice(0, 12).toUpperCase();
}

export function isPlaceholderCreditCode(code: string): boolean {
  return code.startsWith(PLACEHOLDER_PREFIX);
}

interface KnownOrganisation {
  id: number;
  name: string;
  credit_code: string;
  kind: OrganisationKind;
}

export type OrganisationPlan =
  | { action: "existing"; id: number; name: string }
  /** An existing organisation with a placeholder code that the file gives the real code for. */
  | { action: "addCode"; id: number; name: string; creditCode: string }
  | { action: "create"; ref: string; name: string; creditCode: string; verifiedCode: boolean };

export type OrganisationConflict = { key: "import.error.orgCodeConflict"; values: { name: string; code: string } } | { key: "import.error.orgKind"; values: { name: string } };

/** Resolves names (and credit codes) against the database, creating each new organisation once per file. */
export async function organisationResolver(db: DB, kind: "demand" | "vendor") {
  const all = (await db.selectFrom("organisations").select(["id", "name", "credit_code", "kind"]).execute()) as KnownOrganisation[];
  const byCode = new Map(all.map((o) => [o.credit_code, o]));
  const byName = new Map<string, KnownOrganisation[]>();
  for (const o of all) byName.set(normaliseName(o.name), [...(byName.get(normaliseName(o.name)) ?? []), o]);
  const planned = new Map<string, OrganisationPlan>();

  const sameName = (name: string) => {
    const list = byName.get(normaliseName(name)) ?? [];
    return kind === "vendor" ? list.filter((o) => o.kind === "vendor") : [...list.filter((o) => o.kind === "demand"), ...list.filter((o) => o.kind !== "demand")];
  };

  return function resolve(name: string, creditCode: string | null): OrganisationPlan | OrganisationConflict {
    const byItsCode = creditCode ? byCode.get(creditCode) : undefined;
    if (byItsCode) {
      return kind === "vendor" && byItsCode.kind !== "vendor"
        ? { key: "import.error.orgKind", values: { name: byItsCode.name } }
        : { action: "existing", id: byItsCode.id, name: byItsCode.name };
    }
    // One organisation per name within a file: a later row may bring the code an earlier one lacked.
    const memo = planned.get(normaliseName(name));
    if (memo?.action === "create") {
      if (!creditCode || memo.creditCode === creditCode) return memo;
      if (memo.verifiedCode) return { key: "import.error.orgCodeConflict", values: { name: memo.name, code: memo.creditCode } };
      memo.creditCode = creditCode;
      memo.verifiedCode = true;
      return memo;
    }
    if (memo && !creditCode) return memo;
    let plan: OrganisationPlan | OrganisationConflict;
    const match = sameName(name)[0];
    if (match && creditCode) {
      plan = isPlaceholderCreditCode(match.credit_code)
        ? { action: "addCode", id: match.id, name: match.name, creditCode }
        : { key: "import.error.orgCodeConflict", values: { name: match.name, code: match.credit_code } };
    } else if (match) {
      plan = { action: "existing", id: match.id, name: match.name };
    } else {
      plan = { action: "create", ref: normaliseName(name), name: name.trim(), creditCode: creditCode ?? placeholderCreditCode(name), verifiedCode: creditCode !== null };
    }
    if ("action" in plan) planned.set(normaliseName(name), plan);
    return plan;
  };
}

/** Writes the planned organisation (once) and returns its id. */
export async function organisationId(
  trx: DB,
  plan: OrganisationPlan,
  created: Map<string, number>,
  fields: { kind: OrganisationKind; district: string; importedFrom?: string },
): Promise<number> {
  if (plan.action === "existing") return plan.id;
  if (plan.action === "addCode") {
    if (!created.has(`code:${plan.id}`)) {
      await trx.updateTable("organisations").set({ credit_code: plan.creditCode, updated_at: new Date().toISOString() }).where("id", "=", plan.id).execute();
      created.set(`code:${plan.id}`, plan.id);
    }
    return plan.id;
  }
  const known = created.get(plan.ref);
  if (known !== undefined) return known;
  const row = await trx
    .insertInto("organisations")
    .values({ kind: fields.kind, name: plan.name, credit_code: plan.creditCode, district: fields.district, verified: 0, imported_from: fields.importedFrom ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  created.set(plan.ref, row.id);
  return row.id;
}

/** Industries a list declares for an organisation (a vendor's 类别, a demand list's 行业): only ever added. */
export async function declareIndustries(trx: DB, organisationId: number, industries: readonly string[]): Promise<void> {
  if (!industries.length) return;
  await trx
    .insertInto("organisation_industries")
    .values(industries.map((industry) => ({ organisation_id: organisationId, industry, source: "declared" as const })))
    .onConflict((o) => o.doNothing())
    .execute();
}
