import type { Kysely } from "kysely";

// What a person sees of a published call depends on the clock (open, closing within 7 days, awaiting
// selection). The cache of public counts asks, on every read, for the next deadline still ahead
// among published calls; this index answers that with one seek instead of a scan.
// Frozen in time: imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("scenarios_status_deadline").on("scenarios").columns(["status", "proposal_deadline"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("scenarios_status_deadline").execute();
}
