import { env } from "~/utils/env.server";
import type { Selectable } from "kysely";
import type { DB } from "~/db/db.server";
import type { EmailOutboxTable } from "~/db/schema";

export type StoredEmail = Selectable<EmailOutboxTable>;

/**
 * Where this site is reached from outside, for links in e-mails (which have no request to be
 * relative to). PUBLIC_URL, e.g. https://changjing.nanjing.gov.cn; defaults to the dev server.
 */
export function publicUrl(): string {
  return env().PUBLIC_URL.replace(/\/+$/, "");
}

/** `/reset-password/abc` → `https://site/reset-password/abc`; absolute URLs pass through. */
export function absoluteUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${publicUrl()}${path.startsWith("/") ? "" : "/"}${path}`;
}

/**
 * Queues an e-mail. Nothing is sent during the request: a worker delivers the outbox, retrying
 * failures, so a slow or broken mail server never blocks or fails the action that wrote it.
 * Call it inside the transaction of the change it reports, so both happen or neither does.
 */
export async function enqueueEmail(db: DB, message: { to: string; subject: string; text: string }): Promise<void> {
  await db.insertInto("email_outbox").values({ to_address: message.to, subject: message.subject, text_body: message.text }).execute();
}

export interface Notice {
  kind: string;
  title: string;
  body?: string;
  /** A path on this site, e.g. /my/scenarios/12. */
  link?: string | null;
}

/** Tells a user in the app and by e-mail (queued), in the same transaction as the change. */
export async function notifyUser(db: DB, userId: number, notice: Notice): Promise<void> {
  const user = await db.selectFrom("users").where("id", "=", userId).select(["email"]).executeTakeFirst();
  if (!user) return;
  await db
    .insertInto("notifications")
    .values({ user_id: userId, kind: notice.kind, title: notice.title, body: notice.body ?? "", link: notice.link ?? null })
    .execute();
  const text = [notice.body ?? "", notice.link ? `\n\n${absoluteUrl(notice.link)}` : ""].join("").trim();
  await enqueueEmail(db, { to: user.email, subject: notice.title, text: text || notice.title });
}

/** The newest messages in the outbox, sent or not, for the development mailbox. */
export async function listStoredEmail(db: DB, options: { limit?: number; to?: string } = {}): Promise<StoredEmail[]> {
  let query = db.selectFrom("email_outbox").selectAll().orderBy("id", "desc").limit(options.limit ?? 50);
  if (options.to) query = query.where("to_address", "=", options.to);
  return query.execute();
}
