// The security headers as a browser receives them from the production server, pages that still
// hydrate under the Content-Security-Policy with no violation, hostile text shown as text, and the
// health probes. Header rules: app/utils/security-headers.ts; decision 018.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, signIn, waitForHydration } from "./browser";

const baseUrl = inject("baseUrl");

const COMMON = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
  // The browser tests run the production server with the default HTTPS=true.
  "strict-transport-security": "max-age=31536000",
};

function directives(csp: string | null): Record<string, string[]> {
  return Object.fromEntries((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

function expectCommonHeaders(response: Response, what: string) {
  for (const [name, value] of Object.entries(COMMON)) expect(response.headers.get(name), `${name} on ${what}`).toBe(value);
}

/** A page's policy: its own scripts and this response's nonce, nothing inline otherwise. */
function expectPagePolicy(response: Response, what: string): string {
  const csp = directives(response.headers.get("content-security-policy"));
  expect(csp["default-src"], what).toEqual(["'self'"]);
  const script = csp["script-src"] ?? [];
  expect(script, what).not.toContain("'unsafe-inline'");
  expect(script, what).not.toContain("'unsafe-eval'");
  const nonce = script.find((s) => s.startsWith("'nonce-"));
  expect(nonce, what).toBeDefined();
  expect(csp["style-src"], what).toEqual(["'self'"]);
  expect(csp["img-src"], what).toEqual(["'self'", "data:"]);
  expect(csp["object-src"], what).toEqual(["'none'"]);
  expect(csp["base-uri"], what).toEqual(["'self'"]);
  expect(csp["form-action"], what).toEqual(["'self'"]);
  expect(csp["frame-ancestors"], what).toEqual(["'none'"]);
  return nonce!.slice("'nonce-".length, -1);
}

function expectLockedDown(response: Response, what: string) {
  expect(directives(response.headers.get("content-security-policy")), what).toEqual({
    "default-src": ["'none'"], "base-uri": ["'none'"], "form-action": ["'none'"], "frame-ancestors": ["'none'"],
  });
}

describe("security headers over HTTP", () => {
  it("gives pages a fresh nonce that every inline script carries", async () => {
    const nonces = new Set<string>();
    for (const path of ["/", "/scenarios", "/scenarios", "/login"]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(200);
      expectCommonHeaders(response, path);
      const nonce = expectPagePolicy(response, path);
      nonces.add(nonce);
      const html = await response.text();
      const inline = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!).filter((attrs) => !/\bsrc=/.test(attrs));
      expect(inline.length, path).toBeGreaterThan(0);
      for (const attrs of inline) expect(attrs, `${path}: an inline script without the nonce`).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });

  it("gives the 404 page, the API, a static asset and the favicon the same headers", async () => {
    const missing = await fetch(`${baseUrl}/no-such-page`);
    expect(missing.status).toBe(404);
    expectCommonHeaders(missing, "404");
    expectPagePolicy(missing, "404");

    const api = await fetch(`${baseUrl}/api/v1/scenarios?limit=1`);
    expect(api.status).toBe(200);
    expectCommonHeaders(api, "API");
    expectLockedDown(api, "API");
    const badApi = await fetch(`${baseUrl}/api/v1/scenarios?page=-1`);
    expect(badApi.status).toBe(400);
    expectCommonHeaders(badApi, "API error");

    const html = await (await fetch(`${baseUrl}/`)).text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)![0];
    for (const path of [asset, "/favicon.svg"]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expectCommonHeaders(response, path);
      expectLockedDown(response, path);
    }

    // Each header once: a route's own header replaces the default instead of joining it.
    const reset = await fetch(`${baseUrl}/reset-password/${"A".repeat(43)}`);
    expect(reset.headers.get("referrer-policy")).toBe("no-referrer");
    expect(reset.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a cross-site POST with a 403 that has the headers too", async () => {
    const response = await fetch(`${baseUrl}/login`, { method: "POST", headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: "email=a%40b.c&password=x" });
    expect(response.status).toBe(403);
    expectCommonHeaders(response, "cross-site 403");
    expectLockedDown(response, "cross-site 403");
  });

  it("compares the whole origin: another scheme on the same host is another site (issue 13 item 8)", async () => {
    const host = new URL(baseUrl).host;
    const post = (origin: string) =>
      fetch(`${baseUrl}/forgot-password`, { method: "POST", redirect: "manual", headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, body: "email=nobody%40example.com" });
    expect((await post(`ftp://${host}`)).status).toBe(403);
    expect((await post(`https://${host}`)).status).toBe(403);
    expect((await post("null")).status).toBe(403);
    expect((await post(new URL(baseUrl).origin)).status).toBe(200);
  });

  it("answers a body that is not a form with 415 and the page in the visitor's language, not a 500 (issue 13 item 5)", async () => {
    const origin = new URL(baseUrl).origin;
    for (const [type, body] of [["text/plain", "email=a@b.c"], ["application/json", '{"email":"a@b.c"}']] as const) {
      for (const path of ["/login", "/signup", "/forgot-password"]) {
        const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { Origin: origin, "Content-Type": type }, body });
        expect(response.status, `${type} ${path}`).toBe(415);
        expect(await response.text(), `${type} ${path}`).toContain("无法读取提交的内容");
      }
    }
    const broken = await fetch(`${baseUrl}/login`, { method: "POST", headers: { Origin: origin, "Content-Type": "multipart/form-data; boundary=XYZ" }, body: '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na' });
    expect(broken.status).toBe(400);
  });

  it("sends Retry-After with the sign-in throttle's 429 (issue 13 item 4)", async () => {
    const origin = new URL(baseUrl).origin;
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${baseUrl}/login`, {
        method: "POST", headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: `email=${encodeURIComponent("throttle-e2e@example.com")}&password=wrong-${i}`,
      });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(await last!.text()).toContain("分钟后再试");
  });

  it("serves no mailbox in production to anyone who is not the office (issue 13 item 1)", async () => {
    const response = await fetch(`${baseUrl}/dev/mail?to=admin@demo.local`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("/reset-password/");
  });

  it("answers malformed addresses without a server error", async () => {
    for (const path of ["/scenarios/%ED%A0%80", "/scenarios?q=%FF%FE", "/%", "/scenarios?q=%E0%A4%A", "/vendors/%00", "/api/v1/scenarios/%C0%AF", "/scenarios?q=%00%3Cscript%3E"]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it("has a liveness and a readiness probe, never cached", async () => {
    const live = await fetch(`${baseUrl}/healthz`);
    expect(live.status).toBe(200);
    expect(live.headers.get("cache-control")).toBe("no-store");
    expect(await live.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("cache-control")).toBe("no-store");
    const body = await ready.json();
    expect(body).toMatchObject({ status: "ok", failing: [], checks: { database: { status: "ok" }, migrations: { status: "ok", pending: [] }, search: { engine: "embedded" } } });
    expectCommonHeaders(ready, "/readyz");
  });
});

describe("in the browser", () => {
  let session: Awaited<ReturnType<typeof launch>>;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  /** Records CSP violations (console and the DOM event) and dialogs from the moment the page opens. */
  async function watch(page: Page) {
    const found: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) found.push(`console: ${m.text()}`);
    });
    page.on("dialog", async (d) => {
      found.push(`dialog: ${d.message()}`);
      await d.dismiss();
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        ((window as unknown as { __violations?: string[] }).__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    return {
      async all() {
        const events = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
        return [...found, ...events.map((e) => `event: ${e}`)];
      },
    };
  }

  async function expectHydratedWithoutViolation(page: Page, path: string) {
    const watcher = await watch(page);
    await page.goto(`${baseUrl}${path}`);
    // The scripts ran: React has taken over the page (its header link carries React's fiber).
    await page.waitForFunction(() => {
      const link = document.querySelector("header a");
      return !!link && Object.keys(link).some((k) => k.startsWith("__reactFiber"));
    });
    await page.waitForTimeout(300);
    expect(await watcher.all(), path).toEqual([]);
  }

  it("hydrates the public pages and the sign-in form with no violation, and blocks an injected inline script", async () => {
    const page = await session.context.newPage();
    for (const path of ["/", "/scenarios", "/login"]) await expectHydratedWithoutViolation(page, path);

    // The policy is in force and the watcher sees it: a script added without the nonce does not run.
    const watcher = await watch(page);
    await page.goto(`${baseUrl}/scenarios`);
    await waitForHydration(page);
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.append(s);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect((await watcher.all()).some((v) => /script-src/.test(v))).toBe(true);
    await page.close();
  });

  it("hydrates signed-in form pages with no violation", async () => {
    const page = await signIn(session.context, "vendor@demo.local");
    for (const path of ["/vendor/profile", "/my/searches"]) await expectHydratedWithoutViolation(page, path);
    await page.close();
  });

  it("shows hostile search text and a hostile saved-search name as text, and no dialog opens", async () => {
    const page = await signIn(session.context, "vendor@demo.local");
    const watcher = await watch(page);
    for (const q of ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"]) {
      await page.goto(`${baseUrl}/scenarios?q=${encodeURIComponent(q)}`);
      await waitForHydration(page);
      expect(await page.locator("main input[name=q]").first().inputValue()).toBe(q);
      expect(await page.locator("main img[src=x]").count()).toBe(0);
      expect(await page.locator("main script").count()).toBe(0);
    }

    const name = "\"><img src=x onerror=alert(1)><script>alert(2)</script>";
    await page.goto(`${baseUrl}/scenarios?q=${encodeURIComponent("<script>alert(1)</script>")}`);
    await waitForHydration(page);
    await page.getByText("保存此搜索", { exact: true }).click();
    const form = page.locator("form#save-search");
    await form.getByLabel("名称").fill(name);
    await form.getByRole("button", { name: "保存搜索" }).click();
    await page.waitForURL((url) => url.pathname === "/my/searches" && url.searchParams.get("done") === "saved");
    await page.getByRole("heading", { name, exact: true }).waitFor();
    expect(await page.locator("main img[src=x]").count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await watcher.all()).toEqual([]);
    await page.close();
  });
});
