import { sql, type Kysely } from "kysely";

// The embedded engine's vendor index, for matching vendors to scenarios: verified vendors' names,
// capabilities, products and the rest of their profile, segmented like scenario_fts. Frozen in
// time: imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create virtual table vendor_fts using fts5(
    name, capabilities, products, body, tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists vendor_fts`.execute(db);
}
