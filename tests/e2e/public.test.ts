// The public site as a visitor sees it, in Debian's Chromium against the production build with the
// demo data: home, search, filters (with and without JavaScript), a scenario page, the language
// switch, the progress dashboard, bad input, 404 pages and a narrow screen.
import type { BrowserContext, Locator, Page } from "playwright-core";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { expectAccessible, launch, shareBrowser, SHOTS } from "./browser";

const baseUrl = inject("baseUrl");

let context: BrowserContext;

shareBrowser((c) => (context = c), { closeTabs: true });

// Every test starts in Chinese (the default) on a fresh tab.
beforeEach(async () => {
  await context.clearCookies();
});

async function newPage(): Promise<Page> {
  return context.newPage();
}

/** Waits until React has hydrated the list form, so that ticking a box submits it. */
async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector("main form");
    return !!form && Object.keys(form).some((k) => k.startsWith("__reactFiber") || k.startsWith("__reactProps"));
  });
}

function results(page: Page): Locator {
  return page.getByRole("list", { name: "搜索结果" }).locator(":scope > li");
}

/** The number in the result count heading ("共 812 个场景", "“医院” 共找到 57 个场景"). */
async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator("#results-heading").textContent()) ?? "";
  const match = /(\d+)\s*个场景/.exec(text);
  if (!match) throw new Error(`No count in the results heading: ${JSON.stringify(text)}`);
  return Number(match[1]);
}

async function statValue(page: Page, label: string): Promise<number> {
  const dd = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
  const text = (await dd.textContent())?.trim() ?? "";
  expect(text, `${label} should be a number`).toMatch(/^\d+$/);
  return Number(text);
}

/** The page has exactly one h1 and it reads `text` (waits for client-side navigation to render). */
async function expectH1(page: Page, text: string) {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).allTextContents(), { timeout: 10_000 }).toEqual([text]);
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

describe("/ (home)", () => {
  it("shows the Chinese heading and key numbers, links to the list, and passes axe", async () => {
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await htmlLang(page)).toBe("zh-CN");

    expect(await page.getByRole("heading", { level: 1 }).allTextContents()).toEqual([expect.stringMatching(/^20\d\d年人工智能场景机会清单$/)]);

    expect(await statValue(page, "已发布场景")).toBeGreaterThanOrEqual(800);
    expect(await statValue(page, "已认定标杆场景")).toBeGreaterThanOrEqual(180);
    expect(await statValue(page, "需求单位")).toBeGreaterThan(0);
    await page.getByText(/^标杆场景 \d+ \/ 500$/).waitFor();

    await expectAccessible(page);

    await page.getByRole("link", { name: "浏览场景清单" }).click();
    await page.waitForURL(/\/scenarios$/);
    await expectH1(page, "场景清单");
    expect(await resultCount(page)).toBeGreaterThanOrEqual(800);
  });
});

describe("/scenarios?q= (search)", () => {
  it("searches 医院 from the box, counts and highlights the hits, and passes axe", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/scenarios`);
    await waitForHydration(page);
    const all = await resultCount(page);

    await page.getByLabel("搜索场景").fill("医院");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "医院");
    await page.locator("#results-heading", { hasText: "“医院”" }).waitFor();

    const count = await resultCount(page);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    expect(await page.getByLabel("搜索场景").inputValue()).toBe("医院");

    const cards = results(page);
    expect(await cards.count()).toBeGreaterThan(0);
    const first = Math.min(3, await cards.count());
    for (let i = 0; i < first; i++) {
      const marks = await cards.nth(i).locator("mark").allTextContents();
      expect(marks, `result ${i + 1} highlights 医院`).toContain("医院");
    }

    await expectAccessible(page);
  });
});

describe("/scenarios?district= (filters)", () => {
  it("with JavaScript, ticking 鼓楼区 updates the results at once", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/scenarios`);
    await waitForHydration(page);
    const all = await resultCount(page);
    // Unfiltered, the first page mixes districts, so the check below can fail.
    const before = await results(page).allTextContents();
    expect(before.some((text) => !text.includes("鼓楼区"))).toBe(true);

    await page.getByRole("checkbox", { name: /^鼓楼区/ }).check();
    await page.waitForURL((url) => url.searchParams.getAll("district").includes("鼓楼区"));
    expect(page.url()).toContain("district=");
    await expect.poll(() => resultCount(page), { timeout: 10_000 }).toBeLessThan(all);
    await page.locator("section[aria-busy=false]").waitFor();
    expect(await page.getByRole("checkbox", { name: /^鼓楼区/ }).isChecked()).toBe(true);

    const count = await resultCount(page);
    expect(count).toBeGreaterThan(0);
    const after = await results(page).allTextContents();
    expect(after.length).toBeGreaterThan(0);
    for (const text of after) expect(text).toContain("鼓楼区");
  });

  it("without JavaScript, the 应用筛选 button gives the server-rendered filtered list", async () => {
    const noJs = await launch({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(`${baseUrl}/scenarios`);
      const all = await resultCount(page);

      await page.getByRole("checkbox", { name: /^鼓楼区/ }).check();
      // Without scripts nothing happens until the button is pressed.
      await page.waitForTimeout(300);
      expect(new URL(page.url()).searchParams.has("district")).toBe(false);

      await Promise.all([
        page.waitForURL((url) => url.searchParams.getAll("district").includes("鼓楼区")),
        page.getByRole("button", { name: "应用筛选" }).click(),
      ]);
      expect(await page.getByRole("checkbox", { name: /^鼓楼区/ }).isChecked()).toBe(true);
      const count = await resultCount(page);
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(all);
      const texts = await results(page).allTextContents();
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text).toContain("鼓楼区");
    } finally {
      await noJs.close();
    }
  });
});

describe("/scenarios/:code (scenario page)", () => {
  it("opens a scenario from the results with its title, code and sections, and passes axe", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/scenarios?q=${encodeURIComponent("医院")}`);
    await waitForHydration(page);
    const link = results(page).first().getByRole("heading", { level: 3 }).getByRole("link");
    const title = (await link.textContent())?.trim() ?? "";
    expect(title).toMatch(/\p{Script=Han}/u);

    await link.click();
    await page.waitForURL(/\/scenarios\/NJ-\d{4}-\d{4}$/);
    const code = new URL(page.url()).pathname.split("/").pop()!;

    await expectH1(page, title);
    await page.locator("main").getByText(code, { exact: true }).first().waitFor();
    for (const name of ["场景描述", "可开放数据资源", "联系方式", "状态记录", "相关场景"]) {
      await page.getByRole("heading", { level: 2, name, exact: true }).waitFor();
    }
    // The status history has at least the publication.
    expect(await page.getByRole("region", { name: "状态记录" }).locator("li").count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: "← 返回场景清单" }).waitFor();

    await expectAccessible(page);
  });
});

describe("/set-language (language switch)", () => {
  it("switches to English from the header, keeps it across pages, and switches back", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/scenarios?district=${encodeURIComponent("鼓楼区")}`);
    await expectH1(page, "场景清单");
    expect(await htmlLang(page)).toBe("zh-CN");

    await Promise.all([page.waitForURL(/\/scenarios\?/), page.getByRole("button", { name: "切换到英文" }).click()]);
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expectH1(page, "Scenarios");
    expect(await page.title()).toBe("Scenarios · AI Scenario Opportunities");
    // The switch returns to the same filtered list.
    expect(new URL(page.url()).searchParams.get("district")).toBe("鼓楼区");
    await page.getByRole("button", { name: "Apply filters" }).waitFor();

    // In-app navigation and a fresh page load both stay in English.
    await page.getByRole("navigation", { name: "AI Scenario Opportunities" }).getByRole("link", { name: "Progress", exact: true }).click();
    await page.waitForURL(/\/progress$/);
    await expectH1(page, "Progress");
    await page.goto(`${baseUrl}/progress`);
    expect(await htmlLang(page)).toBe("en");
    await expectH1(page, "Progress");

    await Promise.all([page.waitForURL(/\/progress$/), page.getByRole("button", { name: "Switch to Chinese" }).click()]);
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await expectH1(page, "推进进度");
    await page.goto(`${baseUrl}/`);
    expect(await htmlLang(page)).toBe("zh-CN");
  });
});

describe("/progress", () => {
  const cases = [
    {
      lang: "zh", htmlLang: "zh-CN", h1: "推进进度", venuesRegion: "示范场所（按场所类型）", chartTitle: "累计认定标杆场景",
      venues: ["消费", "体育", "文旅", "学校", "医院", "康养"],
    },
    {
      lang: "en", htmlLang: "en", h1: "Progress", venuesRegion: "Demonstration venues by type", chartTitle: "Certified benchmarks over time",
      venues: ["Consumption", "Sports", "Culture & tourism", "School", "Hospital", "Elderly care"],
    },
  ] as const;

  for (const c of cases) {
    it(`shows the certified count, verdict, six venue types and a titled chart, and passes axe (${c.lang})`, async () => {
      const page = await newPage();
      const response = await page.goto(`${baseUrl}/progress${c.lang === "en" ? "?lang=en" : ""}`);
      expect(response?.status()).toBe(200);
      expect(await htmlLang(page)).toBe(c.htmlLang);
      await expectH1(page, c.h1);

      const certified = ((await page.getByTestId("certified-count").textContent()) ?? "").trim();
      expect(certified).toMatch(/^\d+$/);
      expect(Number(certified)).toBeGreaterThanOrEqual(180);

      const verdict = page.getByTestId("verdict");
      expect(await verdict.isVisible()).toBe(true);
      expect(((await verdict.textContent()) ?? "").trim().length).toBeGreaterThan(4);
      if (c.lang === "zh") expect(await verdict.textContent()).toMatch(/按当前速度|已完成目标/);
      else expect(await verdict.textContent()).toMatch(/At the current rate|Target reached/);

      const venueNames = await page.getByRole("region", { name: c.venuesRegion }).getByRole("heading", { level: 3 }).allTextContents();
      expect(venueNames).toEqual([...c.venues]);

      const chart = page.locator("main svg[role=img]");
      expect(await chart.count()).toBe(1);
      expect((await chart.locator("title").textContent())?.trim()).toBe(c.chartTitle);
      expect(await chart.getAttribute("aria-labelledby")).toBeTruthy();

      await expectAccessible(page);
    });
  }
});

describe("/scenarios with bad input", () => {
  const script = "<script>alert(1)</script>";
  const cases: { name: string; query: string; notice?: RegExp }[] = [
    { name: "page=-1", query: "page=-1", notice: /页码“-1”超出范围/ },
    { name: "q=<script>", query: `q=${encodeURIComponent(script)}` },
    { name: "domain=nope", query: "domain=nope", notice: /nope/ },
    { name: "a 5,000-character q", query: `q=${"x".repeat(5000)}`, notice: /搜索词过长/ },
    // 1,000 Chinese characters (9 kB encoded; 5,000 would pass Node's 16 kB request-head limit).
    { name: "a 1,000-character Chinese q", query: `q=${encodeURIComponent("医院".repeat(500))}`, notice: /搜索词过长/ },
    { name: "FTS5 syntax in q", query: "q=%22%20*%20(%20)%20%3A%20NEAR%20AND%20OR%20-" },
    // Both engines search only the first 10 words (Meilisearch reads no more); the list says which were left out.
    { name: "a 12-word q", query: `q=${encodeURIComponent("医院 门诊 预约 挂号 排队 检验 报告 llm 病历 影像 熊猫 火箭")}`, notice: /搜索只使用前 10 个词，以下词未参与搜索：熊猫 火箭/ },
  ];

  for (const c of cases) {
    it(`${c.name}: answers 200 with a visible notice, no dialog, nothing injected`, async () => {
      const page = await newPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      const response = await page.goto(`${baseUrl}/scenarios?${c.query}`);
      expect(response?.status()).toBe(200);
      const html = (await response?.text()) ?? "";
      expect(html.toLowerCase()).not.toContain("<script>alert(1)</script>");
      await page.waitForLoadState("networkidle");

      const notice = page.locator("main").getByRole("status");
      expect(await notice.count(), "a role=status notice").toBeGreaterThan(0);
      expect(await notice.first().isVisible()).toBe(true);
      if (c.notice) expect(await notice.first().textContent()).toMatch(c.notice);

      // React Router serialises the loader data into an inline script, escaped; what must never exist is
      // a script element whose code is the payload.
      const injected = await page.evaluate(() =>
        [...document.querySelectorAll("script")].some((s) => /^\s*alert\(1\)\s*;?\s*$/.test(s.textContent ?? "")),
      );
      expect(injected).toBe(false);
      expect(dialogs).toEqual([]);
      // The page is still the list, with its heading and search box.
      await expectH1(page, "场景清单");
      if (c.query.startsWith(`q=${encodeURIComponent("<")}`)) {
        // The typed text comes back as text, in the box.
        expect(await page.getByLabel("搜索场景").inputValue()).toBe(script);
      }
    });
  }
});

describe("404 pages", () => {
  it("an unknown scenario code answers 404 with the Chinese 场景不存在 page", async () => {
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/scenarios/NJ-2026-9999`);
    expect(response?.status()).toBe(404);
    expect(await htmlLang(page)).toBe("zh-CN");
    await expectH1(page, "场景不存在");
    await page.getByText("没有编号为 NJ-2026-9999 的已发布场景").waitFor();
    await page.getByRole("link", { name: "返回场景清单" }).waitFor();
    expect(await page.title()).toBe("场景不存在 · 场景机会");
  });

  it("in English, the unknown scenario page reads Scenario not found", async () => {
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/scenarios/NJ-2026-9999?lang=en`);
    expect(response?.status()).toBe(404);
    expect(await htmlLang(page)).toBe("en");
    await expectH1(page, "Scenario not found");
    await page.getByText("There is no published scenario with code NJ-2026-9999").waitFor();
    expect(await page.title()).toBe("Scenario not found · AI Scenario Opportunities");
  });

  it("an unknown path answers 404 with 页面不存在 inside the site layout", async () => {
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/nope`);
    expect(response?.status()).toBe(404);
    await expectH1(page, "页面不存在");
    // Still inside the site layout, with a way back.
    await page.getByRole("link", { name: "返回首页" }).waitFor();
    await page.getByRole("navigation", { name: "场景机会" }).getByRole("link", { name: "场景清单" }).waitFor();
    expect(await page.title()).toContain("页面不存在");
  });

  for (const path of ["/scenarios/NJ-2026-9999", "/scenarios/NJ-2026-9999?lang=en", "/nope"]) {
    it(`${path} passes axe`, async () => {
      const page = await newPage();
      expect((await page.goto(`${baseUrl}${path}`))?.status()).toBe(404);
      await expectAccessible(page);
    });
  }
});

describe("narrow screen (375 px)", () => {
  async function overflow(page: Page) {
    return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  }

  it("the list page has no horizontal overflow; screenshots at 1280 and 375", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/scenarios`);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/list-1280.png`, fullPage: false });

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${baseUrl}/scenarios`);
    await page.waitForLoadState("networkidle");
    const { scroll } = await overflow(page);
    expect(scroll).toBeLessThanOrEqual(375 + 1);
    await page.screenshot({ path: `${SHOTS}/list-375.png`, fullPage: false });
    await page.screenshot({ path: `${SHOTS}/list-375-full.png`, fullPage: true });
    // Where the results start on a phone, after the filters.
    await page.locator("#results-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/list-375-results.png`, fullPage: false });
    const offset = await page.evaluate(() => document.getElementById("results-heading")!.getBoundingClientRect().top + window.scrollY);
    console.info(`[narrow] results heading starts ${Math.round(offset)} px down the 375 px list page`);
  });

  it("the header navigation links are not broken across lines at 375", async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${baseUrl}/scenarios`);
    const lines = await page.getByRole("navigation", { name: "场景机会" }).getByRole("link").evaluateAll((links) =>
      links.map((a) => {
        const range = document.createRange();
        range.selectNodeContents(a);
        return `${a.textContent}: ${new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size}`;
      }),
    );
    expect(lines).toEqual(["首页: 1", "场景清单: 1", "供应商: 1", "标杆场景: 1", "推进进度: 1"]);
  });

  it("the progress page has no horizontal overflow; screenshots at 1280 and 375", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/progress`);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/progress-1280.png`, fullPage: true });
    await page.locator("main svg[role=img]").screenshot({ path: `${SHOTS}/progress-1280-chart.png` });

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${baseUrl}/progress`);
    await page.waitForLoadState("networkidle");
    const { scroll } = await overflow(page);
    expect(scroll).toBeLessThanOrEqual(375 + 1);
    await page.screenshot({ path: `${SHOTS}/progress-375.png`, fullPage: true });
    await page.locator("main svg[role=img]").screenshot({ path: `${SHOTS}/progress-375-chart.png` });
  });

  it("a scenario page has no horizontal overflow at 375", async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${baseUrl}/scenarios?q=${encodeURIComponent("医院")}`);
    await results(page).first().getByRole("heading", { level: 3 }).getByRole("link").click();
    await page.waitForURL(/\/scenarios\/NJ-\d{4}-\d{4}$/);
    await page.waitForLoadState("networkidle");
    const { scroll } = await overflow(page);
    expect(scroll).toBeLessThanOrEqual(375 + 1);
    await page.screenshot({ path: `${SHOTS}/scenario-375.png`, fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/scenario-1280.png`, fullPage: true });
  });
});
