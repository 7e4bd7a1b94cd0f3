// The real-data matching world: the scenarios and vendors of tests/fixtures/real-matching imported
// into an otherwise empty database, as a real imported list arrives: no capability tags, no served
// domains or venues, no track record. Vendors are verified organisations whose products are the
// list's models (name; the list's note as description) and whose summary is the list's category
// column; scenarios are published, with the source's title, description and requirements.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, type DB } from "~/db/db.server";
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import { CAPABILITIES } from "~/domain/vocabulary";
import { migrateToLatest } from "~/db/migrate.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { reindexScenarios, reindexVendors } from "~/search/search.server";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../tests/fixtures/real-matching");

export interface RealVendor {
  name: string;
  province: string;
  products: { row: number; name: string; category: string; note: string }[];
}

export interface RealScenario {
  code: string;
  source: string;
  title: string;
  organisation: string;
  description: string;
  requirements: string;
  cooperation: string;
  shortlist: { vendor: string; reason: string }[];
}

export function readRealSet(): { vendors: RealVendor[]; scenarios: RealScenario[] } {
  const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as T;
  return { vendors: read<RealVendor[]>("vendors.json"), scenarios: read<RealScenario[]>("scenarios.json") };
}

/** S1–S6 are city/provincial opportunity lists; S7–S10 national and provincial lists of named scenarios. */
export const sourceKind = (source: string) => (["S1", "S2", "S3", "S4", "S5", "S6"].includes(source) ? "list" : "named");

let credit = 0;
function creditCode(): string {
  credit++;
  const first17 = `91510100${String(credit).padStart(8, "0")}X`;
  return first17 + creditCodeCheckCharacter(first17);
}

async function load(db: DB) {
  const { vendors, scenarios } = readRealSet();
  for (const c of CAPABILITIES) {
    await db.insertInto("capabilities").values({ slug: c.slug, name_zh: c.zh, name_en: c.en }).onConflict((o) => o.doNothing()).execute();
  }
  const edition = await db.insertInto("editions").values({ year: 2026, title: "真实清单评测" }).returning("id").executeTakeFirstOrThrow();
  const vendorIds = new Map<string, number>();
  for (const v of vendors) {
    const categories = [...new Set(v.products.map((p) => p.category).filter(Boolean))];
    const row = await db
      .insertInto("organisations")
      .values({ kind: "vendor", name: v.name, credit_code: creditCode(), district: "江北新区", verified: 1, summary: categories.length ? `类别：${categories.join("、")}` : "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    vendorIds.set(v.name, row.id);
    for (const p of v.products) {
      await db.insertInto("products").values({ organisation_id: row.id, kind: "industry_model", name: p.name, description: p.note, filing_number: null }).execute();
    }
  }
  const demandIds = new Map<string, number>();
  const scenarioIds = new Map<string, number>();
  const deadline = new Date(Date.now() + 90 * 86_400_000).toISOString();
  for (const s of scenarios) {
    let org = demandIds.get(s.organisation);
    if (org === undefined) {
      org = (await db.insertInto("organisations").values({ kind: "demand", name: s.organisation, credit_code: creditCode(), district: "玄武区", verified: 1 }).returning("id").executeTakeFirstOrThrow()).id;
      demandIds.set(s.organisation, org);
    }
    const row = await db
      .insertInto("scenarios")
      .values({
        code: s.code,
        edition_id: edition.id,
        organisation_id: org,
        title: s.title,
        description: s.description,
        requirements: s.requirements,
        domain: "tech_innovation",
        district: "玄武区",
        cooperation_mode: "joint_build",
        tier: "small_high_value",
        contact_name: "联系人",
        status: "published",
        published_at: "2026-03-01T02:00:00.000Z",
        proposal_deadline: deadline,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    scenarioIds.set(s.code, row.id);
  }
  return { vendors, scenarios, vendorIds, scenarioIds };
}

/** The real set in a fresh database file, indexed by the embedded engine; removed again by `dispose`. */
export async function realWorld() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-real-"));
  const db = openDatabase(path.join(dir, "real.db"));
  await migrateToLatest(db);
  const loaded = await load(db);
  const engine = createEmbeddedEngine(db);
  await reindexScenarios(db, engine);
  await reindexVendors(db, engine);
  await db.updateTable("search_outbox").set({ done_at: new Date().toISOString() }).where("done_at", "is", null).execute();
  return { db, engine, ...loaded, dispose: async () => { await db.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
