// The benchmark showcase in a browser: a visitor filters the certified benchmarks and opens one,
// on a desktop and on a phone; a demand member double-clicks "参照复制" and lands on one prefilled
// draft. The member is the demo world's first demand organisation other than the demo hospital,
// so the hospital's scenarios, which other browser tests use, stay as seeded.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { planDemo } from "../../db/seed";
import { expectAccessible, expectH1, shareBrowser, SHOTS, signIn, waitForHydration } from "./browser";

const baseUrl = inject("baseUrl");

let context: BrowserContext;

shareBrowser((c) => (context = c), { stepTimeout: 15_000 });

async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `page is ${scroll}px wide on a ${client}px screen`).toBeLessThanOrEqual(client + 1);
}

const total = async (page: Page) => Number((await page.locator("#results-heading").textContent())!.match(/(\d+)/)![1]);

describe("the benchmark showcase", () => {
  it("narrows by a filter and a search, and opens a benchmark, readable on a phone", async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benchmarks`);
    await expectH1(page, "标杆应用场景");
    await expectAccessible(page);
    const all = await total(page);
    expect(all).toBeGreaterThan(100);

    await waitForHydration(page);
    await page.getByRole("checkbox", { name: /^江宁区/ }).check();
    await page.waitForURL(/district=/);
    await expect.poll(() => total(page)).toBeLessThan(all);
    const inJiangning = await total(page);
    expect(inJiangning).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("list", { name: "标杆列表" }).getByText("江宁区", { exact: true }).count()).toBe(Math.min(12, inJiangning));

    await page.getByLabel("搜索标杆").fill("准确率");
    await page.getByRole("button", { name: "搜索" }).click();
    await page.waitForURL(/q=/);
    await expect.poll(() => page.locator("#results-heading").textContent()).toContain("“准确率”");
    expect(await total(page)).toBeLessThanOrEqual(inJiangning);
    await page.screenshot({ path: `${SHOTS}/benchmarks-filtered.png`, fullPage: true });

    const first = page.getByRole("list", { name: "标杆列表" }).getByRole("heading").first();
    const title = (await first.textContent())!.trim();
    await first.getByRole("link").click();
    await expectH1(page, title);
    await expectAccessible(page);
    await expect.poll(() => page.getByRole("link", { name: "登录后参照复制" }).getAttribute("href")).toMatch(/^\/login\?redirectTo=%2Fbenchmarks%2FBM-\d{4}-\d{4}$/);

    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/benchmark-390.png`, fullPage: true });
    await page.goto(`${baseUrl}/benchmarks`);
    await expectNoSidewaysScroll(page);
    await page.close();
  });

  it("gives a demand member one prefilled draft for a double click, and counts it", async () => {
    const member = planDemo().staff.users.find((u) => u.role === "demand_member" && u.email !== "demand@demo.local")!;
    const page = await signIn(context, member.email);
    await page.goto(`${baseUrl}/benchmarks`);
    const link = page.getByRole("list", { name: "标杆列表" }).getByRole("link").first();
    const title = (await link.textContent())!.trim();
    await link.click();
    await expectH1(page, title);
    const number = (await page.locator("header span.font-mono").textContent())!.trim();
    const countText = async () => (await page.getByTestId("replication-count").textContent())!;
    const before = Number((await countText()).match(/已有 (\d+) 个/)?.[1] ?? 0);

    await waitForHydration(page);
    await page.getByRole("button", { name: "参照复制" }).dblclick();
    await page.waitForURL(/\/my\/scenarios\/\d+\?done=replicated$/);
    await page.getByRole("status").filter({ hasText: `已根据标杆 ${number} 创建草稿，请修改后提交。` }).waitFor();
    expect(await page.getByLabel(/场景名称/).inputValue()).toMatch(new RegExp(`^参照 ${number}：`));
    await expect.poll(() => page.getByRole("link", { name: `参照标杆 ${number}` }).count()).toBe(1);

    await page.goto(`${baseUrl}/benchmarks/${number}`);
    await expect.poll(countText).toContain(`已有 ${before + 1} 个场景参照本标杆发起`);
    await page.close();
  });
});
