// Free text from real lists mapped onto the vocabulary: 合作需求 “联合建设” → joint_build, 行业类别
// “智能制造” → industry, “江宁” → 江宁区. Each mapper returns the code, or null when the text says
// nothing we know (the caller turns that into an error naming the cell).
import {
  CAPABILITIES,
  INDUSTRIES,
  COOPERATION_MODES,
  DISTRICTS,
  DOMAINS,
  PRODUCT_KINDS,
  TIERS,
  VENUE_TYPES,
  type CooperationMode,
  type District,
  type Domain,
  type ProductKind,
  type Tier,
  type VenueType,
} from "../vocabulary";

/** NFKC, no spaces, lower case: how values are compared. */
export function normaliseValue(value: string): string {
  return value.normalize("NFKC").replace(/[\s\u3000]+/g, "").toLowerCase();
}

type Synonyms<T extends string> = Record<T, string[]>;

// The first synonym of each is the label the office sees elsewhere on the site.
const DOMAIN_SYNONYMS: Synonyms<Domain> = {
  tech_innovation: ["科技创新", "科学研究", "科研", "研发创新", "科学智能", "aiforscience", "technologyinnovation"],
  industry: ["产业发展", "智能制造", "制造", "制造业", "工业", "农业", "能源", "电力", "化工", "汽车", "物流", "供应链", "金融", "软件", "电子信息", "生物医药", "建筑", "产业", "industry"],
  consumption: ["消费提质", "消费", "商贸", "零售", "电商", "文旅", "文化旅游", "旅游", "体育", "餐饮", "会展", "consumption"],
  livelihood: ["民生服务", "民生", "医疗", "医疗健康", "健康", "卫生", "教育", "养老", "康养", "社区", "就业", "社保", "publicservices", "livelihood"],
  governance: ["城市治理", "政务", "政务服务", "城市管理", "交通", "交通出行", "应急", "公共安全", "安全生产", "环保", "生态环境", "水务", "智慧城市", "治理", "urbangovernance", "governance"],
  cooperation: ["交流合作", "国际合作", "合作交流", "对外合作", "区域合作", "cooperation"],
};

const MODE_SYNONYMS: Synonyms<CooperationMode> = {
  joint_build: ["联合建设", "共建", "合作共建", "共同建设", "联合开发", "联合研发", "jointbuild"],
  solution_procurement: ["采购解决方案", "解决方案采购", "采购", "购买服务", "服务采购", "方案采购", "产品采购", "solutionprocurement"],
  equipment: ["设备采购租赁", "设备采购", "设备租赁", "硬件采购", "租赁", "equipment"],
  operation: ["商业化运营", "运营", "合作运营", "联合运营", "场景运营", "operation"],
  challenge: ["揭榜攻关", "揭榜挂帅", "揭榜", "技术攻关", "攻关", "challenge"],
};

const TIER_SYNONYMS: Synonyms<Tier> = {
  major: ["综合性重大场景", "综合性重大", "重大场景", "综合性", "重大", "major"],
  integrated: ["行业集成式场景", "行业集成式", "集成式", "行业集成", "集成", "integrated"],
  small_high_value: ["高价值小切口场景", "高价值小切口", "小切口", "高价值", "smallhighvalue"],
};

const VENUE_SYNONYMS: Synonyms<VenueType> = {
  consumption: ["消费", "商场", "商圈", "购物中心", "商业街区", "consumption"],
  sports: ["体育", "体育场馆", "场馆", "运动", "sports"],
  culture_tourism: ["文旅", "文化旅游", "景区", "博物馆", "旅游", "culturetourism"],
  school: ["学校", "高校", "大学", "中学", "小学", "幼儿园", "教育", "school"],
  hospital: ["医院", "医疗机构", "卫生院", "社区卫生服务中心", "医疗", "hospital"],
  elderly_care: ["康养", "养老", "养老院", "养老机构", "elderlycare"],
  factory: ["工厂", "车间", "制造企业", "factory"],
  government: ["政务", "政府", "机关", "政务大厅", "government"],
  park: ["园区", "产业园", "科技园", "park"],
  other: ["其他", "其它", "other"],
};

const PRODUCT_KIND_SYNONYMS: Synonyms<ProductKind> = {
  industry_model: ["行业大模型", "大模型", "行业模型", "模型", "industrymodel"],
  smart_terminal: ["智能终端", "终端", "智能硬件", "硬件", "设备", "smartterminal"],
  agent: ["智能体", "agent", "ai智能体", "应用", "智能应用"],
};

/** What an import may create: a list entry still open or one that ended without a match. */
export const STATUS_VALUES = ["published", "closed"] as const;
/** What a list (our own export, too) may say; the later stages only ever match an existing scenario. */
export const LIST_STATUSES = ["published", "matched", "piloting", "benchmark", "closed"] as const;
export type ImportStatus = (typeof LIST_STATUSES)[number];
const STATUS_SYNONYMS: Synonyms<ImportStatus> = {
  // Our own export prints the phase a published call is in (app/domain/public-phase.ts).
  published: ["已发布", "发布", "征集揭榜中", "征集中", "公开征集", "进行中", "开放", "7天内截止", "揭榜已截止", "待评选", "往期清单(存档)", "往期清单", "published"],
  matched: ["已对接", "已匹配", "已揭榜", "matched"],
  piloting: ["先行先试中", "试点中", "piloting"],
  benchmark: ["标杆场景", "已认定标杆", "benchmark"],
  closed: ["已关闭", "关闭", "已结束", "结束", "已终止", "终止", "closed"],
};

/**
 * The code whose synonym the text is, or else the one whose longest synonym it contains
 * (“智能制造领域” → industry; “设备采购” wins over “采购”).
 */
function lookup<T extends string>(table: Synonyms<T>, codes: readonly T[], raw: string): T | null {
  const value = normaliseValue(raw);
  if (!value) return null;
  for (const code of codes) {
    if (code === value || table[code].some((s) => normaliseValue(s) === value)) return code;
  }
  let best: { code: T; length: number } | null = null;
  for (const code of codes) {
    for (const s of table[code]) {
      const syn = normaliseValue(s);
      if (syn.length >= 2 && value.includes(syn) && (!best || syn.length > best.length)) best = { code, length: syn.length };
    }
  }
  return best?.code ?? null;
}

export const mapDomain = (raw: string) => lookup(DOMAIN_SYNONYMS, DOMAINS, raw);
export const mapCooperationMode = (raw: string) => lookup(MODE_SYNONYMS, COOPERATION_MODES, raw);
export const mapTier = (raw: string) => lookup(TIER_SYNONYMS, TIERS, raw);
export const mapVenueType = (raw: string) => lookup(VENUE_SYNONYMS, VENUE_TYPES, raw);
export const mapProductKind = (raw: string) => lookup(PRODUCT_KIND_SYNONYMS, PRODUCT_KINDS, raw);
export const mapStatus = (raw: string) => lookup(STATUS_SYNONYMS, LIST_STATUSES, raw);

/** “江宁”, “南京市江宁区”, “江宁区” → 江宁区; “江北新区直管区” → 江北新区. */
export function mapDistrict(raw: string): District | null {
  let value = raw.normalize("NFKC").replace(/[\s\u3000]+/g, "");
  value = value.replace(/^(江苏省)?(南京市|南京)/, "");
  if (!value) return null;
  for (const d of DISTRICTS) {
    if (value === d || value === d.replace(/区$/, "") || (d === "江北新区" && (value.startsWith("江北新区") || value === "江北"))) return d;
  }
  const english: Record<string, District> = {
    xuanwu: "玄武区", qinhuai: "秦淮区", jianye: "建邺区", gulou: "鼓楼区", pukou: "浦口区", qixia: "栖霞区",
    yuhuatai: "雨花台区", jiangning: "江宁区", luhe: "六合区", lishui: "溧水区", gaochun: "高淳区", jiangbeinewarea: "江北新区",
  };
  return english[value.toLowerCase().replace(/district$/, "")] ?? null;
}

/** Splits a multi-value cell: “大模型、计算机视觉；OCR”. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[、,，;；/|\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Capability slugs for the terms of a cell, and the terms that match none. */
export function mapCapabilities(raw: string): { slugs: string[]; unknown: string[] } {
  const slugs: string[] = [];
  const unknown: string[] = [];
  for (const term of splitList(raw)) {
    const t = normaliseValue(term);
    const found = CAPABILITIES.find((c) => [c.slug, c.zh, c.en, ...c.synonyms].some((s) => normaliseValue(s) === t));
    if (found) {
      if (!slugs.includes(found.slug)) slugs.push(found.slug);
    } else unknown.push(term);
  }
  return { slugs, unknown };
}

/** Capabilities named anywhere in a text (a product's name and description): 工业视觉大模型 → llm. */
export function capabilitiesInText(text: string): string[] {
  const value = normaliseValue(text);
  return CAPABILITIES.filter((c) => [c.zh, ...c.synonyms].some((s) => normaliseValue(s).length >= 2 && value.includes(normaliseValue(s)))).map((c) => c.slug);
}

export type BudgetResult = { ok: true; value: number | null } | { ok: false };

/** 万元: “1,200”, “120万元”, “1.2亿” (= 12000), blank / 面议 / 待定 → null. */
export function parseBudget(raw: string): BudgetResult {
  const cleaned = raw.normalize("NFKC").replace(/[,，\s]/g, "").replace(/元$/, "");
  if (!cleaned || /^(面议|待定|不限|无|-+|—+)$/.test(cleaned)) return { ok: true, value: null };
  const match = /^(\d+(?:\.\d+)?)(万|亿)?$/.exec(cleaned);
  if (!match) return { ok: false };
  const value = Number(match[1]) * (match[2] === "亿" ? 10_000 : 1);
  if (!(value > 0)) return { ok: false };
  return { ok: true, value: Math.round(value * 100) / 100 };
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 2000 || y > 2100) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A calendar day from what people type: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日; a month alone
 * (2025年3月, 2025-03) is its first day, or its last with `end`.
 */
export function parseDate(raw: string, end = false): string | null {
  const value = raw.normalize("NFKC").trim().replace(/日$/, "");
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/.exec(value);
  if (full) return isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  const month = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(value);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    return end ? isoDate(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate()) : isoDate(y, m, 1);
  }
  return null;
}

/**
 * A proposal deadline, Beijing time: a day (until its end), or a day and a time as our own export
 * writes it (2025-10-10 17:00).
 */
export function parseDeadline(raw: string): string | null {
  const value = raw.normalize("NFKC").trim();
  const timed = /^(.+?)[\sT]+(\d{1,2}):(\d{2})$/.exec(value);
  const day = parseDate(timed ? timed[1]! : value);
  if (!day) return null;
  if (!timed) return new Date(`${day}T23:59:59+08:00`).toISOString();
  const [hours, minutes] = [Number(timed[2]), Number(timed[3])];
  if (hours > 23 || minutes > 59) return null;
  return new Date(`${day}T${String(hours).padStart(2, "0")}:${timed[3]}:00+08:00`).toISOString();
}

/** “2025.03-2025.12”, “2025年3月至2025年12月” → start and end. */
export function parsePeriod(raw: string): { start: string; end: string } | null {
  const parts = raw.normalize("NFKC").split(/\s*(?:至|到|~|—|–|--|-(?=\d{4}))\s*/);
  if (parts.length !== 2) return null;
  const start = parseDate(parts[0]!);
  const end = parseDate(parts[1]!, true);
  return start && end ? { start, end } : null;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE = /(?:\+?86[-\s]?)?(?:\(?0\d{2,3}\)?[-\s]?\d{7,8}(?:[-转]\d{1,6})?|1[3-9]\d{9})/g;

/** A 联系方式 cell: “张老师 13800000000”, “李工，025-83101234，li@example.cn” → name, phone, e-mail. */
export function splitContact(raw: string): { name: string; phone: string; email: string } {
  const text = raw.normalize("NFKC");
  const email = EMAIL.exec(text)?.[0] ?? "";
  const phones = text.replace(email, " ").match(PHONE) ?? [];
  let rest = text.replace(email, " ");
  for (const p of phones) rest = rest.replace(p, " ");
  const name = rest.replace(/(联系人|电话|手机|邮箱|座机)[:：]?/g, " ").replace(/[,，;；/、:：()（）\s]+/g, " ").trim();
  return { name, phone: phones.join(" / "), email };
}

export function isEmail(value: string): boolean {
  return new RegExp(`^${EMAIL.source}$`).test(value.trim());
}

/** 科技创新 for tech_innovation: the label lists print for a domain. */
export function domainLabel(domain: Domain): string {
  return DOMAIN_SYNONYMS[domain][0]!;
}

/** The label of each vocabulary value as real lists print it (the first synonym): for hints. */
export function allowedValues(kind: "domain" | "cooperationMode" | "tier" | "venueType" | "productKind" | "status"): string[] {
  const table: Synonyms<string> = {
    domain: DOMAIN_SYNONYMS, cooperationMode: MODE_SYNONYMS, tier: TIER_SYNONYMS, venueType: VENUE_SYNONYMS,
    productKind: PRODUCT_KIND_SYNONYMS, status: STATUS_SYNONYMS,
  }[kind] as Synonyms<string>;
  return Object.values(table).map((list) => list[0]!);
}

/**
 * Industry codes (GB/T 4754-2017 sections, plus 通用) for a 类别/行业 cell, which may name several
 * (“医疗、教育”); the terms that match none are returned for a warning.
 */
export function mapIndustries(raw: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const term of splitList(raw)) {
    const code = mapIndustry(term);
    if (code) codes.includes(code) || codes.push(code);
    else unknown.push(term);
  }
  return { codes, unknown };
}

/** One industry for one term: its name, an alias, or the longest alias it contains (冶金业 → manufacturing). */
export function mapIndustry(raw: string): string | null {
  const value = normaliseValue(raw);
  if (!value) return null;
  const exact = INDUSTRIES.find((i) => i.code === value || [i.zh, ...i.aliases].some((a) => normaliseValue(a) === value));
  if (exact) return exact.code;
  let best: { code: string; length: number } | null = null;
  for (const i of INDUSTRIES) {
    for (const a of [i.zh, ...i.aliases]) {
      const alias = normaliseValue(a);
      if (alias.length >= 2 && value.includes(alias) && (!best || alias.length > best.length)) best = { code: i.code, length: alias.length };
    }
  }
  return best?.code ?? null;
}

// The plan's six domains are coarser than industries; a list's own category that names an industry
// lands in the domain that industry belongs to.
const DOMAIN_OF_INDUSTRY: Record<string, Domain> = {
  agriculture: "industry", mining: "industry", manufacturing: "industry", utilities: "industry", construction: "industry",
  wholesale_retail: "consumption", transport: "governance", hospitality: "consumption", information_tech: "industry",
  finance: "industry", real_estate: "industry", business_services: "industry", research: "tech_innovation",
  environment: "governance", resident_services: "livelihood", education: "livelihood", health: "livelihood",
  culture_sports: "consumption", public_administration: "governance",
};

/**
 * The nearest domain for a category a list prints in its own words: the domain itself, else each
 * part of a multi-part category (“智能制造/工业互联网”), else the domain of the industry it names.
 * `exact` is false when the text was not one of the domain's own words, so the office is told.
 */
export function nearestDomain(raw: string): { domain: Domain; exact: boolean } | null {
  const direct = mapDomain(raw);
  if (direct) return { domain: direct, exact: true };
  for (const part of raw.split(/[、,，;；/|\-—–·+＋\s]+/)) {
    const d = mapDomain(part);
    if (d) return { domain: d, exact: false };
  }
  for (const part of [raw, ...raw.split(/[、,，;；/|\-—–·+＋\s]+/)]) {
    const industry = mapIndustry(part);
    if (industry && DOMAIN_OF_INDUSTRY[industry]) return { domain: DOMAIN_OF_INDUSTRY[industry]!, exact: false };
  }
  return null;
}
