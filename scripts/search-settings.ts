// Applies the search settings (indexes, ranking, synonyms, filters) to the engine the environment
// chooses. Run after changing the settings: `npm run search:settings`. Exits non-zero on failure.

import { db } from "~/db/db.server";
import { createSearchEngine } from "~/search/search.server";

async function main() {
  const database = db();
  try {
    const engine = createSearchEngine(database);
    console.info(`[search] engine: ${engine.name}`);
    await engine.applySettings();
    console.info(
      engine.name === "embedded"
        ? "[search] embedded engine: nothing to apply, its index comes from the database migrations"
        : "[search] settings applied",
    );
  } finally {
    await database.destroy();
  }
}

main().catch((error: unknown) => {
  console.error("[search] applying the settings failed:", error);
  process.exitCode = 1;
});
