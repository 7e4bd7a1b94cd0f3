import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";

export const TEMPLATE_DIR = path.resolve("tests/.tmp");
export const TEMPLATE_PATH = path.join(TEMPLATE_DIR, "template.db");

/** Migrates one template database; every test copies it instead of migrating again. */
export default async function setup() {
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  const db = openDatabase(TEMPLATE_PATH);
  await migrateToLatest(db);
  // Fold the WAL back into the file so that a plain copy is complete.
  await db.destroy();
}
