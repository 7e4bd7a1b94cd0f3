import { expect, inject, it } from "vitest";
import { JS_BUDGET_BYTES, measurePage, weightTable } from "../../scripts/bench/frontend-weight";
import { launch } from "./browser";

// A first visit to the home page and the list stays within the JavaScript budget (gzip).
it("keeps the JavaScript of / and /scenarios within 150 KB gzip", async () => {
  const weights = [];
  for (const path of ["/", "/scenarios"]) {
    const browser = await launch();
    weights.push(await measurePage(browser.context, inject("baseUrl"), path));
    await browser.close();
  }
  console.info(weightTable(weights));
  for (const w of weights) {
    expect(w.js.files).toBeGreaterThan(0);
    expect(w.js.gzip, `${w.path}: ${w.js.gzip} bytes of JavaScript`).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  }
});
