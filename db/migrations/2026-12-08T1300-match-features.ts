import { sql, type Kysely } from "kysely";

// Matching's own precomputed features, one row per public scenario and per verified vendor: the
// matching terms of its text (jieba words, with their field weight for scenarios), whether it has any
// profile text at all, and the capabilities and industries the system inferred from its text (shown
// as "系统推断" beside the declared ones). Kept current through the search outbox; a row is derived
// data and can always be rebuilt from the database.
// Frozen in time: imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("match_features")
    .addColumn("subject", "text", (c) => c.notNull().check(sql`subject in ('scenario', 'vendor')`))
    .addColumn("subject_id", "integer", (c) => c.notNull())
    // JSON object: term → field weight (scenario) or 1 (vendor).
    .addColumn("terms_json", "text", (c) => c.notNull().defaultTo("{}"))
    // JSON arrays of product and case term lists (vendors only): what a reason can name.
    .addColumn("parts_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("has_text", "integer", (c) => c.notNull().defaultTo(0))
    // Inferred tags, JSON arrays of capability slugs and industry codes.
    .addColumn("inferred_capabilities", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("inferred_industries", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .addPrimaryKeyConstraint("match_features_pk", ["subject", "subject_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("match_features").ifExists().execute();
}
