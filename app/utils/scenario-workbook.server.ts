import ExcelJS from "exceljs";
import type { Cell } from "~/domain/open-data/csv";
import { EXPORT_COLUMNS } from "~/domain/open-data/export-columns";

// The Excel export: one sheet with the list (bold shaded header, frozen header row, filter
// buttons, set column widths, wrapped long texts) and one sheet saying what the file holds.
// Text is stored as text cells, which Excel never runs as formulas, so the CSV's apostrophe guard
// is not needed here.

const LONG_TEXT = new Set(["场景名称", "需求单位", "场景描述", "技术需求", "验收标准", "技术能力"]);

export interface WorkbookAbout {
  title: string;
  lines: [string, string][];
}

export async function scenarioWorkbook(rows: Cell[][], about: WorkbookAbout): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "场景机会";
  workbook.created = new Date();

  const sheet = workbook.addWorksheet("场景清单", { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF123B75" } };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.height = 22;
  for (const row of rows) sheet.addRow(row.map((v) => v ?? ""));
  EXPORT_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (LONG_TEXT.has(c.header)) column.alignment = { vertical: "top", wrapText: true };
    else column.alignment = { vertical: "top" };
    if (c.header === "预算(万元)") column.numFmt = "0.##";
  });
  // The header keeps its own centred style after the column styles above.
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };

  const info = workbook.addWorksheet("说明");
  info.columns = [{ width: 16 }, { width: 90 }];
  info.addRow([about.title]).font = { bold: true, size: 14 };
  info.addRow([]);
  for (const [k, v] of about.lines) {
    const row = info.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
