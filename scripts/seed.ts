// Seeds the demo into a fresh database file: `npm run seed -- --scenarios 20000 --out data/big.db`.
import fs from "node:fs";
import { openDatabase } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { reindexScenarios } from "~/search/search.server";
import { seedDemo } from "../db/seed";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const out = arg("out") ?? "data/demo.db";
  const scenarios = Number(arg("scenarios") ?? 900);
  if (fs.existsSync(out)) throw new Error(`${out} exists; choose another --out or remove it`);
  const db = openDatabase(out);
  await migrateToLatest(db);
  const counts = await seedDemo(db, { scenarios, seed: Number(arg("seed") ?? 20261128) });
  const indexed = await reindexScenarios(db, createEmbeddedEngine(db));
  console.info(`seeded ${out}: ${JSON.stringify(counts)}, ${indexed} indexed`);
  await db.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
