// Labelling aid for the match-quality set: prints one scenario of the demo seed and every vendor's
// profile in one line each, so that a person can read them side by side and decide whom to
// shortlist. It ranks nothing and filters nothing except, on request, by the vendor's business
// field; the judgement stays with the reader.
//
//   npx tsx scripts/bench/match-candidates.ts NJ-2026-0123            # one scenario, all vendors
//   npx tsx scripts/bench/match-candidates.ts NJ-2026-0123 --field 医疗 # vendors whose profile mentions 医疗
//   npx tsx scripts/bench/match-candidates.ts --list hospital           # scenarios of a venue type (or a domain)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type DB } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { seedDemo } from "../../db/seed";

export async function seededDemoDatabase(scenarios = 900): Promise<{ db: DB; dispose: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "match-labels-"));
  const db = openDatabase(path.join(dir, "demo.db"));
  await migrateToLatest(db);
  await seedDemo(db, { scenarios });
  return { db, dispose: async () => { await db.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function printScenario(db: DB, code: string) {
  const s = await db.selectFrom("scenarios as s").innerJoin("organisations as o", "o.id", "s.organisation_id")
    .where("s.code", "=", code)
    .select(["s.id", "s.code", "s.title", "s.description", "s.requirements", "s.domain", "s.venue_type", "s.district", "s.status", "o.name as org"])
    .executeTakeFirstOrThrow();
  const caps = await db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
    .where("sc.scenario_id", "=", s.id).select("c.name_zh").execute();
  console.log(`# ${s.code} ${s.title}\n  ${s.org} | ${s.domain} | ${s.venue_type ?? "-"} | ${s.district} | ${s.status}`);
  console.log(`  capabilities: ${caps.map((c) => c.name_zh).join("、")}`);
  console.log(`  ${s.description}\n  ${s.requirements}\n`);
}

async function printVendors(db: DB, field: string | null) {
  const vendors = await db.selectFrom("organisations").where("kind", "=", "vendor")
    .select(["id", "name", "district", "summary", "verified"]).orderBy("id").execute();
  for (const v of vendors) {
    const [caps, served, products, cases, pilots] = await Promise.all([
      db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id").where("vc.organisation_id", "=", v.id).select("c.name_zh").execute(),
      db.selectFrom("vendor_served").where("organisation_id", "=", v.id).select(["facet", "value"]).execute(),
      db.selectFrom("products").where("organisation_id", "=", v.id).select(["name", "filing_number"]).execute(),
      db.selectFrom("reference_cases").where("organisation_id", "=", v.id).select(["client", "scenario"]).execute(),
      sql<{ title: string; venue_type: string | null }>`select s.title, s.venue_type from pilots p join scenarios s on s.id = p.scenario_id where p.vendor_id = ${v.id}`.execute(db),
    ]);
    const line = [
      `${v.name}${v.verified ? "" : "（未认证）"} [${v.district}]`,
      `能力:${caps.map((c) => c.name_zh).join("/")}`,
      `服务:${served.filter((x) => x.facet !== "district").map((x) => x.value).join("/")}`,
      `产品:${products.map((p) => `${p.name}${p.filing_number ? "(备案)" : ""}`).join("/")}`,
      `案例:${cases.map((c) => `${c.client}:${c.scenario.slice(0, 14)}`).join("/")}`,
      `试点:${pilots.rows.map((p) => p.title.slice(-16)).join("/")}`,
    ].join(" | ");
    if (field && !line.includes(field) && !v.summary.includes(field)) continue;
    console.log(`${v.id} ${line}`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const { db, dispose } = await seededDemoDatabase();
  try {
    const list = args.indexOf("--list");
    if (list >= 0) {
      const key = args[list + 1]!;
      const rows = await db.selectFrom("scenarios").where("code", "is not", null)
        .where((eb) => eb.or([eb("venue_type", "=", key as never), eb("domain", "=", key as never)]))
        .select(["code", "title", "domain", "venue_type", "district"]).orderBy("code").execute();
      for (const r of rows) console.log(`${r.code} ${r.title} | ${r.domain} | ${r.venue_type ?? "-"} | ${r.district}`);
      return;
    }
    const code = args.find((a) => a.startsWith("NJ-"));
    if (code) await printScenario(db, code);
    const field = args.indexOf("--field");
    await printVendors(db, field >= 0 ? args[field + 1]! : null);
  } finally {
    await dispose();
  }
}

if (process.argv[1]?.endsWith("match-candidates.ts")) main().catch((e) => { console.error(e); process.exit(1); });
