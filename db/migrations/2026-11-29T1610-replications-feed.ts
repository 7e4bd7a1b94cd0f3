import { sql, type Kysely } from "kysely";

// A certified benchmark's public record counts and lists the scenarios started from it ("replicate
// this"), so the change feed re-announces the benchmark when a replica is created, changes status,
// is retitled while public, or is deleted. Same compaction as the other change-feed triggers
// (2026-11-29T1200-change-feed): the entity's row is deleted and appended again.
// Frozen in time: imports nothing from app/.

const PUBLIC = "('published', 'matched', 'piloting', 'benchmark', 'closed')";

function touchBenchmark(idExpression: string): string {
  const set = `select a.id, a.benchmark_number as key from benchmark_applications a where a.status = 'certified' and a.id = ${idExpression}`;
  return `
    delete from public_changes where entity = 'benchmark' and entity_id in (select id from (${set}));
    insert into public_changes (entity, entity_id, public_key, op, changed_at)
      select 'benchmark', id, key, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') from (${set});`;
}

const TRIGGERS: [name: string, timing: string, when: string, body: string][] = [
  ["pc_replicas_insert", "insert on scenarios", "NEW.replicated_from is not null", touchBenchmark("NEW.replicated_from")],
  ["pc_replicas_update", "update on scenarios",
    `(NEW.replicated_from is not null or OLD.replicated_from is not null) and (OLD.replicated_from is not NEW.replicated_from
      or OLD.status is not NEW.status or (NEW.status in ${PUBLIC} and (OLD.title is not NEW.title or OLD.code is not NEW.code)))`,
    touchBenchmark("OLD.replicated_from") + touchBenchmark("NEW.replicated_from")],
  ["pc_replicas_delete", "delete on scenarios", "OLD.replicated_from is not null", touchBenchmark("OLD.replicated_from")],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, timing, when, body] of TRIGGERS) {
    await sql.raw(`create trigger ${name} after ${timing} when ${when} begin ${body} end`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of TRIGGERS) await sql.raw(`drop trigger if exists ${name}`).execute(db);
}
