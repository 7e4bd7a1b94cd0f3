import { sql, type Kysely } from "kysely";

// The pilot workspace and incentives: milestones, KPI measurements over time, a status log, and
// redemptions against incentive grants. Frozen in time: imports nothing from app/.

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

  await db.schema
    .createTable("pilot_milestones")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("pilot_id", "integer", (c) => c.notNull().references("pilots.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("done_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("pilot_milestones_pilot").on("pilot_milestones").columns(["pilot_id", "due_on"]).execute();

  await db.schema
    .createTable("pilot_kpi_measurements")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kpi_id", "integer", (c) => c.notNull().references("pilot_kpis.id").onDelete("cascade"))
    .addColumn("value", "real", (c) => c.notNull())
    .addColumn("measured_on", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("recorded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("pilot_kpi_measurements_kpi").on("pilot_kpi_measurements").columns(["kpi_id", "measured_on"]).execute();

  await db.schema
    .createTable("pilot_updates")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("pilot_id", "integer", (c) => c.notNull().references("pilots.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("pilot_updates_pilot").on("pilot_updates").columns(["pilot_id", "id"]).execute();

  await db.schema
    .createTable("incentive_redemptions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("incentive_id", "integer", (c) => c.notNull().references("incentives.id").onDelete("cascade"))
    .addColumn("amount_wan", "real", (c) => c.notNull().check(sql`amount_wan > 0`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("redeemed_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("incentive_redemptions_incentive").on("incentive_redemptions").columns(["incentive_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("incentive_redemptions").execute();
  await db.schema.dropTable("pilot_updates").execute();
  await db.schema.dropTable("pilot_kpi_measurements").execute();
  await db.schema.dropTable("pilot_milestones").execute();
}
