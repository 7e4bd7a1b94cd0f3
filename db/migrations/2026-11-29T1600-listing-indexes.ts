import type { Kysely } from "kysely";

// Found by the load benchmark: the list's facet counts read every public scenario's row six times
// (100+ ms at 20,000 scenarios), and the editions panel counted each batch's scenarios by scanning.
// A covering index answers both from the index alone.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("scenarios_facets")
    .on("scenarios")
    .columns(["status", "domain", "district", "venue_type", "cooperation_mode", "tier", "edition_id", "batch_id", "budget_wan"])
    .execute();
  await db.schema.createIndex("scenarios_batch_status").on("scenarios").columns(["batch_id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("scenarios_batch_status").execute();
  await db.schema.dropIndex("scenarios_facets").execute();
}
