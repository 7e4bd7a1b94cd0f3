import type { DB } from "~/db/db.server";
import type { AuditQuery } from "~/domain/forms/office";

export const AUDIT_PAGE_SIZE = 50;

// Dates in the filter are Beijing calendar days; the log stores UTC instants.
const startOfDay = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const startOfNextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();

/**
 * The audit log, newest first, filtered and paged; read-only (the table refuses changes).
 * Proposals are sealed until their scenario's deadline, from the office too: a row about a proposal
 * (who drafted, changed, submitted or withdrew it, with which files) is held back while its
 * scenario's deadline is still ahead, and appears once it has passed. The rows are kept meanwhile.
 */
export async function listAuditLog(db: DB, filters: AuditQuery, now = new Date()) {
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .where((eb) =>
      eb.or([
        eb("a.subject_type", "!=", "proposal"),
        eb.not(
          eb.exists(
            eb.selectFrom("proposals as sealed")
              .innerJoin("scenarios as sealed_s", "sealed_s.id", "sealed.scenario_id")
              .whereRef("sealed.id", "=", "a.subject_id")
              .where("sealed_s.proposal_deadline", ">", now.toISOString())
              .select("sealed.id"),
          ),
        ),
      ]),
    );
  if (filters.action) query = query.where("a.action", "=", filters.action);
  if (filters.subject) query = query.where("a.subject_type", "=", filters.subject);
  if (filters.actor) query = query.where("u.email", "=", filters.actor.toLowerCase());
  if (filters.from) query = query.where("a.created_at", ">=", startOfDay(filters.from));
  if (filters.to) query = query.where("a.created_at", "<", startOfNextDay(filters.to));

  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const items = await query
    .select([
      "a.id", "a.action", "a.subject_type", "a.subject_id", "a.before_json", "a.after_json", "a.ip", "a.created_at",
      "u.email as actor_email", "u.name as actor_name", "u.role as actor_role",
    ])
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { total, page, pageCount, items };
}

/** The actions that occur in the log, for the filter's choices. */
export async function auditActions(db: DB): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}
