import { sql, type Kysely } from "kysely";

// Found by the search benchmark (docs/benchmarks.md, "Search"): every search reads the version of the
// public data, which includes the first scenario row still waiting in the search outbox:
//   select min(id) from search_outbox where done_at is null and entity = 'scenario'
// SQLite answered it through `search_outbox_done` (done_at = null) and checked the entity of every
// pending row, so each pending vendor row (a burst of vendor edits, a vendor rebuild) cost every
// search a step: 25,870 of them made a one-millisecond search four. This index gives the answer in
// one step whatever is waiting.
// The anonymous page cache (decision 025) adds the newest answer of the public Q&A to that version:
// max(answered_at) read by an index instead of a scan of every question.
// Frozen in time: imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index search_outbox_pending_first on search_outbox (entity, id) where done_at is null`.execute(db);
  await sql`create index scenario_questions_answered on scenario_questions (answered_at)`.execute(db);
  // Found by timing every statement under the load mix: a scenario page read its data resources by scanning all of
  // them (2.7 ms a page at 20,000 scenarios, 28,145 rows).
  await sql`create index scenario_data_resources_scenario on scenario_data_resources (scenario_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists scenario_data_resources_scenario`.execute(db);
  await sql`drop index if exists scenario_questions_answered`.execute(db);
  await sql`drop index if exists search_outbox_pending_first`.execute(db);
}
