// Proposing what each column is from its header *and* its values. Real lists name columns in many
// ways (需求方向, 榜题名称, 标杆名称 for the title) and sometimes misleadingly (发布单位 is the list's
// publisher, not the demand side), so a header alone mis-maps without a warning. Each column gets a
// profile of its values — short distinct titles, organisation names, long descriptions, dates,
// phone numbers, credit codes, words of a vocabulary — and every (column, field) pair a score from
// the header match and the content fit; the best pairs win, one field per column and one column per
// field. The score is shown to the office as the confidence of the proposal.
import { checkCreditCode } from "../credit-code";
import { fieldForHeader, headerMatch, type ImportField, type ImportKind } from "./fields";
import {
  mapCooperationMode,
  mapDistrict,
  mapIndustry,
  mapProductKind,
  mapStatus,
  mapTier,
  mapVenueType,
  nearestDomain,
  parseBudget,
  parseDate,
} from "./values";

export interface ColumnProfile {
  filled: number;
  distinct: number;
  avgLength: number;
  share: Record<"date" | "phone" | "email" | "credit" | "org" | "number" | "filing" | "city", number>;
  /** Share of values each vocabulary understands. */
  vocab: Record<"domain" | "cooperationMode" | "tier" | "district" | "status" | "venueType" | "productKind" | "industry", number>;
}

const ORG_SUFFIX = /(公司|集团|医院|大学|学院|学校|中学|小学|幼儿园|厂|研究院|研究所|研究中心|中心|局|委员会|委|厅|办公室|办|政府|银行|协会|学会|联合会|基金会|馆|站|所|院|处|街道|社区|管委会|有限合伙|工作室|合作社|部队|总队|支队|实验室)(\(.*\))?$/;
const PHONE = /(?:\d{3,4}-?\d{7,8}|1[3-9]\d{9})/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
// Filing numbers of generative AI services: Beijing-WenXinYiYan-20230821S0001, 网信算备110108…
const FILING = /^([A-Za-z]+-[A-Za-z0-9]+-\d{6,8}[A-Z]?\d*|网信算备\d+.*)$/;

export function profileColumn(values: readonly string[]): ColumnProfile {
  const cells = values.map((v) => v.trim()).filter(Boolean);
  const n = cells.length || 1;
  const share = (test: (v: string) => boolean) => cells.filter(test).length / n;
  const norm = (v: string) => v.normalize("NFKC").replace(/\s+/g, "");
  return {
    filled: cells.length,
    distinct: new Set(cells).size / n,
    avgLength: cells.reduce((sum, v) => sum + [...v].length, 0) / n,
    share: {
      date: share((v) => parseDate(v) !== null || /^\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?$/.test(norm(v))),
      phone: share((v) => PHONE.test(norm(v))),
      email: share((v) => EMAIL.test(v)),
      credit: share((v) => checkCreditCode(v).ok),
      org: share((v) => [...v].length <= 40 && ORG_SUFFIX.test(norm(v).replace(/[（]/g, "(").replace(/[）]/g, ")"))),
      number: share((v) => /^\d+(\.\d+)?$/.test(norm(v))),
      filing: share((v) => FILING.test(norm(v))),
      city: share((v) => /^[\u4e00-\u9fff]{2,6}(市|州|盟|地区)$/.test(norm(v))),
    },
    vocab: {
      domain: share((v) => nearestDomain(v)?.exact === true),
      cooperationMode: share((v) => mapCooperationMode(v) !== null),
      tier: share((v) => mapTier(v) !== null),
      district: share((v) => mapDistrict(v) !== null),
      status: share((v) => mapStatus(v) !== null),
      venueType: share((v) => mapVenueType(v) !== null),
      productKind: share((v) => mapProductKind(v) !== null),
      industry: share((v) => mapIndustry(v) !== null),
    },
  };
}

/** How well a column's values fit a field, 0 … 1 (0.5 where values say nothing either way). */
export function contentFit(field: ImportField, p: ColumnProfile): number {
  if (p.filled === 0) return 0.3;
  const long = Math.min(1, p.avgLength / 60);
  const titleLike = p.avgLength >= 4 && p.avgLength <= 45 && p.distinct >= 0.8 ? 1 - Math.max(p.share.org, p.share.date, p.share.phone, p.share.number) : 0;
  switch (field) {
    case "title": case "productName":
      return titleLike * (p.avgLength > 60 ? 0.3 : 1);
    case "organisation": case "publisher":
      return p.share.org;
    case "description": case "requirements": case "acceptanceCriteria": case "productDescription": case "solution": case "outcome": case "summary": case "caseResult":
      return long;
    case "publishedOn": case "periodStart": case "periodEnd": case "deadline":
      return p.share.date;
    case "contact": case "contactPhone":
      return p.share.phone;
    case "contactEmail":
      return p.share.email;
    case "creditCode":
      return p.share.credit;
    case "seq":
      return p.share.number * p.distinct;
    case "budgetWan":
      return p.share.number;
    case "domain": case "domains":
      return Math.max(p.vocab.domain, p.vocab.industry * 0.8);
    case "cooperationMode":
      return p.vocab.cooperationMode;
    case "tier":
      return p.vocab.tier;
    case "district":
      return p.vocab.district;
    case "status":
      return p.vocab.status;
    case "venueType": case "venueTypes":
      return p.vocab.venueType;
    case "productKind":
      return p.vocab.productKind;
    case "industries":
      return p.vocab.industry;
    case "filingNumber":
      return p.share.filing;
    case "city":
      return p.share.city;
    default:
      return 0.5;
  }
}

// Fields a column may be given for its content alone, without any header saying so: what values
// show unmistakably.
const BY_CONTENT: Partial<Record<ImportKind, ImportField[]>> = {
  scenarios: ["title", "organisation", "description", "contactPhone", "contactEmail", "creditCode", "publishedOn"],
  vendors: ["productName", "organisation", "productDescription", "filingNumber", "creditCode"],
};

/** Rows whose values are profiled: enough to tell titles from organisations, cheap on a 10,000-row list. */
const SAMPLE_ROWS = 60;

export interface ProposedColumn {
  field: ImportField | null;
  /** 0 … 1: how sure the proposal is (header match and content fit together). */
  confidence: number;
}

/** Scores of one column against every field of the kind: header match weighs most, content confirms it. */
function scores(kind: ImportKind, header: string, values: readonly string[], fields: readonly ImportField[]): Map<ImportField, number> {
  const p = profileColumn(values);
  const out = new Map<ImportField, number>();
  // A header that is exactly one field's alias names that field; that it contains another field's
  // shorter alias (单位名称 contains 名称) says nothing more.
  const exact = fields.some((f) => headerMatch(kind, header, f) === 1);
  for (const field of fields) {
    const match = headerMatch(kind, header, field);
    const byHeader = exact && match < 1 ? 0 : match;
    const fit = values.length ? contentFit(field, p) : 0.5;
    let score = 0;
    if (byHeader > 0) score = 0.6 * byHeader + 0.4 * fit;
    else if (values.length && BY_CONTENT[kind]?.includes(field) && fit >= 0.7) score = 0.45 * fit;
    if (score > 0) out.set(field, score);
  }
  return out;
}

/**
 * One field (or none) per column with its confidence. `rows` are data rows under the header (a
 * sample is enough); without them this is the header-only proposal.
 */
export function proposeColumns(kind: ImportKind, headers: readonly string[], rows: readonly (readonly string[])[], fields: readonly ImportField[]): ProposedColumn[] {
  const sample = rows.slice(0, SAMPLE_ROWS);
  const pairs: { col: number; field: ImportField; score: number }[] = [];
  headers.forEach((header, col) => {
    const values = sample.map((r) => r[col] ?? "");
    for (const [field, score] of scores(kind, header, values, fields)) pairs.push({ col, field, score });
  });
  // Best pairs first; on equal scores the earlier column and the exact header win.
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const out: ProposedColumn[] = headers.map(() => ({ field: null, confidence: 0 }));
  const taken = new Set<ImportField>();
  for (const { col, field, score } of pairs) {
    if (score < 0.3 || taken.has(field) || out[col]!.field) continue;
    out[col] = { field, confidence: Math.round(score * 100) / 100 };
    taken.add(field);
  }
  return out;
}

/**
 * Columns left unmapped whose values look like a title or an organisation: the proposal may have
 * missed the real one (the office should look), returned as (column, field it looks like).
 */
export function likelyMissed(kind: ImportKind, headers: readonly string[], rows: readonly (readonly string[])[], mapping: readonly (ImportField | null)[]): { col: number; looksLike: ImportField }[] {
  const sample = rows.slice(0, SAMPLE_ROWS);
  const titleField: ImportField = kind === "scenarios" ? "title" : "productName";
  const out: { col: number; looksLike: ImportField }[] = [];
  headers.forEach((header, col) => {
    if (mapping[col]) return;
    const values = sample.map((r) => r[col] ?? "");
    if (values.every((v) => !v.trim())) return;
    const p = profileColumn(values);
    if (contentFit("organisation", p) >= 0.6) out.push({ col, looksLike: "organisation" });
    else if (contentFit(titleField, p) >= 0.7 && fieldForHeader(kind, header) === null) out.push({ col, looksLike: titleField });
  });
  return out;
}
