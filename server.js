// Serves the production build: static assets, then React Router. Kept small and in plain JavaScript so
// that `npm start` runs it with Node alone. The client's address goes to loaders and actions as
// `context.clientAddress` (sign-in throttling, audit log). Every response leaves with the security
// headers: pages with their own (entry.server.tsx, with a script nonce), everything else with
// these, added just before the headers are written wherever the response did not set one itself.
import http from "node:http";
import { createRequestHandler } from "@react-router/express";
import express from "express";

const build = await import("./build/server/index.js");
const app = express();
app.disable("x-powered-by");
// Behind the reverse proxy that terminates HTTPS, every request comes from the proxy's address, and
// the per-address sign-in limit would count everyone together. TRUST_PROXY names the proxy (Express's
// "trust proxy": addresses or subnets, "loopback", or a number of hops); its X-Forwarded-For then
// gives the client's address. Unset, no forwarded header is believed.
const trustProxy = (process.env.TRUST_PROXY ?? "").trim();
if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy.split(",").map((s) => s.trim()));
const securityHeaders = build.entry.module.responseSecurityHeaders();
app.use((req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    for (const [name, value] of Object.entries(securityHeaders)) if (!res.hasHeader(name)) res.setHeader(name, value);
    return writeHead.apply(this, args);
  };
  next();
});
// A state-changing request must come from this site: browsers send Origin with every POST.
// (React Router would abort it too, but with a 500; this says what happened.) The whole origin is compared
// (scheme, host and port: `ftp://this-host` is another origin): the address the request reached, as
// the proxy reports it under TRUST_PROXY, or PUBLIC_URL.
let publicOrigin = null;
try {
  publicOrigin = new URL(process.env.PUBLIC_URL || "http://localhost:3000").origin;
} catch {}
app.use((req, res, next) => {
  const origin = req.get("origin");
  if (["GET", "HEAD", "OPTIONS"].includes(req.method) || !origin) return next();
  let sent = null;
  let reached = null;
  try {
    sent = new URL(origin).origin;
    reached = new URL(`${req.protocol}://${req.get("host")}`).origin;
  } catch {}
  if (sent !== null && sent !== "null" && (sent === reached || sent === publicOrigin)) return next();
  res.status(403).type("text/plain; charset=utf-8").send("跨站请求被拒绝 / Cross-site request refused");
});
// Anonymous public pages from a cache; gzip/br with COMPRESSION=on (app/ops/page-cache.server.ts).
const cacheAndCompression = build.entry.module.performanceMiddleware();
if (cacheAndCompression.compressedAssets) app.use("/assets", cacheAndCompression.compressedAssets);
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
if (cacheAndCompression.pageCache) app.use(cacheAndCompression.pageCache);
// Mounted with use(), not all("*"): Express decodes the path of a route pattern and answers a
// malformed %-escape with a 400 and a stack trace in the log; React Router answers it with its 404 page.
app.use(createRequestHandler({ build, getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }) }));

const port = Number(process.env.PORT ?? 3000);
// Long search URLs (a pasted paragraph of Chinese) fit in the 64 KiB header limit.
const server = http.createServer({ maxHeaderSize: 65536 }, app).listen(port, () => {
  console.info(`[server] http://localhost:${port}`);
});

// Graceful shutdown: on SIGTERM (or Ctrl-C) stop accepting connections, let the requests in flight
// finish, then exit. Idle keep-alive connections are closed at once; after 20 s the rest are cut.
let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.info(`[server] ${signal}: finishing requests in flight`);
  server.close(() => {
    console.info("[server] stopped");
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    console.warn("[server] requests still open after 20 s: closing them");
    server.closeAllConnections();
    process.exit(1);
  }, 20_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
