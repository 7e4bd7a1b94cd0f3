// Every filter value and every link on the three browsing pages, as Chromium read them from the
// served HTML, leads somewhere real. React 18's stream once put NUL bytes into the page; inside an
// attribute Chromium turns one into U+FFFD, so /vendors offered the district 浦�口区 and choosing
// it filtered by a district that does not exist. Here each choice is made the way the form would
// submit it (the browser's own FormData of the form, with that one value chosen), and the answer
// must be a 200 page with that value chosen again and no notice about a value it did not know.
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import { launch } from "./browser";

const baseUrl = inject("baseUrl");

interface Choice {
  name: string;
  value: string;
  query: string;
}

/** Every value the page's filter form offers: each option of each select, each checkbox. */
function choicesOn(page: Page, path: string): Promise<Choice[]> {
  return page.evaluate((path) => {
    const form = document.querySelector<HTMLFormElement>(`main form[method="get"][action="${path}"]`);
    if (!form) throw new Error(`no filter form for ${path}`);
    const submitted = () => new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString();
    const choices: { name: string; value: string; query: string }[] = [];
    for (const select of form.querySelectorAll("select")) {
      if (select.disabled) continue;
      const before = select.selectedIndex;
      for (const option of select.options) {
        if (option.value === "") continue;
        select.selectedIndex = option.index;
        choices.push({ name: select.name, value: option.value, query: submitted() });
      }
      select.selectedIndex = before;
    }
    for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]')) {
      const before = box.checked;
      box.checked = true;
      choices.push({ name: box.name, value: box.value, query: submitted() });
      box.checked = before;
    }
    return choices;
  }, path);
}

/** Whether the page's filter form shows `value` chosen for `name`. */
function shownAsChosen(page: Page, path: string, { name, value }: Choice): Promise<boolean> {
  return page.evaluate(
    ({ path, name, value }) => {
      const form = document.querySelector<HTMLFormElement>(`main form[method="get"][action="${path}"]`);
      const controls = [...(form?.elements ?? [])].filter((e) => (e as HTMLInputElement).name === name);
      return controls.some((e) =>
        e instanceof HTMLSelectElement ? e.value === value : e instanceof HTMLInputElement && e.checked && e.value === value,
      );
    },
    { path, name, value },
  );
}

/** The list page's notice about values it did not understand (/scenarios shows one; the others drop them). */
async function problemNotice(page: Page): Promise<string | null> {
  const notice = page.locator('main [role="status"].bg-amber-50');
  return (await notice.count()) ? await notice.first().textContent() : null;
}

const hasReplacement = (s: string) => s.includes("\uFFFD") || s.includes("\u0000");

describe("filter values and links round-trip", () => {
  let browser: Awaited<ReturnType<typeof launch>> | undefined;
  let context: BrowserContext;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  async function open(): Promise<Page> {
    // The server's HTML as Chromium parsed it, with no script to touch it afterwards.
    browser = await launch({ javaScriptEnabled: false });
    context = browser.context;
    return context.newPage();
  }

  async function checkChoices(page: Page, path: string, start: string): Promise<{ checked: number; faults: string[] }> {
    await page.goto(`${baseUrl}${start}`);
    const choices = await choicesOn(page, path);
    const faults: string[] = [];
    for (const choice of choices) {
      const label = `${start}: ${choice.name}=${JSON.stringify(choice.value)}`;
      if (hasReplacement(choice.value)) faults.push(`${label}: the value is corrupted`);
      const response = await page.goto(`${baseUrl}${path}?${choice.query}`);
      if (response?.status() !== 200) {
        faults.push(`${label}: ${response?.status()}`);
        continue;
      }
      if (!(await shownAsChosen(page, path, choice))) faults.push(`${label}: not applied`);
      const notice = await problemNotice(page);
      if (notice) faults.push(`${label}: notice ${JSON.stringify(notice)}`);
    }
    return { checked: choices.length, faults };
  }

  async function checkLinks(page: Page, start: string): Promise<{ checked: number; faults: string[] }> {
    await page.goto(`${baseUrl}${start}`);
    const links = await page.evaluate(() =>
      [...document.querySelectorAll("a[href]")].map((a) => ({ attribute: a.getAttribute("href") ?? "", href: (a as HTMLAnchorElement).href })),
    );
    const own = [...new Map(links.filter((l) => l.href.startsWith(baseUrl)).map((l) => [l.href, l])).values()];
    const faults: string[] = [];
    for (const link of own) {
      if (hasReplacement(link.attribute) || hasReplacement(decodeURIComponent(link.href))) faults.push(`${start}: link ${link.attribute} is corrupted`);
      // Following redirects, as a click would (the language switch redirects back to the page).
      const response = await context.request.get(link.href);
      if (response.status() !== 200) faults.push(`${start}: link ${link.attribute} answered ${response.status()}`);
    }
    return { checked: own.length, faults };
  }

  for (const path of ["/scenarios", "/vendors", "/benchmarks"]) {
    it(`every filter value on ${path} gives a 200 page with that value applied`, async () => {
      const page = await open();
      const { checked, faults } = await checkChoices(page, path, path);
      expect(faults).toEqual([]);
      // The form really offered values (a page without filters would pass vacuously).
      expect(checked).toBeGreaterThan(10);
    });

    it(`every link on ${path} answers 200`, async () => {
      const page = await open();
      const { checked, faults } = await checkLinks(page, path);
      expect(faults).toEqual([]);
      expect(checked).toBeGreaterThan(10);
    });
  }

  it("every batch of an edition on /scenarios gives a 200 page with that batch applied", async () => {
    // The batch list is enabled once an edition is chosen.
    const page = await open();
    await page.goto(`${baseUrl}/scenarios`);
    const editions = await page.locator('select[name="edition"] option:not([value=""])').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(editions.length).toBeGreaterThan(0);
    let batches = 0;
    for (const edition of editions) {
      await page.goto(`${baseUrl}/scenarios?edition=${edition}`);
      batches += await page.locator('select[name="batch"] option:not([value=""])').count();
      const { faults } = await checkChoices(page, "/scenarios", `/scenarios?edition=${edition}`);
      expect(faults).toEqual([]);
    }
    expect(batches).toBeGreaterThan(0);
    // One navigation per batch of every edition: more than the default minute on a busy machine.
  }, 240_000);
});
