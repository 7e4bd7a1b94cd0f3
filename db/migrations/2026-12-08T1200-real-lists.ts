import { sql, type Kysely } from "kysely";

// Importing real published lists as they are: archives, source fields, industries, the holding area
// for rows that need the office's hand, and which import created an organisation. Frozen in time:
// imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

  // A past list, or another city's, kept for reference: its scenarios are past, never open.
  await db.schema.alterTable("editions").addColumn("archive", "integer", (c) => c.notNull().defaultTo(0)).execute();

  // What the source printed that has no column of ours (publisher, city, source list, outcome,
  // solution, the original category, the publication date), as JSON; null for platform scenarios.
  await db.schema.alterTable("scenarios").addColumn("source_json", "text").execute();

  // The SHA-256 of the file whose import created the organisation: bulk verification of one import.
  await db.schema.alterTable("organisations").addColumn("imported_from", "text").execute();
  await db.schema.createIndex("organisations_imported_from").on("organisations").column("imported_from").execute();

  // Industries (GB/T 4754-2017 sections plus `general`): declared by the organisation or its list,
  // or inferred from text (by matching). A scenario's are its demand organisation's.
  await db.schema
    .createTable("organisation_industries")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("industry", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('declared', 'inferred')`))
    .addPrimaryKeyConstraint("organisation_industries_pk", ["organisation_id", "industry", "source"])
    .execute();
  await db.schema.createIndex("organisation_industries_industry").on("organisation_industries").columns(["industry", "organisation_id"]).execute();

  // Rows of an import that had errors wait here (待处理) until the office fixes them in place or
  // dismisses them; the rest of the file is imported meanwhile.
  await db.schema
    .createTable("import_held_rows")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('scenarios', 'vendors')`))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("headers_json", "text", (c) => c.notNull())
    .addColumn("cells_json", "text", (c) => c.notNull())
    .addColumn("settings_json", "text", (c) => c.notNull())
    .addColumn("errors_json", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("resolved_at", "text")
    .addColumn("resolution", "text", (c) => c.check(sql`resolution in ('imported', 'dismissed')`))
    .execute();
  await db.schema.createIndex("import_held_rows_open").on("import_held_rows").columns(["resolved_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_held_rows").execute();
  await db.schema.dropTable("organisation_industries").execute();
  await db.schema.dropIndex("organisations_imported_from").execute();
  await db.schema.alterTable("organisations").dropColumn("imported_from").execute();
  await db.schema.alterTable("scenarios").dropColumn("source_json").execute();
  await db.schema.alterTable("editions").dropColumn("archive").execute();
}
