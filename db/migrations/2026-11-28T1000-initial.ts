import { sql, type Kysely } from "kysely";

// Frozen in time: this file imports nothing from app/ and never changes once it has shipped.
// Times are ISO-8601 UTC strings; money is in 万元 (REAL); booleans are 0/1 integers.

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

  await db.schema
    .createTable("organisations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('demand', 'vendor', 'office')`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("credit_code", "text", (c) => c.notNull().unique())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("website", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("organisation_id", "integer", (c) => c.references("organisations.id"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('demand_member', 'vendor_member', 'reviewer', 'admin')`),
    )
    .addColumn("password_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("editions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("year", "integer", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("call_status", "text", (c) =>
      c.notNull().defaultTo("not_open").check(sql`call_status in ('not_open', 'open', 'closed')`),
    )
    .addColumn("call_opens_at", "text")
    .addColumn("call_closes_at", "text")
    .addColumn("incentive_budget_wan", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("batches")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("edition_id", "integer", (c) => c.notNull().references("editions.id"))
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addUniqueConstraint("batches_edition_ordinal", ["edition_id", "ordinal"])
    .execute();

  await db.schema
    .createTable("capabilities")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("capability_synonyms")
    .addColumn("capability_id", "integer", (c) => c.notNull().references("capabilities.id").onDelete("cascade"))
    .addColumn("term", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("capability_synonyms_pk", ["capability_id", "term"])
    .execute();

  await db.schema
    .createTable("scenarios")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // Given when the scenario's batch is published (NJ-2026-0137), never reused.
    .addColumn("code", "text", (c) => c.unique())
    .addColumn("edition_id", "integer", (c) => c.notNull().references("editions.id"))
    .addColumn("batch_id", "integer", (c) => c.references("batches.id"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("requirements", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("acceptance_criteria", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("venue_type", "text")
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("cooperation_mode", "text", (c) => c.notNull())
    .addColumn("tier", "text", (c) => c.notNull())
    .addColumn("budget_wan", "real")
    .addColumn("period_start", "text")
    .addColumn("period_end", "text")
    .addColumn("site_access", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_email", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("proposal_deadline", "text")
    .addColumn("published_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("scenarios_status_published").on("scenarios").columns(["status", "published_at"]).execute();
  await db.schema.createIndex("scenarios_edition_batch").on("scenarios").columns(["edition_id", "batch_id"]).execute();
  await db.schema.createIndex("scenarios_organisation").on("scenarios").column("organisation_id").execute();
  // Covers every column the list filters, counts and sorts on, so that joining thousands of text
  // matches to their scenarios reads this narrow index instead of the wide rows.
  await db.schema
    .createIndex("scenarios_listing")
    .on("scenarios")
    .columns(["id", "status", "domain", "district", "venue_type", "cooperation_mode", "tier", "budget_wan",
      "edition_id", "batch_id", "published_at", "proposal_deadline"])
    .execute();

  await db.schema
    .createTable("scenario_capabilities")
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("capability_id", "integer", (c) => c.notNull().references("capabilities.id"))
    .addPrimaryKeyConstraint("scenario_capabilities_pk", ["scenario_id", "capability_id"])
    .execute();

  await db.schema
    .createTable("scenario_data_resources")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("volume", "text", (c) => c.notNull())
    .addColumn("labelled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sensitivity", "text", (c) =>
      c.notNull().check(sql`sensitivity in ('public', 'internal', 'sensitive', 'personal')`),
    )
    .execute();

  await db.schema
    .createTable("scenario_attachments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("scenario_status_history")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("status_history_scenario").on("scenario_status_history").columns(["scenario_id", "created_at"]).execute();

  await db.schema
    .createTable("vendor_capabilities")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("capability_id", "integer", (c) => c.notNull().references("capabilities.id"))
    .addPrimaryKeyConstraint("vendor_capabilities_pk", ["organisation_id", "capability_id"])
    .execute();

  await db.schema
    .createTable("products")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('industry_model', 'smart_terminal', 'agent')`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // 生成式人工智能服务备案号, for industry models.
    .addColumn("filing_number", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("proposals")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id"))
    .addColumn("vendor_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("approach", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("team", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("price_wan", "real")
    .addColumn("timeline", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("needs_reconfirmation", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("submitted_at", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  // One live proposal per vendor per scenario.
  await sql`create unique index proposals_one_live on proposals (scenario_id, vendor_id)
    where status in ('draft', 'submitted', 'shortlisted', 'selected')`.execute(db);

  await db.schema
    .createTable("pilots")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("scenario_id", "integer", (c) => c.notNull().unique().references("scenarios.id"))
    .addColumn("proposal_id", "integer", (c) => c.references("proposals.id"))
    .addColumn("vendor_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("active").check(sql`status in ('active', 'completed', 'ended')`),
    )
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema
    .createTable("pilot_kpis")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("pilot_id", "integer", (c) => c.notNull().references("pilots.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("baseline", "real", (c) => c.notNull())
    .addColumn("target", "real", (c) => c.notNull())
    .addColumn("measured", "real")
    .addColumn("higher_is_better", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("incentives")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("edition_id", "integer", (c) => c.notNull().references("editions.id"))
    .addColumn("pilot_id", "integer", (c) => c.notNull().references("pilots.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('compute_voucher', 'subsidy')`))
    .addColumn("amount_wan", "real", (c) => c.notNull().check(sql`amount_wan > 0`))
    .addColumn("redeemed_wan", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("benchmark_applications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("pilot_id", "integer", (c) => c.notNull().references("pilots.id"))
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenarios.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("submitted")
        .check(sql`status in ('submitted', 'in_review', 'notice', 'certified', 'rejected')`),
    )
    .addColumn("narrative", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("mean_score", "real")
    .addColumn("notice_starts_at", "text")
    .addColumn("notice_ends_at", "text")
    .addColumn("certified_at", "text")
    .addColumn("benchmark_number", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("benchmark_applications_status").on("benchmark_applications").columns(["status", "certified_at"]).execute();

  await db.schema
    .createTable("benchmark_reviews")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("application_id", "integer", (c) => c.notNull().references("benchmark_applications.id"))
    .addColumn("reviewer_id", "integer", (c) => c.notNull().references("users.id"))
    // {"impact": 27, "innovation": 16, ...}: criterion → points awarded out of its weight.
    .addColumn("scores_json", "text")
    .addColumn("total", "real")
    .addColumn("submitted_at", "text")
    .addUniqueConstraint("benchmark_reviews_once", ["application_id", "reviewer_id"])
    .execute();

  await db.schema
    .createTable("targets")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("goal", "integer", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    .execute();

  // The embedded search index: text pre-segmented in the application (one token per CJK character,
  // ASCII words whole), so FTS5 phrase queries are exact substring matches of any length.
  await sql`create virtual table scenario_fts using fts5(
    title, capabilities, organisation, body, tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists scenario_fts`.execute(db);
  for (const table of [
    "targets",
    "benchmark_reviews",
    "benchmark_applications",
    "incentives",
    "pilot_kpis",
    "pilots",
    "proposals",
    "products",
    "vendor_capabilities",
    "scenario_status_history",
    "scenario_attachments",
    "scenario_data_resources",
    "scenario_capabilities",
    "scenarios",
    "capability_synonyms",
    "capabilities",
    "batches",
    "editions",
    "users",
    "organisations",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
