// Each role's way in: sign in through /login and land on that role's own page, which renders
// and passes axe; a role's page is refused to the others.
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { expectAccessible, launch } from "./browser";

const baseUrl = inject("baseUrl");
let context: BrowserContext;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ context, close } = await launch());
});
afterAll(() => close());
beforeEach(() => context.clearCookies());

async function signIn(email: string) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill("demo-pass-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

describe("each role's main page", () => {
  it.each([
    ["demand@demo.local", "/my/scenarios"],
    ["reviewer@demo.local", "/review"],
    ["admin@demo.local", "/admin"],
    ["vendor@demo.local", "/my/proposals"],
  ])("%s signs in and lands on %s", async (email, path) => {
    const page = await signIn(email);
    expect(new URL(page.url()).pathname).toBe(path);
    await expect(page.locator("h1").first().textContent()).resolves.toBeTruthy();
    await page.getByRole("button", { name: "退出" }).waitFor({ state: "visible", timeout: 5000 });
    await expectAccessible(page);
    await page.close();
  });

  it("refuses the office pages to a demand member with a translated 403", async () => {
    const page = await signIn("demand@demo.local");
    const response = await page.goto(`${baseUrl}/admin`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { name: "无权访问" }).isVisible()).toBe(true);
    await page.close();
  });

  it("sends a visitor to sign in and back", async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/review`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("电子邮箱").fill("reviewer@demo.local");
    await page.getByLabel("密码").fill("demo-pass-2026");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((url) => url.pathname === "/review");
    await page.close();
  });

  it("refuses a cross-site POST", async () => {
    const response = await fetch(`${baseUrl}/login`, {
      method: "POST",
      headers: { Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=demand%40demo.local&password=demo-pass-2026",
    });
    expect(response.status).toBe(403);
  });
});
