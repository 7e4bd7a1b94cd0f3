declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set by server.js from the socket; proxy headers are not trusted. */
    clientAddress?: string;
  }
}

/** The client's address, or "unknown" where the server gave none (the Vite dev server). */
export function clientAddress(context: { clientAddress?: string }): string {
  return context.clientAddress ?? "unknown";
}

/**
 * Refuses a state-changing request sent from another site: browsers send Origin on every POST, and
 * it must name this host. Requests without Origin (curl, tests) pass; cookies are SameSite=Lax too.
 */
export function requireSameOrigin(request: Request): void {
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") {
    if (origin === "null") throw new Response("Cross-origin request refused", { status: 403 });
    return;
  }
  const host = request.headers.get("Host") ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new Response("Cross-origin request refused", { status: 403 });
  }
  if (originHost !== host) throw new Response("Cross-origin request refused", { status: 403 });
}
