// 待处理: rows of an import that had errors wait here while the rest of the file is imported. The
// office fixes a row in place (its cells, checked and imported through the same pipeline as the
// file, with the same mapping, list-wide values and batch) or dismisses it.
import { z } from "zod";
import type { DB } from "~/db/db.server";
import { IMPORT_KINDS, type ImportField } from "~/domain/import/fields";
import type { ImportIssue, SheetRow, SheetTable } from "~/domain/import/table";
import { commitPrepared, prepareTable, type ImportReport, type ImportSettings } from "./import.server";
import type { OfficeActor } from "./office.server";

export interface HeldRow {
  id: number;
  kind: "scenarios" | "vendors";
  fileName: string;
  rowNumber: number;
  headers: string[];
  cells: string[];
  mapping: (ImportField | null)[];
  errors: ImportIssue[];
  createdAt: string;
}

const settingsSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  editionYear: z.number().int(),
  headerRowNumber: z.number().int().optional(),
  mapping: z.array(z.string().nullable()),
  defaults: z.record(z.string(), z.string()).optional(),
  batch: z.union([
    z.object({ kind: z.literal("new"), publishedOn: z.string().nullable() }),
    z.object({ kind: z.literal("none") }),
    z.object({ kind: z.literal("existing"), ordinal: z.number().int() }),
  ]).optional(),
  archive: z.boolean().optional(),
});
type StoredSettings = z.infer<typeof settingsSchema>;

export async function holdRows(
  trx: DB,
  input: {
    kind: "scenarios" | "vendors"; fileName: string; sha256: string; headers: string[]; headerRowNumber: number; rows: SheetRow[];
    errors: ImportIssue[]; settings: ImportSettings; userId: number | null; now: Date;
  },
): Promise<void> {
  const s = input.settings;
  const stored: StoredSettings = {
    kind: input.kind, editionYear: s.editionYear, headerRowNumber: input.headerRowNumber, mapping: s.mapping ?? [], defaults: s.defaults,
    batch: s.batch, archive: s.archive,
  };
  const values = input.rows.map((r) => ({
    kind: input.kind, file_name: input.fileName.slice(0, 200), sha256: input.sha256, row_number: r.rowNumber,
    headers_json: JSON.stringify(input.headers), cells_json: JSON.stringify(r.cells), settings_json: JSON.stringify(stored),
    errors_json: JSON.stringify(input.errors.filter((e) => e.row === r.rowNumber)), created_by: input.userId, created_at: input.now.toISOString(),
  }));
  for (let i = 0; i < values.length; i += 200) await trx.insertInto("import_held_rows").values(values.slice(i, i + 200)).execute();
}

function toHeldRow(r: { id: number; kind: "scenarios" | "vendors"; file_name: string; row_number: number; headers_json: string; cells_json: string; settings_json: string; errors_json: string; created_at: string }): HeldRow {
  const settings = settingsSchema.safeParse(JSON.parse(r.settings_json));
  return {
    id: r.id, kind: r.kind, fileName: r.file_name, rowNumber: r.row_number,
    headers: z.array(z.string()).parse(JSON.parse(r.headers_json)),
    cells: z.array(z.string()).parse(JSON.parse(r.cells_json)),
    mapping: (settings.success ? settings.data.mapping : []) as (ImportField | null)[],
    errors: JSON.parse(r.errors_json) as ImportIssue[],
    createdAt: r.created_at,
  };
}

/** Rows still waiting, oldest import first. */
export async function listHeldRows(db: DB, limit = 200): Promise<{ rows: HeldRow[]; total: number }> {
  const open = db.selectFrom("import_held_rows").where("resolved_at", "is", null);
  const [rows, total] = await Promise.all([
    open.selectAll().orderBy("id").limit(limit).execute(),
    open.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toHeldRow), total: Number(total.n) };
}

export type FixOutcome = { ok: true; report: ImportReport } | { ok: false; report: ImportReport | null; gone?: boolean };

/**
 * The office's corrected cells for one held row, imported through the file's pipeline: on success
 * the row leaves 待处理; otherwise it stays with the new cells and the new errors.
 */
export async function fixHeldRow(db: DB, id: number, cells: string[], actor: OfficeActor, now = new Date()): Promise<FixOutcome> {
  const row = await db.selectFrom("import_held_rows").where("id", "=", id).where("resolved_at", "is", null).selectAll().executeTakeFirst();
  if (!row) return { ok: false, report: null, gone: true };
  const held = toHeldRow(row);
  const stored = settingsSchema.parse(JSON.parse(row.settings_json));
  const width = held.headers.length;
  const fixed = Array.from({ length: width }, (_, i) => (cells[i] ?? "").slice(0, 20_000));
  const table: SheetTable = { headerRowNumber: stored.headerRowNumber ?? 1, headers: held.headers, rows: [{ rowNumber: held.rowNumber, cells: fixed }] };
  const settings: ImportSettings = {
    kind: stored.kind, editionYear: stored.editionYear, mapping: stored.mapping as (ImportField | null)[], defaults: stored.defaults,
    batch: stored.batch, archive: stored.archive, mode: "all",
  };
  const base: ImportReport = {
    fileName: row.file_name, sizeBytes: 0, sha256: row.sha256, fatal: null, format: null, encoding: null, sheet: null, kind: stored.kind,
    kindGuessed: false, editionYear: stored.editionYear, editionExists: false, headerRowNumber: table.headerRowNumber, headers: held.headers,
    mapping: [], proposedMapping: [], confidence: [], samples: [], dataRows: 1, errors: [], warnings: [], outcomes: [],
    counts: { create: 0, update: 0, unchanged: 0, organisationsCreated: 0, held: 0 }, batch: null, archive: stored.archive === true, mode: "all",
    committed: false,
  };
  const report = await commitPrepared(db, prepareTable(table, base, settings), settings, actor, now, "held");
  if (report.committed) {
    await db.updateTable("import_held_rows").set({ resolved_at: now.toISOString(), resolution: "imported", cells_json: JSON.stringify(fixed), errors_json: "[]" }).where("id", "=", id).execute();
    return { ok: true, report };
  }
  await db.updateTable("import_held_rows").set({ cells_json: JSON.stringify(fixed), errors_json: JSON.stringify(report.errors) }).where("id", "=", id).execute();
  return { ok: false, report };
}

export async function dismissHeldRow(db: DB, id: number, now = new Date()): Promise<boolean> {
  const result = await db.updateTable("import_held_rows").set({ resolved_at: now.toISOString(), resolution: "dismissed" }).where("id", "=", id).where("resolved_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** One row still waiting, or null. */
export async function findHeldRow(db: DB, id: number): Promise<HeldRow | null> {
  const row = await db.selectFrom("import_held_rows").where("id", "=", id).where("resolved_at", "is", null).selectAll().executeTakeFirst();
  return row ? toHeldRow(row) : null;
}
