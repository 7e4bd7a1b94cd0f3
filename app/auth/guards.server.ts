import { redirect } from "react-router";
import { db } from "~/db/db.server";
import { getSessionUser, type SessionUser } from "./session.server";

export type Role = SessionUser["role"];

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return getSessionUser(db(), request);
}

/** The signed-in user; anyone else is sent to sign in and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`);
  }
  return user;
}

/** The signed-in user if they hold one of the roles; a 403 for everyone else who is signed in. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** Where each role starts after signing in. */
export function homeFor(user: Pick<SessionUser, "role">): string {
  switch (user.role) {
    case "admin":
      return "/admin";
    case "reviewer":
      return "/review";
    case "demand_member":
      return "/my/scenarios";
    case "vendor_member":
      return "/my/proposals";
  }
}
