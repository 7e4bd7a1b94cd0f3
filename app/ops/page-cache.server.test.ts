import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { normalisedQuery, pageCache, type Middleware } from "./page-cache.server";

// The page cache in front of a stand-in for the app, over real HTTP: the stand-in renders like the
// app's entry does (a fresh nonce in the header and in the page's inline scripts, the visitor's
// name when a session cookie is sent) and counts its renders.

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function start(options: { version: () => string; now?: () => number; compress?: boolean; setCookie?: boolean; delayMs?: number }) {
  const renders = { count: 0 };
  const cache: Middleware = pageCache({ version: async () => options.version(), now: options.now, compress: options.compress });
  server = http.createServer((req, res) => {
    cache(req, res, () => {
      renders.count++;
      const nonce = randomBytes(16).toString("base64");
      const user = /__session=([a-z]+)/.exec(req.headers.cookie ?? "")?.[1];
      res.setHeader("Content-Security-Policy", `default-src 'self'; script-src 'self' 'nonce-${nonce}'`);
      if (options.setCookie) res.setHeader("Set-Cookie", "lang=en; Path=/");
      if (req.url?.includes("_data")) {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ version: options.version(), user: user ?? null }));
        return;
      }
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      if (options.delayMs) {
        setTimeout(() => {
          res.write(`<html><body><h1>场景机会清单 v${options.version()}</h1><script nonce="${nonce}"></script>`);
          res.end("</body></html>");
        }, options.delayMs);
        return;
      }
      res.write(`<html><body><h1>${user ? `你好，${user}` : "场景机会清单"} v${options.version()}</h1>`);
      res.end(`<p>${"列表".repeat(800)}</p><script nonce="${nonce}">window.x=1</script><script nonce="${nonce}">window.y=2</script></body></html>`);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return { base, renders, cache };
}

function noncesOf(response: Response, body: string) {
  const header = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  const inBody = [...new Set([...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]))];
  return { header, inBody };
}

describe("anonymous page cache", () => {
  it("renders a page once and gives every visitor their own nonce, the same in the header and the page", async () => {
    const { base, renders } = await start({ version: () => "1" });
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${base}/scenarios?q=医院`);
      const body = await r.text();
      expect(r.status).toBe(200);
      expect(body).toContain("场景机会清单 v1");
      const { header, inBody } = noncesOf(r, body);
      expect(inBody).toEqual([header]);
      seen.add(header!);
      expect(r.headers.get("cache-control")).toBe("private, no-cache");
      expect(r.headers.get("x-page-cache")).toBe(i === 0 ? "miss" : "hit");
    }
    expect(seen.size).toBe(3);
    expect(renders.count).toBe(1);
  });

  it("answers 304 to a browser revalidating its copy, with the policy that copy was sent with", async () => {
    const { base, renders } = await start({ version: () => "1" });
    const first = await fetch(`${base}/scenarios`);
    await first.text();
    const etag = first.headers.get("etag")!;
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get("content-security-policy")!)![1]!;
    expect(etag).toContain(nonce);
    const again = await fetch(`${base}/scenarios`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
    // A tag whose nonce part is not a nonce is not taken back into the policy: the page is sent whole.
    const forged = await fetch(`${base}/scenarios`, { headers: { "If-None-Match": `W/"${etag.slice(3, etag.indexOf("."))}.not-a-nonce"` } });
    expect(forged.status).toBe(200);
    expect(renders.count).toBe(1);
  });

  it("never stores nor serves a signed-in page to anyone else, and tells caches on the way not to keep it", async () => {
    const { base, renders } = await start({ version: () => "1" });
    const member = await fetch(`${base}/scenarios`, { headers: { Cookie: "__session=alice" } });
    expect(await member.text()).toContain("你好，alice");
    expect(member.headers.get("cache-control")).toBe("private, no-store");
    const visitor = await fetch(`${base}/scenarios`);
    const body = await visitor.text();
    expect(body).not.toContain("alice");
    expect(body).toContain("场景机会清单");
    const bob = await fetch(`${base}/scenarios`, { headers: { Cookie: "lang=x; __session=bob" } });
    expect(await bob.text()).toContain("你好，bob");
    expect(renders.count).toBe(3);
  });

  it("renders again as soon as the public data version moves, and after the longest reuse", async () => {
    let version = "1";
    let clock = 1_000_000;
    const { base, renders } = await start({ version: () => version, now: () => clock });
    expect(await (await fetch(`${base}/`)).text()).toContain("v1");
    expect(await (await fetch(`${base}/`)).text()).toContain("v1");
    version = "2";
    expect(await (await fetch(`${base}/`)).text()).toContain("v2");
    expect(renders.count).toBe(2);
    clock += 61_000;
    await (await fetch(`${base}/`)).text();
    expect(renders.count).toBe(3);
  });

  it("keys by language and the query with its parameters in any order, and caches only the public pages", async () => {
    const { base, renders } = await start({ version: () => "1" });
    for (const url of ["/scenarios?domain=industry&q=AI", "/scenarios?q=AI&domain=industry"]) await (await fetch(`${base}${url}`)).text();
    expect(renders.count).toBe(1);
    await (await fetch(`${base}/scenarios?q=AI&domain=industry&lang=en`)).text();
    expect(renders.count).toBe(2);
    for (let i = 0; i < 2; i++) await (await fetch(`${base}/my/scenarios`)).text();
    for (let i = 0; i < 2; i++) await (await fetch(`${base}/notices`)).text();
    expect(renders.count).toBe(6);
    expect(normalisedQuery(new URLSearchParams("q=b&d=2&d=1&a=x"))).toBe("a=x&d=2&d=1&q=b");
  });

  it("renders a page once when many visitors ask for it at the same moment", async () => {
    const { base, renders } = await start({ version: () => "1", delayMs: 300 });
    const pages = await Promise.all(Array.from({ length: 8 }, () => fetch(`${base}/scenarios?page=2`).then(async (r) => ({ body: await r.text(), csp: r.headers.get("content-security-policy") }))));
    expect(renders.count).toBe(1);
    expect(pages.every((p) => p.body.includes("场景机会清单 v1"))).toBe(true);
    expect(new Set(pages.map((p) => noncesOf(new Response(null, { headers: { "content-security-policy": p.csp! } }), p.body).header)).size).toBe(8);
  });

  it("does not keep a response that sets a cookie", async () => {
    const { base, renders } = await start({ version: () => "1", setCookie: true });
    for (let i = 0; i < 2; i++) await (await fetch(`${base}/scenarios`)).text();
    expect(renders.count).toBe(2);
  });

  it("serves loader data with an ETag a proxy may keep and revalidate", async () => {
    const { base } = await start({ version: () => "1" });
    const first = await fetch(`${base}/scenarios?_data=routes%2Fscenarios._index`);
    expect(await first.json()).toEqual({ version: "1", user: null });
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    expect(first.headers.get("vary")).toContain("Cookie");
    const again = await fetch(`${base}/scenarios?_data=routes%2Fscenarios._index`, { headers: { "If-None-Match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("compresses with br or gzip when asked to and the client accepts it", async () => {
    const { base } = await start({ version: () => "1", compress: true });
    const get = (encoding: string) => new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http.get(`${base}/scenarios`, { headers: { "Accept-Encoding": encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    for (const [encoding, decode] of [["br", brotliDecompressSync], ["gzip", gunzipSync]] as const) {
      for (let i = 0; i < 2; i++) {
        const r = await get(encoding);
        expect(r.headers["content-encoding"]).toBe(encoding);
        expect(r.body.length).toBeLessThan(2000);
        const html = decode(r.body).toString("utf8");
        expect(html).toContain("场景机会清单");
        const nonce = /'nonce-([^']+)'/.exec(String(r.headers["content-security-policy"]))![1];
        expect(html).toContain(`nonce="${nonce}"`);
      }
    }
    const plain = await get("identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain("场景机会清单");
  });
});
