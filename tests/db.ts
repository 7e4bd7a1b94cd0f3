import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach } from "vitest";
import { openDatabase, type DB } from "~/db/db.server";

const TEMPLATE = path.resolve("tests/.tmp/template.db");
const open: { db: DB; file: string; scope: "test" | "file" }[] = [];

/**
 * A fresh, migrated database file, removed after the test (or, with scope "file", after the last
 * test of the file: for a suite that seeds once in beforeAll).
 */
export function createTestDatabase(scope: "test" | "file" = "test"): DB {
  const file = path.resolve("tests/.tmp", `test-${randomUUID()}.db`);
  fs.copyFileSync(TEMPLATE, file);
  const db = openDatabase(file);
  open.push({ db, file, scope });
  return db;
}

async function close(scope: "test" | "file") {
  for (const entry of open.filter((o) => o.scope === scope || scope === "file")) {
    open.splice(open.indexOf(entry), 1);
    await entry.db.destroy();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(entry.file + suffix, { force: true });
  }
}

afterEach(() => close("test"));
afterAll(() => close("file"));

/** Makes the app's database and search singletons use this database (for route loader tests). */
export function useAsAppDatabase(db: DB) {
  const holder = globalThis as unknown as { __db?: DB; __search?: unknown };
  holder.__db = db;
  holder.__search = undefined;
}
