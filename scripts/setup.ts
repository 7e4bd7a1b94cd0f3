// Prepares the database for `npm start`: migrates, seeds the demo into an empty database (unless
// SEED_DEMO=false) and makes sure the search index holds every public scenario.
import "~/i18n/english";
import { sql } from "kysely";
import { db } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { env } from "~/utils/env.server";
import { reindexAll } from "~/search/reindex.server";
import { searchEngine } from "~/search/search.server";
import { hashPassword } from "~/auth/password.server";
import { syncCapabilities } from "~/models/vocabulary.server";
import { seedDemo } from "../db/seed";
import { keepOpenCallsOpen } from "../db/seed/current";

const DEMO_PASSWORD = "demo-pass-2026";

/** Every seeded account signs in with the documented development password; each is its organisation's admin. */
async function enableDemoAccounts(database: ReturnType<typeof db>) {
  const hash = await hashPassword(DEMO_PASSWORD);
  await database.updateTable("users").set({ password_hash: hash }).where("email", "like", "%@demo.local").execute();
  await database.updateTable("users").set({ is_org_admin: 1 }).where("role", "in", ["demand_member", "vendor_member"]).execute();
  console.info(`[setup] demo accounts (admin@, reviewer@, demand@, vendor@demo.local) use the password ${DEMO_PASSWORD}`);
}

async function main() {
  const database = db();
  const { results } = await migrateToLatest(database);
  for (const r of results ?? []) console.info(`[setup] migration ${r.migrationName}: ${r.status}`);

  const { n } = await database.selectFrom("scenarios").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  let seeded = false;
  if (n === 0 && env().SEED_DEMO) {
    const started = Date.now();
    const counts = await seedDemo(database);
    console.info(`[setup] seeded demo: ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
    const moved = await keepOpenCallsOpen(database);
    if (moved) console.info(`[setup] open calls of the demo kept open: deadlines moved ${moved} days to today`);
    await enableDemoAccounts(database);
    seeded = true;
  }

  // A database without the demo still needs the capability vocabulary the forms and search use.
  await syncCapabilities(database);

  const engine = searchEngine();
  const indexed = await sql<{ n: number }>`select min((select count(*) from scenario_fts), (select count(*) from vendor_fts)) as n`.execute(database);
  // The embedded index lives in the same file and is rebuilt only when it is out of step; a
  // Meilisearch server may have lost its data, so it is always refreshed on start.
  if (engine.name === "meilisearch" || seeded || indexed.rows[0]!.n === 0) {
    // The same rebuild as `npm run search:reindex`: it settles the outbox rows the seed wrote.
    for (const result of await reindexAll(database, engine)) {
      if (result.ok) {
        console.info(`[setup] indexed ${result.documents} ${result.entity} documents in ${engine.name} in ${result.ms} ms`);
        continue;
      }
      // The site serves the list from the database while search is down, and the outbox worker
      // applies every change once it is back; it must still start.
      if (engine.name !== "meilisearch") throw new Error(`indexing failed: ${result.error}`);
      console.warn(`[setup] could not index into Meilisearch, starting anyway (npm run search:reindex later): ${result.error}`);
    }
  }
  await database.destroy();
}

main().catch((error) => {
  console.error("[setup] failed:", error);
  process.exit(1);
});
