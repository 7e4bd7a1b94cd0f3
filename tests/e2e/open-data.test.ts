// Open data as a visitor uses it in Chromium: export buttons on the list download the filtered list,
// the printable notice holds the whole list and prints without the site's navigation, and the
// /open-data page is reachable from the footer and accessible.
import fs from "node:fs";
import type { BrowserContext } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { expectAccessible, shareBrowser, SHOTS } from "./browser";

const baseUrl = inject("baseUrl");

let context: BrowserContext;

shareBrowser((c) => (context = c));

describe("open data in the browser", () => {
  it("exports the filtered list as CSV and Excel from the list page", async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/scenarios?domain=livelihood&venue=hospital`);
    const heading = (await page.locator("#results-heading").textContent()) ?? "";
    const total = Number(/(\d+)\s*个场景/.exec(heading)?.[1]);
    expect(total).toBeGreaterThan(20);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^场景清单-\d{8}\.csv$/);
    const text = fs.readFileSync((await csv.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).startsWith("场景编号,场景名称,需求单位,所属领域")).toBe(true);
    // One line per scenario (more than the page shows), each ended by CRLF; descriptions have no newlines here.
    expect(text.match(/\r\nNJ-\d{4}-\d{4},/g)).toHaveLength(total);

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe("PK");
    await page.close();
  });

  it("prints the whole filtered list as a notice without the site's navigation", async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/scenarios?domain=livelihood&venue=hospital`);
    await page.getByRole("link", { name: "打印 / 导出 PDF" }).click();
    await page.waitForURL(/\/scenarios\/print\?/);
    await expect.poll(() => page.getByRole("button", { name: "打印 / 导出 PDF" }).count()).toBe(1);
    const rows = page.locator("table.notice-table tbody tr");
    expect(await rows.count()).toBeGreaterThan(20);
    await expectAccessible(page);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator("body > header").isVisible()).toBe(false);
    expect(await page.locator("body > footer").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "打印 / 导出 PDF" }).isVisible()).toBe(false);
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ preferCSSPageSize: true, path: `${SHOTS}/open-data-notice.pdf` });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();
  });

  it("documents the API on /open-data, linked from the footer", async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const feeds = await page.locator('head link[rel="alternate"][type="application/atom+xml"]').count();
    expect(feeds).toBe(2);
    await page.getByRole("contentinfo").getByRole("link", { name: "开放数据接口" }).click();
    await page.waitForURL(/\/open-data$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("开放数据");
    expect(await page.getByText(`curl '${baseUrl}/api/v1/scenarios?updatedSince=`).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/open-data.png`, fullPage: true });
    await page.close();
  });
});
