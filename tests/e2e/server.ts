import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The served database and the directory the production build is served from (for the crash drill). */
    databasePath: string;
    appDir: string;
  }
}

let child: ChildProcess | undefined;
let dir: string | undefined;

/** Seeds a fresh database and serves the production build (run `npm run build` first). */
export async function setup(project: TestProject) {
  if (!fs.existsSync("build/server/index.js")) throw new Error("No production build: run `npm run build` first.");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "changjing-e2e-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" as const, PORT: String(port), DATABASE_PATH: path.join(dir, "e2e.db"), MEILI_HOST: "",
    // Links in feeds, the API and e-mails start with the site's public address, not the request's Host.
    PUBLIC_URL: `http://127.0.0.1:${port}` };
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/setup.ts"], { env, stdio: "inherit" });
  // Serve a copy of the build, so that rebuilding while the tests run cannot pull assets away.
  const served = path.join(dir, "app");
  fs.cpSync("build", path.join(served, "build"), { recursive: true });
  fs.copyFileSync("package.json", path.join(served, "package.json"));
  fs.copyFileSync("server.js", path.join(served, "server.js"));
  fs.symlinkSync(path.resolve("node_modules"), path.join(served, "node_modules"));
  child = spawn(process.execPath, ["server.js"], {
    cwd: served,
    env,
    // The request log is noise in test output; errors still show.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${baseUrl}/`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("databasePath", env.DATABASE_PATH!);
  project.provide("appDir", served);
}

export async function teardown() {
  child?.kill("SIGTERM");
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
