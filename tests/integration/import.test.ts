import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { MAX_IMPORT_BYTES } from "~/import/read.server";
import { fixHeldRow, listHeldRows } from "~/models/import-held.server";
import { dryRunImport, runImport, type ImportSettings } from "~/models/import.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { applySearchOutbox } from "~/search/sync.server";
import { runImportCli } from "../../scripts/import";
import { createTestDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { CHONGQING_HEADERS, csvBytes, scenarioRows, xlsxBytes } from "../import-files";

let db: DB;
let adminId: number;
const NOW = new Date("2026-11-20T02:00:00Z");
const settings: ImportSettings = { editionYear: 2025, defaults: { tier: "integrated" }, batch: { kind: "new", publishedOn: "2025-06-30" } };

/** Rows in every table: what “writes nothing” means. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'scenario_fts_%' and name != 'kysely_migration_lock'`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) counts[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0]!.n);
  return counts;
}

const file = (bytes: Uint8Array, fileName = "2025年场景机会清单.csv") => ({ bytes, fileName });

beforeEach(async () => {
  db = createTestDatabase();
  await insertCapabilities(db);
  const office = await insertOrganisation(db, "南京市人工智能攻坚办", "office");
  adminId = (await db.insertInto("users").values({ email: "admin@test.local", name: "管理员", role: "admin", organisation_id: office }).returning("id").executeTakeFirstOrThrow()).id;
});

describe("importing a scenario list", () => {
  it("reads a GBK file, shows every row in the dry run without writing, then imports it as published entries with codes", async () => {
    const bytes = csvBytes([["2025年度人工智能场景机会清单"], CHONGQING_HEADERS, ...scenarioRows(3)], "gbk");
    const before = await tableCounts();
    const dry = await dryRunImport(db, file(bytes), settings, NOW);
    expect(await tableCounts()).toEqual(before);
    expect(dry).toMatchObject({ encoding: "gb18030", format: "csv", headerRowNumber: 2, dataRows: 3, errors: [], editionExists: false });
    expect(dry.outcomes.map((o) => [o.row, o.action, o.code, o.organisationAction])).toEqual([
      [3, "create", "NJ-2025-0001", "create"],
      [4, "create", "NJ-2025-0002", "create"],
      [5, "create", "NJ-2025-0003", "create"],
    ]);

    const engine = createEmbeddedEngine(db);
    const report = await runImport(db, file(bytes), settings, { userId: adminId, ip: "203.0.113.9" }, NOW);
    expect(await applySearchOutbox(db, engine)).toMatchObject({ failed: 0 });
    expect(report).toMatchObject({ committed: true, counts: { create: 3, update: 0, unchanged: 0, organisationsCreated: 3 } });
    const rows = await db.selectFrom("scenarios as s").innerJoin("organisations as o", "o.id", "s.organisation_id").innerJoin("batches as b", "b.id", "s.batch_id")
      .select(["s.code", "s.status", "s.title", "s.domain", "s.district", "s.cooperation_mode", "s.contact_name", "s.contact_phone", "s.published_at", "o.name", "o.credit_code", "o.verified", "b.ordinal"])
      .orderBy("s.code").execute();
    expect(rows[0]).toMatchObject({
      code: "NJ-2025-0001", status: "published", domain: "livelihood", district: "鼓楼区", cooperation_mode: "solution_procurement",
      contact_name: "张工", contact_phone: "13800000001", published_at: "2025-06-30T02:00:00.000Z", verified: 0, ordinal: 1,
    });
    expect(rows[0]!.credit_code).toMatch(/^待补充-[0-9A-F]{12}$/);
    expect(await db.selectFrom("scenario_status_history").where("to_status", "=", "published").select("reason").execute()).toHaveLength(3);
    const audit = await db.selectFrom("audit_log").where("action", "=", "import.scenarios").selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ encoding: "gb18030", create: 3, firstCode: "NJ-2025-0001", lastCode: "NJ-2025-0003", via: "web" });
    expect(audit.ip).toBe("203.0.113.9");
    const found = await engine.searchScenarios({ query: parseScenarioQuery(new URLSearchParams("q=视觉质检")).query, pageSize: 20, withFacets: false });
    expect(found.total).toBe(3);
  });

  it("updates on a second import instead of duplicating, and reports unchanged rows", async () => {
    const first = csvBytes([CHONGQING_HEADERS, ...scenarioRows(3)]);
    await runImport(db, file(first), settings, { userId: adminId }, NOW);
    const before = await tableCounts();
    const again = await runImport(db, file(first), settings, { userId: adminId }, NOW);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3, organisationsCreated: 0, held: 0 });
    expect(await tableCounts()).toEqual({ ...before, audit_log: before.audit_log! + 1 });

    const edited = scenarioRows(3);
    edited[1]![4] = "联合建设";
    edited.push(...scenarioRows(1, 4));
    const report = await runImport(db, file(csvBytes([CHONGQING_HEADERS, ...edited])), settings, { userId: adminId }, NOW);
    expect(report.outcomes.map((o) => [o.row, o.action, o.code])).toEqual([[2, "unchanged", "NJ-2025-0001"], [3, "update", "NJ-2025-0002"], [4, "unchanged", "NJ-2025-0003"], [5, "create", "NJ-2025-0004"]]);
    expect(await db.selectFrom("scenarios").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).toEqual({ n: 4 });
    expect(await db.selectFrom("scenarios").where("code", "=", "NJ-2025-0002").select(["cooperation_mode", "version"]).executeTakeFirstOrThrow()).toEqual({ cooperation_mode: "joint_build", version: 2 });
  });

  it("changes only what the file has columns for when it imports a list again", async () => {
    const full = [["场景名称", "需求单位", "所属领域", "所在区域", "合作需求", "场景层级", "验收标准", "技术能力"], ["视觉质检", "南京某厂", "制造", "江宁区", "联合建设", "集成式", "漏检率低于1%", "机器视觉"]];
    await runImport(db, file(csvBytes(full)), settings, { userId: adminId }, NOW);
    const short = [["场景名称", "需求单位", "所属领域", "所在区域", "合作需求", "场景层级"], ["视觉质检", "南京某厂", "产业发展", "江宁区", "揭榜挂帅", "集成式"]];
    const report = await runImport(db, file(csvBytes(short)), settings, { userId: adminId }, NOW);
    expect(report.outcomes.map((o) => o.action)).toEqual(["update"]);
    const row = await db.selectFrom("scenarios").select(["id", "cooperation_mode", "acceptance_criteria"]).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ cooperation_mode: "challenge", acceptance_criteria: "漏检率低于1%" });
    expect(await db.selectFrom("scenario_capabilities").where("scenario_id", "=", row.id).select("capability_id").execute()).toHaveLength(1);
  });

  it("all or nothing writes nothing when any row is wrong, and says where: missing column, bad contact e-mail, unknown district; a repeated 序号 is only a warning", async () => {
    const before = await tableCounts();
    const missing = await runImport(db, file(csvBytes([["序号", "单位名称", "所在区域"], [1, "南京某厂", "江宁区"]])), { ...settings, defaults: { domain: "industry", cooperationMode: "joint_build", tier: "major" } }, { userId: adminId }, NOW);
    expect(missing.committed).toBe(false);
    expect(missing.errors.map((e) => [e.row, e.key, e.values?.field])).toEqual([[null, "import.error.missingColumn", "title"]]);

    const rows = scenarioRows(4);
    rows[1]![1] = 1;
    rows[3]![6] = "浦东新区";
    const bad = await runImport(db, file(csvBytes([[...CHONGQING_HEADERS, "联系邮箱"], ...rows.map((r, i) => [...r, i === 2 ? "not-an-email@" : ""])])), { ...settings, mode: "all" }, { userId: adminId }, NOW);
    expect(bad.committed).toBe(false);
    expect(bad.errors.map((e) => [e.row, e.header, e.key])).toEqual([
      [4, "联系邮箱", "import.error.email"],
      [5, "所在区域", "import.error.unknownValue"],
    ]);
    expect(bad.warnings.map((w) => [w.row, w.header, w.key])).toContainEqual([3, "序号", "import.warning.duplicateSeq"]);
    // Each row is counted once: a row with an error is not also counted as created or updated.
    expect(bad.outcomes.map((o) => [o.row, o.action])).toEqual([[2, "create"], [3, "create"], [4, "error"], [5, "error"]]);
    expect(bad.counts).toMatchObject({ create: 2, update: 0 });
    expect(await tableCounts()).toEqual(before);
  });

  it("imports the valid rows and holds the others in 待处理, where a fixed row is imported into the same batch", async () => {
    const rows = scenarioRows(4);
    rows[3]![6] = "浦东新区";
    const bytes = csvBytes([CHONGQING_HEADERS, ...rows]);
    const report = await runImport(db, file(bytes), settings, { userId: adminId }, NOW);
    expect(report).toMatchObject({ committed: true, mode: "partial", counts: { create: 3, held: 1 } });
    expect(report.outcomes.map((o) => [o.row, o.action, o.code])).toEqual([[2, "create", "NJ-2025-0001"], [3, "create", "NJ-2025-0002"], [4, "create", "NJ-2025-0003"], [5, "error", null]]);
    const { rows: held, total } = await listHeldRows(db);
    expect(total).toBe(1);
    expect(held[0]).toMatchObject({ rowNumber: 5, fileName: "2025年场景机会清单.csv" });
    expect(held[0]!.errors.map((e) => [e.header, e.key, e.values?.value])).toEqual([["所在区域", "import.error.unknownValue", "浦东新区"]]);

    // Still wrong: the row stays, with the new error.
    const cells = [...held[0]!.cells];
    cells[6] = "浦口新区";
    const still = await fixHeldRow(db, held[0]!.id, cells, { userId: adminId }, NOW);
    expect(still.ok).toBe(false);
    expect((await listHeldRows(db)).rows[0]!.cells[6]).toBe("浦口新区");
    cells[6] = "浦口区";
    const fixed = await fixHeldRow(db, held[0]!.id, cells, { userId: adminId }, NOW);
    expect(fixed.ok).toBe(true);
    expect((await listHeldRows(db)).total).toBe(0);
    const scenarios = await db.selectFrom("scenarios as s").innerJoin("batches as b", "b.id", "s.batch_id").select(["s.code", "s.district", "b.ordinal"]).orderBy("s.code").execute();
    expect(scenarios.map((r) => [r.code, r.district, r.ordinal])).toEqual([
      ["NJ-2025-0001", "鼓楼区", 1], ["NJ-2025-0002", "建邺区", 1], ["NJ-2025-0003", "江北新区", 1], ["NJ-2025-0004", "浦口区", 1],
    ]);
  });

  it("imports an XLSX with merged category cells and formulas, and refuses a formula without a saved result", async () => {
    const build = (withResult: boolean) => xlsxBytes((ws) => {
      ws.addRow(["所属领域", "场景名称", "需求单位", "所在区域", "合作需求", "预算(万元)"]);
      ws.addRow(["智能制造", "视觉质检", "南京某厂", "江宁区", "联合建设", { formula: "100+20", ...(withResult ? { result: 120 } : {}) }]);
      ws.addRow([null, "预测性维护", "南京某厂", "江宁区", "联合建设", 80]);
      ws.mergeCells("A2:A3");
    });
    const refused = await runImport(db, file(await build(false), "清单.xlsx"), { ...settings, mode: "all" }, { userId: adminId }, NOW);
    expect(refused.errors.map((e) => [e.row, e.column, e.key])).toEqual([[2, "F", "import.error.formulaNoResult"]]);
    const report = await runImport(db, file(await build(true), "清单.xlsx"), settings, { userId: adminId }, NOW);
    expect(report.committed).toBe(true);
    expect(report.warnings.map((w) => w.key)).toEqual(["import.warning.formula", "import.warning.mergedFilled"]);
    expect(await db.selectFrom("scenarios").select(["title", "domain", "budget_wan"]).orderBy("id").execute()).toEqual([
      { title: "视觉质检", domain: "industry", budget_wan: 120 },
      { title: "预测性维护", domain: "industry", budget_wan: 80 },
    ]);
  });

  it("does not overwrite a scenario posted on the platform, and keeps our codes from a re-imported export", async () => {
    const { editionId } = await insertEdition(db, 2025, 1);
    const hospital = await insertOrganisation(db, "南京市鼓楼医院");
    await insertScenario(db, { organisation_id: hospital, edition_id: editionId, code: "NJ-2025-0007", title: "智能导诊", district: "鼓楼区" });
    const headers = ["场景编号", "场景名称", "需求单位", "所属领域", "所在区域", "合作需求", "场景层级", "预算(万元)", "场景描述", "联系人"];
    const same = ["NJ-2025-0007", "智能导诊", "南京市鼓楼医院", "民生服务", "鼓楼区", "联合建设", "高价值小切口场景", "100", "描述", "王老师"];
    const unchanged = await dryRunImport(db, file(csvBytes([headers, same, ["NJ-2025-0042", "新场景", "南京市鼓楼医院", "民生服务", "鼓楼区", "联合建设", "高价值小切口场景", "", "", ""]])), { editionYear: 2025, batch: { kind: "none" } }, NOW);
    expect(unchanged.errors).toEqual([]);
    expect(unchanged.outcomes.map((o) => [o.action, o.code, o.organisationAction])).toEqual([["unchanged", "NJ-2025-0007", "existing"], ["create", "NJ-2025-0042", "existing"]]);
    const changed = await dryRunImport(db, file(csvBytes([headers, [...same.slice(0, 8), "改过的描述", "王老师"]])), { editionYear: 2025 }, NOW);
    expect(changed.errors.map((e) => [e.row, e.key, e.values])).toEqual([[2, "import.error.platformScenario", { code: "NJ-2025-0007" }]]);
    // The refused row is an error, not also an update (it was counted as both).
    expect(changed.outcomes.map((o) => [o.row, o.action])).toEqual([[2, "error"]]);
    expect(changed.counts).toMatchObject({ update: 0, create: 0 });
  });

  it("imports 10,000 rows", async () => {
    const bytes = csvBytes([CHONGQING_HEADERS, ...scenarioRows(10_000)], "utf-8-bom");
    const report = await runImport(db, file(bytes), settings, { userId: adminId }, NOW);
    expect(report.errors).toEqual([]);
    expect(report.counts.create).toBe(10_000);
    expect(await db.selectFrom("scenarios").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).toEqual({ n: 10_000 });
    expect(await db.selectFrom("scenarios").where("code", "=", "NJ-2025-10000").select("title").executeTakeFirst()).toEqual({ title: "第10000号智能场景：车间视觉质检与预测性维护" });
  }, 120_000);
});

describe("importing a vendor capability list", () => {
  it("creates vendors with products and capabilities, and matches them by credit code the next time", async () => {
    const headers = ["序号", "场景能力名称", "场景能力说明", "单位名称", "能力类型", "技术能力", "应用领域", "典型案例"];
    const rows = [
      [1, "工业视觉质检大模型", "基于机器视觉的缺陷检测", "南京慧眼科技有限公司", "行业大模型", "机器视觉、大模型", "智能制造", "某车企焊点检测"],
      [2, "智能导诊智能体", "症状问询和科室推荐", "南京慧眼科技有限公司", "智能体", "智能体、语音", "医疗健康", ""],
    ];
    const report = await runImport(db, file(csvBytes([headers, ...rows]), "能力清单.csv"), { editionYear: 2025 }, { userId: adminId }, NOW);
    expect(report).toMatchObject({ kind: "vendors", committed: true, counts: { create: 2, organisationsCreated: 1 } });
    const vendor = await db.selectFrom("organisations").where("name", "=", "南京慧眼科技有限公司").selectAll().executeTakeFirstOrThrow();
    expect(vendor).toMatchObject({ kind: "vendor", verified: 0 });
    expect((await db.selectFrom("products").where("organisation_id", "=", vendor.id).select(["name", "kind"]).orderBy("id").execute()).map((p) => [p.name, p.kind]))
      .toEqual([["工业视觉质检大模型", "industry_model"], ["智能导诊智能体", "agent"]]);
    const caps = await db.selectFrom("vendor_capabilities as v").innerJoin("capabilities as c", "c.id", "v.capability_id").where("v.organisation_id", "=", vendor.id).select("c.slug").execute();
    expect(caps.map((c) => c.slug).sort()).toEqual(["agent", "cv", "llm", "speech"]);
    expect(await db.selectFrom("vendor_served").where("organisation_id", "=", vendor.id).select("value").orderBy("value").execute()).toEqual([{ value: "industry" }, { value: "livelihood" }]);
    expect(await db.selectFrom("reference_cases").where("organisation_id", "=", vendor.id).select("scenario").execute()).toEqual([{ scenario: "某车企焊点检测" }]);

    const again = await dryRunImport(db, file(csvBytes([headers, ...rows]), "能力清单.csv"), { editionYear: 2025 }, NOW);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2, organisationsCreated: 0, held: 0 });
  });
});

describe("the import command", () => {
  it("dry-runs and imports a file, printing the encoding, every row and the errors", async () => {
    const dir = fs.mkdtempSync(path.resolve("tests/.tmp/cli-"));
    const good = path.join(dir, "2025清单.csv");
    fs.writeFileSync(good, csvBytes([CHONGQING_HEADERS, ...scenarioRows(2)], "gbk"));
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    const before = await tableCounts();
    expect(await runImportCli([good, "--dry-run", "--edition", "2025", "--set", "tier=integrated"], { db, engine: null, print, now: NOW })).toBe(0);
    expect(await tableCounts()).toEqual(before);
    expect(lines.join("\n")).toContain("GBK/GB18030 编码");
    expect(lines.join("\n")).toContain("行 2: 新增 NJ-2025-0001");
    expect(await runImportCli([good, "--edition", "2025", "--set", "tier=integrated"], { db, engine: createEmbeddedEngine(db), print, now: NOW })).toBe(0);
    expect(await db.selectFrom("scenarios").select("code").orderBy("code").execute()).toEqual([{ code: "NJ-2025-0001" }, { code: "NJ-2025-0002" }]);

    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, csvBytes([CHONGQING_HEADERS, ...scenarioRows(1).map((r) => r.map((c, i) => (i === 6 ? "浦东新区" : c)))]));
    lines.length = 0;
    expect(await runImportCli([bad, "--edition", "2025", "--set", "tier=integrated"], { db, engine: null, print, now: NOW })).toBe(1);
    expect(lines.join("\n")).toContain("行 2 G（所在区域）: “浦东新区”无法对应到标准取值");

    const huge = path.join(dir, "huge.csv");
    fs.writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x41));
    lines.length = 0;
    expect(await runImportCli([huge], { db, engine: null, print, now: NOW })).toBe(1);
    expect(lines.join("\n")).toContain(`文件有 50.0 MB，超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 的上限，未读取`);
    expect(await runImportCli(["--dry-run"], { db, engine: null, print, now: NOW })).toBe(2);

    // --help is the usage, not an unknown option; a value that is not allowed lists the allowed ones.
    lines.length = 0;
    expect(await runImportCli(["--help"], { db, engine: null, print, now: NOW })).toBe(0);
    expect(lines.join("\n")).toContain("usage: npm run import -- <file>");
    expect(lines.join("\n")).not.toContain("unknown option");
    lines.length = 0;
    expect(await runImportCli([good, "--dry-run", "--set", "tier=big"], { db, engine: null, print, now: NOW })).toBe(2);
    expect(lines[0]).toBe("--set tier=big: not allowed; allowed: major (综合性重大场景), integrated (行业集成式场景), small_high_value (高价值小切口场景)");
    lines.length = 0;
    expect(await runImportCli([good, "--dry-run", "--set", "colour=red"], { db, engine: null, print, now: NOW })).toBe(2);
    expect(lines[0]).toBe("--set colour: not a field that takes a list-wide value; allowed: organisation, domain, district, cooperationMode, tier, status");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("a list exported from the platform", () => {
  it("comes back unchanged: our export's headers and labels map onto what is stored", async () => {
    const { seedDemo } = await import("../../db/seed");
    const { translator } = await import("~/i18n/i18n");
    // The demo expects an empty database, not the one the other tests share.
    const db = createTestDatabase();
    await seedDemo(db, { scenarios: 300 });
    const zh = translator("zh");
    const scenarios = await db.selectFrom("scenarios as s").innerJoin("organisations as o", "o.id", "s.organisation_id").innerJoin("editions as e", "e.id", "s.edition_id")
      .where("s.status", "in", ["published", "matched", "piloting", "benchmark", "closed"]).where("e.year", "=", 2026)
      .select(["s.id", "s.code", "s.title", "o.name", "s.domain", "s.venue_type", "s.district", "s.cooperation_mode", "s.tier", "s.budget_wan", "s.description",
        "s.requirements", "s.acceptance_criteria", "s.period_start", "s.period_end", "s.contact_name", "s.contact_phone", "s.contact_email", "s.status"])
      .orderBy("s.code").execute();
    const caps = await db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id").select(["sc.scenario_id", "c.name_zh"]).execute();
    const headers = ["场景编号", "场景名称", "需求单位", "所属领域", "示范场所类型", "所在区域", "合作需求", "场景层级", "预算(万元)", "场景描述", "技术需求", "验收标准", "周期开始", "周期结束", "联系人", "联系电话", "联系邮箱", "技术能力", "状态"];
    const rows = scenarios.map((s) => [
      s.code!, s.title, s.name, zh(`domain.${s.domain}`), s.venue_type ? zh(`venue.${s.venue_type}`) : "", s.district, zh(`mode.${s.cooperation_mode}`), zh(`tier.${s.tier}`),
      s.budget_wan === null ? "" : String(s.budget_wan), s.description, s.requirements, s.acceptance_criteria, s.period_start ?? "", s.period_end ?? "",
      s.contact_name, s.contact_phone, s.contact_email, caps.filter((c) => c.scenario_id === s.id).map((c) => c.name_zh).join("、"), zh(`status.${s.status}`),
    ]);
    const report = await dryRunImport(db, file(csvBytes([headers, ...rows], "utf-8-bom"), "2026-export.csv"), { editionYear: 2026 }, NOW);
    expect(report.errors.map((e) => `${e.row} ${e.header} ${e.key} ${JSON.stringify(e.values)}`)).toEqual([]);
    expect(report.counts).toEqual({ create: 0, update: 0, unchanged: scenarios.length, organisationsCreated: 0, held: 0 });
    expect(scenarios.length).toBeGreaterThan(50);
  }, 60_000);
});
