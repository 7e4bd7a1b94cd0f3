// Importing a scenario list or a vendor capability list the office already has as a spreadsheet.
// One pipeline for the dry run and the real import: read the bytes, find the header row, propose a
// mapping from headers and values, check every row, plan against the database; the real import
// makes the plan again inside one transaction and writes the rows without errors (or, all or
// nothing, only when there is no error at all), holding the others in 待处理.
import { createHash, randomBytes } from "node:crypto";
import type { DB } from "~/db/db.server";
import { fieldsOf, findHeaderRow, guessKind, type ImportField, type ImportKind, type ScenarioImportField } from "~/domain/import/fields";
import { likelyMissed, proposeColumns } from "~/domain/import/mapping";
import { checkScenarioRows, type ScenarioDefaults } from "~/domain/import/scenario-rows";
import { issueAt, tableFromGrid, type ImportIssue, type SheetTable } from "~/domain/import/table";
import { checkVendorRows, type VendorDefaults } from "~/domain/import/vendor-rows";
import { translator } from "~/i18n/i18n";
import { readSpreadsheet, type CellNote, type DetectedEncoding, type ReadProblem } from "~/import/read.server";
import { requestSearchSync } from "~/search/worker.server";
import { audit } from "./audit.server";
import { holdRows } from "./import-held.server";
import { planScenarioImport, providedColumns, writeScenarioPlan, type BatchChoice, type RowOutcome, type ScenarioPlan } from "./import-scenarios.server";
import { planVendorImport, writeVendorPlan, type VendorPlan } from "./import-vendors.server";
import type { OfficeActor } from "./office.server";

export type { BatchChoice, RowOutcome } from "./import-scenarios.server";

export interface ImportSettings {
  /** Guessed from the headers and values when not given. */
  kind?: ImportKind;
  editionYear: number;
  /** One field (or null) per column; the proposed mapping when not given or when it does not fit the file. */
  mapping?: (ImportField | null)[] | null;
  /**
   * The mapping the office was shown. A column the office left as it was shown (unmapped) may be
   * proposed again for a field the office took away from another column: unmapping a wrong column
   * re-proposes the right one.
   */
  shownMapping?: (ImportField | null)[] | null;
  defaults?: Record<string, string>;
  batch?: BatchChoice;
  /** A past list or another city's: edition closed for good, district and tier may stay 未注明. */
  archive?: boolean;
  /** "partial" (default): valid rows import, rows with errors wait in 待处理. "all": all or nothing. */
  mode?: ImportMode;
}

export type ImportMode = "partial" | "all";

export interface ImportReport {
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** The file could not be read at all. */
  fatal: ReadProblem | null;
  format: "csv" | "xlsx" | null;
  encoding: DetectedEncoding | null;
  sheet: string | null;
  kind: ImportKind;
  /** The kind was read from the file (not chosen by the office). */
  kindGuessed: boolean;
  editionYear: number;
  editionExists: boolean;
  headerRowNumber: number;
  headers: string[];
  mapping: (ImportField | null)[];
  proposedMapping: (ImportField | null)[];
  /** 0 … 1 per column: how sure the proposal for that column is. */
  confidence: number[];
  /** The first data rows, for the mapping step. */
  samples: string[][];
  dataRows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  outcomes: RowOutcome[];
  counts: { create: number; update: number; unchanged: number; organisationsCreated: number; held: number };
  batch: { ordinal: number; publishedAt: string; exists: boolean } | null;
  archive: boolean;
  mode: ImportMode;
  committed: boolean;
}

export interface Prepared {
  report: ImportReport;
  table: SheetTable | null;
  /** Checks and plans the rows (all of them, or all but `without`). */
  check: (db: DB, now: Date, without?: ReadonlySet<number>) => Promise<ScenarioPlan | VendorPlan | null>;
}

/** Collapses per-cell notes that repeat (every formula cell) into one warning with a count. */
function notesToWarnings(notes: CellNote[], headers: string[], width: number): ImportIssue[] {
  const warnings: ImportIssue[] = [];
  const formulas = notes.filter((n) => n.key === "import.warning.formula" && n.col < width);
  if (formulas.length) warnings.push({ ...issueAt(formulas[0]!.row, formulas[0]!.col, headers, "import.warning.formula", { n: formulas.length }) });
  for (const n of notes.filter((n) => n.key !== "import.warning.formula" && n.col < width)) warnings.push(issueAt(n.row, n.col, headers, n.key, n.values));
  return warnings;
}

function emptyReport(fileName: string, bytes: Uint8Array | null, sha256: string, settings: ImportSettings): ImportReport {
  return {
    fileName, sizeBytes: bytes?.byteLength ?? 0, sha256, fatal: null, format: null,
    encoding: null, sheet: null, kind: settings.kind ?? "scenarios", kindGuessed: !settings.kind, editionYear: settings.editionYear, editionExists: false,
    headerRowNumber: 1, headers: [], mapping: [], proposedMapping: [], confidence: [], samples: [], dataRows: 0, errors: [], warnings: [],
    outcomes: [], counts: { create: 0, update: 0, unchanged: 0, organisationsCreated: 0, held: 0 }, batch: null,
    archive: settings.archive === true, mode: settings.mode ?? "partial", committed: false,
  };
}

async function prepare(bytes: Uint8Array, fileName: string, settings: ImportSettings): Promise<Prepared> {
  const base = emptyReport(fileName, bytes, createHash("sha256").update(bytes).digest("hex"), settings);
  const read = await readSpreadsheet(bytes);
  if (!read.ok) return { report: { ...base, fatal: read.problem }, table: null, check: async () => null };
  const grid = read.grid;
  const kind = settings.kind ?? guessKind(grid.slice(0, 30).map((r) => r.cells));
  const table = tableFromGrid(grid, findHeaderRow(kind, grid.map((r) => r.cells)));
  return prepareTable(table, { ...base, format: read.format, encoding: read.encoding, sheet: read.sheet, kind }, settings, read);
}

/** The pipeline from a table on: proposal, mapping, row checks, plan. Held rows come back through here too. */
export function prepareTable(table: SheetTable, base: ImportReport, settings: ImportSettings, read?: { notes: CellNote[]; cellErrors: CellNote[] }): Prepared {
  const kind = base.kind;
  const width = table.headers.length;
  const dataRows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const cellsOf = dataRows.map((r) => r.cells);
  const proposal = proposeColumns(kind, table.headers, cellsOf, fieldsOf(kind));
  const proposedMapping = proposal.map((p) => p.field);
  const given = settings.mapping && settings.mapping.length === width ? settings.mapping : null;
  const mapping = given ? reproposeFreed(given, settings.shownMapping ?? null, proposal) : proposedMapping;
  const report: ImportReport = {
    ...base, headerRowNumber: table.headerRowNumber, headers: table.headers, mapping, proposedMapping,
    confidence: proposal.map((p) => p.confidence), samples: dataRows.slice(0, 3).map((r) => r.cells), dataRows: dataRows.length,
    warnings: [
      ...(read ? notesToWarnings(read.notes, table.headers, width) : []),
      ...likelyMissed(kind, table.headers, cellsOf, mapping).map((m) => issueAt(null, m.col, table.headers, "import.warning.likelyMissed", { field: m.looksLike })),
    ],
  };
  if (width === 0 || dataRows.length === 0) return { report: { ...report, fatal: { key: "import.error.noRows" } }, table, check: async () => null };

  const cellErrors = (read?.cellErrors ?? [])
    .filter((e) => e.row > table.headerRowNumber && e.col < width && mapping[e.col])
    .map((e) => issueAt(e.row, e.col, table.headers, e.key, e.values));
  const columnOf = (field: string) => {
    const i = mapping.indexOf(field as ImportField);
    return i < 0 ? null : i;
  };
  const defaults = settings.defaults ?? {};
  const rowWarnings = report.warnings.length;
  const check = async (db: DB, now: Date, without?: ReadonlySet<number>) => {
    const t = without?.size ? { ...table, rows: table.rows.filter((r) => !without.has(r.rowNumber)) } : table;
    const keptCellErrors = cellErrors.filter((e) => !without?.has(e.row ?? -1));
    report.warnings.length = rowWarnings;
    if (kind === "scenarios") {
      const checked = checkScenarioRows(t, mapping, { editionYear: settings.editionYear, defaults: defaults as ScenarioDefaults, archive: settings.archive });
      report.errors = [...keptCellErrors, ...checked.errors];
      report.warnings.push(...checked.warnings);
      if (report.errors.some((e) => e.row === null)) return null;
      const fromDefaults = Object.entries(defaults).filter(([, v]) => v?.trim()).map(([k]) => k);
      const provided = providedColumns([...mapping.filter((f) => f !== null), ...fromDefaults] as ScenarioImportField[]);
      const failed = new Set(report.errors.map((e) => e.row));
      const plan = await planScenarioImport(db, {
        rows: checked.rows.filter((r) => !failed.has(r.rowNumber)), headers: t.headers, columnOf, provided, editionYear: settings.editionYear,
        batch: settings.batch ?? { kind: "new", publishedOn: null }, now, archive: settings.archive,
      });
      report.editionExists = plan.editionId !== null;
      report.batch = plan.batch;
      return finish(plan, t);
    }
    const checked = checkVendorRows(t, mapping, { defaults: defaults as VendorDefaults });
    report.errors = [...keptCellErrors, ...checked.errors];
    report.warnings.push(...checked.warnings);
    if (report.errors.some((e) => e.row === null)) return null;
    const provided = new Set<string>(mapping.filter((f): f is ImportField => f !== null));
    const failed = new Set(report.errors.map((e) => e.row));
    return finish(await planVendorImport(db, { rows: checked.rows.filter((r) => !failed.has(r.rowNumber)), headers: t.headers, columnOf, provided }), t);
  };
  const finish = <P extends ScenarioPlan | VendorPlan>(plan: P, t: SheetTable): P => {
    report.errors = [...report.errors, ...plan.errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    // A row with an error is counted once, as an error, even when the plan had an outcome for it.
    const failed = new Set(report.errors.flatMap((e) => (e.row === null ? [] : [e.row])));
    const labelCol = columnOf(kind === "scenarios" ? "title" : "productName");
    const orgCol = columnOf("organisation");
    const failedOutcomes: RowOutcome[] = t.rows
      .filter((r) => failed.has(r.rowNumber))
      .map((r) => ({
        row: r.rowNumber, action: "error", label: labelCol === null ? "" : (r.cells[labelCol] ?? ""),
        organisation: orgCol === null ? "" : (r.cells[orgCol] ?? ""), organisationAction: null, code: null,
      }));
    const planned = plan.outcomes.filter((o) => !failed.has(o.row));
    report.outcomes = [...planned, ...failedOutcomes].sort((a, b) => a.row - b.row);
    report.counts = {
      create: planned.filter((o) => o.action === "create").length,
      update: planned.filter((o) => o.action === "update").length,
      unchanged: planned.filter((o) => o.action === "unchanged").length,
      organisationsCreated: plan.organisationsCreated,
      held: report.mode === "partial" ? failedOutcomes.length : 0,
    };
    return plan;
  };
  return { report, table, check };
}

/**
 * The office's mapping, with fields it took away from a column offered again to the columns it left
 * as they were shown (unmapped): a column the office cleared itself stays cleared.
 */
function reproposeFreed(given: (ImportField | null)[], shown: (ImportField | null)[] | null, proposal: { field: ImportField | null }[]): (ImportField | null)[] {
  if (!shown || shown.length !== given.length) return given;
  const used = new Set(given.filter(Boolean));
  const freed = new Set(shown.filter((f): f is ImportField => f !== null && !used.has(f)));
  if (!freed.size) return given;
  return given.map((field, col) => {
    if (field || shown[col]) return field;
    const candidate = proposal[col]?.field;
    if (candidate && freed.has(candidate)) {
      freed.delete(candidate);
      return candidate;
    }
    return field;
  });
}

/** What the file holds and the proposed mapping, without looking at the database: the mapping step. */
export async function inspectImport(file: { bytes: Uint8Array; fileName: string }, settings: ImportSettings): Promise<ImportReport> {
  return (await prepare(file.bytes, file.fileName, settings)).report;
}

/** The dry run: every row's outcome and every error, with nothing written. */
export async function dryRunImport(db: DB, file: { bytes: Uint8Array; fileName: string }, settings: ImportSettings, now = new Date()): Promise<ImportReport> {
  const prepared = await prepare(file.bytes, file.fileName, settings);
  if (!prepared.report.fatal) await prepared.check(db, now);
  return prepared.report;
}

class ImportRefused extends Error {}

/**
 * The import. Problems with the file as a whole (a required column missing) write nothing. Rows
 * with errors: in "all" mode nothing is written; in "partial" mode (the default) the other rows are
 * planned again without them (so codes stay consecutive) and written, and the rows with errors wait
 * in 待处理 (`import_held_rows`) with their cells and errors. Search follows through the outbox.
 */
export async function runImport(
  db: DB,
  file: { bytes: Uint8Array; fileName: string },
  settings: ImportSettings,
  actor: OfficeActor | null,
  now = new Date(),
): Promise<ImportReport> {
  return commitPrepared(db, await prepare(file.bytes, file.fileName, settings), settings, actor, now);
}

export async function commitPrepared(db: DB, prepared: Prepared, settings: ImportSettings, actor: OfficeActor | null, now: Date, via?: "web" | "cli" | "held"): Promise<ImportReport> {
  const { report } = prepared;
  if (report.fatal || !prepared.table) return report;
  const table = prepared.table;
  const reason = translator("zh")("import.historyReason", { file: report.fileName });
  let changedScenarioIds: number[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      let plan = await prepared.check(trx, now);
      if (!plan || report.errors.some((e) => e.row === null)) throw new ImportRefused();
      const rowErrors = report.errors;
      if (rowErrors.length && report.mode === "all") throw new ImportRefused();
      const held = new Set(rowErrors.flatMap((e) => (e.row === null ? [] : [e.row])));
      if (held.size) {
        const heldOutcomes = report.outcomes.filter((o) => held.has(o.row));
        plan = await prepared.check(trx, now, held);
        // Planned again without the held rows: anything new that plan found refuses the import.
        if (!plan || report.errors.length) throw new ImportRefused();
        report.errors = rowErrors;
        report.outcomes = [...report.outcomes, ...heldOutcomes].sort((a, b) => a.row - b.row);
        report.counts.held = held.size;
      }
      const summary = {
        file: report.fileName, sha256: report.sha256, format: report.format, encoding: report.encoding, rows: report.dataRows, ...report.counts,
        via: via ?? (actor ? "web" : "cli"), archive: report.archive, mode: report.mode,
      };
      let batchUsed: BatchChoice | undefined = settings.batch;
      if ("editionYear" in plan) {
        const written = await writeScenarioPlan(trx, plan, { actorUserId: actor?.userId ?? null, reason, now, sha256: report.sha256 });
        changedScenarioIds = written.changedIds;
        if (plan.batch) batchUsed = { kind: "existing", ordinal: plan.batch.ordinal };
        const codes = plan.rows.filter((r) => r.action === "create").map((r) => r.code);
        await audit(trx, {
          actorUserId: actor?.userId ?? null, action: "import.scenarios", subjectType: "edition", subjectId: written.editionId,
          after: { ...summary, editionYear: plan.editionYear, batchOrdinal: plan.batch?.ordinal ?? null, firstCode: codes[0] ?? null, lastCode: codes.at(-1) ?? null },
          ip: actor?.ip ?? null,
        });
      } else {
        const written = await writeVendorPlan(trx, plan, now, report.sha256);
        await audit(trx, {
          actorUserId: actor?.userId ?? null, action: "import.vendors", subjectType: "organisation", subjectId: null,
          after: { ...summary, organisationIds: written.organisationIds.slice(0, 200) }, ip: actor?.ip ?? null,
        });
      }
      if (held.size) {
        await holdRows(trx, {
          kind: report.kind, fileName: report.fileName, sha256: report.sha256, headers: table.headers, headerRowNumber: table.headerRowNumber,
          rows: table.rows.filter((r) => held.has(r.rowNumber)), errors: rowErrors,
          settings: { ...settings, kind: report.kind, mapping: report.mapping, shownMapping: null, batch: batchUsed, mode: "all" },
          userId: actor?.userId ?? null, now,
        });
      }
    });
  } catch (error) {
    if (error instanceof ImportRefused) return report;
    throw error;
  }
  report.committed = true;
  // The search outbox holds the changes (written by triggers in the same transaction).
  if (changedScenarioIds.length) requestSearchSync();
  return report;
}

// Uploaded files wait in the database between the office's steps.
const UPLOAD_TTL_MS = 24 * 3_600_000;

export async function saveUpload(db: DB, input: { userId: number; fileName: string; bytes: Uint8Array }, now = new Date()): Promise<string> {
  const token = randomBytes(18).toString("base64url");
  await db.deleteFrom("import_uploads").where("created_at", "<", new Date(now.getTime() - UPLOAD_TTL_MS).toISOString()).execute();
  await db
    .insertInto("import_uploads")
    .values({
      token, user_id: input.userId, file_name: input.fileName.slice(0, 200), size_bytes: input.bytes.byteLength,
      sha256: createHash("sha256").update(input.bytes).digest("hex"), content: Buffer.from(input.bytes), created_at: now.toISOString(),
    })
    .execute();
  return token;
}

/** The upload, only for the person who uploaded it. */
export async function loadUpload(db: DB, token: string, userId: number): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  const row = await db.selectFrom("import_uploads").where("token", "=", token).where("user_id", "=", userId).select(["file_name", "content"]).executeTakeFirst();
  return row ? { fileName: row.file_name, bytes: new Uint8Array(row.content) } : null;
}

export async function deleteUpload(db: DB, token: string): Promise<void> {
  await db.deleteFrom("import_uploads").where("token", "=", token).execute();
}

/** Editions and their batches, for the edition and batch choice. */
export async function importChoices(db: DB) {
  const editions = await db.selectFrom("editions").select(["id", "year", "title"]).orderBy("year", "desc").execute();
  const batches = await db.selectFrom("batches").select(["edition_id", "ordinal", "published_at"]).orderBy("ordinal").execute();
  return editions.map((e) => ({ year: e.year, title: e.title, batches: batches.filter((b) => b.edition_id === e.id).map((b) => ({ ordinal: b.ordinal, publishedAt: b.published_at })) }));
}
