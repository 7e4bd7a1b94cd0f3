// npm run backup -- [--out ./backups]
// A consistent copy of the database (SQLite online backup, safe while the site serves) and the
// uploaded files, with a manifest. See README "Backups".
import { parseArgs } from "node:util";
import { createBackup } from "~/ops/backup.server";
import { env } from "~/utils/env.server";

const { values } = parseArgs({ options: { out: { type: "string", default: "./backups" } } });
const started = performance.now();
const { dir, manifest } = await createBackup({ databasePath: env().DATABASE_PATH, uploadDir: env().UPLOAD_DIR, outDir: values.out! });
const rows = Object.values(manifest.database.tables).reduce((sum, t) => sum + t.rows, 0);
console.info(`[backup] ${dir}`);
console.info(`[backup] database ${(manifest.database.bytes / 1048576).toFixed(1)} MiB, ${rows} rows in ${Object.keys(manifest.database.tables).length} tables; ${Object.keys(manifest.uploads.files).length} uploaded files; ${Math.round(performance.now() - started)} ms`);
if (manifest.uploads.missing.length) console.warn(`[backup] ${manifest.uploads.missing.length} files named by the database were not in ${env().UPLOAD_DIR}: ${manifest.uploads.missing.join(", ")}`);
