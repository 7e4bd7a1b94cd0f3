import type { AUDIT_SUBJECT_TYPES } from "~/domain/forms/office";
import type { DB } from "~/db/db.server";

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  subjectType: (typeof AUDIT_SUBJECT_TYPES)[number];
  subjectId: number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Appends to the audit log; call it inside the transaction of the change it records. */
export async function audit(db: DB, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: entry.ip ?? null,
    })
    .execute();
}
