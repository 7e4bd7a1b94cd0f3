import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { DAY, DEMO_TODAY, iso } from "./time";

/**
 * The demo is generated as of a fixed day (DEMO_TODAY), so that it is the same whenever it is made.
 * Seeded weeks later, every call that was open then would have closed. This moves the proposal
 * deadlines of the calls open on that day forward by the whole days since, so a demo seeded on any
 * day shows the same open calls; the public notices (公示) running on that day move the same way,
 * with the objections filed in them. Every other date stays as generated. Returns the days moved.
 */
export async function keepOpenCallsOpen(db: DB, now = Date.now()): Promise<number> {
  const days = Math.floor((now - DEMO_TODAY) / DAY);
  if (days <= 0) return 0;
  await db
    .updateTable("scenarios")
    .set({ proposal_deadline: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', proposal_deadline, ${`+${days} days`})` })
    .where("status", "=", "published")
    .where("proposal_deadline", ">", iso(DEMO_TODAY))
    .execute();
  const later = (column: string) => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.ref(column)}, ${`+${days} days`})`;
  const running = (await db
    .selectFrom("benchmark_applications")
    .where("status", "=", "notice")
    .where("notice_ends_at", ">", iso(DEMO_TODAY))
    .select("id")
    .execute()).map((a) => a.id);
  if (running.length) {
    await db.updateTable("benchmark_objections").set({ created_at: later("created_at") }).where("application_id", "in", running).execute();
    await db
      .updateTable("benchmark_applications")
      .set({ notice_starts_at: later("notice_starts_at"), notice_ends_at: later("notice_ends_at") })
      .where("id", "in", running)
      .execute();
  }
  return days;
}
