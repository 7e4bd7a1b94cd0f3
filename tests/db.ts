import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach } from "vitest";
import { openDatabase, type DB } from "~/db/db.server";

const TEMPLATE = path.resolve("tests/.tmp/template.db");
const open: { db: DB; file: string }[] = [];

/** A fresh, migrated database file for one test, removed after it. */
export function createTestDatabase(): DB {
  const file = path.resolve("tests/.tmp", `test-${randomUUID()}.db`);
  fs.copyFileSync(TEMPLATE, file);
  const db = openDatabase(file);
  open.push({ db, file });
  return db;
}

afterEach(async () => {
  for (const { db, file } of open.splice(0)) {
    await db.destroy();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  }
});

/** Makes the app's database and search singletons use this database (for route loader tests). */
export function useAsAppDatabase(db: DB) {
  const holder = globalThis as unknown as { __db?: DB; __search?: unknown };
  holder.__db = db;
  holder.__search = undefined;
}
