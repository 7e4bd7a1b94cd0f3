import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: the production build served on a free port with a freshly seeded database,
// driven in Debian's Chromium through playwright-core.
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["./tests/e2e/server.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: "forks",
  },
});
