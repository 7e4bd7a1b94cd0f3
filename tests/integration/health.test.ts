import path from "node:path";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db/db.server";
import { readiness } from "~/models/health.server";
import { loader as healthz } from "~/routes/healthz";
import { loader as readyz } from "~/routes/readyz";
import { migrations } from "../../db/migrations";
import { createTestDatabase, useAsAppDatabase } from "../db";

// /healthz says the process answers; /readyz that it can serve: database up, migrations current.

const names = Object.keys(migrations);
const extra: { db: DB; file: string }[] = [];
afterEach(async () => {
  for (const { db, file } of extra.splice(0)) {
    await db.destroy().catch(() => {});
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  }
});

/** A database migrated up to, and including, the named migration. */
async function databaseMigratedTo(name: string): Promise<DB> {
  const file = path.resolve("tests/.tmp", `health-${randomUUID()}.db`);
  const db = openDatabase(file);
  extra.push({ db, file });
  const result = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(name);
  if (result.error) throw result.error;
  return db;
}

/** A database handle whose connection is closed: every query fails, as with a vanished or locked file. */
function closedDatabase(): DB {
  const sqlite = new SQLite(":memory:");
  sqlite.close();
  return new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Any use of this handle fails the test. */
const untouchable = new Proxy({}, { get: () => { throw new Error("the database was used"); } }) as DB;

async function ready() {
  const response = await readyz();
  return { status: response.status, cache: response.headers.get("Cache-Control"), body: await response.json() };
}

describe("/healthz", () => {
  it("answers ok without touching the database, not cached", async () => {
    useAsAppDatabase(untouchable);
    const response = healthz();
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("/readyz", () => {
  it("is ready on a migrated database and reports the search engine and its backlog", async () => {
    const db = createTestDatabase();
    useAsAppDatabase(db);
    const { status, cache, body } = await ready();
    expect(status).toBe(200);
    expect(cache).toBe("no-store");
    expect(body).toEqual({
      status: "ok",
      failing: [],
      checks: {
        database: { status: "ok" },
        migrations: { status: "ok", known: names.length, applied: names.length, pending: [] },
        search: { engine: "embedded", backlog: 0, failingRows: 0, oldestPendingAt: null, lastError: null },
      },
    });
  });

  it("stays ready while the search outbox is behind, and shows the backlog and its last error without credentials", async () => {
    const db = createTestDatabase();
    useAsAppDatabase(db);
    await db.insertInto("search_outbox").values([
      { entity: "scenario", entity_id: 1, op: "update", created_at: "2026-11-20T01:00:00.000Z", attempts: 3, next_attempt_at: "2026-11-20T01:05:00.000Z",
        last_error: "fetch failed ← connect ECONNREFUSED http://admin:s3cret@meili.internal:7700/indexes", last_error_at: "2026-11-20T01:04:00.000Z" },
      { entity: "vendor", entity_id: 2, op: "update", created_at: "2026-11-20T01:02:00.000Z", attempts: 0, next_attempt_at: "2026-11-20T01:02:00.000Z" },
    ]).execute();
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.checks.search).toEqual({
      engine: "embedded",
      backlog: 2,
      failingRows: 1,
      oldestPendingAt: "2026-11-20T01:00:00.000Z",
      lastError: { at: "2026-11-20T01:04:00.000Z", message: "fetch failed ← connect ECONNREFUSED http://meili.internal:7700/indexes" },
    });
    expect(JSON.stringify(body)).not.toContain("s3cret");
  });

  it("answers 503 naming the migration that has not run", async () => {
    const db = await databaseMigratedTo(names.at(-2)!);
    useAsAppDatabase(db);
    const { status, cache, body } = await ready();
    expect(status).toBe(503);
    expect(cache).toBe("no-store");
    expect(body.status).toBe("unavailable");
    expect(body.failing).toEqual(["migrations"]);
    expect(body.checks.database).toEqual({ status: "ok" });
    expect(body.checks.migrations).toEqual({ status: "failing", known: names.length, applied: names.length - 1, pending: [names.at(-1)] });
  });

  it("answers 503 when the database does not answer, without a path or a secret", async () => {
    useAsAppDatabase(closedDatabase());
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.failing).toEqual(["database", "migrations"]);
    expect(body.checks.database.status).toBe("failing");
    const text = JSON.stringify(body);
    expect(text).not.toContain("tests/.tmp");
    expect(text).not.toContain(process.env.SESSION_SECRET!);
  });

  it("answers 503 when the database file cannot be opened, without its path", async () => {
    // A path below a regular file cannot be created.
    const file = path.resolve("tests/.tmp", `health-${randomUUID()}`);
    fs.writeFileSync(file, "");
    try {
      const report = await readiness(() => openDatabase(path.join(file, "x.db")), () => "embedded");
      expect(report.status).toBe("unavailable");
      expect(report.failing).toEqual(["database", "migrations"]);
      expect(JSON.stringify(report)).not.toContain(file);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
