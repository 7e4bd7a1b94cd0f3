import type { DB } from "~/db/db.server";
import { translator } from "~/i18n/i18n";
import { notifyUser } from "~/mail/outbox.server";
import { audit } from "./audit.server";

export interface Member {
  id: number;
  name: string;
  email: string;
  isOrgAdmin: boolean;
  createdAt: string;
}

export interface PendingInvitation {
  email: string;
  expiresAt: string;
  createdAt: string;
}

/** An organisation's people, admins first, and the invitations still open. */
export async function listMembers(db: DB, organisationId: number, now = new Date()): Promise<{ members: Member[]; invitations: PendingInvitation[] }> {
  const members = await db
    .selectFrom("users")
    .where("organisation_id", "=", organisationId)
    .orderBy("is_org_admin", "desc")
    .orderBy("name")
    .orderBy("id")
    .select(["id", "name", "email", "is_org_admin", "created_at"])
    .execute();
  const invitations = await db
    .selectFrom("invitations")
    .where("organisation_id", "=", organisationId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .orderBy("created_at", "desc")
    .select(["email", "expires_at", "created_at"])
    .execute();
  return {
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, isOrgAdmin: Boolean(m.is_org_admin), createdAt: m.created_at })),
    invitations: invitations.map((i) => ({ email: i.email, expiresAt: i.expires_at, createdAt: i.created_at })),
  };
}

export type MemberChangeResult = { ok: true } | { ok: false; problem: "forbidden" | "not_found" | "self" };

interface MemberChange {
  actorId: number;
  memberId: number;
  ip: string;
}

/** The actor's organisation if they administer it and the member belongs to it. */
async function checkChange(db: DB, change: MemberChange) {
  const actor = await db.selectFrom("users").where("id", "=", change.actorId).select(["organisation_id", "is_org_admin"]).executeTakeFirst();
  if (!actor?.organisation_id || !actor.is_org_admin) return { ok: false, problem: "forbidden" } as const;
  const member = await db
    .selectFrom("users")
    .where("id", "=", change.memberId)
    .where("organisation_id", "=", actor.organisation_id)
    .select(["id", "email", "is_org_admin"])
    .executeTakeFirst();
  if (!member) return { ok: false, problem: "not_found" } as const;
  if (member.id === change.actorId) return { ok: false, problem: "self" } as const;
  return { ok: true, organisationId: actor.organisation_id, member } as const;
}

/**
 * Takes a member out of the organisation. The account stays (its history and audit entries refer
 * to it) but loses the organisation and its admin right, and is signed out everywhere; another
 * organisation may invite it later. Admins cannot remove themselves, so one admin always remains.
 */
export async function removeMember(db: DB, change: MemberChange): Promise<MemberChangeResult> {
  return db.transaction().execute(async (trx) => {
    const checked = await checkChange(trx, change);
    if (!checked.ok) return checked;
    await trx.updateTable("users").set({ organisation_id: null, is_org_admin: 0 }).where("id", "=", checked.member.id).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", checked.member.id).execute();
    await audit(trx, {
      actorUserId: change.actorId,
      action: "member.remove",
      subjectType: "user",
      subjectId: checked.member.id,
      before: { organisationId: checked.organisationId, isOrgAdmin: Boolean(checked.member.is_org_admin) },
      after: { organisationId: null, isOrgAdmin: false },
      ip: change.ip,
    });
    return { ok: true } as const;
  });
}

/** Gives a member the right to invite, remove and promote colleagues. */
export async function makeAdmin(db: DB, change: MemberChange): Promise<MemberChangeResult> {
  return db.transaction().execute(async (trx) => {
    const checked = await checkChange(trx, change);
    if (!checked.ok) return checked;
    if (checked.member.is_org_admin) return { ok: true } as const;
    await trx.updateTable("users").set({ is_org_admin: 1 }).where("id", "=", checked.member.id).execute();
    await audit(trx, {
      actorUserId: change.actorId,
      action: "member.make_admin",
      subjectType: "user",
      subjectId: checked.member.id,
      before: { isOrgAdmin: false },
      after: { isOrgAdmin: true },
      ip: change.ip,
    });
    await notifyUser(trx, checked.member.id, { kind: "member.admin", title: translator("zh")("notice.madeAdmin"), link: "/account/members" });
    return { ok: true } as const;
  });
}
