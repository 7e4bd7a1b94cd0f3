// The corpus of real published layouts (tests/fixtures/real-lists/README.md): each imports as it was
// published, with only the list-wide values an office would naturally give.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { parseSourceFields } from "~/domain/import/source-fields";
import { scenarioRelease } from "~/domain/open-data/ocds";
import { vocabularyLabeler } from "~/i18n/vocabulary-labeler";
import { loadScenarioRecords } from "~/models/scenario-records.server";
import { listHeldRows } from "~/models/import-held.server";
import { dryRunImport, runImport, type ImportSettings } from "~/models/import.server";
import { createTestDatabase } from "../db";
import { insertCapabilities, insertOrganisation } from "../fixtures";

const DIR = path.join(__dirname, "../fixtures/real-lists");
const NOW = new Date("2026-11-20T02:00:00Z");
let db: DB;
let adminId: number;

const read = (name: string) => ({ bytes: new Uint8Array(fs.readFileSync(path.join(DIR, name))), fileName: name });

interface Layout {
  file: string;
  settings: ImportSettings;
  kind: "scenarios" | "vendors";
  /** Header text of the columns that must become these fields. */
  title: string;
  organisation: string;
  description: string | null;
  rows: number;
}

const LAYOUTS: Layout[] = [
  {
    file: "chongqing-2025-low-altitude-1.csv", kind: "scenarios", title: "场景机会名称", organisation: "单位名称", description: null, rows: 1,
    settings: { editionYear: 2025, archive: true, defaults: { domain: "governance" } },
  },
  {
    file: "filed-genai-services-2023-08.csv", kind: "vendors", title: "大模型", organisation: "公司", description: null, rows: 8,
    settings: { editionYear: 2023, defaults: { productKind: "industry_model" } },
  },
];

beforeEach(async () => {
  db = createTestDatabase();
  await insertCapabilities(db);
  const office = await insertOrganisation(db, "南京市人工智能攻坚办", "office");
  adminId = (await db.insertInto("users").values({ email: "admin@test.local", name: "管理员", role: "admin", organisation_id: office }).returning("id").executeTakeFirstOrThrow()).id;
});

describe("real published layouts", () => {
  it.each(LAYOUTS)("$file imports as published: kind, title, organisation and description columns", async (layout) => {
    const dry = await dryRunImport(db, read(layout.file), { ...layout.settings }, NOW);
    expect(dry.fatal).toBeNull();
    expect(dry.kind).toBe(layout.kind);
    const fieldOf = (header: string) => dry.mapping[dry.headers.indexOf(header)];
    expect(fieldOf(layout.title)).toBe(layout.kind === "scenarios" ? "title" : "productName");
    expect(fieldOf(layout.organisation)).toBe("organisation");
    if (layout.description) expect(fieldOf(layout.description)).toBe(layout.kind === "scenarios" ? "description" : "productDescription");
    expect(dry.errors).toEqual([]);
    const report = await runImport(db, read(layout.file), { ...layout.settings, kind: dry.kind }, { userId: adminId }, NOW);
    expect(report.committed).toBe(true);
    expect(report.counts.create).toBe(layout.rows);
  });

  it("an archive keeps what the list said, leaves what it did not say 未注明, and holds a row whose category means nothing", async () => {
    const held = await runImport(db, read("chongqing-2025-low-altitude-1.csv"), { editionYear: 2025, archive: true }, { userId: adminId }, NOW);
    expect(held).toMatchObject({ committed: true, counts: { create: 0, held: 1 } });
    const [row] = (await listHeldRows(db)).rows;
    expect(row!.errors.map((e) => [e.row, e.header, e.key, e.values?.value])).toEqual([[3, "场景类型", "import.error.unknownValue", "低空安全保障"]]);

    const report = await runImport(db, read("chongqing-2025-low-altitude-1.csv"), LAYOUTS[0]!.settings, { userId: adminId }, NOW);
    expect(report.warnings.map((w) => w.key)).toContain("import.warning.nearestValue");
    const scenario = await db.selectFrom("scenarios as s").innerJoin("editions as e", "e.id", "s.edition_id").innerJoin("organisations as o", "o.id", "s.organisation_id")
      .select(["s.title", "s.domain", "s.district", "s.tier", "s.cooperation_mode", "s.contact_phone", "s.source_json", "e.archive", "e.call_status", "o.name", "o.district as orgDistrict"])
      .executeTakeFirstOrThrow();
    expect(scenario).toMatchObject({
      title: "全市无人机无线信标接收系统和重点区域无人机监测管控", domain: "governance", district: "", tier: "", cooperation_mode: "joint_build",
      contact_phone: "023-63961517", archive: 1, call_status: "closed", name: "重庆市公安局", orgDistrict: "",
    });
    expect(parseSourceFields(scenario.source_json)).toEqual({ category: "低空安全保障" });

    // Published as past, with no invented address and no placeholder credit code as an identifier.
    const id = (await db.selectFrom("scenarios").select("id").executeTakeFirstOrThrow()).id;
    const [record] = await loadScenarioRecords(db, [id]);
    expect(record).toMatchObject({ archive: true, organisation: { creditCode: "" } });
    const release = scenarioRelease(record!, { baseUrl: "http://localhost", label: vocabularyLabeler("zh") }) as { tender: { status: string }; parties: Record<string, unknown>[] };
    expect(release.tender.status).toBe("complete");
    expect(release.parties[0]).not.toHaveProperty("identifier");
    expect(release.parties[0]).not.toHaveProperty("address");
    expect(String(release.parties[0]!.id)).toMatch(/^ocds-njai-org-\d+$/);
    expect(JSON.stringify(release)).not.toContain("待补充");
  });
});
