// React Router's default Node entry (streaming, bots get the whole document at once), plus what every
// server process runs besides answering requests: the e-mail and search outbox workers and the
// saved-search alert worker. Every page gets the security headers, with a fresh script nonce
// (app/utils/security-headers.ts).
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { ServerRouter, type AppLoadContext, type EntryContext } from "react-router";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import "~/i18n/english";
import { db } from "~/db/db.server";
import { startAlertWorker } from "~/mail/alert-worker.server";
import { transportFromEnvironment } from "~/mail/transport.server";
import { startMailWorker } from "~/mail/worker.server";
import { holdDatabase } from "~/ops/server-lock.server";
import { searchEngine } from "~/search/search.server";
import { startSearchWorker } from "~/search/worker.server";
import { env, servedOverHttps } from "~/utils/env.server";
import { documentSecurityHeaders, NonceContext, nonDocumentSecurityHeaders } from "~/utils/security-headers";

// The anonymous page cache and optional compression, mounted by server.js (decision 025).
export { performanceMiddleware } from "~/ops/page-cache.server";

/** How long the router waits for a deferred loader promise before rejecting it (React Router reads this export). */
export const streamTimeout = 5_000;

// Tests deliver the outboxes and run the alerts themselves, with a transport, an engine and a clock
// of their choosing. The production server the browser tests start (NODE_ENV=production) keeps its
// search index current as a real one does: those tests search for what they just published.
if (!process.env.VITEST) {
  // A restore refuses while this is there (app/ops/server-lock.server.ts).
  holdDatabase(env().DATABASE_PATH);
  startMailWorker(db, transportFromEnvironment(env()));
  startAlertWorker(db, searchEngine);
}
if (!process.env.VITEST || process.env.NODE_ENV === "production") startSearchWorker(db, searchEngine);

/**
 * The headers server.js gives every response that has none of its own (static files, resource
 * routes, data requests, its refusals). Exported here because server.js reaches the app only
 * through the server build.
 */
export function responseSecurityHeaders(): Record<string, string> {
  return nonDocumentSecurityHeaders({ hsts: servedOverHttps() });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || routerContext.isSpaMode;
  const nonce = randomBytes(16).toString("base64");
  const security = documentSecurityHeaders({ nonce, hsts: servedOverHttps(), development: env().NODE_ENV === "development" });
  // A route's own header wins (the reset and invitation pages send no Referer at all).
  for (const [name, value] of Object.entries(security)) if (!responseHeaders.has(name)) responseHeaders.set(name, value);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        onAllReady: waitForAll ? ready : undefined,
        onShellReady: waitForAll ? undefined : ready,
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready reject above and React Router logs them; only log the later ones.
          if (shellRendered) console.error(error);
        },
      },
    );
    // Rendering stops a second after the router has rejected what was still pending, so that the
    // rejected boundaries get flushed.
    setTimeout(abort, streamTimeout + 1_000);
  });
}
