// The columns of the scenario list export (CSV and Excel). The Chinese headers are a contract:
// the importer reads files with these headers, so change them only together with it.
// Vocabulary values are written as their Chinese names, as published lists print them; dates and
// times are text in Beijing time (2026-12-31, 2026-12-31 17:00), so they survive any spreadsheet.
import { chineseOrdinal } from "../vocabulary";
import type { Cell } from "./csv";
import type { Labeler, ScenarioRecord } from "./scenario-record";

export const EXPORT_COLUMNS = [
  { header: "场景编号", width: 14 },
  { header: "场景名称", width: 30 },
  { header: "需求单位", width: 24 },
  { header: "所属领域", width: 10 },
  { header: "示范场所类型", width: 12 },
  { header: "所在区域", width: 10 },
  { header: "合作需求", width: 14 },
  { header: "场景层级", width: 16 },
  { header: "预算(万元)", width: 11 },
  { header: "场景描述", width: 50 },
  { header: "技术需求", width: 40 },
  { header: "验收标准", width: 40 },
  { header: "周期开始", width: 12 },
  { header: "周期结束", width: 12 },
  { header: "联系人", width: 10 },
  { header: "联系电话", width: 16 },
  { header: "联系邮箱", width: 24 },
  { header: "技术能力", width: 24 },
  { header: "状态", width: 12 },
  { header: "批次", width: 14 },
  { header: "发布日期", width: 12 },
  { header: "揭榜截止", width: 17 },
  // What an imported list printed with no column of ours (empty for scenarios posted here).
  { header: "发布单位", width: 20 },
  { header: "城市", width: 8 },
  { header: "来源清单", width: 24 },
  { header: "成效", width: 30 },
  { header: "解决方案", width: 30 },
] as const;

export const EXPORT_HEADERS = EXPORT_COLUMNS.map((c) => c.header);

const shanghai = (value: string, withTime: boolean): string => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  // sv-SE formats as 2026-12-31 17:00, the ISO-like order every spreadsheet sorts correctly.
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
  }).format(date);
};

/** 2026年第二批 */
export function batchName(year: number, ordinal: number | null): string {
  return ordinal === null ? `${year}年` : `${year}年第${chineseOrdinal(ordinal)}批`;
}

export function exportRow(r: ScenarioRecord, label: Labeler): Cell[] {
  return [
    r.code,
    r.title,
    r.organisation.name,
    label("domain", r.domain),
    r.venueType === null ? null : label("venue", r.venueType),
    r.district,
    // An archive may not say (未注明): left empty rather than invented.
    r.cooperationMode ? label("mode", r.cooperationMode) : null,
    r.tier ? label("tier", r.tier) : null,
    r.budgetWan,
    r.description,
    r.requirements,
    r.acceptanceCriteria,
    r.periodStart && shanghai(r.periodStart, false),
    r.periodEnd && shanghai(r.periodEnd, false),
    r.contact.name,
    r.contact.phone,
    r.contact.email,
    r.capabilities.map((c) => c.zh).join("、"),
    r.archive && r.status === "published" ? "往期清单（存档）" : label("phase", r.phase),
    batchName(r.edition.year, r.batchOrdinal),
    r.publishedAt && shanghai(r.publishedAt, false),
    r.proposalDeadline && shanghai(r.proposalDeadline, true),
    r.source?.publisher ?? null,
    r.source?.city ?? null,
    r.source?.sourceList ?? null,
    r.source?.outcome ?? null,
    r.source?.solution ?? null,
  ];
}
