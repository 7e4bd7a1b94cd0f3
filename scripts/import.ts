// Imports a scenario list or a vendor capability list from the command line:
//   npm run import -- <file> [--dry-run] [--kind scenarios|vendors] [--edition 2025]
//     [--map 表头=field …] [--set field=value …] [--batch new|none|<n>] [--published-on 2025-06-30] [--lang zh|en]
// Prints the detected encoding, the column mapping, every error and every row's outcome.
import "~/i18n/english";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { DB } from "~/db/db.server";
import { IMPORT_KINDS, SCENARIO_DEFAULTABLE, VENDOR_DEFAULTABLE, fieldsOf, type ImportField, type ImportKind } from "~/domain/import/fields";
import { STATUS_VALUES, mapCooperationMode, mapDistrict, mapDomain, mapProductKind, mapStatus, mapTier } from "~/domain/import/values";
import { COOPERATION_MODES, DISTRICTS, DOMAINS, PRODUCT_KINDS, TIERS } from "~/domain/vocabulary";
import type { MessageKey } from "~/i18n/dictionary";
import { columnLetter } from "~/domain/import/table";
import { translator, type Lang, type Translate } from "~/i18n/i18n";
import { describeColumn, describeIssue, fieldLabel } from "~/import/describe";
import { MAX_IMPORT_BYTES, sizeProblem } from "~/import/read.server";
import { applySearchOutbox } from "~/search/sync.server";
import { dryRunImport, runImport, type BatchChoice, type ImportReport, type ImportSettings } from "~/models/import.server";
import type { SearchEngine } from "~/search/engine";

const USAGE = "usage: npm run import -- <file> [--dry-run] [--kind scenarios|vendors] [--edition 2025] [--map 表头=field] [--set field=value] [--batch new|none|<n>] [--published-on YYYY-MM-DD] [--archive] [--all-or-nothing] [--lang zh|en]";
const HELP = [
  USAGE,
  "  --dry-run           check and print every row's outcome; write nothing",
  "  --kind              scenarios or vendors (guessed from the headers and values when not given)",
  "  --edition           the edition year the list belongs to",
  "  --map 表头=field     use a column for a field (field - to skip the column)",
  "  --set field=value   a value for the whole list where a column is absent or a cell empty",
  "  --batch             new (default), none, or the number of an existing batch",
  "  --published-on      the date of a new batch",
  "  --archive           a past list or another city's: edition closed, scenarios past, district/tier may stay empty",
  "  --all-or-nothing    write nothing if any row has an error (default: import the others, hold the rows with errors)",
  "  --lang              zh (default) or en",
];

export interface CliOptions {
  file: string;
  dryRun: boolean;
  help?: boolean;
  archive?: boolean;
  allOrNothing?: boolean;
  kind?: ImportKind;
  edition: number;
  map: Record<string, string>;
  set: Record<string, string>;
  batch: BatchChoice;
  lang: Lang;
}

export function parseArgs(argv: string[], now = new Date()): CliOptions | { error: string } {
  const options: CliOptions = { file: "", dryRun: false, edition: now.getFullYear(), map: {}, set: {}, batch: { kind: "new", publishedOn: null }, lang: "zh" };
  let publishedOn: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const pair = (raw: string, into: Record<string, string>) => {
      const at = raw.lastIndexOf("=");
      if (at <= 0) throw new Error(`${arg} expects name=value, got ${raw}`);
      into[raw.slice(0, at)] = raw.slice(at + 1);
    };
    try {
      if (arg === "--dry-run") options.dryRun = true;
      else if (arg === "--help" || arg === "-h") options.help = true;
      else if (arg === "--archive") options.archive = true;
      else if (arg === "--all-or-nothing") options.allOrNothing = true;
      else if (arg === "--kind") {
        const kind = value();
        if (!(IMPORT_KINDS as readonly string[]).includes(kind)) return { error: `--kind must be scenarios or vendors` };
        options.kind = kind as ImportKind;
      } else if (arg === "--edition") {
        const year = Number(value());
        if (!Number.isInteger(year) || year < 2000 || year > 2100) return { error: "--edition must be a year such as 2025" };
        options.edition = year;
      } else if (arg === "--map") pair(value(), options.map);
      else if (arg === "--set") pair(value(), options.set);
      else if (arg === "--batch") {
        const b = value();
        if (b === "none") options.batch = { kind: "none" };
        else if (b === "new") options.batch = { kind: "new", publishedOn: null };
        else if (/^\d+$/.test(b)) options.batch = { kind: "existing", ordinal: Number(b) };
        else return { error: "--batch must be new, none or a batch number" };
      } else if (arg === "--published-on") {
        publishedOn = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(publishedOn)) return { error: "--published-on must be YYYY-MM-DD" };
      } else if (arg === "--lang") options.lang = value() === "en" ? "en" : "zh";
      else if (arg.startsWith("--")) return { error: `unknown option ${arg}` };
      else if (!options.file) options.file = arg;
      else return { error: `unexpected argument ${arg}` };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  if (!options.file && !options.help) return { error: "no file given" };
  if (options.batch.kind === "new") options.batch = { kind: "new", publishedOn };
  return options;
}

/**
 * A `--set` naming a field that takes no list-wide value, or a value outside the field's vocabulary:
 * the message lists what is allowed.
 */
export function checkSetValues(kind: ImportKind, set: Record<string, string>, t: Translate): string | null {
  const allowedFields = (kind === "scenarios" ? SCENARIO_DEFAULTABLE : VENDOR_DEFAULTABLE) as readonly string[];
  for (const [field, value] of Object.entries(set)) {
    if (!allowedFields.includes(field)) return `--set ${field}: not a field that takes a list-wide value; allowed: ${allowedFields.join(", ")}`;
    const vocabulary: Record<string, { values: readonly string[]; label: (v: string) => string; map: (raw: string) => string | null }> = {
      domain: { values: DOMAINS, label: (v) => t(`domain.${v}` as MessageKey), map: mapDomain },
      district: { values: DISTRICTS, label: (v) => v, map: mapDistrict },
      cooperationMode: { values: COOPERATION_MODES, label: (v) => t(`mode.${v}` as MessageKey), map: mapCooperationMode },
      tier: { values: TIERS, label: (v) => t(`tier.${v}` as MessageKey), map: mapTier },
      status: { values: STATUS_VALUES, label: (v) => t(`import.status.${v}` as MessageKey), map: (raw) => (STATUS_VALUES as readonly string[]).includes(raw) ? raw : mapStatus(raw) },
      productKind: { values: PRODUCT_KINDS, label: (v) => t(`import.productKind.${v}` as MessageKey), map: mapProductKind },
    };
    const vocab = vocabulary[field];
    if (vocab && vocab.map(value) === null) {
      const allowed = field === "district" ? vocab.values.join(", ") : vocab.values.map((v) => `${v} (${vocab.label(v)})`).join(", ");
      return `--set ${field}=${value}: not allowed; allowed: ${allowed}`;
    }
  }
  return null;
}

export function formatReport(report: ImportReport, lang: Lang): string[] {
  const t = translator(lang);
  const lines: string[] = [];
  lines.push(`${report.fileName} (${(report.sizeBytes / 1024).toFixed(1)} KB, sha256 ${report.sha256.slice(0, 12)})`);
  if (report.fatal) {
    lines.push(`${t("import.report.fatal")}: ${describeIssue(t, report.fatal)}`);
    return lines;
  }
  lines.push(t("import.detected", {
    format: report.format === "xlsx" ? "XLSX" : "CSV",
    encoding: t(`import.encoding.${report.encoding ?? "none"}`),
    row: report.headerRowNumber,
    rows: report.dataRows,
  }) + (report.sheet ? ` ${t("import.detected.sheet", { sheet: report.sheet })}` : ""));
  lines.push(`${t("import.kind")}: ${t(`import.kind.${report.kind}`)}`);
  lines.push(`${t("import.mapping.title")}:`);
  report.headers.forEach((header, i) => {
    const field = report.mapping[i];
    lines.push(`  ${describeColumn({ column: columnLetter(i), header }, lang)} → ${field ? `${field} (${fieldLabel(t, field)})` : t("import.mapping.skip")}`);
  });
  if (report.kind === "scenarios" && !report.editionExists && report.outcomes.length) lines.push(t("import.report.newEdition", { year: String(report.editionYear) }));
  if (report.errors.length) {
    lines.push(`${t("import.report.errorsTitle")} (${report.errors.length}):`);
    for (const e of report.errors) lines.push(`  ${e.row === null ? t("import.report.file") : `${t("import.report.col.row")} ${e.row}`}${e.column ? ` ${describeColumn(e, lang)}` : ""}: ${describeIssue(t, e)}`);
  }
  if (report.warnings.length) {
    lines.push(`${t("import.report.warningsTitle")} (${report.warnings.length}):`);
    for (const w of report.warnings) lines.push(`  ${w.row === null ? "" : `${t("import.report.col.row")} ${w.row} `}${w.column ? `${describeColumn(w, lang)} ` : ""}${describeIssue(t, w)}`);
  }
  lines.push(`${t("import.report.rowsTitle")}:`);
  for (const o of report.outcomes) {
    lines.push(`  ${t("import.report.col.row")} ${o.row}: ${t(`import.outcome.${o.action}`)}${o.code ? ` ${o.code}` : ""} ${o.label.replace(/\s+/g, " ")} · ${o.organisation}${o.organisationAction ? ` (${t(`import.orgAction.${o.organisationAction}`)})` : ""}`);
  }
  lines.push(
    `${t("import.report.create")} ${report.counts.create} · ${t("import.report.update")} ${report.counts.update} · ${t("import.report.unchanged")} ${report.counts.unchanged} · ` +
      `${t("import.report.orgs")} ${report.counts.organisationsCreated} · ${t("import.report.errors")} ${report.errors.length}`,
  );
  return lines;
}

/** The command, with its database, search engine and output given: returns the exit code. */
export async function runImportCli(argv: string[], deps: { db: DB; engine: SearchEngine | null; print: (line: string) => void; now?: Date }): Promise<number> {
  const options = parseArgs(argv, deps.now);
  if ("error" in options) {
    deps.print(options.error);
    deps.print(USAGE);
    return 2;
  }
  if (options.help) {
    for (const line of HELP) deps.print(line);
    return 0;
  }
  const t = translator(options.lang);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(options.file);
  } catch {
    deps.print(`${options.file}: no such file`);
    return 2;
  }
  // Refused by its size before a byte is read.
  const tooBig = stat.size > MAX_IMPORT_BYTES ? sizeProblem(stat.size) : null;
  if (tooBig) {
    deps.print(`${t("import.report.fatal")}: ${describeIssue(t, tooBig)}`);
    return 1;
  }
  const bytes = new Uint8Array(fs.readFileSync(options.file));
  const first = await dryRunImport(deps.db, { bytes, fileName: path.basename(options.file) }, { kind: options.kind, editionYear: options.edition }, deps.now);
  const setProblem = checkSetValues(first.kind, options.set, t);
  if (setProblem) {
    deps.print(setProblem);
    return 2;
  }
  const fields = fieldsOf(first.kind) as readonly string[];
  let mapping: (ImportField | null)[] | null = null;
  if (Object.keys(options.map).length) {
    mapping = [...first.proposedMapping];
    for (const [header, field] of Object.entries(options.map)) {
      const col = first.headers.indexOf(header);
      if (col < 0) {
        deps.print(`--map: no column headed ${header}`);
        return 2;
      }
      if (field !== "" && field !== "-" && !fields.includes(field)) {
        deps.print(`--map: ${field} is not one of ${fields.join(", ")}`);
        return 2;
      }
      mapping[col] = field === "" || field === "-" ? null : (field as ImportField);
    }
  }
  const settings: ImportSettings = {
    kind: first.kind, editionYear: options.edition, mapping, defaults: options.set, batch: options.batch, archive: options.archive === true,
    mode: options.allOrNothing ? "all" : "partial",
  };
  const file = { bytes, fileName: path.basename(options.file) };
  const report = options.dryRun
    ? await dryRunImport(deps.db, file, settings, deps.now)
    : await runImport(deps.db, file, settings, null, deps.now);
  for (const line of formatReport(report, options.lang)) deps.print(line);
  if (report.committed && report.counts.held) deps.print(t("lists.done.held", { n: report.counts.held }));
  if (report.fatal || report.errors.length) return 1;
  if (report.committed) {
    deps.print(t("import.done", { file: report.fileName, create: report.counts.create, update: report.counts.update, unchanged: report.counts.unchanged, orgs: report.counts.organisationsCreated }));
    // No server may be running to apply the search outbox: bring the index up to date now.
    if (deps.engine && (await applySearchOutbox(deps.db, deps.engine)).failed > 0) deps.print(t("import.done.indexLag"));
  }
  return 0;
}

async function main() {
  const { openDatabase } = await import("~/db/db.server");
  const { migrateToLatest } = await import("~/db/migrate.server");
  const { createSearchEngine } = await import("~/search/search.server");
  const { env } = await import("~/utils/env.server");
  const db = openDatabase(env().DATABASE_PATH);
  await migrateToLatest(db);
  const code = await runImportCli(process.argv.slice(2), { db, engine: createSearchEngine(db), print: (line) => console.info(line) });
  await db.destroy();
  process.exit(code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
