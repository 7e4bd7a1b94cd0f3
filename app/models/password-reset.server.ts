import type { DB } from "~/db/db.server";
import { hashPassword } from "~/auth/password.server";
import type { Lang } from "~/i18n/i18n";
import { createLinkToken, hashLinkToken, looksLikeLinkToken } from "~/mail/link-token.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { passwordResetEmail } from "~/mail/templates.server";
import { audit } from "./audit.server";

export const RESET_TOKEN_MINUTES = 60;
/** Links sent to one address per hour; more would make the site a tool for flooding a mailbox. */
export const MAX_RESETS_PER_HOUR = 3;

/**
 * Queues a reset link for the account with this e-mail, if there is one and it has not had
 * MAX_RESETS_PER_HOUR links in the last hour. The caller tells the visitor the same thing whatever
 * happened here, so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(db: DB, input: { email: string; lang: Lang; ip: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").where("email", "=", input.email).select(["id", "name", "email"]).executeTakeFirst();
    if (!user) return;
    const recent = await trx
      .selectFrom("password_resets")
      .where("user_id", "=", user.id)
      .where("created_at", ">", new Date(now.getTime() - 3_600_000).toISOString())
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (recent.n >= MAX_RESETS_PER_HOUR) return;

    const { token, hash } = createLinkToken();
    await trx
      .insertInto("password_resets")
      .values({
        token_hash: hash,
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000).toISOString(),
      })
      .execute();
    await enqueueEmail(trx, { to: user.email, ...passwordResetEmail(input.lang, { name: user.name, token, minutes: RESET_TOKEN_MINUTES }) });
    await audit(trx, { actorUserId: null, action: "password.reset_requested", subjectType: "user", subjectId: user.id, ip: input.ip });
  });
}

/** The account a reset link is for, while the link is unused and unexpired; otherwise null. */
export async function findUsableReset(db: DB, token: string | undefined, now = new Date()): Promise<{ userId: number; email: string } | null> {
  if (!looksLikeLinkToken(token)) return null;
  const row = await db
    .selectFrom("password_resets as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .where("r.token_hash", "=", hashLinkToken(token))
    .where("r.used_at", "is", null)
    .where("r.expires_at", ">", now.toISOString())
    .select(["u.id", "u.email"])
    .executeTakeFirst();
  return row ? { userId: row.id, email: row.email } : null;
}

export type ResetResult = { ok: true; userId: number } | { ok: false };

/**
 * Sets a new password through a reset link, once. Every session of the account ends (whoever had
 * the old password is out) and every other outstanding link stops working; the caller then
 * starts a fresh session for the person who reset it.
 */
export async function resetPassword(db: DB, input: { token: string; password: string; ip: string; now?: Date }): Promise<ResetResult> {
  const now = input.now ?? new Date();
  if (!looksLikeLinkToken(input.token)) return { ok: false };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("password_resets")
      .where("token_hash", "=", hashLinkToken(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .select("user_id")
      .executeTakeFirst();
    if (!row) return { ok: false } as const;
    await trx
      .updateTable("password_resets")
      .set({ used_at: now.toISOString() })
      .where("user_id", "=", row.user_id)
      .where("used_at", "is", null)
      .execute();
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", row.user_id).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", row.user_id).execute();
    await audit(trx, { actorUserId: row.user_id, action: "password.reset", subjectType: "user", subjectId: row.user_id, ip: input.ip });
    return { ok: true, userId: row.user_id } as const;
  });
}
