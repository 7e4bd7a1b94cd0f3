import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { createBackup, restoreBackup, summariseDatabase, verifyBackup } from "~/ops/backup.server";

// Backup while the site writes, restore into a fresh directory, compare table by table.

const dirs: string[] = [];
function tempDir(): string {
  const dir = path.resolve("tests/.tmp", `backup-${randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function liveSite() {
  const root = tempDir();
  const databasePath = path.join(root, "site.db");
  const uploadDir = path.join(root, "uploads");
  const db = openDatabase(databasePath);
  await migrateToLatest(db);
  fs.mkdirSync(path.join(uploadDir, "ab"), { recursive: true });
  fs.writeFileSync(path.join(uploadDir, "ab", "ab".padEnd(32, "0")), "%PDF-1.7 evidence");
  return { root, databasePath, uploadDir, db };
}

describe("npm run backup / npm run restore", () => {
  it("takes a consistent copy while another connection keeps writing, and restores it identically into a fresh directory", async () => {
    const site = await liveSite();
    // A second connection, as the serving process would be, writes audit rows throughout the backup.
    const writer = new SQLite(site.databasePath);
    writer.pragma("journal_mode = WAL");
    const insert = writer.prepare("insert into audit_log (action, subject_type, subject_id) values ('test.write', 'test', ?)");
    for (let i = 0; i < 2000; i++) insert.run(i);
    let written = 2000;
    const timer = setInterval(() => {
      for (let i = 0; i < 50; i++) insert.run(written++);
    }, 1);

    const out = tempDir();
    const { dir, manifest } = await createBackup({ databasePath: site.databasePath, uploadDir: site.uploadDir, outDir: out });
    clearInterval(timer);
    writer.close();

    const copied = manifest.database.tables.audit_log!.rows;
    expect(copied).toBeGreaterThanOrEqual(2000);
    expect(Object.keys(manifest.uploads.files)).toEqual([path.join("ab", "ab".padEnd(32, "0"))]);
    expect(verifyBackup(dir).createdAt).toBe(manifest.createdAt);

    const fresh = tempDir();
    const restoredDb = path.join(fresh, "data", "restored.db");
    const restoredUploads = path.join(fresh, "data", "uploads");
    restoreBackup({ backupDir: dir, databasePath: restoredDb, uploadDir: restoredUploads });

    const restored = summariseDatabase(restoredDb);
    expect(restored.integrity).toBe("ok");
    expect(restored.tables).toEqual(manifest.database.tables);
    // The copy is a snapshot: its audit rows are exactly the first `copied` writes, none torn.
    const check = new SQLite(restoredDb, { readonly: true });
    expect(check.prepare("select count(*) as n, min(subject_id) as lo, max(subject_id) as hi from audit_log where action = 'test.write'").get())
      .toEqual({ n: copied, lo: 0, hi: copied - 1 });
    check.close();
    expect(fs.readFileSync(path.join(restoredUploads, "ab", "ab".padEnd(32, "0")), "utf8")).toBe("%PDF-1.7 evidence");
    await site.db.destroy();
  });

  it("refuses to overwrite a database unless forced, and keeps the one it replaced", async () => {
    const site = await liveSite();
    const { dir } = await createBackup({ databasePath: site.databasePath, uploadDir: site.uploadDir, outDir: tempDir() });
    await site.db.insertInto("audit_log").values({ action: "after.backup", subject_type: "test", subject_id: 1 }).execute();
    await site.db.destroy();

    expect(() => restoreBackup({ backupDir: dir, databasePath: site.databasePath, uploadDir: site.uploadDir })).toThrow(/--force/);
    restoreBackup({ backupDir: dir, databasePath: site.databasePath, uploadDir: site.uploadDir, force: true, now: new Date("2026-11-29T03:00:00Z") });
    const restored = new SQLite(site.databasePath, { readonly: true });
    expect(restored.prepare("select count(*) as n from audit_log where action = 'after.backup'").get()).toEqual({ n: 0 });
    restored.close();
    const kept = fs.readdirSync(site.root).find((f) => f.startsWith("site.db.before-restore-20261129T030000Z"));
    expect(kept).toBeDefined();
  });

  it("refuses to restore, even forced, while a server process holds the database (issue 13 item 7)", async () => {
    const site = await liveSite();
    const { dir } = await createBackup({ databasePath: site.databasePath, uploadDir: site.uploadDir, outDir: tempDir() });
    await site.db.insertInto("audit_log").values({ action: "after.backup", subject_type: "test", subject_id: 1 }).execute();
    // A separate process that marks the database held, as the server does at start, and keeps running.
    const server = spawn(process.execPath, ["--import", "tsx", "-e",
      `const { holdDatabase } = await import(${JSON.stringify(path.resolve("app/ops/server-lock.server.ts"))}); holdDatabase(${JSON.stringify(site.databasePath)}); console.log("held"); setInterval(() => {}, 1000);`,
    ], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve());
        server.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
      });
      expect(() => restoreBackup({ backupDir: dir, databasePath: site.databasePath, uploadDir: site.uploadDir, force: true })).toThrow(
        new RegExp(`a server \\(process ${server.pid} .*stop it first`),
      );
      // Nothing was moved: the live database still has the row written after the backup.
      expect(await site.db.selectFrom("audit_log").where("action", "=", "after.backup").select("id").execute()).toHaveLength(1);
      expect(fs.readdirSync(site.root).filter((f) => f.includes("before-restore"))).toEqual([]);
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    await site.db.destroy();
    // Once the server is gone its leftover file holds nothing back.
    restoreBackup({ backupDir: dir, databasePath: site.databasePath, uploadDir: site.uploadDir, force: true });
  });

  it("refuses a damaged backup before touching anything", async () => {
    const site = await liveSite();
    const { dir } = await createBackup({ databasePath: site.databasePath, uploadDir: site.uploadDir, outDir: tempDir() });
    await site.db.destroy();
    const file = path.join(dir, "database.sqlite");
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const target = path.join(tempDir(), "new.db");
    expect(() => restoreBackup({ backupDir: dir, databasePath: target, uploadDir: path.join(path.dirname(target), "uploads") })).toThrow(/does not match/);
    expect(fs.existsSync(target)).toBe(false);
  });
});
