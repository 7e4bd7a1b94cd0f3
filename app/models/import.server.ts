// Importing a scenario list or a vendor capability list the office already has as a spreadsheet.
// One pipeline for the dry run and the real import: read the bytes, find the header row, apply the
// confirmed column mapping, check every row, plan against the database; the real import makes the
// plan again inside one transaction and writes it only when there is no error at all.
import { createHash, randomBytes } from "node:crypto";
import type { DB } from "~/db/db.server";
import { findHeaderRow, guessKind, proposeMapping, type ImportField, type ImportKind, type ScenarioImportField } from "~/domain/import/fields";
import { checkScenarioRows, type ScenarioDefaults } from "~/domain/import/scenario-rows";
import { issueAt, tableFromGrid, type ImportIssue } from "~/domain/import/table";
import { checkVendorRows, type VendorDefaults } from "~/domain/import/vendor-rows";
import { translator } from "~/i18n/i18n";
import { readSpreadsheet, type DetectedEncoding, type ReadOutcome, type ReadProblem } from "~/import/read.server";
import { requestSearchSync } from "~/search/worker.server";
import { audit } from "./audit.server";
import { planScenarioImport, providedColumns, writeScenarioPlan, type BatchChoice, type RowOutcome, type ScenarioPlan } from "./import-scenarios.server";
import { planVendorImport, writeVendorPlan, type VendorPlan } from "./import-vendors.server";
import type { OfficeActor } from "./office.server";

export type { BatchChoice, RowOutcome } from "./import-scenarios.server";

export interface ImportSettings {
  /** Guessed from the headers when not given. */
  kind?: ImportKind;
  editionYear: number;
  /** One field (or null) per column; the proposed mapping when not given or when it does not fit the file. */
  mapping?: (ImportField | null)[] | null;
  defaults?: Record<string, string>;
  batch?: BatchChoice;
}

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
  editionYear: number;
  editionExists: boolean;
  headerRowNumber: number;
  headers: string[];
  mapping: (ImportField | null)[];
  proposedMapping: (ImportField | null)[];
  /** The first data rows, for the mapping step. */
  samples: string[][];
  dataRows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  outcomes: RowOutcome[];
  counts: { create: number; update: number; unchanged: number; organisationsCreated: number };
  batch: { ordinal: number; publishedAt: string; exists: boolean } | null;
  committed: boolean;
}

interface Prepared {
  report: ImportReport;
  check: (db: DB, now: Date) => Promise<ScenarioPlan | VendorPlan | null>;
}

/** Collapses per-cell notes that repeat (every formula cell) into one warning with a count. */
function notesToWarnings(read: Extract<ReadOutcome, { ok: true }>, headers: string[], width: number): ImportIssue[] {
  const warnings: ImportIssue[] = [];
  const formulas = read.notes.filter((n) => n.key === "import.warning.formula" && n.col < width);
  if (formulas.length) warnings.push({ ...issueAt(formulas[0]!.row, formulas[0]!.col, headers, "import.warning.formula", { n: formulas.length }) });
  for (const n of read.notes.filter((n) => n.key !== "import.warning.formula" && n.col < width)) warnings.push(issueAt(n.row, n.col, headers, n.key, n.values));
  return warnings;
}

async function prepare(bytes: Uint8Array, fileName: string, settings: ImportSettings): Promise<Prepared> {
  const base: ImportReport = {
    fileName, sizeBytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex"), fatal: null, format: null,
    encoding: null, sheet: null, kind: settings.kind ?? "scenarios", editionYear: settings.editionYear, editionExists: false,
    headerRowNumber: 1, headers: [], mapping: [], proposedMapping: [], samples: [], dataRows: 0, errors: [], warnings: [],
    outcomes: [], counts: { create: 0, update: 0, unchanged: 0, organisationsCreated: 0 }, batch: null, committed: false,
  };
  const read = await readSpreadsheet(bytes);
  if (!read.ok) return { report: { ...base, fatal: read.problem }, check: async () => null };
  const grid = read.grid;
  const kind = settings.kind ?? guessKind(grid.slice(0, 10).map((r) => r.cells));
  const table = tableFromGrid(grid, findHeaderRow(kind, grid.map((r) => r.cells)));
  const proposedMapping = proposeMapping(kind, table.headers);
  const mapping = settings.mapping && settings.mapping.length === table.headers.length ? settings.mapping : proposedMapping;
  const width = table.headers.length;
  const dataRows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const report: ImportReport = {
    ...base, format: read.format, encoding: read.encoding, sheet: read.sheet, kind, headerRowNumber: table.headerRowNumber,
    headers: table.headers, mapping, proposedMapping, samples: dataRows.slice(0, 3).map((r) => r.cells), dataRows: dataRows.length,
    warnings: notesToWarnings(read, table.headers, width),
  };
  if (width === 0 || dataRows.length === 0) return { report: { ...report, fatal: { key: "import.error.noRows" } }, check: async () => null };

  const cellErrors = read.cellErrors
    .filter((e) => e.row > table.headerRowNumber && e.col < width && mapping[e.col])
    .map((e) => issueAt(e.row, e.col, table.headers, e.key, e.values));
  const columnOf = (field: string) => {
    const i = mapping.indexOf(field as ImportField);
    return i < 0 ? null : i;
  };
  const defaults = settings.defaults ?? {};
  const check = async (db: DB, now: Date) => {
    if (kind === "scenarios") {
      const checked = checkScenarioRows(table, mapping, { editionYear: settings.editionYear, defaults: defaults as ScenarioDefaults });
      report.errors = [...cellErrors, ...checked.errors];
      report.warnings.push(...checked.warnings);
      if (report.errors.some((e) => e.row === null)) return null;
      const fromDefaults = Object.entries(defaults).filter(([, v]) => v?.trim()).map(([k]) => k);
      const provided = providedColumns([...mapping.filter((f) => f !== null), ...fromDefaults] as ScenarioImportField[]);
      const plan = await planScenarioImport(db, {
        rows: checked.rows, headers: table.headers, columnOf, provided, editionYear: settings.editionYear, batch: settings.batch ?? { kind: "new", publishedOn: null }, now,
      });
      report.editionExists = plan.editionId !== null;
      report.batch = plan.batch;
      return finish(plan);
    }
    const checked = checkVendorRows(table, mapping, { defaults: defaults as VendorDefaults });
    report.errors = [...cellErrors, ...checked.errors];
    report.warnings.push(...checked.warnings);
    if (report.errors.some((e) => e.row === null)) return null;
    const provided = new Set<string>(mapping.filter((f): f is ImportField => f !== null));
    return finish(await planVendorImport(db, { rows: checked.rows, headers: table.headers, columnOf, provided }));
  };
  const finish = <P extends ScenarioPlan | VendorPlan>(plan: P): P => {
    report.errors = [...report.errors, ...plan.errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    // Rows with errors are listed among the outcomes too, so the list has every row of the file.
    const labelCol = columnOf(kind === "scenarios" ? "title" : "productName");
    const orgCol = columnOf("organisation");
    const failed = new Set(report.errors.flatMap((e) => (e.row === null ? [] : [e.row])));
    const failedOutcomes: RowOutcome[] = table.rows
      .filter((r) => failed.has(r.rowNumber))
      .map((r) => ({
        row: r.rowNumber, action: "error", label: labelCol === null ? "" : (r.cells[labelCol] ?? ""),
        organisation: orgCol === null ? "" : (r.cells[orgCol] ?? ""), organisationAction: null, code: null,
      }));
    report.outcomes = [...plan.outcomes, ...failedOutcomes].sort((a, b) => a.row - b.row);
    report.counts = {
      create: plan.outcomes.filter((o) => o.action === "create").length,
      update: plan.outcomes.filter((o) => o.action === "update").length,
      unchanged: plan.outcomes.filter((o) => o.action === "unchanged").length,
      organisationsCreated: plan.organisationsCreated,
    };
    return plan;
  };
  return { report, check };
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
 * The import: all or nothing. Any error (in the file, or found against the database inside the
 * transaction) writes nothing and returns the report. Search follows through the outbox.
 */
export async function runImport(
  db: DB,
  file: { bytes: Uint8Array; fileName: string },
  settings: ImportSettings,
  actor: OfficeActor | null,
  now = new Date(),
): Promise<ImportReport> {
  const prepared = await prepare(file.bytes, file.fileName, settings);
  const { report } = prepared;
  if (report.fatal) return report;
  const reason = translator("zh")("import.historyReason", { file: file.fileName });
  let changedScenarioIds: number[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const plan = await prepared.check(trx, now);
      if (!plan || report.errors.length) throw new ImportRefused();
      const summary = {
        file: file.fileName, sha256: report.sha256, format: report.format, encoding: report.encoding, rows: report.dataRows, ...report.counts,
        via: actor ? "web" : "cli",
      };
      if ("editionYear" in plan) {
        const written = await writeScenarioPlan(trx, plan, { actorUserId: actor?.userId ?? null, reason, now });
        changedScenarioIds = written.changedIds;
        const codes = plan.rows.filter((r) => r.action === "create").map((r) => r.code);
        await audit(trx, {
          actorUserId: actor?.userId ?? null, action: "import.scenarios", subjectType: "edition", subjectId: written.editionId,
          after: { ...summary, editionYear: plan.editionYear, batchOrdinal: plan.batch?.ordinal ?? null, firstCode: codes[0] ?? null, lastCode: codes.at(-1) ?? null },
          ip: actor?.ip ?? null,
        });
      } else {
        const written = await writeVendorPlan(trx, plan, now);
        await audit(trx, {
          actorUserId: actor?.userId ?? null, action: "import.vendors", subjectType: "organisation", subjectId: null,
          after: { ...summary, organisationIds: written.organisationIds.slice(0, 200) }, ip: actor?.ip ?? null,
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
