import { expect, inject, it } from "vitest";
import { JS_BUDGET_BYTES, JS_CEILING_BYTES, measurePage, weightTable } from "../../scripts/bench/frontend-weight";
import { launch } from "./browser";

// A first visit to the home page and the list: the JavaScript (gzip) may not grow past the ceiling while
// it is over the 150 KB budget (see JS_CEILING_BYTES); the table printed says how far over it is.
it("keeps the JavaScript of / and /scenarios under the ceiling (the budget is 150 KB gzip)", async () => {
  const weights = [];
  for (const path of ["/", "/scenarios"]) {
    const browser = await launch();
    weights.push(await measurePage(browser.context, inject("baseUrl"), path));
    await browser.close();
  }
  console.info(weightTable(weights));
  for (const w of weights) {
    expect(w.js.files).toBeGreaterThan(0);
    expect(w.js.gzip, `${w.path}: ${w.js.gzip} bytes of JavaScript`).toBeLessThanOrEqual(JS_CEILING_BYTES);
    if (w.js.gzip > JS_BUDGET_BYTES) console.warn(`${w.path}: ${w.js.gzip} bytes of JavaScript, over the ${JS_BUDGET_BYTES / 1024} KB budget`);
  }
});
