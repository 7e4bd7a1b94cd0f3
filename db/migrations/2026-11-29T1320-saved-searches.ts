import { sql, type Kysely } from "kysely";

// Saved searches of the public list, the alerts they send and their Atom feeds. Frozen in time:
// imports nothing from app/.
//
// What counts as "new" for a saved search: a scenario published (published_at) after the search
// was saved, not yet in saved_search_seen for it. An amendment leaves published_at alone, so an
// amended scenario never comes back; the seen rows make "never the same scenario twice" hold even
// when two runs look at overlapping windows.

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

  await db.schema
    .createTable("saved_searches")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    // The canonical query string of the public list (serializeScenarioQuery), without page.
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) => c.notNull().check(sql`frequency in ('immediate', 'daily', 'weekly')`))
    // For the Atom feed, which a feed reader fetches without a cookie: 32 random bytes, base64url.
    .addColumn("feed_token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    // When the alert job last looked at this search (whether or not it found anything).
    .addColumn("last_alerted_at", "text")
    // When its owner last opened its results, for the "new since last visit" count.
    .addColumn("last_viewed_at", "text")
    .execute();
  await db.schema.createIndex("saved_searches_user").on("saved_searches").columns(["user_id", "id"]).execute();
  await db.schema.createIndex("saved_searches_due").on("saved_searches").columns(["frequency", "last_alerted_at"]).execute();

  await db.schema
    .createTable("saved_search_seen")
    .addColumn("saved_search_id", "integer", (c) => c.notNull().references("saved_searches.id").onDelete("cascade"))
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("alerted_at", "text", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("saved_search_seen_pk", ["saved_search_id", "scenario_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("saved_search_seen").execute();
  await db.schema.dropTable("saved_searches").execute();
}
