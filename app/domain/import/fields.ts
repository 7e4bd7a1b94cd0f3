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
  "industries", "publishedOn", "publisher", "city", "sourceList", "outcome", "solution",
] as const;
export type ScenarioImportField = (typeof SCENARIO_FIELDS)[number];

export const VENDOR_FIELDS = [
  "seq", "productName", "productDescription", "organisation", "creditCode", "productKind", "filingNumber",
  "capabilities", "domains", "venueTypes", "district", "website", "summary", "caseClient", "caseScenario", "caseResult",
  "industries",
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
/**
 * An archive (a past list, or another city's) needs only what every real list prints: district and
 * tier exist only in Nanjing's own list and stay empty (未注明) rather than invented; a cooperation
 * mode few lists print stays empty too.
 */
export const ARCHIVE_REQUIRED = ["title", "organisation", "domain"] as const;
/** Columns with no home among a scenario's own fields, kept beside it as the source printed them. */
export const SOURCE_FIELDS = ["publisher", "city", "sourceList", "outcome", "solution"] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];
export const VENDOR_REQUIRED = ["productName", "organisation", "productKind"] as const;

const SCENARIO_ALIASES: Record<ScenarioImportField, string[]> = {
  code: ["场景编号", "场景代码", "清单编号", "code"],
  seq: ["序号", "编号", "no", "no.", "序"],
  title: ["场景名称", "场景机会名称", "场景机会", "场景名", "需求名称", "项目名称", "榜题名称", "榜单名称", "标杆名称", "需求方向", "方向", "名称", "title"],
  organisation: ["需求单位", "单位名称", "场景单位", "需求方", "牵头单位", "建设单位", "申报单位", "场景提供方", "场景需求方", "发榜单位", "需求主体", "单位", "organisation", "organization"],
  creditCode: ["统一社会信用代码", "社会信用代码", "信用代码", "credit code"],
  domain: ["所属领域", "领域", "行业类别", "行业领域", "场景类型", "场景类别", "所属行业", "行业", "类别", "分类", "domain"],
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
  industries: ["国民经济行业", "行业分类(国标)", "industries"],
  publishedOn: ["发布日期", "发布时间", "公布日期", "发布年份", "published"],
  // The publisher of the list (a city's state-assets commission, a bureau), not the demand side.
  publisher: ["发布单位", "发布机构", "发布部门", "组织单位", "publisher"],
  city: ["城市", "所在城市", "地市", "城市名称", "省市", "city"],
  sourceList: ["来源清单", "清单名称", "清单", "来源", "批次", "source list"],
  outcome: ["成效", "应用成效", "实施成效", "取得成效", "outcome"],
  solution: ["解决方案", "技术方案", "实施方案", "solution"],
};

const VENDOR_ALIASES: Record<VendorImportField, string[]> = {
  seq: ["序号", "编号", "no", "no."],
  productName: ["场景能力名称", "能力名称", "产品名称", "解决方案名称", "产品/方案名称", "方案名称", "模型名称", "大模型名称", "大模型", "服务名称", "应用名称", "应用", "产品"],
  productDescription: ["场景能力说明", "能力说明", "能力描述", "产品说明", "产品简介", "方案简介", "产品描述", "功能说明", "主要功能", "功能", "说明", "简介"],
  organisation: ["单位名称", "企业名称", "供给单位", "公司名称", "申报单位", "提供单位", "供应商", "备案单位", "登记单位", "备案主体", "公司", "企业"],
  creditCode: ["统一社会信用代码", "社会信用代码", "信用代码"],
  productKind: ["能力类型", "产品类型", "产品形态", "类型"],
  filingNumber: ["备案号", "备案编号", "登记编号", "生成式人工智能服务备案号", "算法备案号", "大模型备案号"],
  capabilities: ["技术能力", "技术领域", "核心技术", "能力标签", "技术方向"],
  domains: ["应用领域", "服务领域", "所属领域", "适用领域", "行业领域"],
  venueTypes: ["适用场所", "应用场所", "示范场所类型"],
  district: ["所在区域", "所属区域", "所在区", "区域"],
  website: ["网站", "官网", "网址", "单位网站"],
  summary: ["单位简介", "企业简介", "公司简介"],
  caseClient: ["案例客户", "应用单位", "服务客户", "案例单位"],
  caseScenario: ["典型案例", "应用案例", "案例名称", "落地案例"],
  caseResult: ["案例成效", "应用成效", "实施成效"],
  // What a vendor serves, in the national industry classification: 通用/医疗/金融/教育 …
  industries: ["类别", "行业", "所属行业", "服务行业", "应用行业", "行业类别", "领域", "限定领域"],
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

/**
 * How strongly a header names a field: 1 for one of its aliases, less for a header that contains an
 * alias (longer aliases count more: “需求单位名称” names the organisation more surely than “单位”).
 */
export function headerMatch(kind: ImportKind, header: string, field: ImportField): number {
  const h = normaliseHeader(header);
  const list = aliasesOf(kind)[field];
  if (!h || !list) return 0;
  if (list.some((a) => normaliseHeader(a) === h)) return 1;
  let best = 0;
  for (const a of list) {
    const alias = normaliseHeader(a);
    if (alias.length >= 2 && h.includes(alias)) best = Math.max(best, 0.5 + 0.05 * Math.min(alias.length, 6));
  }
  return best;
}

/** Header-only proposal, one field per column at most: where two columns name the same field, the first keeps it. */
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

const KIND_MARKERS: Record<ImportKind, ImportField[]> = {
  scenarios: ["title", "cooperationMode", "tier", "district", "budgetWan", "requirements", "description", "acceptanceCriteria"],
  vendors: ["productName", "productDescription", "filingNumber", "productKind"],
};

/**
 * Whether a file is a scenario list or a vendor list (场景能力清单, a list of filed model services),
 * from the fields its header names that only one kind has, and from its values: a column of filing
 * numbers (Beijing-WenXinYiYan-20230821S0001) makes a vendor list. Scenario lists win ties.
 */
export function guessKind(rows: readonly (readonly string[])[]): ImportKind {
  const top = rows.slice(0, 10);
  // A header counts for the kind whose marker fields it names more exactly (场景能力名称 is a vendor
  // list's exact alias, and only contains a scenario title's 名称).
  const strength = (kind: ImportKind, cell: string) => Math.max(0, ...KIND_MARKERS[kind].map((f) => headerMatch(kind, cell, f)));
  const markerScore = (kind: ImportKind) => {
    const other: ImportKind = kind === "scenarios" ? "vendors" : "scenarios";
    return Math.max(0, ...top.map((r) => r.filter((c) => strength(kind, c) > 0 && strength(kind, c) > strength(other, c)).length));
  };
  const filingColumn = rows.slice(0, 30).some((r) => r.some((c) => /^[A-Za-z]+-[A-Za-z0-9]+-\d{6,8}[A-Z]?\d*$/.test(c.trim())));
  const vendor = markerScore("vendors") + (filingColumn ? 2 : 0);
  const scenario = markerScore("scenarios");
  if (vendor !== scenario) return vendor > scenario ? "vendors" : "scenarios";
  const score = (kind: ImportKind) => Math.max(0, ...top.map((r) => headerScore(kind, r)));
  return score("vendors") > score("scenarios") ? "vendors" : "scenarios";
}
