/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  server: { port: Number(process.env.PORT ?? 3000) },
  plugins: [
    tailwindcss(),
    // Options in react-router.config.ts; routes in app/routes.ts.
    !process.env.VITEST && reactRouter(),
  ],
  ssr: { external: ["better-sqlite3"] },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.ts", "scripts/**/*.test.ts", "db/**/*.test.ts"],
    setupFiles: ["./tests/setup/setup-test-env.ts"],
    globalSetup: ["./tests/setup/global-setup.ts"],
    pool: "forks",
    env: { SESSION_SECRET: "test-session-secret-0123456789abcdef", DATABASE_PATH: "tests/.tmp/unused.db" },
  },
});
