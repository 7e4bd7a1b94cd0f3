// Matching and saved searches, as the people at the screen see them:
// 1. the demo hospital opens one of its published scenarios and finds "推荐供应商": vendors with the
//    reasons in plain words and, for a near miss, what it lacks; the list agrees with the open
//    matches API, and the first vendor's name leads to its public page;
// 2. the demo vendor's home recommends open scenarios with reasons; the first leads to a scenario
//    page that is open for proposals;
// 3. the demo vendor saves a search of the scenario list with daily alerts, finds it in "我的订阅"
//    with its conditions and a working Atom feed, runs it again, and deletes it.
// Nothing here changes data the other browser tests rely on: journeys 1 and 2 only read, and the
// saved search of journey 3 is deleted at its end.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { CAPABILITIES } from "~/domain/vocabulary";
import { expectAccessible, expectH1, shareBrowser, SHOTS, signIn as signInTo, waitForHydration } from "./browser";

const baseUrl = inject("baseUrl");
const VENDOR = "vendor@demo.local";
const DEMAND = "demand@demo.local";
const HOSPITAL = "南京市鼓楼医院";
const NARROW = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 900 };
// The owner's page shows this many recommendations.
const SHOWN_VENDORS = 8;

interface ApiScenario {
  code: string;
  title: string;
  organisation: string;
  status: string;
}

interface ApiMatch {
  id: number;
  name: string;
  url: string;
  score: number;
  reasons: { code: string; capabilities?: string[] }[];
  missing: { code: string; capabilities?: string[] }[];
}

let context: BrowserContext;

shareBrowser((c) => (context = c), { stepTimeout: 15_000, closeTabs: true });

const signIn = (email: string) => signInTo(context, email);

async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `page is ${scroll}px wide on a ${client}px screen`).toBeLessThanOrEqual(client + 1);
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

function capabilityNames(slugs: string[] | undefined): string {
  return (slugs ?? []).map((slug) => CAPABILITIES.find((c) => c.slug === slug)?.zh ?? slug).join("、");
}

/** The hospital's published scenarios whose recommendations include a near miss, with those recommendations. */
async function scenarioWithNearMiss(): Promise<{ scenario: ApiScenario; matches: ApiMatch[] }> {
  const { items } = await getJson<{ items: ApiScenario[] }>(`/api/v1/scenarios?${new URLSearchParams({ q: HOSPITAL, status: "published" })}`);
  const own = items.filter((s) => s.organisation === HOSPITAL && s.status === "published");
  expect(own.length, "the hospital has published scenarios").toBeGreaterThan(0);
  for (const scenario of own) {
    const { items: matches } = await getJson<{ items: ApiMatch[] }>(`/api/v1/scenarios/${scenario.code}/matches?limit=${SHOWN_VENDORS}`);
    if (matches.some((m) => m.missing.some((x) => x.code === "capability"))) return { scenario, matches };
  }
  throw new Error(`None of ${own.map((s) => s.code).join(", ")} has a recommended vendor that lacks a capability`);
}

describe.sequential("matching and saved searches", () => {
  it("1. the hospital sees recommended vendors with reasons and gaps, agreeing with the matches API", { timeout: 120_000 }, async () => {
    const { scenario, matches } = await scenarioWithNearMiss();
    const page = await signIn(DEMAND);

    // From the owner's list, filtered to what is open for proposals.
    await page.goto(`${baseUrl}/my/scenarios?status=published`);
    await expectH1(page, "本单位的场景");
    const row = page.getByRole("row").filter({ has: page.getByText(scenario.code, { exact: true }) });
    expect(await row.count(), `${scenario.code} in the owner's list`).toBe(1);
    await row.getByRole("link", { name: scenario.title, exact: true }).click();
    await page.waitForURL(/\/my\/scenarios\/\d+$/);
    await expectH1(page, scenario.title);

    const section = page.getByRole("region", { name: "推荐供应商" });
    await section.waitFor();
    await section.getByText("按能力、领域和场所经验、所在区、过往试点与标杆等综合排序", { exact: false }).waitFor();
    const items = section.locator("ol > li");
    // The page lists the same vendors, in the same order, as the open API.
    const shownNames = await items.evaluateAll((lis) => lis.map((li) => li.querySelector("a")?.textContent?.trim() ?? ""));
    expect(shownNames).toEqual(matches.map((m) => m.name));

    // The first: its score, and its shared capabilities in plain words.
    const first = matches[0]!;
    const firstItem = items.first();
    await firstItem.getByText(`匹配度 ${first.score}`, { exact: true }).waitFor();
    const shared = first.reasons.find((r) => r.code === "capability_exact");
    expect(shared, "the best match shares capabilities").toBeDefined();
    await firstItem.getByText(`共有能力：${capabilityNames(shared!.capabilities)}`, { exact: true }).waitFor();
    // Reasons are listed strongest first, in the API's order (text similarity may outweigh a shared tag).
    const firstReason = await firstItem.locator("li").first().textContent();
    if (first.reasons[0]!.code === "capability_exact") expect(firstReason).toMatch(/^共有能力：/);
    else expect(firstReason).not.toMatch(/^共有能力：/);

    // A near miss says what it lacks.
    const nearMiss = matches.find((m) => m.missing.some((x) => x.code === "capability"))!;
    const lacking = nearMiss.missing.find((x) => x.code === "capability")!;
    const nearItem = items.filter({ has: page.getByRole("link", { name: nearMiss.name, exact: true }) });
    expect(await nearItem.count()).toBe(1);
    const gap = nearItem.locator("p").filter({ hasText: /^还缺：/ });
    expect(await gap.textContent()).toContain(`还缺：能力：${capabilityNames(lacking.capabilities)}`);
    // A vendor lacking nothing shows no such line.
    const complete = matches.find((m) => m.missing.length === 0);
    if (complete) {
      const completeItem = items.filter({ has: page.getByRole("link", { name: complete.name, exact: true }) });
      expect(await completeItem.getByText("还缺：").count()).toBe(0);
    }

    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/matching-owner-wide.png`, fullPage: true });
    await section.screenshot({ path: `${SHOTS}/matching-recommended-wide.png` });
    await page.setViewportSize(NARROW);
    await expectNoSidewaysScroll(page);
    await section.screenshot({ path: `${SHOTS}/matching-recommended-390.png` });
    await page.setViewportSize(WIDE);

    // The first vendor's name is the way to its public page.
    const link = firstItem.getByRole("link", { name: first.name, exact: true });
    expect(await link.getAttribute("href")).toBe(`/vendors/${first.id}`);
    expect(first.url).toBe(`/vendors/${first.id}`);
    await link.click();
    await page.waitForURL((url) => url.pathname === `/vendors/${first.id}`);
    await expectH1(page, first.name);
  });

  it("2. the vendor's home recommends open scenarios with reasons; the first is open for proposals", { timeout: 90_000 }, async () => {
    const page = await signIn(VENDOR);
    expect(new URL(page.url()).pathname).toBe("/my/proposals");
    const section = page.getByRole("region", { name: "为您推荐的场景" });
    await section.waitFor();
    await section.getByText("正在征集揭榜的场景中，与本单位能力和经验最相符的。").waitFor();
    const items = section.locator("ol > li");
    expect(await items.count(), "some scenarios are recommended").toBeGreaterThan(0);

    const first = items.first();
    const code = (await first.locator("span.font-mono").textContent())?.trim() ?? "";
    expect(code).toMatch(/^NJ-\d{4}-\d{4}$/);
    const link = first.getByRole("link");
    const title = (await link.textContent())?.trim() ?? "";
    expect(await link.getAttribute("href")).toBe(`/scenarios/${code}`);
    // Who posted it, until when, how well it fits and why.
    await first.getByText(/截止 \d{4}/).waitFor();
    await first.getByText(/^匹配度 \d+$/).waitFor();
    const reasons = (await first.locator("ul > li").allTextContents()).map((r) => r.trim());
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons[0]).toMatch(/^(共有能力|产品或案例涉及)：/);
    // It is the first the vendor matches API gives for the same organisation.
    const vendorHref = await page.goto(`${baseUrl}/vendor/profile`).then(() => page.getByRole("link", { name: "查看公开主页" }).getAttribute("href"));
    const vendorId = Number(/^\/vendors\/(\d+)$/.exec(vendorHref ?? "")?.[1]);
    const api = await getJson<{ items: { code: string }[] }>(`/api/v1/vendors/${vendorId}/matches`);
    expect(api.items[0]?.code).toBe(code);

    await page.goto(`${baseUrl}/my/proposals`);
    await page.setViewportSize(NARROW);
    await expectNoSidewaysScroll(page);
    await page.getByRole("region", { name: "为您推荐的场景" }).screenshot({ path: `${SHOTS}/matching-feed-390.png` });
    await page.setViewportSize(WIDE);
    await page.getByRole("region", { name: "为您推荐的场景" }).screenshot({ path: `${SHOTS}/matching-feed-wide.png` });

    await page.getByRole("region", { name: "为您推荐的场景" }).getByRole("link", { name: title, exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${code}`);
    await expectH1(page, title);
    const bid = page.getByRole("region", { name: "揭榜" });
    await bid.getByText(/^还剩 \d+ 天 \d+ 小时$/).waitFor();
    await bid.getByRole("link", { name: /^(提交揭榜方案|查看我的方案)$/ }).waitFor();
  });

  it("3. the vendor saves a search with daily alerts, reads its feed, runs it again and deletes it", { timeout: 120_000 }, async () => {
    const page = await signIn(VENDOR);
    const name = "医院场景每日提醒";
    await page.goto(`${baseUrl}/scenarios?q=${encodeURIComponent("医院")}`);
    await expectH1(page, "场景清单");
    await waitForHydration(page);
    // Narrowed to hospitals as a venue: ticking the box applies it at once.
    await page.locator("#f-venue-hospital").check();
    await page.waitForURL((url) => url.searchParams.get("venue") === "hospital" && url.searchParams.get("q") === "医院");
    await waitForHydration(page);
    const listedQuery = new URL(page.url()).searchParams;

    await page.getByText("保存此搜索", { exact: true }).click();
    const form = page.locator("form#save-search");
    await page.getByText("有新的场景符合这些条件时通知您。", { exact: true }).waitFor();
    const nameField = form.getByLabel("名称");
    // Named after its conditions unless the user names it.
    expect(await nameField.inputValue()).toBe("“医院” · 医院");
    await nameField.fill(name);
    await form.getByRole("group", { name: "提醒频率" }).getByLabel("每天", { exact: true }).check();
    await form.getByRole("button", { name: "保存搜索" }).click();

    await page.waitForURL((url) => url.pathname === "/my/searches" && url.searchParams.get("done") === "saved");
    await expectH1(page, "我的订阅");
    await page.getByRole("status").filter({ hasText: `已保存“${name}”。有新场景时会通知您。` }).waitFor();
    const entry = page.locator("main ul > li").filter({ has: page.getByRole("heading", { name, exact: true }) });
    expect(await entry.count()).toBe(1);
    await entry.getByText("条件：“医院” · 医院", { exact: true }).waitFor();
    expect(await entry.getByLabel(`提醒频率 · ${name}`).inputValue()).toBe("daily");
    await entry.getByText(/^保存于 /).waitFor();

    // The feed address, behind its disclosure, answers with an Atom feed.
    await entry.getByText("Atom 订阅地址", { exact: true }).click();
    const feedField = entry.getByLabel(`Atom 订阅地址 · ${name}`);
    await feedField.waitFor();
    const feedUrl = new URL(await feedField.inputValue());
    expect(feedUrl.pathname).toMatch(/^\/feeds\/searches\/[A-Za-z0-9_-]{43}\.atom$/);
    const feed = await fetch(`${baseUrl}${feedUrl.pathname}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const xml = await feed.text();
    expect(xml).toContain("<feed");
    expect(xml).toContain(`${name} — 场景机会`);

    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/matching-searches-wide.png`, fullPage: true });
    await page.setViewportSize(NARROW);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/matching-searches-390.png`, fullPage: true });
    await page.setViewportSize(WIDE);

    // Running it leads back to the list with the same query.
    await entry.getByRole("link", { name: "查看结果" }).click();
    await page.waitForURL((url) => url.pathname === "/scenarios");
    const ran = new URL(page.url()).searchParams;
    expect(ran.get("q")).toBe(listedQuery.get("q"));
    expect(ran.getAll("venue")).toEqual(listedQuery.getAll("venue"));
    await expectH1(page, "场景清单");
    expect(await page.locator("#q").inputValue()).toBe("医院");
    expect(await page.locator("#f-venue-hospital").isChecked()).toBe(true);

    // Deleting it, after confirming, removes it; its feed is gone too.
    await page.goto(`${baseUrl}/my/searches`);
    await waitForHydration(page);
    const again = page.locator("main ul > li").filter({ has: page.getByRole("heading", { name, exact: true }) });
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await again.getByRole("button", { name: "删除" }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "delete");
    expect(asked).toBe(`删除“${name}”？`);
    await page.getByRole("status").filter({ hasText: "已删除。" }).waitFor();
    expect(await page.getByRole("heading", { name, exact: true }).count()).toBe(0);
    expect((await fetch(`${baseUrl}${feedUrl.pathname}`)).status).toBe(404);
  });
});
