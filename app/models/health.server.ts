import { Migrator, sql } from "kysely";
import { migrations } from "../../db/migrations";
import type { DB } from "~/db/db.server";

// What /readyz reports: the database answers, every migration the code knows has run, and how the
// search index keeps up. Each check is a few indexed lookups, so a probe every few seconds costs
// nothing. Nothing here names a file, a host's credentials or a key.

export type CheckStatus = "ok" | "failing";

export interface Readiness {
  status: "ok" | "unavailable";
  /** The checks that keep the site from serving (empty when ready). */
  failing: ("database" | "migrations")[];
  checks: {
    database: { status: CheckStatus; error?: string };
    migrations: { status: CheckStatus; known: number; applied?: number; pending?: string[]; error?: string };
    /** Reported, never failing: without the index the lists still work, unsearched, with a notice. */
    search: {
      engine: string;
      backlog?: number;
      failingRows?: number;
      oldestPendingAt?: string | null;
      lastError?: { at: string; message: string } | null;
      error?: string;
    };
  };
}

/** A short, credential-free description of a failure (an error code rather than a path). */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  const text = error instanceof Error ? error.message : String(error);
  return withoutCredentials(text).slice(0, 200);
}

/** Drops user:password@ from any URL in a message. */
export function withoutCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, "$1");
}

/** `open` gives the database (opening it may fail too); `engineName` the configured search engine. */
export async function readiness(open: () => DB, engineName: () => string): Promise<Readiness> {
  let engine = "unknown";
  try {
    engine = engineName();
  } catch {
    // reported as unknown; the search page says more
  }
  const checks: Readiness["checks"] = {
    database: { status: "ok" },
    migrations: { status: "ok", known: Object.keys(migrations).length },
    search: { engine },
  };
  let db: DB;
  try {
    db = open();
    await sql`select 1`.execute(db);
  } catch (error) {
    checks.database = { status: "failing", error: describe(error) };
    checks.migrations = { status: "failing", known: Object.keys(migrations).length, error: "database unavailable" };
    checks.search.error = "database unavailable";
    return { status: "unavailable", failing: ["database", "migrations"], checks };
  }

  try {
    const list = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).getMigrations();
    const pending = list.filter((m) => m.executedAt === undefined).map((m) => m.name);
    checks.migrations = { status: pending.length ? "failing" : "ok", known: list.length, applied: list.length - pending.length, pending };
  } catch (error) {
    checks.migrations = { status: "failing", known: Object.keys(migrations).length, error: describe(error) };
  }

  try {
    // Pending rows only (a partial index holds them); the most recent error among them is the live one.
    const backlog = await db
      .selectFrom("search_outbox")
      .where("done_at", "is", null)
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.sum<number>(eb.case().when("attempts", ">", 0).then(1).else(0).end()).as("failing"),
        eb.fn.min("created_at").as("oldest"),
      ])
      .executeTakeFirstOrThrow();
    const lastError = await db
      .selectFrom("search_outbox")
      .where("done_at", "is", null)
      .where("last_error_at", "is not", null)
      .orderBy("last_error_at", "desc")
      .select(["last_error", "last_error_at"])
      .limit(1)
      .executeTakeFirst();
    Object.assign(checks.search, {
      backlog: Number(backlog.n),
      failingRows: Number(backlog.failing ?? 0),
      oldestPendingAt: backlog.oldest ?? null,
      lastError: lastError?.last_error_at ? { at: lastError.last_error_at, message: withoutCredentials(lastError.last_error ?? "").slice(0, 300) } : null,
    });
  } catch (error) {
    checks.search.error = describe(error);
  }

  const failing = (["database", "migrations"] as const).filter((name) => checks[name].status === "failing");
  return { status: failing.length ? "unavailable" : "ok", failing: [...failing], checks };
}
