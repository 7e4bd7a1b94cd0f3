import { sql, type Kysely } from "kysely";

// Found by the load benchmark (docs/benchmarks.md, "Load"):
// - the list's facet counts read every public scenario's row six times (100+ ms at 20,000
//   scenarios) and the editions panel counted each batch's scenarios by scanning: covering indexes
//   answer both from the index alone; related scenarios start from an index of capability → scenarios;
// - every draft saved wrote a search-outbox row, although the index holds public scenarios only;
//   the rows are cheap, but each one moved the version the cached list counts are kept for, so
//   under a stream of drafts nothing stayed cached. The scenario triggers now fire only for a
//   scenario that is public, or was public before the change (so it leaves the index).
// Frozen in time: imports nothing from app/.

const PUBLIC = "('published', 'matched', 'piloting', 'benchmark', 'closed')";

const TRIGGERS: [name: string, table: string, event: string, when: string | null, rows: string][] = [
  ["search_scenario_insert", "scenarios", "insert", `new.status in ${PUBLIC}`, `select 'scenario', new.id, 'insert'`],
  ["search_scenario_update", "scenarios", "update", `new.status in ${PUBLIC} or old.status in ${PUBLIC}`, `select 'scenario', new.id, 'update'`],
  ["search_scenario_delete", "scenarios", "delete", `old.status in ${PUBLIC}`, `select 'scenario', old.id, 'delete'`],
  ["search_scenario_capability_insert", "scenario_capabilities", "insert",
    `exists (select 1 from scenarios s where s.id = new.scenario_id and s.status in ${PUBLIC})`, `select 'scenario', new.scenario_id, 'update'`],
  ["search_scenario_capability_delete", "scenario_capabilities", "delete",
    `exists (select 1 from scenarios s where s.id = old.scenario_id and s.status in ${PUBLIC})`, `select 'scenario', old.scenario_id, 'update'`],
];

async function createTriggers(db: Kysely<any>, withConditions: boolean) {
  for (const [name, table, event, when, rows] of TRIGGERS) {
    await sql.raw(`drop trigger if exists ${name}`).execute(db);
    await sql
      .raw(`create trigger ${name} after ${event} on ${table} for each row${withConditions && when ? ` when ${when}` : ""}
         begin insert into search_outbox (entity, entity_id, op) ${rows}; end`)
      .execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("scenarios_facets")
    .on("scenarios")
    .columns(["status", "domain", "district", "venue_type", "cooperation_mode", "tier", "edition_id", "batch_id", "budget_wan"])
    .execute();
  await db.schema.createIndex("scenarios_batch_status").on("scenarios").columns(["batch_id", "status"]).execute();
  // Related scenarios start from the scenarios sharing a capability.
  await db.schema.createIndex("scenario_capabilities_capability").on("scenario_capabilities").columns(["capability_id", "scenario_id"]).execute();
  await createTriggers(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  await createTriggers(db, false);
  await db.schema.dropIndex("scenario_capabilities_capability").execute();
  await db.schema.dropIndex("scenarios_batch_status").execute();
  await db.schema.dropIndex("scenarios_facets").execute();
}
