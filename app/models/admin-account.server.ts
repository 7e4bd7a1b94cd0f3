import { z } from "zod";
import type { DB } from "~/db/db.server";
import { createLinkToken } from "~/mail/link-token.server";
import { audit } from "./audit.server";

// The first office administrator of a real deployment (SEED_DEMO=false), from the command line:
// sign-up offers demand and vendor accounts only. No password is chosen, typed or printed here:
// the operator gets a one-time link to set one, like a password reset (decision 022).

/** How long the set-password link works: long enough to hand it over, short enough not to linger. */
export const ADMIN_LINK_HOURS = 24;

export const adminInput = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(60),
});

export type AdminCreated =
  | { ok: true; userId: number; created: boolean; token: string; expiresAt: string }
  | { ok: false; code: "invalid"; field: "email" | "name" }
  | { ok: false; code: "other_role"; role: string };

/**
 * Creates an office administrator with no password, or finds the existing one with this e-mail
 * (running it again gives a fresh link), and returns a one-time token to set the password.
 * An account of another role with this e-mail is refused rather than promoted.
 */
export async function createAdministrator(db: DB, input: { email: string; name: string }, now = new Date()): Promise<AdminCreated> {
  const parsed = adminInput.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid", field: parsed.error.issues[0]!.path[0] === "name" ? "name" : "email" };
  const { email, name } = parsed.data;
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("users").where("email", "=", email).select(["id", "role"]).executeTakeFirst();
    if (existing && existing.role !== "admin") return { ok: false as const, code: "other_role" as const, role: existing.role };
    let userId = existing?.id;
    if (userId === undefined) {
      const office = await trx.selectFrom("organisations").where("kind", "=", "office").select("id").orderBy("id").executeTakeFirst();
      userId = (await trx.insertInto("users")
        .values({ email, name, role: "admin", organisation_id: office?.id ?? null, password_hash: null, created_at: now.toISOString() })
        .returning("id").executeTakeFirstOrThrow()).id;
      await audit(trx, { actorUserId: null, action: "user.admin_created", subjectType: "user", subjectId: userId, after: { email, name, role: "admin" } });
    }
    const { token, hash } = createLinkToken();
    const expiresAt = new Date(now.getTime() + ADMIN_LINK_HOURS * 3_600_000).toISOString();
    await trx.insertInto("password_resets").values({ token_hash: hash, user_id: userId, created_at: now.toISOString(), expires_at: expiresAt }).execute();
    await audit(trx, { actorUserId: null, action: "password.admin_link_issued", subjectType: "user", subjectId: userId });
    return { ok: true as const, userId, created: existing === undefined, token, expiresAt };
  });
}
