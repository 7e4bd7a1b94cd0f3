// npm run bench:frontend -- [--url http://localhost:3000]
// Front-end weight of / and /scenarios on a running site (start it with `npm start`), fresh profile.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { JS_BUDGET_BYTES, measurePage, weightTable } from "./frontend-weight";

const { values } = parseArgs({ options: { url: { type: "string", default: "http://localhost:3000" } } });
const weights = [];
for (const page of ["/", "/scenarios"]) {
  // A fresh profile per page: nothing cached, as a first visit.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "changjing-weight-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, locale: "zh-CN",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  weights.push(await measurePage(context, values.url!, page));
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(weightTable(weights));
const over = weights.filter((w) => w.js.gzip > JS_BUDGET_BYTES);
console.log(over.length ? `over the ${JS_BUDGET_BYTES / 1024} KB JavaScript budget: ${over.map((w) => w.path).join(", ")}` : `every page within the ${JS_BUDGET_BYTES / 1024} KB JavaScript budget`);
process.exit(over.length ? 1 : 0);
