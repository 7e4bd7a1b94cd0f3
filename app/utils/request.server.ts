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

