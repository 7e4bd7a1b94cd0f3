import { sql, type Kysely } from "kysely";

// The vendor side and what bidding records: vendor profiles (what they serve, reference cases),
// amendments to published scenarios, public questions and answers, follows, proposal links and
// attachments, and each user's language and notification rhythm. Frozen in time: imports nothing
// from app/.

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

  // The language messages to this person are written in, and whether e-mail comes at once or as
  // one daily digest. A notification waits for the digest while `emailed` is 0.
  await db.schema.alterTable("users").addColumn("lang", "text", (c) => c.notNull().defaultTo("zh")).execute();
  await db.schema.alterTable("users").addColumn("notify_mode", "text", (c) => c.notNull().defaultTo("immediate")).execute();
  await db.schema.alterTable("notifications").addColumn("emailed", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex("notifications_digest").on("notifications").columns(["emailed", "user_id"]).execute();

  // Domains, venue types and districts a vendor serves: one row per value, so filters are plain joins.
  await db.schema
    .createTable("vendor_served")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("facet", "text", (c) => c.notNull().check(sql`facet in ('domain', 'venue_type', 'district')`))
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("vendor_served_pk", ["organisation_id", "facet", "value"])
    .execute();
  await db.schema.createIndex("vendor_served_value").on("vendor_served").columns(["facet", "value"]).execute();

  await db.schema
    .createTable("reference_cases")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("scenario", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("year", "integer")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("reference_cases_org").on("reference_cases").column("organisation_id").execute();

  await db.schema.alterTable("organisations").addColumn("profile_updated_at", "text").execute();

  // A numbered change to a published scenario: what changed (field, before, after), why, and what
  // it did to the proposal deadline.
  await db.schema
    .createTable("scenario_amendments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("changes_json", "text", (c) => c.notNull())
    .addColumn("material", "integer", (c) => c.notNull())
    .addColumn("deadline_before", "text")
    .addColumn("deadline_after", "text")
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("scenario_amendments_number", ["scenario_id", "number"])
    .execute();

  // Clarifications: the asker is recorded for moderation and never shown.
  await db.schema
    .createTable("scenario_questions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id"))
    .addColumn("asked_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "integer", (c) => c.references("users.id"))
    .addColumn("answered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("scenario_questions_scenario").on("scenario_questions").columns(["scenario_id", "created_at"]).execute();

  await db.schema
    .createTable("scenario_follows")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("scenario_follows_pk", ["user_id", "scenario_id"])
    .execute();
  await db.schema.createIndex("scenario_follows_scenario").on("scenario_follows").column("scenario_id").execute();

  // The amendment a proposal was last confirmed against; an older one needs re-confirmation.
  await db.schema.alterTable("proposals").addColumn("confirmed_amendment", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("proposals").addColumn("version", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("proposals").addColumn("submitted_by", "integer", (c) => c.references("users.id")).execute();
  await db.schema.createIndex("proposals_vendor").on("proposals").columns(["vendor_id", "status"]).execute();
  await db.schema.createIndex("proposals_scenario").on("proposals").columns(["scenario_id", "status"]).execute();

  await db.schema
    .createTable("proposal_products")
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("proposal_products_pk", ["proposal_id", "product_id"])
    .execute();
  await db.schema
    .createTable("proposal_cases")
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("case_id", "integer", (c) => c.notNull().references("reference_cases.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("proposal_cases_pk", ["proposal_id", "case_id"])
    .execute();

  // Files live outside public/ under a random storage key; the name is only for display.
  await db.schema
    .createTable("proposal_attachments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["proposal_attachments", "proposal_cases", "proposal_products", "scenario_follows", "scenario_questions", "scenario_amendments", "reference_cases", "vendor_served"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("proposals_scenario").execute();
  await db.schema.dropIndex("proposals_vendor").execute();
  await db.schema.dropIndex("notifications_digest").execute();
  for (const column of ["submitted_by", "version", "confirmed_amendment"]) await db.schema.alterTable("proposals").dropColumn(column).execute();
  await db.schema.alterTable("organisations").dropColumn("profile_updated_at").execute();
  await db.schema.alterTable("notifications").dropColumn("emailed").execute();
  for (const column of ["notify_mode", "lang"]) await db.schema.alterTable("users").dropColumn(column).execute();
}
