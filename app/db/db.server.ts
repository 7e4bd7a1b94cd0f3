import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema";
import { env } from "~/utils/env.server";

export type DB = Kysely<Database>;

/** Opens a SQLite file with the settings every connection here uses. */
export function openDatabase(file: string): DB {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

// Kept on globalThis so that development reloads reuse one connection instead of leaking them.
const holder = globalThis as unknown as { __db?: DB };

export function db(): DB {
  holder.__db ??= openDatabase(env().DATABASE_PATH);
  return holder.__db;
}
