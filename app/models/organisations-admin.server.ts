import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { translator } from "~/i18n/i18n";
import { notifyUser } from "~/mail/outbox.server";
import { audit } from "./audit.server";
import type { OfficeActor } from "./office.server";

const zh = translator("zh");
export const ORGANISATION_PAGE_SIZE = 30;

/**
 * Demand and vendor organisations, unverified first (the office's work), then newest first.
 * The search matches part of the name or of the credit code.
 */
export async function listOrganisationsForOffice(db: DB, { q, page }: { q?: string; page: number }) {
  let query = db.selectFrom("organisations as o").where("o.kind", "!=", "office");
  if (q) {
    query = query.where((eb) =>
      eb.or([eb(sql`instr(lower(o.name), lower(${q}))`, ">", 0), eb(sql`instr(o.credit_code, upper(${q}))`, ">", 0)]),
    );
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const items = await query
    .select((eb) => [
      "o.id", "o.kind", "o.name", "o.credit_code", "o.district", "o.verified", "o.created_at", "o.website",
      eb.selectFrom("users as u").whereRef("u.organisation_id", "=", "o.id").select((u) => u.fn.countAll<number>().as("n")).as("members"),
    ])
    .orderBy("o.verified", "asc")
    .orderBy("o.created_at", "desc")
    .orderBy("o.id", "desc")
    .limit(ORGANISATION_PAGE_SIZE)
    .offset((page - 1) * ORGANISATION_PAGE_SIZE)
    .execute();
  return { total, items, pageCount: Math.max(1, Math.ceil(total / ORGANISATION_PAGE_SIZE)) };
}

export type VerificationOutcome = { ok: true; changed: boolean; name: string } | { ok: false; problem: "not_found" };

/**
 * Verifies an organisation or revokes its verification, with the reason in the audit log and a
 * notice to its members. Repeating the current state changes nothing and writes nothing.
 */
export async function setOrganisationVerified(
  db: DB,
  input: { organisationId: number; verified: boolean; reason?: string | null; actor: OfficeActor },
): Promise<VerificationOutcome> {
  return db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom("organisations")
      .where("id", "=", input.organisationId)
      .where("kind", "!=", "office")
      .select(["id", "name", "verified"])
      .executeTakeFirst();
    if (!org) return { ok: false, problem: "not_found" } as const;
    if (Boolean(org.verified) === input.verified) return { ok: true, changed: false, name: org.name } as const;

    const reason = input.reason?.trim() || null;
    await trx
      .updateTable("organisations")
      .set({ verified: input.verified ? 1 : 0, updated_at: new Date().toISOString() })
      .where("id", "=", org.id)
      .execute();
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: input.verified ? "organisation.verify" : "organisation.revoke",
      subjectType: "organisation",
      subjectId: org.id,
      before: { verified: Boolean(org.verified) },
      after: { verified: input.verified, reason: reason ?? undefined },
      ip: input.actor.ip,
    });
    const members = await trx.selectFrom("users").where("organisation_id", "=", org.id).select("id").execute();
    const notice = input.verified
      ? { kind: "organisation.verified", title: zh("admin.orgs.notice.verified", { name: org.name }), body: reason ?? "" }
      : { kind: "organisation.revoked", title: zh("admin.orgs.notice.revoked", { name: org.name }), body: reason ?? "" };
    for (const m of members) await notifyUser(trx, m.id, notice);
    return { ok: true, changed: true, name: org.name } as const;
  });
}
