import { sql, type Kysely } from "kysely";

// The change feed behind the open data API: one row per public entity (scenario, vendor profile,
// certified benchmark) that says whether it is public now ('upsert') or has left the public record
// ('delete'), and when that last changed. SQLite triggers keep it, so every write path is covered,
// including raw SQL and code written later. The log is compacted: a change deletes the entity's
// row and appends a new one, so a reader paging by `seq` sees each entity once, at its latest
// change, and sees it again only if it changes again. AUTOINCREMENT keeps a deleted top `seq` from
// being handed out again. Frozen in time: imports nothing from app/.

const PUBLIC = "('published', 'matched', 'piloting', 'benchmark', 'closed')";
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

type Entity = "scenario" | "vendor" | "benchmark";

/** Moves one entity to the end of the feed with this operation. */
function touchOne(entity: Entity, id: string, key: string, op: string): string {
  return `
    delete from public_changes where entity = '${entity}' and entity_id = ${id};
    insert into public_changes (entity, entity_id, public_key, op, changed_at) values ('${entity}', ${id}, ${key}, ${op}, ${NOW});`;
}

/** The public entities of a kind that a condition selects: id and public key. */
const PUBLIC_SETS: Record<Entity, (where: string) => string> = {
  scenario: (where) => `select s.id, s.code as key from scenarios s where s.status in ${PUBLIC} and (${where})`,
  vendor: (where) => `select o.id, cast(o.id as text) as key from organisations o where o.kind = 'vendor' and o.verified = 1 and (${where})`,
  benchmark: (where) =>
    `select a.id, a.benchmark_number as key from benchmark_applications a where a.status = 'certified' and (${where})`,
};

/** Moves every public entity a condition selects to the end of the feed, as an upsert. */
function touchPublic(entity: Entity, where: string): string {
  const set = PUBLIC_SETS[entity](where);
  return `
    delete from public_changes where entity = '${entity}' and entity_id in (select id from (${set}));
    insert into public_changes (entity, entity_id, public_key, op, changed_at)
      select '${entity}', id, key, 'upsert', ${NOW} from (${set}) order by id;`;
}

function trigger(name: string, timing: string, when: string | null, body: string): string {
  return `create trigger ${name} after ${timing} ${when ? `when ${when}` : ""} begin ${body} end`;
}

const SCENARIO_OP = `case when NEW.status in ${PUBLIC} then 'upsert' else 'delete' end`;
const BENCHMARK_OP = `case when NEW.status = 'certified' then 'upsert' else 'delete' end`;
const VENDOR_OP = `case when NEW.kind = 'vendor' and NEW.verified = 1 then 'upsert' else 'delete' end`;

// Fields of a scenario that certified benchmarks repeat.
const BENCHMARK_SCENARIO_FIELDS = ["title", "code", "domain", "venue_type", "district", "organisation_id"];
// Fields of an organisation that make up a vendor's public profile.
const VENDOR_FIELDS = ["kind", "verified", "name", "credit_code", "district", "summary", "website", "profile_updated_at"];
const changed = (fields: string[]) => `(${fields.map((f) => `OLD.${f} is not NEW.${f}`).join(" or ")})`;

const TRIGGERS: [string, string, string | null, string][] = [
  // Scenarios: public or leaving public.
  ["pc_scenarios_insert", "insert on scenarios", `NEW.status in ${PUBLIC}`, touchOne("scenario", "NEW.id", "NEW.code", "'upsert'")],
  ["pc_scenarios_update", "update on scenarios", `NEW.status in ${PUBLIC} or OLD.status in ${PUBLIC}`,
    touchOne("scenario", "NEW.id", "coalesce(NEW.code, OLD.code)", SCENARIO_OP)],
  ["pc_scenarios_delete", "delete on scenarios", `OLD.status in ${PUBLIC}`, touchOne("scenario", "OLD.id", "OLD.code", "'delete'")],
  ["pc_scenarios_update_benchmarks", "update on scenarios", changed(BENCHMARK_SCENARIO_FIELDS),
    touchPublic("benchmark", "a.scenario_id = NEW.id")],

  // What a scenario's public record shows besides its own row.
  ...(["scenario_capabilities", "scenario_data_resources", "scenario_status_history", "scenario_amendments"] as const).flatMap((table) =>
    (["insert", "update", "delete"] as const).map((op): [string, string, string | null, string] => [
      `pc_${table}_${op}`, `${op} on ${table}`, null,
      touchPublic("scenario", `s.id = ${op === "delete" ? "OLD" : "NEW"}.scenario_id`) +
        (op === "update" ? touchPublic("scenario", "s.id = OLD.scenario_id") : ""),
    ])),
  // The number of proposals is public, their contents are not: only status changes count.
  ["pc_proposals_insert", "insert on proposals", "NEW.status != 'draft'", touchPublic("scenario", "s.id = NEW.scenario_id")],
  ["pc_proposals_update", "update on proposals", "OLD.status is not NEW.status", touchPublic("scenario", "s.id = NEW.scenario_id")],
  ["pc_proposals_delete", "delete on proposals", "OLD.status != 'draft'", touchPublic("scenario", "s.id = OLD.scenario_id")],
  ["pc_pilots_insert", "insert on pilots", null, touchPublic("scenario", "s.id = NEW.scenario_id")],
  ["pc_pilots_update", "update on pilots", null,
    touchPublic("scenario", "s.id = NEW.scenario_id") + touchPublic("benchmark", "a.pilot_id = NEW.id")],
  ["pc_pilots_delete", "delete on pilots", null, touchPublic("scenario", "s.id = OLD.scenario_id")],

  // Benchmarks: certified or leaving certification; the scenario's record names its benchmark.
  ["pc_benchmarks_insert", "insert on benchmark_applications", "NEW.status = 'certified'",
    touchOne("benchmark", "NEW.id", "NEW.benchmark_number", "'upsert'") + touchPublic("scenario", "s.id = NEW.scenario_id")],
  ["pc_benchmarks_update", "update on benchmark_applications", "NEW.status = 'certified' or OLD.status = 'certified'",
    touchOne("benchmark", "NEW.id", "coalesce(NEW.benchmark_number, OLD.benchmark_number)", BENCHMARK_OP) +
      touchPublic("scenario", "s.id = NEW.scenario_id")],
  ["pc_benchmarks_delete", "delete on benchmark_applications", "OLD.status = 'certified'",
    touchOne("benchmark", "OLD.id", "OLD.benchmark_number", "'delete'") + touchPublic("scenario", "s.id = OLD.scenario_id")],
  ...(["insert", "update", "delete"] as const).map((op): [string, string, string | null, string] => [
    `pc_pilot_kpis_${op}`, `${op} on pilot_kpis`, null, touchPublic("benchmark", `a.pilot_id = ${op === "delete" ? "OLD" : "NEW"}.pilot_id`),
  ]),

  // Vendors: verified vendor organisations and what their profile lists.
  ["pc_organisations_insert", "insert on organisations", "NEW.kind = 'vendor' and NEW.verified = 1",
    touchOne("vendor", "NEW.id", "cast(NEW.id as text)", "'upsert'")],
  ["pc_organisations_update", "update on organisations",
    `((NEW.kind = 'vendor' and NEW.verified = 1) or (OLD.kind = 'vendor' and OLD.verified = 1)) and ${changed(VENDOR_FIELDS)}`,
    touchOne("vendor", "NEW.id", "cast(NEW.id as text)", VENDOR_OP)],
  ["pc_organisations_delete", "delete on organisations", "OLD.kind = 'vendor' and OLD.verified = 1",
    touchOne("vendor", "OLD.id", "cast(OLD.id as text)", "'delete'")],
  // Scenarios and benchmarks print organisation names.
  ["pc_organisations_rename", "update on organisations", "OLD.name is not NEW.name",
    touchPublic("scenario", "s.organisation_id = NEW.id") +
      touchPublic("benchmark", "a.scenario_id in (select id from scenarios where organisation_id = NEW.id) or a.pilot_id in (select id from pilots where vendor_id = NEW.id)")],
  ...(["vendor_capabilities", "vendor_served", "products", "reference_cases"] as const).flatMap((table) =>
    (["insert", "update", "delete"] as const).map((op): [string, string, string | null, string] => [
      `pc_${table}_${op}`, `${op} on ${table}`, null,
      touchPublic("vendor", `o.id = ${op === "delete" ? "OLD" : "NEW"}.organisation_id`),
    ])),
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("public_changes")
    .addColumn("seq", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entity", "text", (c) => c.notNull().check(sql`entity in ('scenario', 'vendor', 'benchmark')`))
    .addColumn("entity_id", "integer", (c) => c.notNull())
    // The identifier the public API uses (scenario code, vendor id, benchmark number), kept so that
    // a deletion can still be named after the row itself is gone.
    .addColumn("public_key", "text")
    .addColumn("op", "text", (c) => c.notNull().check(sql`op in ('upsert', 'delete')`))
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  // The only index: triggers find an entity's row by it. Readers walk `seq` (the rowid) and filter;
  // the table holds one row per entity, so that stays small, and every extra index would slow
  // every write that touches a public record.
  await db.schema.createIndex("public_changes_entity").on("public_changes").columns(["entity", "entity_id"]).unique().execute();

  for (const [name, timing, when, body] of TRIGGERS) await sql.raw(trigger(name, timing, when, body)).execute(db);

  // What is public already starts the feed, oldest first.
  await sql.raw(`insert into public_changes (entity, entity_id, public_key, op, changed_at)
    select 'scenario', id, code, 'upsert', ${NOW} from scenarios where status in ${PUBLIC} order by published_at, id`).execute(db);
  await sql.raw(`insert into public_changes (entity, entity_id, public_key, op, changed_at)
    select 'vendor', id, cast(id as text), 'upsert', ${NOW} from organisations where kind = 'vendor' and verified = 1 order by id`).execute(db);
  await sql.raw(`insert into public_changes (entity, entity_id, public_key, op, changed_at)
    select 'benchmark', id, benchmark_number, 'upsert', ${NOW} from benchmark_applications where status = 'certified'
    order by certified_at, id`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of TRIGGERS) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  await db.schema.dropTable("public_changes").execute();
}
