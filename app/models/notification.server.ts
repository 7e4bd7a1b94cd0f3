import type { Selectable } from "kysely";
import type { DB } from "~/db/db.server";
import type { NotificationTable, NotifyMode } from "~/db/schema";
import type { Lang } from "~/i18n/i18n";
import { audit } from "./audit.server";

export type Notification = Selectable<NotificationTable>;

const PAGE_SIZE = 50;

/** A user's notifications, newest first, and how many are unread in all. */
export async function listNotifications(db: DB, userId: number, options: { limit?: number } = {}) {
  const items: Notification[] = await db
    .selectFrom("notifications")
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit ?? PAGE_SIZE)
    .selectAll()
    .execute();
  return { items, unread: await unreadNotificationCount(db, userId) };
}

/** For a badge in the navigation. */
export async function unreadNotificationCount(db: DB, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

// Reading a notice changes nothing anyone else sees, so it is not written to the audit log.

/** Marks one of the user's own notifications read; someone else's id changes nothing. */
export async function markNotificationRead(db: DB, userId: number, id: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: now.toISOString() })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markAllNotificationsRead(db: DB, userId: number, now = new Date()): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function getPreferences(db: DB, userId: number) {
  return db.selectFrom("users").where("id", "=", userId).select(["notify_mode as notifyMode", "lang"]).executeTakeFirstOrThrow();
}

export async function setPreferences(db: DB, userId: number, prefs: { notifyMode: NotifyMode; lang: Lang }, ip: string) {
  await db.transaction().execute(async (trx) => {
    const before = await getPreferences(trx, userId);
    await trx.updateTable("users").set({ notify_mode: prefs.notifyMode, lang: prefs.lang }).where("id", "=", userId).execute();
    // Switching to immediate e-mail: what was waiting for the digest stays in the inbox only.
    if (prefs.notifyMode === "immediate") await trx.updateTable("notifications").set({ emailed: 1 }).where("user_id", "=", userId).where("emailed", "=", 0).execute();
    await audit(trx, { actorUserId: userId, action: "user.preferences", subjectType: "user", subjectId: userId, before, after: prefs, ip });
  });
}
