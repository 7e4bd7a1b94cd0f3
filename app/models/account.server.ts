import type { DB } from "~/db/db.server";
import { hashPassword } from "~/auth/password.server";
import { audit } from "./audit.server";

export interface Registration {
  name: string;
  email: string;
  password: string;
  kind: "demand" | "vendor";
  organisationName: string;
  creditCode: string;
  district: string;
}

export type RegistrationResult =
  | { ok: true; userId: number; organisationId: number; kind: "demand" | "vendor" }
  | { ok: false; problem: "email_taken" | "credit_code_taken" };

/**
 * Creates an unverified organisation with its first member as the organisation's admin, in one
 * transaction. Joining an existing organisation goes through an invitation from its admin instead.
 */
export async function registerOrganisation(db: DB, r: Registration, ip: string): Promise<RegistrationResult> {
  const passwordHash = await hashPassword(r.password);
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("users").where("email", "=", r.email).select("id").executeTakeFirst()) {
      return { ok: false, problem: "email_taken" } as const;
    }
    if (await trx.selectFrom("organisations").where("credit_code", "=", r.creditCode).select("id").executeTakeFirst()) {
      return { ok: false, problem: "credit_code_taken" } as const;
    }
    const organisation = await trx
      .insertInto("organisations")
      .values({ kind: r.kind, name: r.organisationName, credit_code: r.creditCode, district: r.district, verified: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto("users")
      .values({
        organisation_id: organisation.id,
        email: r.email,
        name: r.name,
        role: r.kind === "demand" ? "demand_member" : "vendor_member",
        password_hash: passwordHash,
        is_org_admin: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: user.id,
      action: "organisation.register",
      subjectType: "organisation",
      subjectId: organisation.id,
      after: { name: r.organisationName, creditCode: r.creditCode, kind: r.kind },
      ip,
    });
    return { ok: true, userId: user.id, organisationId: organisation.id, kind: r.kind } as const;
  });
}
