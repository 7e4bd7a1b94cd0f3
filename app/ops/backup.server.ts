import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { databaseHolder } from "./server-lock.server";

// Backups: a consistent copy of the SQLite file taken with SQLite's online backup API (safe while
// the site serves: WAL readers never block writers), then the uploaded files, and a manifest that
// says what the copy holds (row count and content checksum per table, every file with its hash).
// Restore checks a backup against its manifest before it touches anything, writes next to the
// target and renames into place, and never overwrites a database unless told to.

export interface TableSummary {
  rows: number;
  /** sha256 over the table's rows in rowid order: equal checksums, equal contents. */
  sha256: string;
}

export interface BackupManifest {
  format: 1;
  createdAt: string;
  database: { file: string; bytes: number; sha256: string; tables: Record<string, TableSummary> };
  uploads: { dir: string; files: Record<string, { bytes: number; sha256: string }>; missing: string[] };
}

const DATABASE_FILE = "database.sqlite";
const UPLOADS_DIR = "uploads";
const MANIFEST = "manifest.json";

function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Row count and content checksum of every table (FTS shadow tables included: they are the search index). */
export function summariseDatabase(file: string): { integrity: string; tables: Record<string, TableSummary> } {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (sqlite.pragma("integrity_check", { simple: true }) as string) ?? "";
    const names = sqlite
      .prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    const tables: Record<string, TableSummary> = {};
    for (const name of names) {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      // Virtual tables are read through their shadow tables, which are listed too.
      const virtual = sqlite.prepare("select sql from sqlite_schema where name = ?").pluck().get(name) as string | null;
      if (virtual?.toLowerCase().startsWith("create virtual table")) continue;
      const hash = createHash("sha256");
      let rows = 0;
      const hasRowid = !/without rowid/i.test(virtual ?? "");
      for (const row of sqlite.prepare(`select * from ${quoted}${hasRowid ? " order by rowid" : ""}`).raw().iterate()) {
        hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString("base64") : typeof v === "bigint" ? String(v) : v)));
        hash.update("\n");
        rows++;
      }
      tables[name] = { rows, sha256: hash.digest("hex") };
    }
    return { integrity, tables };
  } finally {
    sqlite.close();
  }
}

/** Storage keys the database refers to: every `storage_key` column of every table. */
function referencedKeys(file: string): string[] {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = sqlite.prepare("select name from sqlite_schema where type = 'table'").pluck().all() as string[];
    const keys: string[] = [];
    for (const table of tables) {
      const columns = sqlite.prepare("select name from pragma_table_info(?)").pluck().all(table) as string[];
      if (columns.includes("storage_key")) {
        keys.push(...(sqlite.prepare(`select storage_key from "${table}" where storage_key is not null`).pluck().all() as string[]));
      }
    }
    return keys;
  } finally {
    sqlite.close();
  }
}

function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && !d.name.startsWith("."))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/**
 * Backs up the database and the uploaded files into a new directory under `outDir`. The database is
 * copied first (one consistent snapshot), then the files; a file the snapshot names but that was
 * deleted meanwhile is listed as missing in the manifest rather than failing the backup.
 */
export async function createBackup(options: { databasePath: string; uploadDir: string; outDir: string; now?: Date }): Promise<{ dir: string; manifest: BackupManifest }> {
  const now = options.now ?? new Date();
  const dir = path.resolve(options.outDir, `changjing-${stamp(now)}`);
  if (fs.existsSync(dir)) throw new Error(`backup directory exists already: ${dir}`);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });

  const source = new SQLite(options.databasePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // After the first 100 pages, everything in one step: a step holds one read snapshot, so a busy
    // writer cannot make the copy restart over and over.
    await source.backup(path.join(partial, DATABASE_FILE), { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const dbFile = path.join(partial, DATABASE_FILE);
  const { integrity, tables } = summariseDatabase(dbFile);
  if (integrity !== "ok") throw new Error(`the copy failed its integrity check: ${integrity}`);

  const uploadRoot = path.resolve(options.uploadDir);
  const files: BackupManifest["uploads"]["files"] = {};
  for (const relative of listFiles(uploadRoot)) {
    const target = path.join(partial, UPLOADS_DIR, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.copyFileSync(path.join(uploadRoot, relative), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // deleted while copying
      throw error;
    }
    files[relative] = { bytes: fs.statSync(target).size, sha256: sha256File(target) };
  }
  const present = new Set(Object.keys(files).map((f) => path.basename(f)));
  const missing = referencedKeys(dbFile).filter((key) => !present.has(key));

  const manifest: BackupManifest = {
    format: 1,
    createdAt: now.toISOString(),
    database: { file: DATABASE_FILE, bytes: fs.statSync(dbFile).size, sha256: sha256File(dbFile), tables },
    uploads: { dir: UPLOADS_DIR, files, missing },
  };
  fs.writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2));
  fs.renameSync(partial, dir);
  return { dir, manifest };
}

/** Checks a backup directory against its manifest: the database file's hash and integrity, every file's hash. */
export function verifyBackup(dir: string): BackupManifest {
  const manifestFile = path.join(dir, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new Error(`not a backup (no ${MANIFEST}): ${dir}`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as BackupManifest;
  const dbFile = path.join(dir, manifest.database.file);
  if (sha256File(dbFile) !== manifest.database.sha256) throw new Error("the database file does not match the manifest");
  const { integrity } = summariseDatabase(dbFile);
  if (integrity !== "ok") throw new Error(`the backup's database failed its integrity check: ${integrity}`);
  for (const [relative, file] of Object.entries(manifest.uploads.files)) {
    const full = path.join(dir, manifest.uploads.dir, relative);
    if (!fs.existsSync(full) || sha256File(full) !== file.sha256) throw new Error(`uploaded file damaged or missing: ${relative}`);
  }
  return manifest;
}

/**
 * Restores a verified backup to `databasePath` and `uploadDir`. The site must be stopped. An
 * existing database is refused unless `force`, and then kept beside as `<name>.before-restore-<time>`.
 */
export function restoreBackup(options: { backupDir: string; databasePath: string; uploadDir: string; force?: boolean; now?: Date }): BackupManifest {
  const manifest = verifyBackup(options.backupDir);
  const target = path.resolve(options.databasePath);
  // Never under a running server, --force or not: it would keep writing to the renamed file.
  const holder = databaseHolder(target);
  if (holder) {
    throw new Error(`a server (process ${holder.pid} on ${holder.host}, started ${holder.startedAt}) is using ${target}: stop it first, then restore`);
  }
  if (fs.existsSync(target)) {
    if (!options.force) throw new Error(`a database exists at ${target}: stop the site and pass --force to replace it (it is kept beside)`);
    const kept = `${target}.before-restore-${stamp(options.now ?? new Date())}`;
    fs.renameSync(target, kept);
    for (const suffix of ["-wal", "-shm"]) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, kept + suffix);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.restoring`;
  fs.copyFileSync(path.join(options.backupDir, manifest.database.file), temporary);
  fs.renameSync(temporary, target);

  const uploadRoot = path.resolve(options.uploadDir);
  for (const relative of Object.keys(manifest.uploads.files)) {
    const destination = path.join(uploadRoot, relative);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    if (!fs.existsSync(destination)) fs.copyFileSync(path.join(options.backupDir, manifest.uploads.dir, relative), destination);
  }
  return manifest;
}
