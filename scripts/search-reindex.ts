// Rebuilds the search indexes from the database: `npm run search:reindex`. With Meilisearch the
// new index is built aside and swapped in atomically (searches keep working meanwhile); the
// embedded index is rebuilt in one transaction. Changes written while it runs are applied after.
// Exits non-zero when a rebuild fails (the live index is then untouched).

import { db } from "~/db/db.server";
import { reindexAll } from "~/search/reindex.server";
import { createSearchEngine } from "~/search/search.server";
import { applySearchOutbox } from "~/search/sync.server";

async function main() {
  const database = db();
  try {
    const engine = createSearchEngine(database);
    console.info(`[search] engine: ${engine.name}`);
    const results = await reindexAll(database, engine);
    for (const r of results) {
      if (r.ok) console.info(`[search] ${r.entity}: ${r.documents} documents in ${r.ms} ms; ${r.settledRows} queued changes covered by the rebuild`);
      else console.error(`[search] ${r.entity}: rebuild failed, the live index is untouched: ${r.error}`);
    }
    const after = await applySearchOutbox(database, engine);
    if (after.applied || after.failed) console.info(`[search] changes made during the rebuild: ${after.applied} applied, ${after.failed} left for the worker`);
    if (results.some((r) => !r.ok)) process.exitCode = 1;
  } finally {
    await database.destroy();
  }
}

main().catch((error: unknown) => {
  console.error("[search] rebuilding the index failed:", error);
  process.exitCode = 1;
});
