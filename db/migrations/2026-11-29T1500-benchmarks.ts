import { sql, type Kysely } from "kysely";

// From pilot to benchmark: evidence files on a pilot, the edition's rubric and pass mark, reviewer
// assignments with declared conflicts and per-criterion comments, the public notice's objections,
// and scenarios started from a benchmark ("replicate this"). Frozen in time: imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

  // null rubric = the default rubric (DESIGN.md); a JSON list of {key, zh, en, weight} otherwise.
  await db.schema.alterTable("editions").addColumn("rubric_json", "text").execute();
  await db.schema.alterTable("editions").addColumn("pass_mark", "real", (c) => c.notNull().defaultTo(75)).execute();
  await db.schema.alterTable("editions").addColumn("notice_days", "integer", (c) => c.notNull().defaultTo(7)).execute();

  await db.schema
    .createTable("pilot_evidence")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("pilot_id", "integer", (c) => c.notNull().references("pilots.id").onDelete("cascade"))
    // The KPI this file supports, if any.
    .addColumn("kpi_id", "integer", (c) => c.references("pilot_kpis.id").onDelete("set null"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("pilot_evidence_pilot").on("pilot_evidence").columns(["pilot_id"]).execute();

  // The application keeps the rubric and pass mark it is judged by (copied from its edition when
  // submitted), so changing an edition's rubric never changes a review under way.
  await db.schema.alterTable("benchmark_applications").addColumn("rubric_json", "text").execute();
  await db.schema.alterTable("benchmark_applications").addColumn("pass_mark", "real").execute();
  await db.schema.alterTable("benchmark_applications").addColumn("submitted_by", "integer", (c) => c.references("users.id")).execute();
  await db.schema.alterTable("benchmark_applications").addColumn("review_closed_at", "text").execute();
  await db.schema.alterTable("benchmark_applications").addColumn("decision_note", "text").execute();
  await sql`create unique index benchmark_applications_one_live on benchmark_applications (pilot_id)
    where status in ('submitted', 'in_review', 'notice', 'certified')`.execute(db);

  // A benchmark_reviews row is an assignment: who assigned it and when, a conflict the reviewer
  // declared (the sheet then does not count), comments per criterion, last edit.
  await db.schema.alterTable("benchmark_reviews").addColumn("assigned_by", "integer", (c) => c.references("users.id")).execute();
  await db.schema.alterTable("benchmark_reviews").addColumn("assigned_at", "text").execute();
  await db.schema.alterTable("benchmark_reviews").addColumn("comments_json", "text").execute();
  await db.schema.alterTable("benchmark_reviews").addColumn("conflict_declared_at", "text").execute();
  await db.schema.alterTable("benchmark_reviews").addColumn("conflict_reason", "text").execute();
  await db.schema.alterTable("benchmark_reviews").addColumn("updated_at", "text").execute();
  await db.schema.createIndex("benchmark_reviews_reviewer").on("benchmark_reviews").columns(["reviewer_id"]).execute();

  await db.schema
    .createTable("benchmark_objections")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("application_id", "integer", (c) => c.notNull().references("benchmark_applications.id").onDelete("cascade"))
    // Anyone may object: a signed-in user is linked, a visitor leaves a name and a contact.
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open', 'upheld', 'rejected')`))
    .addColumn("resolution", "text")
    .addColumn("resolved_by", "integer", (c) => c.references("users.id"))
    .addColumn("resolved_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("benchmark_objections_application").on("benchmark_objections").columns(["application_id", "status"]).execute();

  await db.schema
    .alterTable("scenarios")
    .addColumn("replicated_from", "integer", (c) => c.references("benchmark_applications.id"))
    .execute();
  await db.schema.createIndex("scenarios_replicated_from").on("scenarios").columns(["replicated_from"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("scenarios_replicated_from").execute();
  await db.schema.alterTable("scenarios").dropColumn("replicated_from").execute();
  await db.schema.dropTable("benchmark_objections").execute();
  await db.schema.dropIndex("benchmark_reviews_reviewer").execute();
  for (const column of ["updated_at", "conflict_reason", "conflict_declared_at", "comments_json", "assigned_at", "assigned_by"]) {
    await db.schema.alterTable("benchmark_reviews").dropColumn(column).execute();
  }
  await db.schema.dropIndex("benchmark_applications_one_live").execute();
  for (const column of ["decision_note", "review_closed_at", "submitted_by", "pass_mark", "rubric_json"]) {
    await db.schema.alterTable("benchmark_applications").dropColumn(column).execute();
  }
  await db.schema.dropTable("pilot_evidence").execute();
  for (const column of ["notice_days", "pass_mark", "rubric_json"]) await db.schema.alterTable("editions").dropColumn(column).execute();
}
