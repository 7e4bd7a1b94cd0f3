import { sql, type Kysely } from "kysely";

// The search outbox: every change to what a scenario or vendor search document is built from
// writes a row, in the same transaction as the change, through triggers; so no write path (present
// or future, in the app, the seed or a script) can forget to tell the index. A worker applies the
// rows later by loading the current state from the database. Frozen in time: imports nothing from app/.

/** Triggers: [name, table, event, condition or null, the rows to enqueue as `select entity, entity_id, op`]. */
type Trigger = [name: string, table: string, event: "insert" | "update" | "delete", when: string | null, rows: string];

const TRIGGERS: Trigger[] = [
  // Scenarios: any change to the row itself. The applier drops it from the index if it is not public.
  ["search_scenario_insert", "scenarios", "insert", null, `select 'scenario', new.id, 'insert'`],
  ["search_scenario_update", "scenarios", "update", null, `select 'scenario', new.id, 'update'`],
  ["search_scenario_delete", "scenarios", "delete", null, `select 'scenario', old.id, 'delete'`],
  ["search_scenario_capability_insert", "scenario_capabilities", "insert", null, `select 'scenario', new.scenario_id, 'update'`],
  ["search_scenario_capability_delete", "scenario_capabilities", "delete", null, `select 'scenario', old.scenario_id, 'update'`],
  // A demand organisation's name is in its scenarios' documents.
  ["search_organisation_rename", "organisations", "update", "old.name is not new.name",
    `select 'scenario', s.id, 'update' from scenarios s where s.organisation_id = new.id`],
  ["search_edition_year", "editions", "update", "old.year is not new.year",
    `select 'scenario', s.id, 'update' from scenarios s where s.edition_id = new.id`],
  ["search_batch_ordinal", "batches", "update", "old.ordinal is not new.ordinal",
    `select 'scenario', s.id, 'update' from scenarios s where s.batch_id = new.id`],
  ["search_capability_rename", "capabilities", "update", "old.name_zh is not new.name_zh or old.name_en is not new.name_en",
    `select 'scenario', sc.scenario_id, 'update' from scenario_capabilities sc where sc.capability_id = new.id
     union all select 'vendor', vc.organisation_id, 'update' from vendor_capabilities vc where vc.capability_id = new.id`],

  // Vendors: the organisation row, what it offers and serves, and its track record.
  ["search_vendor_insert", "organisations", "insert", "new.kind = 'vendor'", `select 'vendor', new.id, 'insert'`],
  ["search_vendor_update", "organisations", "update", "old.kind = 'vendor' or new.kind = 'vendor'", `select 'vendor', new.id, 'update'`],
  ["search_vendor_delete", "organisations", "delete", "old.kind = 'vendor'", `select 'vendor', old.id, 'delete'`],
  ...(["insert", "delete"] as const).flatMap((event): Trigger[] => {
    const row = event === "insert" ? "new" : "old";
    return [
      [`search_vendor_capability_${event}`, "vendor_capabilities", event, null, `select 'vendor', ${row}.organisation_id, 'update'`],
      [`search_vendor_served_${event}`, "vendor_served", event, null, `select 'vendor', ${row}.organisation_id, 'update'`],
    ];
  }),
  ...(["insert", "update", "delete"] as const).flatMap((event): Trigger[] => {
    const row = event === "delete" ? "old" : "new";
    const both = (column: string) =>
      event === "update"
        ? `select 'vendor', old.${column}, 'update' union select 'vendor', new.${column}, 'update'`
        : `select 'vendor', ${row}.${column}, 'update'`;
    return [
      [`search_vendor_product_${event}`, "products", event, null, both("organisation_id")],
      [`search_vendor_case_${event}`, "reference_cases", event, null, both("organisation_id")],
      [`search_vendor_pilot_${event}`, "pilots", event, null, both("vendor_id")],
      [`search_vendor_benchmark_${event}`, "benchmark_applications", event, null,
        `select 'vendor', p.vendor_id, 'update' from pilots p where p.id = ${row}.pilot_id`],
    ];
  }),
];

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

  await db.schema
    .createTable("search_outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entity", "text", (c) => c.notNull().check(sql`entity in ('scenario', 'vendor')`))
    .addColumn("entity_id", "integer", (c) => c.notNull())
    // What happened ('insert', 'update', 'delete'): for people reading the table. The applier
    // always loads the current state, so it does not need it.
    .addColumn("op", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    // Null: due now.
    .addColumn("next_attempt_at", "text")
    .addColumn("leased_until", "text")
    .addColumn("lease_owner", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "text")
    .addColumn("done_at", "text")
    .execute();
  await sql`create index search_outbox_pending on search_outbox (id) where done_at is null`.execute(db);
  await sql`create index search_outbox_pending_entity on search_outbox (entity, entity_id) where done_at is null`.execute(db);
  await db.schema.createIndex("search_outbox_done").on("search_outbox").column("done_at").execute();

  // Full rebuilds: their history for the office page, and while one runs (finished_at null) the
  // worker leaves that entity's rows alone, so nothing is applied to an index about to be replaced.
  await db.schema
    .createTable("search_reindex")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("engine", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("documents", "integer")
    .addColumn("settled_rows", "integer")
    .addColumn("error", "text")
    .execute();
  await sql`create unique index search_reindex_running on search_reindex (entity) where finished_at is null`.execute(db);

  for (const [name, table, event, when, rows] of TRIGGERS) {
    await sql
      .raw(
        `create trigger ${name} after ${event} on ${table} for each row${when ? ` when ${when}` : ""}
         begin insert into search_outbox (entity, entity_id, op) ${rows}; end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of TRIGGERS) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  await db.schema.dropTable("search_reindex").ifExists().execute();
  await db.schema.dropTable("search_outbox").ifExists().execute();
}
