import type { DB } from "~/db/db.server";
import type { UserRole } from "~/db/schema";
import type { OrganisationKind } from "~/domain/vocabulary";
import { hashPassword } from "~/auth/password.server";
import { translator, type Lang } from "~/i18n/i18n";
import { createLinkToken, hashLinkToken, looksLikeLinkToken } from "~/mail/link-token.server";
import { enqueueEmail, notifyUser } from "~/mail/outbox.server";
import { invitationEmail } from "~/mail/templates.server";
import { audit } from "./audit.server";

export const INVITATION_DAYS = 7;

/** A colleague gets the role that goes with the kind of organisation they join. */
export function roleForOrganisation(kind: OrganisationKind): UserRole {
  return kind === "demand" ? "demand_member" : kind === "vendor" ? "vendor_member" : "admin";
}

export type InviteResult =
  | { ok: true }
  | { ok: false; problem: "forbidden" | "already_member" | "registered_elsewhere" };

/**
 * An organisation's admin invites a colleague by e-mail. Inviting the same address again replaces
 * the earlier link. An address with an account in another organisation cannot be invited: an
 * account belongs to one organisation, and moving it is not the inviter's decision.
 */
export async function inviteMember(db: DB, input: { actorId: number; email: string; lang: Lang; ip: string; now?: Date }): Promise<InviteResult> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const actor = await trx
      .selectFrom("users as u")
      .innerJoin("organisations as o", "o.id", "u.organisation_id")
      .where("u.id", "=", input.actorId)
      .where("u.is_org_admin", "=", 1)
      .select(["u.name", "u.organisation_id", "o.name as organisationName"])
      .executeTakeFirst();
    if (!actor?.organisation_id) return { ok: false, problem: "forbidden" } as const;
    const organisationId = actor.organisation_id;

    const existing = await trx.selectFrom("users").where("email", "=", input.email).select("organisation_id").executeTakeFirst();
    if (existing && existing.organisation_id === organisationId) return { ok: false, problem: "already_member" } as const;
    if (existing && existing.organisation_id !== null) return { ok: false, problem: "registered_elsewhere" } as const;

    await trx
      .deleteFrom("invitations")
      .where("organisation_id", "=", organisationId)
      .where("email", "=", input.email)
      .where("accepted_at", "is", null)
      .execute();
    const { token, hash } = createLinkToken();
    await trx
      .insertInto("invitations")
      .values({
        token_hash: hash,
        organisation_id: organisationId,
        email: input.email,
        invited_by: input.actorId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      })
      .execute();
    const content = invitationEmail(input.lang, { inviterName: actor.name, organisationName: actor.organisationName, token, days: INVITATION_DAYS });
    await enqueueEmail(trx, { to: input.email, ...content });
    await audit(trx, {
      actorUserId: input.actorId,
      action: "member.invite",
      subjectType: "organisation",
      subjectId: organisationId,
      after: { email: input.email },
      ip: input.ip,
    });
    return { ok: true } as const;
  });
}

export interface InvitationView {
  email: string;
  organisationId: number;
  organisationName: string;
  state: "open" | "expired" | "accepted";
}

/** What an invitation link leads to, or null for a link that was never issued (or was replaced). */
export async function findInvitation(db: DB, token: string | undefined, now = new Date()): Promise<InvitationView | null> {
  if (!looksLikeLinkToken(token)) return null;
  const row = await db
    .selectFrom("invitations as i")
    .innerJoin("organisations as o", "o.id", "i.organisation_id")
    .where("i.token_hash", "=", hashLinkToken(token))
    .select(["i.email", "i.organisation_id", "o.name", "i.expires_at", "i.accepted_at"])
    .executeTakeFirst();
  if (!row) return null;
  const state = row.accepted_at ? "accepted" : row.expires_at <= now.toISOString() ? "expired" : "open";
  return { email: row.email, organisationId: row.organisation_id, organisationName: row.name, state };
}

export type AcceptResult =
  | { ok: true; userId: number }
  | { ok: false; problem: "invalid" | "email_taken" | "wrong_account" | "registered_elsewhere" };

/**
 * Accepts an open invitation, once: either as a new account (`name` and `password`, for the
 * invited e-mail) or as the signed-in account with that e-mail, which joins if it has no organisation.
 */
export async function acceptInvitation(
  db: DB,
  input: { token: string; ip: string; now?: Date } & ({ name: string; password: string } | { userId: number }),
): Promise<AcceptResult> {
  const now = input.now ?? new Date();
  if (!looksLikeLinkToken(input.token)) return { ok: false, problem: "invalid" };
  const passwordHash = "password" in input ? await hashPassword(input.password) : null;
  return db.transaction().execute(async (trx): Promise<AcceptResult> => {
    const invitation = await trx
      .selectFrom("invitations as i")
      .innerJoin("organisations as o", "o.id", "i.organisation_id")
      .where("i.token_hash", "=", hashLinkToken(input.token))
      .where("i.accepted_at", "is", null)
      .where("i.expires_at", ">", now.toISOString())
      .select(["i.token_hash", "i.email", "i.organisation_id", "i.invited_by", "o.kind"])
      .executeTakeFirst();
    if (!invitation) return { ok: false, problem: "invalid" };
    const existing = await trx.selectFrom("users").where("email", "=", invitation.email).select(["id", "name", "organisation_id", "role"]).executeTakeFirst();

    let userId: number;
    let name: string;
    if ("userId" in input) {
      if (!existing || existing.id !== input.userId) return { ok: false, problem: "wrong_account" };
      // Reviewers and office staff have no organisation either, but are not anyone's colleague to take.
      const alreadyHere = existing.organisation_id === invitation.organisation_id;
      const detachedMember = existing.organisation_id === null && (existing.role === "demand_member" || existing.role === "vendor_member");
      if (!alreadyHere && !detachedMember) return { ok: false, problem: "registered_elsewhere" };
      await trx
        .updateTable("users")
        .set({ organisation_id: invitation.organisation_id, role: roleForOrganisation(invitation.kind) })
        .where("id", "=", existing.id)
        .execute();
      userId = existing.id;
      name = existing.name;
    } else {
      if (existing) return { ok: false, problem: "email_taken" };
      const user = await trx
        .insertInto("users")
        .values({
          organisation_id: invitation.organisation_id,
          email: invitation.email,
          name: input.name,
          role: roleForOrganisation(invitation.kind),
          password_hash: passwordHash,
          is_org_admin: 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      userId = user.id;
      name = input.name;
    }
    await trx.updateTable("invitations").set({ accepted_at: now.toISOString() }).where("token_hash", "=", invitation.token_hash).execute();
    await audit(trx, {
      actorUserId: userId,
      action: "member.join",
      subjectType: "organisation",
      subjectId: invitation.organisation_id,
      after: { userId, email: invitation.email, invitedBy: invitation.invited_by },
      ip: input.ip,
    });
    // Recipients' languages are not stored, so notices to others are written in the default one.
    const t = translator("zh");
    await notifyUser(trx, invitation.invited_by, {
      kind: "member.joined",
      title: t("notice.memberJoined", { name, email: invitation.email }),
      link: "/account/members",
    });
    return { ok: true, userId };
  });
}
