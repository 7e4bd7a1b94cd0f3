import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { reindexScenarios, reindexVendors } from "~/search/search.server";
import { seedDemo } from "../../db/seed";

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * A benchmark's world: the demo generator at the given size in a fresh database file, indexed by the
 * embedded engine (scenarios, and vendors when asked), removed again by `dispose`.
 */
export async function seededWorld(scenarios: number, options: { vendors?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const file = path.join(dir, "bench.db");
  const db = openDatabase(file);
  await migrateToLatest(db);
  let t = performance.now();
  const counts = await seedDemo(db, { scenarios });
  console.log(`seeded ${JSON.stringify(counts)} in ${seconds(t)} s`);
  const engine = createEmbeddedEngine(db);
  t = performance.now();
  const indexed = await reindexScenarios(db, engine);
  const vendors = options.vendors ? await reindexVendors(db, engine) : null;
  console.log(`indexed ${indexed} public scenarios${vendors === null ? "" : ` and ${vendors} vendors`} in ${seconds(t)} s`);
  // The index was built from the seeded rows: the outbox rows the seed wrote are settled, as `npm start` does,
  // so a server started on this world does not spend its first minutes re-applying them.
  const entities = options.vendors ? (["scenario", "vendor"] as const) : (["scenario"] as const);
  await db.updateTable("search_outbox").set({ done_at: new Date().toISOString() }).where("done_at", "is", null).where("entity", "in", entities).execute();
  return { db, file, engine, counts, indexed, dispose: async () => { await db.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
