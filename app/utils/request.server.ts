declare module "react-router" {
  interface AppLoadContext {
    /** Set by server.js: the socket's address, or X-Forwarded-For's from a proxy named in TRUST_PROXY. */
    clientAddress?: string;
  }
}

/** The client's address, or "unknown" where the server gave none (the Vite dev server). */
export function clientAddress(context: { clientAddress?: string }): string {
  return context.clientAddress ?? "unknown";
}

