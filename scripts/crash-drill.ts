// npm run drill:crash -- [--database ./data/changjing.db] [--seconds 3] [--workers 16]
// Crash safety, measured against the production server: concurrent signed-in writes (new scenario
// drafts and vendor products, which also queue search-index work), SIGKILL mid-burst, then restart
// and check PRAGMA integrity_check, that every write acknowledged before the kill is present, and
// that the search outbox catches up. Then SIGTERM with a request in flight: it must finish.
// Runs on a COPY of the database (taken with the online backup), never on the original.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import SQLite from "better-sqlite3";
import { createBackup, restoreBackup } from "~/ops/backup.server";
import { freePort } from "./free-port";

export interface DrillResult {
  acknowledged: { drafts: number; products: number };
  failedRequests: number;
  integrity: string;
  missing: string[];
  outbox: { pendingAfterRestart: number; caughtUpMs: number | null };
  sigterm: { inFlightStatus: number | null; inFlightBytes: number; exitCode: number | null };
}

async function startServer(appDir: string, env: NodeJS.ProcessEnv, baseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server.js"], { cwd: appDir, env, stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not start");
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "demo-pass-2026" }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${response.status}`);
  return cookie;
}

const post = (baseUrl: string, url: string, cookie: string, form: Record<string, string>) =>
  fetch(`${baseUrl}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });

export async function runCrashDrill(options: { databasePath: string; appDir?: string; seconds?: number; workers?: number; log?: (line: string) => void }): Promise<DrillResult> {
  const log = options.log ?? (() => {});
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "changjing-drill-"));
  try {
    const { dir } = await createBackup({ databasePath: options.databasePath, uploadDir: path.join(work, "no-uploads"), outDir: work });
    const databasePath = path.join(work, "drill.db");
    restoreBackup({ backupDir: dir, databasePath, uploadDir: path.join(work, "uploads") });
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: databasePath, UPLOAD_DIR: path.join(work, "uploads"), MEILI_HOST: "",
    };
    const appDir = options.appDir ?? process.cwd();

    let server = await startServer(appDir, env, baseUrl);
    const demand = await signIn(baseUrl, "demand@demo.local");
    const vendor = await signIn(baseUrl, "vendor@demo.local");

    const drafts: string[] = [];
    const products: string[] = [];
    let failedRequests = 0;
    let n = 0;
    let killed = false;
    const worker = async (w: number) => {
      while (!killed) {
        const i = n++;
        const label = `崩溃演练-${w}-${i}`;
        try {
          if (i % 2 === 0) {
            const r = await post(baseUrl, "/my/scenarios/new", demand, {
              intent: "save", submissionKey: `drill-${process.pid}-${i}-${Date.now()}`, title: label, description: "演练写入", domain: "livelihood",
              district: "鼓楼区", cooperationMode: "joint_build", tier: "small_high_value", contactName: "演练",
            });
            if (r.status === 302 && !killed) drafts.push(label);
            else if (r.status !== 302) failedRequests++;
          } else {
            const r = await post(baseUrl, "/vendor/profile", vendor, { intent: "addProduct", kind: "agent", name: label, description: "演练写入" });
            if (r.status === 302 && !killed) products.push(label);
            else if (r.status !== 302) failedRequests++;
          }
        } catch {
          // the connection died with the server: not acknowledged
        }
      }
    };
    const burst = Promise.all(Array.from({ length: options.workers ?? 16 }, (_, w) => worker(w)));
    await new Promise((r) => setTimeout(r, (options.seconds ?? 3) * 1000));
    // Acknowledgements are counted only for responses read before the kill.
    killed = true;
    server.kill("SIGKILL");
    await burst;
    log(`[drill] killed with SIGKILL after ${drafts.length} drafts and ${products.length} products acknowledged; ${failedRequests} non-2xx/3xx answers`);

    const check = new SQLite(databasePath);
    const integrity = check.pragma("integrity_check", { simple: true }) as string;
    const titles = new Set(check.prepare("select title from scenarios where title like '崩溃演练-%'").pluck().all() as string[]);
    const names = new Set(check.prepare("select name from products where name like '崩溃演练-%'").pluck().all() as string[]);
    const missing = [...drafts.filter((t) => !titles.has(t)), ...products.filter((p) => !names.has(p))];
    const pendingAfterRestart = check.prepare("select count(*) from search_outbox where done_at is null").pluck().get() as number;
    check.close();
    log(`[drill] integrity_check: ${integrity}; acknowledged writes missing: ${missing.length}; search outbox pending: ${pendingAfterRestart}`);

    server = await startServer(appDir, env, baseUrl);
    const restarted = Date.now();
    let caughtUpMs: number | null = null;
    const watch = new SQLite(databasePath, { readonly: true });
    for (let i = 0; i < 300; i++) {
      if ((watch.prepare("select count(*) from search_outbox where done_at is null").pluck().get() as number) === 0) {
        caughtUpMs = Date.now() - restarted;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    watch.close();
    log(`[drill] search outbox ${caughtUpMs === null ? "did NOT catch up in 30 s" : `caught up ${caughtUpMs} ms after the restart`}`);

    // Graceful shutdown: a slow request (the whole list as a spreadsheet) is in flight when SIGTERM comes.
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    const inFlight = fetch(`${baseUrl}/scenarios.xlsx`)
      .then(async (r) => ({ status: r.status as number | null, bytes: (await r.arrayBuffer()).byteLength }))
      .catch(() => ({ status: null, bytes: 0 }));
    await new Promise((r) => setTimeout(r, 150));
    server.kill("SIGTERM");
    const answer = await inFlight;
    const exitCode = await exited;
    log(`[drill] SIGTERM: request in flight answered ${answer.status} with ${answer.bytes} bytes; exit code ${exitCode}`);

    return {
      acknowledged: { drafts: drafts.length, products: products.length },
      failedRequests,
      integrity,
      missing,
      outbox: { pendingAfterRestart, caughtUpMs },
      sigterm: { inFlightStatus: answer.status, inFlightBytes: answer.bytes, exitCode },
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { database: { type: "string", default: process.env.DATABASE_PATH ?? "./data/changjing.db" }, seconds: { type: "string", default: "3" }, workers: { type: "string", default: "16" } } });
  const result = await runCrashDrill({ databasePath: values.database!, seconds: Number(values.seconds), workers: Number(values.workers), log: console.info });
  console.info(JSON.stringify(result, null, 2));
  const ok = result.integrity === "ok" && result.missing.length === 0 && result.outbox.caughtUpMs !== null && result.sigterm.inFlightStatus === 200 && result.sigterm.exitCode === 0;
  process.exit(ok ? 0 : 1);
}
