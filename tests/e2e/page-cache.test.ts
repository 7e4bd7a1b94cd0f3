// The anonymous page cache on the production server (app/ops/page-cache.server.ts, decision 025):
// visitors get cached pages that still run under their own CSP nonce, a signed-in page is never
// handed to anyone else, and a change to the public data shows on the very next request.
import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { shareBrowser, signIn, waitForHydration } from "./browser";

const baseUrl = inject("baseUrl");
const databasePath = inject("databasePath");

let context: BrowserContext;
shareBrowser((c) => (context = c), { stepTimeout: 15_000, closeTabs: true });

function write(statement: string, ...params: unknown[]) {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

function read<T>(statement: string, ...params: unknown[]): T {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(statement).get(...params) as T;
  } finally {
    db.close();
  }
}

const nonceOf = (csp: string | null | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

/** Collects what the browser reports about refused scripts. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to execute/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe("anonymous page cache", () => {
  it("serves visitors the cached list with a nonce of their own each, and the page still runs, also after a 304", async () => {
    const url = `${baseUrl}/scenarios?q=${encodeURIComponent("医院")}`;
    const visits = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(url);
      const html = await response.text();
      const nonce = nonceOf(response.headers.get("content-security-policy"))!;
      expect(response.headers.get("cache-control")).toBe("private, no-cache");
      // Every inline script carries this response's nonce.
      expect(html.match(/nonce="[^"]+"/g)!.length).toBeGreaterThan(0);
      expect(html.match(/nonce="[^"]+"/g)!.every((n) => n === `nonce="${nonce}"`)).toBe(true);
      visits.push({ nonce, source: response.headers.get("x-page-cache"), etag: response.headers.get("etag")! });
    }
    expect(visits.slice(1).map((v) => v.source)).toEqual(["hit", "hit"]);
    expect(new Set(visits.map((v) => v.nonce)).size).toBe(3);
    const again = await fetch(url, { headers: { "If-None-Match": visits[2]!.etag } });
    expect(again.status).toBe(304);
    expect(nonceOf(again.headers.get("content-security-policy"))).toBe(visits[2]!.nonce);

    // In the browser: the cached page hydrates under its policy; a reload revalidates (304) and runs again.
    await context.clearCookies();
    const page = await context.newPage();
    const violations = cspViolations(page);
    const statuses: number[] = [];
    page.on("response", (r) => {
      if (r.url() === url || decodeURI(r.url()) === decodeURI(url)) statuses.push(r.status());
    });
    await page.goto(url);
    await waitForHydration(page);
    await page.reload();
    await waitForHydration(page);
    await page.goto(url);
    await waitForHydration(page);
    expect(violations).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(3);
  });

  it("never serves a signed-in view to someone else, and tells every cache on the way not to keep it", async () => {
    const code = read<{ code: string }>("SELECT code FROM scenarios WHERE status = 'published' ORDER BY id LIMIT 1").code;
    // An anonymous visit first, so that the page is in the cache when the member comes.
    await (await fetch(`${baseUrl}/scenarios/${code}`)).text();
    const member = await signIn(context, "demand@demo.local");
    const { name } = read<{ name: string }>("SELECT name FROM users WHERE email = 'demand@demo.local'");
    for (const path of ["/scenarios", `/scenarios/${code}`, "/"]) {
      const response = await member.goto(`${baseUrl}${path}`);
      const headers = await response!.allHeaders();
      expect(headers["cache-control"], path).toBe("private, no-store");
      expect(headers["x-page-cache"], path).toBe("bypass");
      await expect.poll(() => member.getByRole("banner").textContent()).toContain(name);
      await expect.poll(() => member.getByRole("button", { name: "退出" }).count()).toBe(1);
      // Right after, a visitor without the member's cookie gets the public page: no name, no sign-out.
      const visitor = await fetch(`${baseUrl}${path}`);
      const html = await visitor.text();
      expect(html, path).not.toContain(name);
      expect(html, path).not.toMatch(/>退出<\/button>/);
      expect(html, path).toMatch(/>登录<\/a>/);
    }
  });

  it("shows a publication and an edit on the next request", async () => {
    const draft = read<{ id: number; title: string }>("SELECT id, title FROM scenarios WHERE status = 'approved' ORDER BY id LIMIT 1");
    const published = read<{ id: number; code: string; title: string }>("SELECT id, code, title FROM scenarios WHERE status = 'published' ORDER BY id DESC LIMIT 1");
    const newest = `${baseUrl}/scenarios?sort=newest`;
    const text = async (url: string) => {
      const r = await fetch(url);
      return { html: await r.text(), source: r.headers.get("x-page-cache") };
    };
    try {
      for (const url of [`${baseUrl}/`, newest, `${baseUrl}/scenarios/${published.code}`]) {
        await text(url);
        expect((await text(url)).source, url).toBe("hit");
      }
      expect((await text(newest)).html).not.toContain(draft.title);

      write("UPDATE scenarios SET status = 'published', code = 'NJ-2099-0001', published_at = '2099-01-01T00:00:00.000Z' WHERE id = ?", draft.id);
      const home = await text(`${baseUrl}/`);
      expect(home.source).toBe("miss");
      expect(home.html).toContain(draft.title);
      expect((await text(newest)).html).toContain(draft.title);
      expect((await text(`${baseUrl}/scenarios/NJ-2099-0001`)).html).toContain(draft.title);

      write("UPDATE scenarios SET title = ? WHERE id = ?", `${published.title}（已更新）`, published.id);
      expect((await text(`${baseUrl}/scenarios/${published.code}`)).html).toContain(`${published.title}（已更新）`);
    } finally {
      write("UPDATE scenarios SET status = 'approved', code = NULL, published_at = NULL WHERE id = ?", draft.id);
      write("UPDATE scenarios SET title = ? WHERE id = ?", published.title, published.id);
    }
    expect((await text(newest)).html).not.toContain(draft.title);
  });
});
