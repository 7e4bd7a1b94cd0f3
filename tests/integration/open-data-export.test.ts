import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { EXPORT_HEADERS } from "~/domain/open-data/export-columns";
import { loader as csvLoader } from "~/routes/scenarios[.]csv";
import { loader as xlsxLoader } from "~/routes/scenarios[.]xlsx";
import { loader as printLoader } from "~/routes/scenarios.print";
import { reindexScenarios, searchEngine } from "~/search/search.server";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertScenario } from "../fixtures";
import { openDataWorld, type World } from "../open-data";
import { routeArgs } from "../auth";

let db: DB;
let w: World;

const args = (url: string) => routeArgs({ request: new Request(`http://localhost${url}`), params: {}, context: {} });

/** A tiny RFC 4180 reader for the test: fields, quotes, CRLF. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else if (c === "\n") throw new Error(`bare LF outside quotes at ${i}`);
    else field += c;
  }
  if (field || row.length) throw new Error("last line not ended by CRLF");
  return rows;
}

const HOSTILE = {
  title: '智能导诊, "二期"',
  description: "第一段，含逗号\n第二段\r\n第三段",
  requirements: "=HYPERLINK(\"http://evil.example/\",\"点击\")",
  acceptance_criteria: "+1 准确率",
  contact_name: "@王老师",
  contact_phone: "-025-83271234",
};

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  w = await openDataWorld(db);
  await insertScenario(db, {
    edition_id: w.editionId, batch_id: w.batchId, organisation_id: w.hospital, venue_type: "hospital", budget_wan: 85.5,
    period_start: "2027-01-01", period_end: "2027-06-30", proposal_deadline: "2026-12-31T09:00:00.000Z", contact_email: "it@example.org",
    published_at: "2026-11-19T16:30:00.000Z", ...HOSTILE,
  }, ["llm", "agent"]);
  for (let i = 0; i < 24; i++) {
    await insertScenario(db, { edition_id: w.editionId, batch_id: w.batchId, organisation_id: w.hospital, domain: "industry", title: `工厂质检 ${i}`, budget_wan: null });
  }
  await insertScenario(db, { edition_id: w.editionId, organisation_id: w.hospital, domain: "industry", title: "尚未发布", status: "approved" });
  await reindexScenarios(db, searchEngine());
});

describe("CSV export", () => {
  it("is UTF-8 with BOM, CRLF, the agreed headers, Chinese intact and the whole filtered list", async () => {
    const response = (await csvLoader(args("/scenarios.csv?domain=industry"))) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="scenarios-\d{8}\.csv"; filename\*=UTF-8''%E5%9C%BA/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(EXPORT_HEADERS);
    expect(rows[0]).toHaveLength(27);
    expect(rows[0]!.slice(22)).toEqual(["发布单位", "城市", "来源清单", "成效", "解决方案"]);
    // All 24 industry scenarios (more than one page of the list), nothing unpublished.
    expect(rows.slice(1).map((r) => r[1])).toHaveLength(24);
    expect(rows.slice(1).every((r) => r[3] === "产业发展")).toBe(true);
    expect(rows.flat()).not.toContain("尚未发布");
    expect(rows[1]![8]).toBe(""); // budget negotiable
  });

  it("quotes commas, quotes and line breaks, and guards formulas", async () => {
    const response = (await csvLoader(args("/scenarios.csv?venue=hospital"))) as Response;
    const text = (await response.text()).replace(/^\uFEFF/, "");
    expect(text).toContain('"智能导诊, ""二期"""');
    const [header, row] = readCsv(text);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell("场景名称")).toBe(HOSTILE.title);
    expect(cell("场景描述")).toBe(HOSTILE.description);
    expect(cell("技术需求")).toBe(`'${HOSTILE.requirements}`);
    expect(cell("验收标准")).toBe("'+1 准确率");
    expect(cell("联系人")).toBe("'@王老师");
    expect(cell("联系电话")).toBe("'-025-83271234");
    expect(cell("联系邮箱")).toBe("it@example.org");
    expect(cell("预算(万元)")).toBe("85.5");
    expect(cell("所属领域")).toBe("民生服务");
    expect(cell("示范场所类型")).toBe("医院");
    expect(cell("合作需求")).toBe("联合建设");
    expect(cell("场景层级")).toBe("高价值小切口场景");
    expect(cell("技术能力")).toBe("大模型、智能体");
    expect(cell("状态")).toBe("征集揭榜中");
    expect(cell("批次")).toBe("2026年第二批");
    expect(cell("周期开始")).toBe("2027-01-01");
    // Beijing time: 16:30Z on the 19th is the 20th in Nanjing; 09:00Z is 17:00.
    expect(cell("发布日期")).toBe("2026-11-20");
    expect(cell("揭榜截止")).toBe("2026-12-31 17:00");
  });

  it("refuses bad list parameters with a 400", async () => {
    await expect(csvLoader(args("/scenarios.csv?domain=moon"))).rejects.toMatchObject({ status: 400 });
  });
});

describe("Excel export", () => {
  it("reads back with a bold frozen header, set widths and the right values", async () => {
    const response = (await xlsxLoader(args("/scenarios.xlsx?venue=hospital"))) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("场景清单")!;
    const header = sheet.getRow(1);
    expect(EXPORT_HEADERS.map((_, i) => header.getCell(i + 1).value)).toEqual(EXPORT_HEADERS);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(30);
    expect(sheet.getColumn(10).width).toBe(50);
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    const cell = (name: string) => row.getCell(EXPORT_HEADERS.indexOf(name as never) + 1).value;
    expect(cell("场景名称")).toBe(HOSTILE.title);
    expect(cell("预算(万元)")).toBe(85.5);
    // Text stays text: no apostrophe and no formula in the workbook.
    expect(cell("技术需求")).toBe(HOSTILE.requirements);
    expect(row.getCell(EXPORT_HEADERS.indexOf("技术需求") + 1).type).toBe(ExcelJS.ValueType.String);
    expect(cell("揭榜截止")).toBe("2026-12-31 17:00");
    const about = workbook.getWorksheet("说明")!;
    const lines = about.getSheetValues().flat().map(String);
    expect(lines).toContain("场所类型：医院");
    expect(lines).toContain("1");
  });
});

describe("printable notice", () => {
  it("lists the whole filtered list, not one page", async () => {
    const data = await printLoader(args("/scenarios/print?domain=industry&edition=2026&batch=2"));
    expect(data.total).toBe(24);
    expect(data.rows).toHaveLength(24);
    expect(data.title).toBe("2026年人工智能场景机会清单（第二批）");
    expect(data.conditions).toEqual(["所属领域：产业发展"]);
    // Only what the table prints travels to the page.
    expect(Object.keys(data.rows[0]!)).not.toContain("description");
  });
});
