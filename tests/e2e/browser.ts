import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";

/** Debian's Chromium in a fresh profile, with the flags this closed network needs. */
export async function launch(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "changjing-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    locale: "zh-CN",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 1280, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshots for a person to look at after a run (ignored by git). */
export const SHOTS = "tests/.tmp/screenshots";

/**
 * One browser for a whole test file, handed to `use` before the first test and closed after the last.
 * `stepTimeout` makes a missing element fail within seconds, naming the locator, rather than the whole
 * test timing out; `closeTabs` closes the tabs a test opened once it ends.
 */
export function shareBrowser(use: (context: BrowserContext) => void, options: { stepTimeout?: number; closeTabs?: boolean } = {}) {
  let browser: Awaited<ReturnType<typeof launch>> | undefined;
  beforeAll(async () => {
    browser = await launch();
    if (options.stepTimeout) browser.context.setDefaultTimeout(options.stepTimeout);
    fs.mkdirSync(SHOTS, { recursive: true });
    use(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
  });
  if (options.closeTabs) {
    afterEach(async () => {
      for (const p of browser?.context.pages().slice(1) ?? []) await p.close();
    });
  }
}

/** Fails on any serious or critical accessibility violation, naming the rule and the element. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export const DEMO_PASSWORD = "demo-pass-2026";

/** Signs in on a fresh tab of `context`, with no cookies left from whoever was signed in before. */
export async function signIn(context: BrowserContext, email: string, password = DEMO_PASSWORD): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  await page.goto(`${inject("baseUrl")}/login`);
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

/** Waits until React has hydrated the page's forms, so that a click goes through the app's own handlers. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector("main form");
    return !!form && Object.keys(form).some((k) => k.startsWith("__reactFiber") || k.startsWith("__reactProps"));
  });
}

export async function expectH1(page: Page, text: string) {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).allTextContents(), { timeout: 10_000 }).toEqual([text]);
}
