// npm run restore -- <backup directory> [--force]
// Restores a backup made by `npm run backup` to DATABASE_PATH and UPLOAD_DIR. Stop the site first.
import { parseArgs } from "node:util";
import { restoreBackup, summariseDatabase } from "~/ops/backup.server";
import { env } from "~/utils/env.server";

const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
if (positionals.length !== 1) {
  console.error("usage: npm run restore -- <backup directory> [--force]");
  process.exit(2);
}
try {
  const manifest = restoreBackup({ backupDir: positionals[0]!, databasePath: env().DATABASE_PATH, uploadDir: env().UPLOAD_DIR, force: values.force });
  const restored = summariseDatabase(env().DATABASE_PATH);
  const differing = Object.keys(manifest.database.tables).filter((t) => restored.tables[t]?.sha256 !== manifest.database.tables[t]!.sha256);
  if (restored.integrity !== "ok" || differing.length) throw new Error(`restored database differs from the backup: ${restored.integrity}; ${differing.join(", ")}`);
  console.info(`[restore] ${env().DATABASE_PATH} restored from the backup of ${manifest.createdAt}; ${Object.keys(manifest.uploads.files).length} files to ${env().UPLOAD_DIR}; every table matches the manifest`);
} catch (error) {
  console.error(`[restore] ${(error as Error).message}`);
  process.exit(1);
}
