import { randomBytes } from "node:crypto";
import { createCookie, type Cookie } from "react-router";
import type { DB } from "~/db/db.server";
import { cookieSecure } from "~/utils/env.server";
import { sessionSecrets } from "./secrets.server";

const SESSION_DAYS = 30;

// Secure or not is decided per request (cookieSecure): a demo over plain HTTP must still sign in.
const cookies = new Map<boolean, Cookie>();
function sessionCookie(secure: boolean): Cookie {
  let cookie = cookies.get(secure);
  if (!cookie) {
    cookie = createCookie("__session", {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      secrets: sessionSecrets(),
      maxAge: SESSION_DAYS * 86_400,
    });
    cookies.set(secure, cookie);
  }
  return cookie;
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(false).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: "demand_member" | "vendor_member" | "reviewer" | "admin";
  organisationId: number | null;
  organisationName: string | null;
  organisationVerified: boolean;
  isOrgAdmin: boolean;
}

/** The signed-in user, or null; an expired or unknown session counts as signed out. */
export async function getSessionUser(db: DB, request: Request): Promise<SessionUser | null> {
  const id = await sessionIdFrom(request);
  if (!id) return null;
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("organisations as o", "o.id", "u.organisation_id")
    .where("s.id", "=", id)
    .where("s.expires_at", ">", new Date().toISOString())
    .select(["u.id", "u.email", "u.name", "u.role", "u.organisation_id", "u.is_org_admin", "o.name as org_name", "o.verified"])
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.org_name,
    organisationVerified: Boolean(row.verified),
    isOrgAdmin: Boolean(row.is_org_admin),
  };
}

/**
 * Starts a session for a user and returns its Set-Cookie header. Any session the request already
 * carried is ended first: a fresh id at every sign-in, so a planted cookie cannot be taken over.
 */
export async function startSession(db: DB, request: Request, userId: number, address: string): Promise<string> {
  const previous = await sessionIdFrom(request);
  if (previous) await db.deleteFrom("sessions").where("id", "=", previous).execute();
  const id = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString(),
      ip: address,
      user_agent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
    })
    .execute();
  return sessionCookie(cookieSecure(request)).serialize(id);
}

/** Ends the request's session and returns the Set-Cookie header that clears it. */
export async function endSession(db: DB, request: Request): Promise<string> {
  const id = await sessionIdFrom(request);
  if (id) await db.deleteFrom("sessions").where("id", "=", id).execute();
  return sessionCookie(cookieSecure(request)).serialize("", { maxAge: 0 });
}
