// Bulk verification: the office verifies every organisation an import created (or a selection) in
// one step instead of one click each. A credit code is checked where there is one (GB 32100 check
// character); an organisation known only by an import's placeholder is verified by name and its code
// is published as missing, never as the placeholder.
import type { DB } from "~/db/db.server";
import { checkCreditCode, publishableCreditCode } from "~/domain/credit-code";
import { audit } from "./audit.server";
import type { OfficeActor } from "./office.server";

export interface BulkVerification {
  verified: number;
  /** Verified, but with no credit code known: published as missing. */
  withoutCode: number;
  /** Not verified: the stored code fails the check. */
  badCode: { id: number; name: string }[];
}

export async function verifyOrganisationsInBulk(
  db: DB,
  input: { importedFrom?: string; organisationIds?: number[]; actor: OfficeActor },
  now = new Date(),
): Promise<BulkVerification> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom("organisations").where("kind", "!=", "office").where("verified", "=", 0);
    if (input.importedFrom) query = query.where("imported_from", "=", input.importedFrom);
    else if (input.organisationIds?.length) query = query.where("id", "in", input.organisationIds.slice(0, 2000));
    else return { verified: 0, withoutCode: 0, badCode: [] };
    const orgs = await query.select(["id", "name", "credit_code"]).execute();
    const result: BulkVerification = { verified: 0, withoutCode: 0, badCode: [] };
    const ok: number[] = [];
    for (const org of orgs) {
      const code = publishableCreditCode(org.credit_code);
      if (code && !checkCreditCode(code).ok) {
        result.badCode.push({ id: org.id, name: org.name });
        continue;
      }
      if (!code) result.withoutCode++;
      ok.push(org.id);
    }
    for (let i = 0; i < ok.length; i += 500) {
      await trx.updateTable("organisations").set({ verified: 1, updated_at: now.toISOString() }).where("id", "in", ok.slice(i, i + 500)).execute();
    }
    for (const id of ok) {
      await audit(trx, {
        actorUserId: input.actor.userId, action: "organisation.verify", subjectType: "organisation", subjectId: id,
        before: { verified: false }, after: { verified: true, bulk: true, importedFrom: input.importedFrom ?? undefined }, ip: input.actor.ip,
      });
    }
    result.verified = ok.length;
    return result;
  });
}
