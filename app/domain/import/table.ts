// What a spreadsheet amounts to once it has been read: a header row and the rows under it, every
// cell as text. Row numbers are the ones the office sees in Excel (1 = the first line of the file).

export interface SheetRow {
  /** The row number as Excel shows it. */
  rowNumber: number;
  cells: string[];
}

export interface SheetTable {
  headerRowNumber: number;
  headers: string[];
  rows: SheetRow[];
}

/** A, B, … Z, AA, AB …: the column letter Excel shows for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A problem in the file, where the office can find it. Messages are translation keys with values. */
export interface ImportIssue {
  /** Excel row number; null for problems with the file or its header as a whole. */
  row: number | null;
  /** Column letter and header text, when the problem is in one cell or column. */
  column: string | null;
  header: string | null;
  key: string;
  values?: Record<string, string | number>;
}

export function issueAt(row: number | null, col: number | null, headers: readonly string[], key: string, values?: Record<string, string | number>): ImportIssue {
  return {
    row,
    column: col === null ? null : columnLetter(col),
    header: col === null ? null : (headers[col] ?? ""),
    key,
    ...(values ? { values } : {}),
  };
}

/** The table under a header row; trailing empty header cells are dropped, short rows padded. */
export function tableFromGrid(grid: readonly SheetRow[], headerIndex: number): SheetTable {
  const headerRow = grid[headerIndex];
  if (!headerRow) return { headerRowNumber: 1, headers: [], rows: [] };
  const headers = headerRow.cells.map((h) => h.replace(/\s+/g, " ").trim());
  let width = headers.length;
  while (width > 0 && headers[width - 1] === "") width--;
  const rows = grid.slice(headerIndex + 1).map((r) => ({
    rowNumber: r.rowNumber,
    cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? ""),
  }));
  return { headerRowNumber: headerRow.rowNumber, headers: headers.slice(0, width), rows };
}
