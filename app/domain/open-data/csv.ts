// CSV as Excel opens it: UTF-8 with a byte order mark (without it Excel on Windows reads Chinese
// as GBK and shows mojibake), CRLF line ends, fields quoted as RFC 4180 says.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - or @ (and, in some
// programs, a tab or carriage return) as a formula, so stored text like `=HYPERLINK(...)` could
// act when someone opens the file. Such text cells get a leading apostrophe, which spreadsheets
// read as "this is text" and do not show. Importers of our files strip one leading apostrophe
// from text cells. Numbers are written as numbers and are never changed.

export const CSV_BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | null;

/** Text a spreadsheet would run as a formula, made inert. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: Cell): string {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value) : guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: BOM, one line per row, each line ended by CRLF. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvField).join(",") + "\r\n").join("");
}
