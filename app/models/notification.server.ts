import type { Selectable } from "kysely";
import type { DB } from "~/db/db.server";
import type { NotificationTable } from "~/db/schema";

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
