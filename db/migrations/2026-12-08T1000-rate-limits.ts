import { sql, type Kysely } from "kysely";

// One row per counted action (a question asked, an objection filed, an account created, a saved
// search added), under a key naming the action and who did it: `question:user:12`,
// `question:ip:203.0.113.9`. The rate limits count rows of a key inside a window; old rows are
// pruned as new ones are written. Sign-in failures keep their own table (login_attempts).
// Frozen in time: imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limit_hits")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .execute();
  await db.schema.createIndex("rate_limit_hits_key_time").on("rate_limit_hits").columns(["key", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limit_hits").execute();
}
