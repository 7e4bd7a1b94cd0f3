// The columns an import understands, each with the headers real lists print for it. Chongqing's
// 2025 list says 场景机会名称 and 单位名称, Suzhou's 行业类别 and 场景名称; a CSV export of our own
// list says 场景编号, 需求单位, 所属领域 … Headers are compared after normalising (see
// `normaliseHeader`), so 预算（万元）, 预算(万元) and “预算 (万元) *” are one header.

export const IMPORT_KINDS = ["scenarios", "vendors"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const SCENARIO_FIELDS = [
  "code", "seq", "title", "organisation", "creditCode", "domain", "venueType", "district", "cooperationMode",
  "tier", "budgetWan", "description", "requirements", "acceptanceCriteria", "period", "periodStart", "periodEnd",
  "contact", "contactName", "contactPhone", "contactEmail", "capabilities", "status", "deadline", "siteAccess",
] as const;
export type ScenarioImportField = (typeof SCENARIO_FIELDS)[number];

export const VENDOR_FIELDS = [
  "seq", "productName", "productDescription", "organisation", "creditCode", "productKind", "filingNumber",
  "capabilities", "domains", "venueTypes", "district", "website", "summary", "caseClient", "caseScenario", "caseResult",
] as const;
export type VendorImportField = (typeof VENDOR_FIELDS)[number];

export type ImportField = ScenarioImportField | VendorImportField;

/** Fields that may come from one value the office picks for the whole file (a column absent or a cell empty). */
export const SCENARIO_DEFAULTABLE = ["organisation", "domain", "district", "cooperationMode", "tier", "status"] as const;
export type ScenarioDefaultable = (typeof SCENARIO_DEFAULTABLE)[number];
export const VENDOR_DEFAULTABLE = ["productKind", "district"] as const;
export type VendorDefaultable = (typeof VENDOR_DEFAULTABLE)[number];

/** Without these (as a column, or a default where one is allowed) nothing can be imported. */
export const SCENARIO_REQUIRED = ["title", "organisation", "domain", "district", "cooperationMode", "tier"] as const;
export const VENDOR_REQUIRED = ["productName", "organisation", "productKind"] as const;

const SCENARIO_ALIASES: Record<ScenarioImportField, string[]> = {
  code: ["场景编号", "场景代码", "清单编号", "code"],
  seq: ["序号", "编号", "no", "no.", "序"],
  title: ["场景名称", "场景机会名称", "场景机会", "场景名", "需求名称", "项目名称", "名称", "title"],
  organisation: ["需求单位", "单位名称", "发布单位", "场景单位", "需求方", "牵头单位", "建设单位", "申报单位", "场景提供方", "单位", "organisation", "organization"],
  creditCode: ["统一社会信用代码", "社会信用代码", "信用代码", "credit code"],
  domain: ["所属领域", "领域", "行业类别", "行业领域", "场景类型", "场景类别", "所属行业", "行业", "类别", "domain"],
  venueType: ["示范场所类型", "场所类型", "示范场所", "应用场所", "venue type"],
  district: ["所在区域", "所属区域", "所在区", "所属区", "区域", "区县", "所在地区", "行政区", "district"],
  cooperationMode: ["合作需求", "合作方式", "合作模式", "需求类型", "合作类型", "cooperation mode"],
  tier: ["场景层级", "场景级别", "层级", "场景等级", "tier"],
  budgetWan: ["预算(万元)", "预算", "预算金额(万元)", "预算金额", "投资额(万元)", "预计投资(万元)", "拟投入资金(万元)", "投资规模(万元)", "金额(万元)", "budget"],
  description: ["场景描述", "场景简介", "场景说明", "场景内容", "场景概况", "需求描述", "简介", "描述", "description"],
  requirements: ["技术需求", "具体需求", "需求内容", "技术要求", "建设内容", "能力需求", "requirements"],
  acceptanceCriteria: ["验收标准", "验收要求", "预期成效", "预期目标", "acceptance criteria"],
  period: ["周期", "实施周期", "建设周期", "项目周期", "实施期限"],
  periodStart: ["周期开始", "开始时间", "开始日期", "计划开始日期", "起始时间"],
  periodEnd: ["周期结束", "结束时间", "结束日期", "计划结束日期", "完成时间"],
  contact: ["联系方式", "联系人及电话", "联系人及联系方式", "联系信息"],
  contactName: ["联系人", "联系人姓名", "contact"],
  contactPhone: ["联系电话", "电话", "手机", "联系人电话", "手机号码", "phone"],
  contactEmail: ["联系邮箱", "邮箱", "电子邮箱", "电子邮件", "email", "e-mail"],
  capabilities: ["技术能力", "所需技术", "技术领域", "技术方向", "关键技术", "能力标签", "capabilities"],
  status: ["状态", "场景状态", "status"],
  deadline: ["揭榜截止", "揭榜截止时间", "截止日期", "截止时间", "征集截止", "deadline"],
  siteAccess: ["场地可进入", "场地开放", "场地条件"],
};

const VENDOR_ALIASES: Record<VendorImportField, string[]> = {
  seq: ["序号", "编号", "no", "no."],
  productName: ["场景能力名称", "能力名称", "产品名称", "解决方案名称", "产品/方案名称", "方案名称", "产品"],
  productDescription: ["场景能力说明", "能力说明", "能力描述", "产品说明", "产品简介", "方案简介", "产品描述"],
  organisation: ["单位名称", "企业名称", "供给单位", "公司名称", "申报单位", "提供单位", "供应商"],
  creditCode: ["统一社会信用代码", "社会信用代码", "信用代码"],
  productKind: ["能力类型", "产品类型", "产品类别", "类型", "类别"],
  filingNumber: ["备案号", "生成式人工智能服务备案号", "算法备案号", "大模型备案号"],
  capabilities: ["技术能力", "技术领域", "核心技术", "能力标签", "技术方向"],
  domains: ["应用领域", "服务领域", "所属领域", "适用领域", "行业领域"],
  venueTypes: ["适用场所", "应用场所", "示范场所类型"],
  district: ["所在区域", "所属区域", "所在区", "区域"],
  website: ["网站", "官网", "网址", "单位网站"],
  summary: ["单位简介", "企业简介", "公司简介"],
  caseClient: ["案例客户", "应用单位", "服务客户", "案例单位"],
  caseScenario: ["典型案例", "应用案例", "案例名称", "落地案例"],
  caseResult: ["案例成效", "应用成效", "实施成效"],
};

export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === "scenarios" ? SCENARIO_FIELDS : VENDOR_FIELDS;
}

function aliasesOf(kind: ImportKind): Record<string, string[]> {
  return kind === "scenarios" ? SCENARIO_ALIASES : VENDOR_ALIASES;
}

/** Full-width to half-width, no spaces, no required-marks, lower case: “ 预算（万元）* ” → “预算(万元)”. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/^[*＊]+|[*＊]+$/g, "")
    .replace(/\((必填|选填|可选)\)$/, "")
    .replace(/[:：]$/, "")
    .toLowerCase();
}

/** The field a header names, or null. Exact aliases first; then the longest alias the header contains. */
export function fieldForHeader(kind: ImportKind, header: string): ImportField | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  const aliases = aliasesOf(kind);
  for (const [field, list] of Object.entries(aliases)) {
    if (list.some((a) => normaliseHeader(a) === h)) return field as ImportField;
  }
  let best: { field: ImportField; length: number } | null = null;
  for (const [field, list] of Object.entries(aliases)) {
    for (const a of list) {
      const alias = normaliseHeader(a);
      if (alias.length >= 2 && h.includes(alias) && (!best || alias.length > best.length)) best = { field: field as ImportField, length: alias.length };
    }
  }
  return best?.field ?? null;
}

/** One field per column at most: where two columns name the same field, the first keeps it. */
export function proposeMapping(kind: ImportKind, headers: readonly string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const field = fieldForHeader(kind, header);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** How many of a row's cells look like headers of this kind: finds the header under a title row. */
export function headerScore(kind: ImportKind, cells: readonly string[]): number {
  return cells.filter((c) => fieldForHeader(kind, c) !== null).length;
}

/**
 * Real lists often start with a title row (“2025年度场景机会清单”) or two; the header is the first of
 * the first ten rows with the most recognised headers (at least two).
 */
export function findHeaderRow(kind: ImportKind, rows: readonly (readonly string[])[]): number {
  let best = 0;
  let bestScore = 1;
  rows.slice(0, 10).forEach((cells, i) => {
    const score = headerScore(kind, cells);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** Guesses whether a file is a scenario list or a vendor capability list from its headers. */
export function guessKind(rows: readonly (readonly string[])[]): ImportKind {
  const score = (kind: ImportKind) => Math.max(0, ...rows.slice(0, 10).map((r) => headerScore(kind, r)));
  const vendorish = rows.slice(0, 10).some((r) => r.some((c) => ["场景能力名称", "能力名称", "场景能力说明"].includes(normaliseHeader(c))));
  return vendorish || score("vendors") > score("scenarios") ? "vendors" : "scenarios";
}
