// Turns an uploaded file into rows of text: CSV in whatever encoding Excel and WPS wrote it, or
// XLSX through exceljs. Everything about bytes lives here; what the rows mean is app/domain/import.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { SheetRow } from "~/domain/import/table";
import { parseCsv } from "./csv";
import { checkZipLimits } from "./zip-limits";

/** Larger files are refused before anything is parsed (docs/decisions/006-import.md). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

export type DetectedEncoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

/** Something about one cell the office should know (a merged range filled down, a formula's saved result used). */
export interface CellNote {
  row: number;
  col: number;
  key: string;
  values?: Record<string, string | number>;
}

export interface ReadProblem {
  key: string;
  values?: Record<string, string | number>;
}

export type ReadOutcome =
  | {
      ok: true;
      format: "csv" | "xlsx";
      encoding: DetectedEncoding | null;
      sheet: string | null;
      grid: SheetRow[];
      notes: CellNote[];
      /** Cells that cannot be imported as they are (a formula with no saved result, an Excel error value). */
      cellErrors: CellNote[];
    }
  | { ok: false; problem: ReadProblem };

export function sizeProblem(size: number): ReadProblem | null {
  if (size > MAX_IMPORT_BYTES) {
    return { key: "import.error.tooLarge", values: { size: (size / 1024 / 1024).toFixed(1), max: MAX_IMPORT_BYTES / 1024 / 1024 } };
  }
  if (size === 0) return { key: "import.error.emptyFile" };
  return null;
}

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** BOM → its encoding; valid UTF-8 → UTF-8; otherwise GB18030 (a superset of GBK), if that decodes cleanly. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string; encoding: DetectedEncoding } | { ok: false; problem: ReadProblem } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  let encoding: DetectedEncoding;
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    } catch {
      return { ok: false, problem: { key: "import.error.encoding" } };
    }
    encoding = "utf-8-bom";
  } else if (startsWith(bytes, 0xff, 0xfe)) {
    text = buffer.subarray(2).toString("utf16le");
    encoding = "utf-16le";
  } else if (startsWith(bytes, 0xfe, 0xff)) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
    encoding = "utf-16be";
  } else {
    if (bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: { key: "import.error.binary" } };
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      encoding = "utf-8";
    } catch {
      text = iconv.decode(buffer, "gb18030");
      encoding = "gb18030";
      if (text.includes("\uFFFD")) return { ok: false, problem: { key: "import.error.encoding" } };
    }
  }
  // Control characters other than tab and line ends mean this is not a text file after all.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) return { ok: false, problem: { key: "import.error.binary" } };
  return { ok: true, text, encoding };
}

export async function readSpreadsheet(bytes: Uint8Array): Promise<ReadOutcome> {
  const tooBig = sizeProblem(bytes.byteLength);
  if (tooBig) return { ok: false, problem: tooBig };
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return readXlsx(bytes);
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return { ok: false, problem: { key: "import.error.xls" } };
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return { ok: false, problem: { key: "import.error.notSpreadsheet" } };
  return readCsv(bytes);
}

function readCsv(bytes: Uint8Array): ReadOutcome {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return { ok: false, problem: { key: "import.error.unclosedQuote", values: { row: parsed.unclosedQuoteRecord } } };
  if (parsed.records.length > MAX_IMPORT_ROWS + 10) return { ok: false, problem: { key: "import.error.tooManyRows", values: { max: MAX_IMPORT_ROWS } } };
  // Line breaks inside a cell as XLSX stores them (\n), so a CSV and an XLSX of one list read the same.
  const grid = parsed.records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => (c.includes("\r") ? c.replace(/\r\n?/g, "\n") : c)) }));
  return { ok: true, format: "csv", encoding: decoded.encoding, sheet: null, grid, notes: [], cellErrors: [] };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell's value as the text Excel shows; a formula gives its saved result. */
function cellText(value: ExcelJS.CellValue, note: (key: string, values?: Record<string, string | number>) => void, isError: (key: string, values?: Record<string, string | number>) => void): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(Number(value.toPrecision(15)));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) {
    // exceljs reads Excel's day numbers as UTC midnight.
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = value.getUTCHours() || value.getUTCMinutes() ? ` ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : "";
    return day + time;
  }
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("error" in value) {
    isError("import.error.excelError", { value: String(value.error) });
    return "";
  }
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      isError("import.error.formulaNoResult");
      return "";
    }
    note("import.warning.formula");
    if (typeof result === "object" && result !== null && "error" in result) {
      isError("import.error.excelError", { value: String((result as { error: unknown }).error) });
      return "";
    }
    return cellText(result as ExcelJS.CellValue, note, isError);
  }
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue, note, isError);
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<ReadOutcome> {
  // Before anything is inflated: a workbook that would unpack to far more than a real list is refused.
  const zip = checkZipLimits(bytes);
  if (!zip.ok) return { ok: false, problem: zip.reason === "unreadable" ? { key: "import.error.xlsxBroken" } : { key: "import.error.xlsxUnpacksTooBig" } };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problem: { key: "import.error.xlsxBroken" } };
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return { ok: false, problem: { key: "import.error.noRows" } };
  if (sheet.rowCount > MAX_IMPORT_ROWS + 10) return { ok: false, problem: { key: "import.error.tooManyRows", values: { max: MAX_IMPORT_ROWS } } };

  const notes: CellNote[] = [];
  const cellErrors: CellNote[] = [];
  // Merged ranges: a range down one column (a category merged over its rows) fills every row with
  // its value; across columns the value belongs to the first column only.
  for (const range of sheet.model.merges ?? []) {
    const [from, to] = range.split(":");
    if (!from || !to) continue;
    const a = sheet.getCell(from);
    const b = sheet.getCell(to);
    if (Number(b.row) > Number(a.row)) notes.push({ row: Number(a.row), col: Number(a.col) - 1, key: "import.warning.mergedFilled", values: { range, rows: Number(b.row) - Number(a.row) + 1 } });
  }
  const width = sheet.columnCount;
  const grid: SheetRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      if (master !== cell && Number(master.col) !== c) {
        cells.push("");
        continue;
      }
      let formulaNoted = false;
      cells.push(
        cellText(
          master.value,
          (key, values) => {
            if (!formulaNoted && master === cell) notes.push({ row: r, col: c - 1, key, values });
            formulaNoted = true;
          },
          (key, values) => master === cell && cellErrors.push({ row: r, col: c - 1, key, values }),
        ).trim(),
      );
    }
    grid.push({ rowNumber: r, cells });
  }
  return { ok: true, format: "xlsx", encoding: null, sheet: sheet.name, grid, notes, cellErrors };
}
