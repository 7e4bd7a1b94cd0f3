import { sql, type Kysely } from "kysely";

// Importing the lists cities already keep in spreadsheets. Frozen in time: imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

  // Which spreadsheet row a scenario came from (edition, organisation and title, normalised), so
  // that importing the same list again updates it instead of adding it twice. Null for scenarios
  // posted on the platform.
  await db.schema.alterTable("scenarios").addColumn("source_key", "text").execute();
  await db.schema.createIndex("scenarios_source_key").on("scenarios").column("source_key").unique().execute();

  // An uploaded file between the office's steps (mapping, dry run, confirmation): kept in the
  // database so that every step reads the same bytes, removed once imported or after a day.
  await db.schema
    .createTable("import_uploads")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", "blob", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_uploads").execute();
  await db.schema.dropIndex("scenarios_source_key").execute();
  await db.schema.alterTable("scenarios").dropColumn("source_key").execute();
}
