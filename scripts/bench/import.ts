// Import benchmark: 10,000 scenarios of the demo generator (realistic Chinese titles, organisations,
// descriptions) written as the office's spreadsheets would hold them, then read and imported.
//
//   npm run bench:import -- --rows 10000
//
// Each phase runs in a fresh process against the same database file, so that its peak memory is
// its own: the resident set's high-water mark (process.resourceUsage().maxRSS) and the heap used,
// sampled every 5 ms. Phases: GB18030 CSV dry run, GB18030 CSV import (one transaction, then the search
// index), the same file again (every row unchanged), the same rows as XLSX (dry run).
import "~/i18n/english";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { openDatabase, type DB } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { CAPABILITIES } from "~/domain/vocabulary";
import { translator } from "~/i18n/i18n";
import { dryRunImport, runImport, type ImportSettings } from "~/models/import.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import type { SearchEngine } from "~/search/engine";
import { applySearchOutbox } from "~/search/sync.server";
import { planDemo } from "../../db/seed";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const HEADERS = ["序号", "场景名称", "需求单位", "所属领域", "示范场所类型", "所在区域", "合作需求", "场景层级", "预算(万元)", "场景描述", "技术需求", "验收标准", "周期开始", "周期结束", "联系人", "联系电话", "联系邮箱", "技术能力"];

/** n rows of the demo's scenarios; an organisation's repeated title becomes its next phase (二期, 三期). */
function rows(n: number): string[][] {
  const zh = translator("zh");
  const seen = new Map<string, number>();
  return planDemo({ scenarios: n }).scenarios.slice(0, n).map((s, i) => {
    const key = `${s.org.name}|${s.title}`;
    const repeat = (seen.get(key) ?? 0) + 1;
    seen.set(key, repeat);
    const title = repeat === 1 ? s.title : `${s.title}（${["", "一", "二", "三", "四", "五", "六", "七", "八", "九"][repeat] ?? repeat}期）`;
    return [
      String(i + 1), title, s.org.name, zh(`domain.${s.domain}`), s.venue ? zh(`venue.${s.venue}`) : "", s.district, zh(`mode.${s.mode}`),
      zh(`tier.${s.tier}`), s.budget === null ? "面议" : String(s.budget), s.description, s.requirements, s.acceptance, s.periodStart ?? "", s.periodEnd ?? "",
      s.contactName, s.contactPhone, s.contactEmail, s.capabilityIds.map((id) => CAPABILITIES[id - 1]!.zh).join("、"),
    ];
  });
}

function csv(table: string[][]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return table.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

const PHASES = {
  dryCsv: "dry run, GB18030 CSV",
  importCsv: "import, GB18030 CSV (one transaction, then the search index)",
  againCsv: "import the same file again (every row unchanged)",
  dryXlsx: "dry run, XLSX of the same rows (after the import)",
  partialCsv: "partial import, GB18030 CSV with 1 row in 100 wrong (another edition; those rows held in 待处理)",
} as const;
type Phase = keyof typeof PHASES;

/** The import as the office sees it finish: written, then the search index brought up to date. */
async function runImportAndIndex(db: DB, file: { bytes: Uint8Array; fileName: string }, settings: ImportSettings, engine: SearchEngine) {
  const report = await runImport(db, file, settings, null);
  await applySearchOutbox(db, engine);
  return report;
}

/** One phase in this process: prints one JSON line. */
async function runPhase(phase: Phase, dir: string) {
  const db = openDatabase(path.join(dir, "bench.db"));
  const engine = createEmbeddedEngine(db);
  const settings: ImportSettings = phase === "partialCsv"
    ? { kind: "scenarios", editionYear: 2024, batch: { kind: "new", publishedOn: "2024-06-30" }, mode: "partial" }
    : { kind: "scenarios", editionYear: 2025, batch: { kind: "new", publishedOn: "2025-06-30" }, mode: "all" };
  const name = phase === "dryXlsx" ? "list.xlsx" : phase === "partialCsv" ? "list-partial.csv" : "list.csv";
  const file = { bytes: new Uint8Array(fs.readFileSync(path.join(dir, name))), fileName: name };
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const start = performance.now();
  const report = phase === "dryCsv" || phase === "dryXlsx" ? await dryRunImport(db, file, settings) : await runImportAndIndex(db, file, settings, engine);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  await db.destroy();
  if (report.fatal || (report.errors.length && !(phase === "partialCsv" && report.committed))) throw new Error(`${phase}: ${JSON.stringify(report.fatal ?? report.errors.slice(0, 3))}`);
  console.info(JSON.stringify({
    phase, rows: report.dataRows, counts: report.counts, encoding: report.encoding, seconds,
    baselineRssMb: baseline / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / 2 ** 20,
  }));
}

async function main() {
  const phase = arg("phase") as Phase | undefined;
  if (phase) return runPhase(phase, arg("dir")!);

  const n = Number(arg("rows") ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const db = openDatabase(path.join(dir, "bench.db"));
  await migrateToLatest(db);
  for (const c of CAPABILITIES) await db.insertInto("capabilities").values({ slug: c.slug, name_zh: c.zh, name_en: c.en }).execute();
  await db.destroy();
  const table = rows(n);
  fs.writeFileSync(path.join(dir, "list.csv"), iconv.encode(csv([HEADERS, ...table]), "gb18030"));
  // The same rows with every hundredth one in a district that is not Nanjing's: held, not refused.
  const partial = table.map((r, i) => (i % 100 === 99 ? r.map((c, col) => (col === 5 ? "浦东新区" : c)) : r));
  fs.writeFileSync(path.join(dir, "list-partial.csv"), iconv.encode(csv([HEADERS, ...partial]), "gb18030"));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("场景机会清单");
  for (const r of [HEADERS, ...table]) sheet.addRow(r);
  await workbook.xlsx.writeFile(path.join(dir, "list.xlsx"));
  const size = (f: string) => (fs.statSync(path.join(dir, f)).size / 2 ** 20).toFixed(1);
  const organisations = new Set(table.map((r) => r[2])).size;
  const links = table.reduce((sum, r) => sum + (r[17] ? r[17].split("、").length : 0), 0);
  console.info(`${table.length} rows (${organisations} organisations, ${links} capability links); GB18030 CSV ${size("list.csv")} MB, XLSX ${size("list.xlsx")} MB; Node ${process.version}, ${os.cpus().length} cores`);

  const self = fileURLToPath(import.meta.url);
  const lines: string[] = [];
  for (const p of Object.keys(PHASES) as Phase[]) {
    const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", self, "--phase", p, "--dir", dir], { encoding: "utf8", maxBuffer: 1 << 24 });
    const r = JSON.parse(out.trim().split("\n").pop()!);
    lines.push(`| ${PHASES[p]} | ${r.rows} | ${r.counts.create} / ${r.counts.update} / ${r.counts.unchanged}${r.counts.held ? ` (held ${r.counts.held})` : ""} | ${r.seconds.toFixed(2)} | ${Math.round(r.rows / r.seconds)} | ${r.baselineRssMb.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${r.peakHeapMb.toFixed(0)} |`);
  }
  console.info("");
  console.info("| phase | rows | new / updated / unchanged | seconds | rows per second | RSS before MB | peak RSS MB | peak heap MB |");
  console.info("|---|---|---|---|---|---|---|---|");
  for (const line of lines) console.info(line);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
