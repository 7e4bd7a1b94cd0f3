import { env } from "~/utils/env.server";
import type { Selectable } from "kysely";
import type { DB } from "~/db/db.server";
import type { EmailOutboxTable } from "~/db/schema";
import { translator, type Lang, type Translate } from "~/i18n/i18n";

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

/** A notice written for its reader: pass a function to have it written in the recipient's language. */
export type NoticeFor = Notice | ((t: Translate, lang: Lang) => Notice);

/**
 * Tells a user in the app and by e-mail, in the same transaction as the change. The e-mail is
 * queued now for people who want messages at once; for those on a daily digest it waits, and
 * `queueDigests` sends one message a day with everything that came in.
 */
export async function notifyUser(db: DB, userId: number, notice: NoticeFor): Promise<void> {
  const user = await db.selectFrom("users").where("id", "=", userId).select(["email", "lang", "notify_mode"]).executeTakeFirst();
  if (!user) return;
  const n = typeof notice === "function" ? notice(translator(user.lang), user.lang) : notice;
  const immediate = user.notify_mode !== "daily";
  await db
    .insertInto("notifications")
    .values({ user_id: userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null, emailed: immediate ? 1 : 0 })
    .execute();
  if (immediate) await enqueueEmail(db, { to: user.email, subject: n.title, text: emailText(n) });
}

function emailText(n: Notice): string {
  return [n.body ?? "", n.link ? `\n\n${absoluteUrl(n.link)}` : ""].join("").trim() || n.title;
}

/** Digests go out once a day for what arrived before 08:00 Beijing time (00:00 UTC). */
export function digestCutoff(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Queues one e-mail per daily-digest reader with every notification that arrived before today's
 * cutoff and has not been e-mailed. Run often: what it has queued is marked, so it never repeats.
 */
export async function queueDigests(db: DB, now = new Date()): Promise<number> {
  const cutoff = digestCutoff(now).toISOString();
  return db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom("notifications as n")
      .innerJoin("users as u", "u.id", "n.user_id")
      .where("n.emailed", "=", 0)
      .where("n.created_at", "<", cutoff)
      .select(["n.id", "n.user_id", "n.title", "n.body", "n.link", "n.kind", "u.email", "u.lang"])
      .orderBy("n.user_id")
      .orderBy("n.id")
      .execute();
    const byUser = new Map<number, typeof pending>();
    for (const row of pending) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    for (const rows of byUser.values()) {
      const first = rows[0]!;
      const t = translator(first.lang);
      const items = rows.map((r, i) => `${i + 1}. ${r.title}\n${emailText({ kind: r.kind, title: "", body: r.body, link: r.link })}`);
      await enqueueEmail(trx, {
        to: first.email,
        subject: t("mail.digest.subject", { count: rows.length }),
        text: `${t("mail.digest.lead", { count: rows.length })}\n\n${items.join("\n\n")}\n\n${absoluteUrl("/notifications")}`,
      });
    }
    if (pending.length) await trx.updateTable("notifications").set({ emailed: 1 }).where("id", "in", pending.map((r) => r.id)).execute();
    return byUser.size;
  });
}

/** The newest messages in the outbox, sent or not, for the development mailbox. */
export async function listStoredEmail(db: DB, options: { limit?: number; to?: string } = {}): Promise<StoredEmail[]> {
  let query = db.selectFrom("email_outbox").selectAll().orderBy("id", "desc").limit(options.limit ?? 50);
  if (options.to) query = query.where("to_address", "=", options.to);
  return query.execute();
}

export interface OutboxSummary {
  /** Messages not yet delivered. */
  waiting: number;
  /** Of those, how many failed at least once (their last error is kept). */
  failing: number;
  oldestWaitingAt: string | null;
}

/** How much mail is waiting, without any message's recipient or text: what the office sees in production. */
export async function emailOutboxSummary(db: DB): Promise<OutboxSummary> {
  const row = await db
    .selectFrom("email_outbox")
    .where("sent_at", "is", null)
    .select((eb) => [
      eb.fn.countAll<number>().as("waiting"),
      eb.fn.sum<number | null>(eb.case().when("last_error", "is not", null).then(1).else(0).end()).as("failing"),
      eb.fn.min<string | null>("created_at").as("oldest"),
    ])
    .executeTakeFirstOrThrow();
  return { waiting: Number(row.waiting), failing: Number(row.failing ?? 0), oldestWaitingAt: row.oldest };
}
