// The anonymous page cache: public pages rendered once per version of the public data and served
// again to every visitor who is not signed in, with ETag/304 and Cache-Control a proxy in front can
// honour, and optional gzip/br compression. Mounted by server.js as Express middleware just before
// the framework's request handler; everything else about a request is left to the app.
// Decision record: docs/decisions/025-anonymous-page-cache.md.
//
// What can be cached: GET/HEAD of the public pages listed in CACHED_PATHS (and their loader data),
// for a request that carries no session cookie, answered 200 with HTML or JSON and no Set-Cookie.
// Keyed by path, query (parameters sorted by name) and language. An entry is used while the version
// of the public data is the one it was rendered under (the change feed, the search outbox, the
// public Q&A) and for at most PAGE_CACHE_SECONDS (default 60: labels that follow the clock).
// Pages carry a per-response CSP nonce (decision 018): the stored page keeps the places where the
// nonce stood, and every response gets a fresh one, in the body and in the header alike.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { db as appDb, type DB } from "~/db/db.server";
import { isLang, type Lang } from "~/i18n/i18n";
import { langCookie } from "~/i18n/lang.server";
import { publicDataVersion } from "~/search/public-cache.server";

/** Public pages whose anonymous view depends only on the data the version follows. `.data`: React Router's loader data. */
export const CACHED_PATHS: RegExp[] = [
  /^\/(?:_root\.data)?$/,
  /^\/scenarios(?:\.data)?$/,
  /^\/scenarios\/NJ-\d{4}-\d{4}(?:\.data)?$/,
  /^\/vendors(?:\.data)?$/,
  /^\/vendors\/\d+(?:\.data)?$/,
  /^\/benchmarks(?:\.data)?$/,
  /^\/benchmarks\/[A-Za-z0-9-]+(?:\.data)?$/,
];

const SESSION_COOKIE = "__session";
const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;

/** The version a cached page is valid for: the public scenarios and their index, plus the public Q&A. */
export async function pageDataVersion(db: DB): Promise<string> {
  const { rows } = await sql<{ v: string }>`select
      coalesce((select max(id) from scenario_questions), 0) || ':' ||
      coalesce((select max(answered_at) from scenario_questions), '') as v`.execute(db);
  return `${await publicDataVersion(db)}:${rows[0]!.v}`;
}

interface Entry {
  version: string;
  storedAt: number;
  status: number;
  headers: [string, string | string[]][];
  /** The body split where the nonce stood (one part when there is none). */
  parts: Buffer[];
  /** Hash of the body without its nonce: the same page rendered again has the same one. */
  hash: string;
  html: boolean;
  /** The page had a nonce (always, in production): each response gets its own. */
  nonced: boolean;
  /** Compressed bodies, for entries without a nonce (JSON): computed once. */
  encoded: Map<string, Buffer>;
}

export interface PageCacheOptions {
  /** How many pages to keep; least recently used dropped first. */
  maxEntries?: number;
  /** The longest a page is reused, even when the data did not change (labels that follow the clock). */
  maxAgeMs?: number;
  /** gzip/br for the pages it serves (for sites with no compressing proxy in front). */
  compress?: boolean;
  version?: () => Promise<string>;
  now?: () => number;
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  notModified: number;
  bypassed: number;
  entries: number;
}

type Next = (error?: unknown) => void;
export type Middleware = ((req: IncomingMessage, res: ServerResponse, next: Next) => void) & { stats: () => PageCacheStats };

function cookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

async function languageOf(url: URL, cookieHeader: string | undefined): Promise<Lang> {
  const fromQuery = url.searchParams.get("lang");
  if (isLang(fromQuery)) return fromQuery;
  const fromCookie: unknown = await langCookie.parse(cookieHeader ?? null);
  return isLang(fromCookie) ? fromCookie : "zh";
}

/** The query with its parameters sorted by name (values of one name keep their order). */
export function normalisedQuery(params: URLSearchParams): string {
  const sorted = [...params].map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j));
  return new URLSearchParams(sorted.map(([p]) => p)).toString();
}

function preferredEncoding(header: string | string[] | undefined): "br" | "gzip" | null {
  const accepted = String(header ?? "").toLowerCase().split(",").map((s) => s.trim());
  const ok = (name: string) => accepted.some((a) => a === name || (a.startsWith(`${name};`) && !/q=0(\.0+)?$/.test(a)));
  return ok("br") ? "br" : ok("gzip") ? "gzip" : null;
}

function encode(body: Buffer, encoding: "br" | "gzip"): Buffer {
  return encoding === "br"
    ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });
}

/** `If-None-Match` values, weak or strong, without quotes. */
function presentedTags(header: string | undefined): string[] {
  return (header ?? "").split(",").map((t) => t.trim().replace(/^W\//, "").replace(/^"|"$/g, "")).filter(Boolean);
}

const freshNonce = () => randomBytes(16).toString("base64");
const NONCE_VALUE = /^[A-Za-z0-9+/]{22}==$/;

/** The Express middleware. */
export function pageCache(options: PageCacheOptions = {}): Middleware {
  const maxEntries = options.maxEntries ?? 2000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const version = options.version ?? (() => pageDataVersion(appDb()));
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, { version: string; entry: Promise<Entry | null> }>();
  const stats = { hits: 0, misses: 0, notModified: 0, bypassed: 0 };

  function serve(req: IncomingMessage, res: ServerResponse, entry: Entry, end: (chunk?: Buffer) => void) {
    const vary = ["Cookie", ...(options.compress ? ["Accept-Encoding"] : [])].join(", ");
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Vary", vary);
    // A page holds a nonce of its own: no shared cache may hand it to someone else, the browser revalidates.
    // Loader data holds none: a proxy may keep it, and revalidates every time.
    res.setHeader("Cache-Control", entry.html ? "private, no-cache" : "public, no-cache");
    const presented = presentedTags(req.headers["if-none-match"]);
    // The ETag of a page names its nonce, so a 304 can repeat the policy the browser's copy was sent with.
    const match = entry.nonced
      ? presented.find((t) => t.startsWith(`${entry.hash}.`) && NONCE_VALUE.test(t.slice(entry.hash.length + 1)))
      : presented.find((t) => t === entry.hash);
    if (match) {
      stats.notModified++;
      res.statusCode = 304;
      res.setHeader("ETag", `W/"${match}"`);
      if (entry.nonced) rewriteNonce(res, match.slice(entry.hash.length + 1));
      for (const name of ["Content-Type", "Content-Length", "Content-Encoding"]) res.removeHeader(name);
      return end();
    }
    const nonce = entry.nonced ? freshNonce() : "";
    if (entry.nonced) rewriteNonce(res, nonce);
    res.setHeader("ETag", entry.nonced ? `W/"${entry.hash}.${nonce}"` : `W/"${entry.hash}"`);
    res.statusCode = entry.status;
    let body = entry.parts.length === 1 ? entry.parts[0]! : Buffer.concat(entry.parts.flatMap((p, i) => (i ? [Buffer.from(nonce), p] : [p])));
    const encoding = options.compress && body.length > 1024 ? preferredEncoding(req.headers["accept-encoding"]) : null;
    if (encoding) {
      let encoded = entry.nonced ? undefined : entry.encoded.get(encoding);
      if (!encoded) {
        encoded = encode(body, encoding);
        if (!entry.nonced) entry.encoded.set(encoding, encoded);
      }
      body = encoded;
      res.setHeader("Content-Encoding", encoding);
    } else {
      res.removeHeader("Content-Encoding");
    }
    res.setHeader("Content-Length", body.length);
    end(req.method === "HEAD" ? undefined : body);
  }

  function rewriteNonce(res: ServerResponse, nonce: string) {
    const csp = res.getHeader("Content-Security-Policy");
    if (typeof csp === "string") res.setHeader("Content-Security-Policy", csp.replace(NONCE, `'nonce-${nonce}'`));
  }

  function store(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, next: Next) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return next();
      const url = new URL(req.url ?? "/", "http://page-cache.invalid");
      if (!CACHED_PATHS.some((p) => p.test(url.pathname))) return next();
      if (cookies(req.headers.cookie).has(SESSION_COOKIE)) {
        // Signed in (or was): never stored here, and no cache on the way may keep it either.
        stats.bypassed++;
        res.setHeader("X-Page-Cache", "bypass");
        const writeHead = res.writeHead;
        res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
          res.setHeader("Cache-Control", "private, no-store");
          return writeHead.apply(this, args);
        } as typeof writeHead;
        return next();
      }
      const key = `${await languageOf(url, req.headers.cookie)} ${url.pathname}?${normalisedQuery(url.searchParams)}`;
      const before = await version();
      const hit = entries.get(key);
      if (hit && hit.version === before && now() - hit.storedAt < maxAgeMs) {
        stats.hits++;
        store(key, hit);
        res.setHeader("X-Page-Cache", "hit");
        return serve(req, res, hit, (chunk) => res.end(chunk));
      }
      // The same page being rendered for someone else under this version: wait for it rather than render it again
      // (fifty visitors opening the announced list at once make one rendering, not fifty).
      const rendering = inflight.get(key);
      if (rendering && rendering.version === before) {
        const entry = await rendering.entry;
        if (entry) {
          stats.hits++;
          res.setHeader("X-Page-Cache", "hit");
          return serve(req, res, entry, (chunk) => res.end(chunk));
        }
      }
      stats.misses++;
      if (hit) entries.delete(key);
      res.setHeader("X-Page-Cache", "miss");
      let settle: (entry: Entry | null) => void = () => {};
      const mine = { version: before, entry: new Promise<Entry | null>((resolve) => (settle = resolve)) };
      inflight.set(key, mine);
      const done = (entry: Entry | null) => {
        settle(entry);
        if (inflight.get(key) === mine) inflight.delete(key);
      };
      // A visitor who leaves before the page is done must not keep the others waiting.
      res.on("close", () => done(null));

      // Render: hold the response, then keep it if it may be shared and serve it like a hit.
      const chunks: Buffer[] = [];
      const write = res.write;
      const end = res.end;
      const endWith = (chunk?: Buffer) => (end as (chunk?: Buffer) => ServerResponse).call(res, chunk);
      res.write = function (chunk: unknown, encoding?: unknown, callback?: unknown) {
        if (chunk) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
        if (typeof encoding === "function") encoding();
        else if (typeof callback === "function") callback();
        return true;
      } as typeof res.write;
      res.end = function (chunk?: unknown, encoding?: unknown, callback?: unknown) {
        if (chunk && typeof chunk !== "function") res.write(chunk, encoding as BufferEncoding);
        res.write = write;
        res.end = end;
        finish().then(
          () => (typeof callback === "function" ? callback() : typeof encoding === "function" ? encoding() : typeof chunk === "function" ? chunk() : undefined),
          (error) => {
            done(null);
            console.error("[page-cache]", error);
            if (!res.headersSent) res.statusCode = 500;
            res.end();
          },
        );
        return res;
      } as typeof res.end;

      const finish = async () => {
        const body = Buffer.concat(chunks);
        const type = String(res.getHeader("Content-Type") ?? "");
        const html = /^text\/html/i.test(type);
        const shareable = res.statusCode === 200 && !res.hasHeader("Set-Cookie") && (html || /^application\/json|^text\/x-script/i.test(type))
          && !/no-store|private/i.test(String(res.getHeader("Cache-Control") ?? "")) && !res.hasHeader("Content-Encoding");
        if (!shareable) {
          done(null);
          res.setHeader("Content-Length", body.length);
          return void endWith(req.method === "HEAD" ? undefined : body);
        }
        const nonce = html ? NONCE.exec(String(res.getHeader("Content-Security-Policy") ?? ""))?.[1] : undefined;
        const parts: Buffer[] = [];
        if (nonce) {
          const needle = Buffer.from(nonce);
          let from = 0;
          for (let i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, from)) {
            parts.push(body.subarray(from, i));
            from = i + needle.length;
          }
          parts.push(body.subarray(from));
        } else {
          parts.push(body);
        }
        const hash = createHash("sha256").update(String(res.statusCode)).update(type);
        for (const p of parts) hash.update(p).update("\u0000");
        const headers = Object.entries(res.getHeaders())
          .filter(([name]) => !["content-length", "etag", "cache-control", "vary", "date", "connection", "keep-alive", "transfer-encoding", "x-page-cache"].includes(name))
          .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as [string, string | string[]]);
        const entry: Entry = {
          version: before, storedAt: now(), status: res.statusCode, headers, parts,
          hash: hash.digest("base64url").slice(0, 27), html, nonced: Boolean(nonce), encoded: new Map(),
        };
        // A change while the page was rendered: serve it, keep it only if still current.
        if ((await version()) === before) store(key, entry);
        done(entry);
        serve(req, res, entry, endWith);
      };
      next();
    } catch (error) {
      next(error);
    }
  };
  return Object.assign((req: IncomingMessage, res: ServerResponse, next: Next) => void handle(req, res, next), {
    stats: (): PageCacheStats => ({ ...stats, entries: entries.size }),
  });
}

const ASSET_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
};

/**
 * gzip/br for the build's fingerprinted assets (mounted on /assets before the static files), each
 * file compressed once per encoding and kept in memory; anything else goes on to the static files.
 */
export function compressedAssets(dir: string) {
  const root = path.resolve(dir);
  const compressed = new Map<string, Buffer>();
  return (req: IncomingMessage, res: ServerResponse, next: Next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const encoding = preferredEncoding(req.headers["accept-encoding"]);
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://assets.invalid").pathname);
    const type = ASSET_TYPES[path.extname(name)];
    const file = path.join(root, name);
    if (!encoding || !type || !file.startsWith(`${root}${path.sep}`)) return next();
    const key = `${encoding} ${file}`;
    let body = compressed.get(key);
    if (!body) {
      let raw: Buffer;
      try {
        raw = fs.readFileSync(file);
      } catch {
        return next();
      }
      body = encode(raw, encoding);
      compressed.set(key, body);
    }
    res.setHeader("Content-Type", type);
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", body.length);
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

/**
 * What server.js mounts, as the environment asks: the page cache (on unless PAGE_CACHE=off;
 * PAGE_CACHE_SECONDS caps an entry's age) and, with COMPRESSION=on, compressed pages and assets.
 */
export function performanceMiddleware(environment: NodeJS.ProcessEnv = process.env) {
  const compress = /^(on|1|true|yes)$/i.test(environment.COMPRESSION ?? "");
  const seconds = Number(environment.PAGE_CACHE_SECONDS ?? 60);
  const cache = /^(off|0|false|no)$/i.test(environment.PAGE_CACHE ?? "")
    ? null
    : pageCache({ compress, maxAgeMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000 });
  return { pageCache: cache, compressedAssets: compress ? compressedAssets("build/client/assets") : null };
}
