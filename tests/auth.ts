import type { DB } from "~/db/db.server";
import { startSession } from "~/auth/session.server";

/** A Cookie header for a session of the user with this e-mail, as if they had signed in. */
export async function cookieFor(db: DB, email: string): Promise<string> {
  const user = await db.selectFrom("users").where("email", "=", email).select("id").executeTakeFirstOrThrow();
  const setCookie = await startSession(db, new Request("http://localhost/login"), user.id, "test");
  return setCookie.split(";")[0]!;
}

/** A request as a signed-in user (or anonymous without a cookie), for calling loaders and actions. */
export function request(url: string, init: { cookie?: string; form?: Record<string, string | string[]>; origin?: string } = {}) {
  const headers = new Headers();
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.origin) headers.set("Origin", init.origin);
  if (!init.form) return new Request(`http://localhost${url}`, { headers });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(init.form)) for (const item of [v].flat()) body.append(k, item);
  return new Request(`http://localhost${url}`, { method: "POST", headers, body });
}

/**
 * The arguments a loader or action gets from the router, for calling one directly: React Router
 * also passes the request's URL and the matched route pattern (which no route here reads).
 */
export function routeArgs<P, C>(args: { request: Request; params: P; context: C }) {
  return { ...args, url: new URL(args.request.url), pattern: "" };
}
