// The controlled vocabulary of the scenario list. Codes are stable identifiers stored in the
// database and used in URLs; labels live in the translation dictionary.

export const DOMAINS = [
  "tech_innovation",
  "industry",
  "consumption",
  "livelihood",
  "governance",
  "cooperation",
] as const;
export type Domain = (typeof DOMAINS)[number];

export const VENUE_TYPES = [
  "consumption",
  "sports",
  "culture_tourism",
  "school",
  "hospital",
  "elderly_care",
  "factory",
  "government",
  "park",
  "other",
] as const;
export type VenueType = (typeof VENUE_TYPES)[number];

/** The six venue types the plan sets a demonstration goal for (≥ 5 each). */
export const DEMONSTRATION_VENUE_TYPES = [
  "consumption",
  "sports",
  "culture_tourism",
  "school",
  "hospital",
  "elderly_care",
] as const satisfies readonly VenueType[];

/** District names are both code and Chinese label: they are what real lists print. */
export const DISTRICTS = [
  "玄武区",
  "秦淮区",
  "建邺区",
  "鼓楼区",
  "浦口区",
  "栖霞区",
  "雨花台区",
  "江宁区",
  "六合区",
  "溧水区",
  "高淳区",
  "江北新区",
] as const;
export type District = (typeof DISTRICTS)[number];

export const COOPERATION_MODES = [
  "joint_build",
  "solution_procurement",
  "equipment",
  "operation",
  "challenge",
] as const;
export type CooperationMode = (typeof COOPERATION_MODES)[number];

export const TIERS = ["major", "integrated", "small_high_value"] as const;
export type Tier = (typeof TIERS)[number];

export const ORGANISATION_KINDS = ["demand", "vendor", "office"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const PRODUCT_KINDS = ["industry_model", "smart_terminal", "agent"] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const DATA_SENSITIVITIES = ["public", "internal", "sensitive", "personal"] as const;
export type DataSensitivity = (typeof DATA_SENSITIVITIES)[number];

export interface CapabilityDefinition {
  slug: string;
  zh: string;
  en: string;
  /** Other names people search for: English, abbreviations, older Chinese terms. */
  synonyms: string[];
}

export const CAPABILITIES: CapabilityDefinition[] = [
  { slug: "llm", zh: "大模型", en: "Large language model", synonyms: ["LLM", "大语言模型", "GPT", "生成式AI", "AIGC"] },
  { slug: "agent", zh: "智能体", en: "AI agent", synonyms: ["AI agent", "Agent", "智能代理"] },
  { slug: "cv", zh: "计算机视觉", en: "Computer vision", synonyms: ["CV", "机器视觉", "图像识别", "视觉识别"] },
  { slug: "speech", zh: "语音", en: "Speech", synonyms: ["语音识别", "ASR", "TTS", "语音合成"] },
  { slug: "knowledge_graph", zh: "知识图谱", en: "Knowledge graph", synonyms: ["KG", "knowledge graph"] },
  { slug: "robotics", zh: "具身智能", en: "Embodied AI / robotics", synonyms: ["机器人", "robot", "robotics"] },
  { slug: "autonomous_driving", zh: "智能网联", en: "Connected & autonomous vehicles", synonyms: ["自动驾驶", "车路协同", "V2X"] },
  { slug: "low_altitude", zh: "低空", en: "Low-altitude / drones", synonyms: ["无人机", "drone", "UAV", "低空经济"] },
  { slug: "digital_twin", zh: "数字孪生", en: "Digital twin", synonyms: ["digital twin", "孪生"] },
  { slug: "predictive_maintenance", zh: "预测性维护", en: "Predictive maintenance", synonyms: ["故障预测", "PHM"] },
  { slug: "customer_service", zh: "智能客服", en: "Customer service bot", synonyms: ["客服机器人", "chatbot", "在线客服"] },
  { slug: "nlp", zh: "自然语言处理", en: "Natural language processing", synonyms: ["NLP", "文本分析", "语义理解"] },
  { slug: "ocr", zh: "文字识别", en: "OCR", synonyms: ["OCR", "票据识别"] },
  { slug: "data_analytics", zh: "数据分析", en: "Data analytics", synonyms: ["BI", "大数据", "数据挖掘"] },
  { slug: "recommendation", zh: "智能推荐", en: "Recommendation", synonyms: ["推荐算法", "个性化推荐"] },
  { slug: "iot", zh: "物联网", en: "IoT", synonyms: ["IoT", "传感器", "智能感知"] },
  { slug: "edge_computing", zh: "边缘计算", en: "Edge computing", synonyms: ["边缘AI", "edge AI"] },
  { slug: "multimodal", zh: "多模态", en: "Multimodal AI", synonyms: ["multimodal", "图文理解"] },
  { slug: "privacy_computing", zh: "隐私计算", en: "Privacy-preserving computation", synonyms: ["联邦学习", "federated learning"] },
  { slug: "optimisation", zh: "智能调度", en: "Optimisation & scheduling", synonyms: ["运筹优化", "路径规划", "排产"] },
];

/**
 * Industries: the sections of the national industry classification GB/T 4754-2017, plus `general`
 * (通用) for general-purpose vendors. On a vendor: the industries it serves; on a scenario: its demand
 * organisation's. `aliases` are the words real lists print in a 类别/行业 column for that section.
 */
export interface IndustryDefinition {
  code: string;
  /** GB/T 4754-2017 section letter; empty for `general`. */
  section: string;
  zh: string;
  en: string;
  aliases: string[];
}

export const INDUSTRIES: IndustryDefinition[] = [
  { code: "agriculture", section: "A", zh: "农林牧渔业", en: "Agriculture, forestry, animal husbandry and fishery", aliases: ["农业", "林业", "畜牧", "渔业", "农林牧渔", "智慧农业"] },
  { code: "mining", section: "B", zh: "采矿业", en: "Mining", aliases: ["矿山", "煤矿", "采矿", "矿业", "油气"] },
  { code: "manufacturing", section: "C", zh: "制造业", en: "Manufacturing", aliases: ["工业", "制造", "智能制造", "汽车", "冶金", "冶金业", "化工", "钢铁", "电子", "装备"] },
  { code: "utilities", section: "D", zh: "电力热力燃气水", en: "Electricity, heat, gas and water", aliases: ["能源", "电力", "电网", "燃气", "热力", "供水", "新能源", "储能"] },
  { code: "construction", section: "E", zh: "建筑业", en: "Construction", aliases: ["建筑", "建造", "工程建设", "基建"] },
  { code: "wholesale_retail", section: "F", zh: "批发和零售", en: "Wholesale and retail", aliases: ["零售", "批发", "电商", "电子商务", "商贸", "消费"] },
  { code: "transport", section: "G", zh: "交通运输仓储邮政", en: "Transport, storage and post", aliases: ["交通", "交通运输", "物流", "仓储", "邮政", "港口", "航运", "出行"] },
  { code: "hospitality", section: "H", zh: "住宿和餐饮", en: "Accommodation and catering", aliases: ["住宿", "餐饮", "酒店"] },
  { code: "information_tech", section: "I", zh: "信息传输软件和信息技术服务", en: "Information transmission, software and IT services", aliases: ["信息技术", "软件", "互联网", "通信", "电信", "运营商", "IT", "信息服务"] },
  { code: "finance", section: "J", zh: "金融业", en: "Finance", aliases: ["金融", "银行", "保险", "证券", "基金"] },
  { code: "real_estate", section: "K", zh: "房地产", en: "Real estate", aliases: ["房地产", "物业", "地产"] },
  { code: "business_services", section: "L", zh: "租赁和商务服务", en: "Leasing and business services", aliases: ["商务服务", "法律", "法务", "咨询", "人力资源", "营销", "广告"] },
  { code: "research", section: "M", zh: "科学研究和技术服务", en: "Scientific research and technical services", aliases: ["科研", "科学研究", "技术服务", "科技", "气象", "检测", "设计"] },
  { code: "environment", section: "N", zh: "水利环境和公共设施管理", en: "Water conservancy, environment and public facilities", aliases: ["水利", "环保", "环境", "生态", "公共设施", "市政", "园林"] },
  { code: "resident_services", section: "O", zh: "居民服务", en: "Resident services and repair", aliases: ["居民服务", "家政", "养老服务", "社区服务", "维修"] },
  { code: "education", section: "P", zh: "教育", en: "Education", aliases: ["教育", "学校", "高校", "培训", "教学"] },
  { code: "health", section: "Q", zh: "卫生和社会工作", en: "Health and social work", aliases: ["医疗", "卫生", "医院", "健康", "医药", "养老", "康养", "社会工作"] },
  { code: "culture_sports", section: "R", zh: "文化体育和娱乐业", en: "Culture, sports and entertainment", aliases: ["文旅", "文化", "旅游", "体育", "娱乐", "传媒", "媒体", "影视", "游戏", "出版"] },
  { code: "public_administration", section: "S", zh: "公共管理和社会组织", en: "Public administration and social organisations", aliases: ["政务", "政府", "公共管理", "城市治理", "公安", "司法", "社会保障", "应急"] },
  { code: "general", section: "", zh: "通用", en: "General purpose", aliases: ["通用", "综合", "全行业"] },
];
export type IndustryCode = (typeof INDUSTRIES)[number]["code"];
export const INDUSTRY_CODES = INDUSTRIES.map((i) => i.code);

export const PUBLIC_SCENARIO_STATUSES = ["published", "matched", "piloting", "benchmark", "closed"] as const;

export const BENCHMARK_TARGET = { total: 500, deadline: "2027-12-31", venueGoal: 5 } as const;

/**
 * Every spelling that should find a capability, lower-cased: its Chinese name, its English name and
 * its synonyms. Used by both search engines so that LLM finds 大模型 everywhere.
 */
export function capabilitySynonymGroups(): string[][] {
  return CAPABILITIES.map((c) => [...new Set([c.zh, c.en, ...c.synonyms].map((t) => t.toLowerCase()))]);
}

const CHINESE_NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 第二批, not 第2批: batches are numbered in Chinese numerals (past ten, in digits). */
export function chineseOrdinal(n: number): string {
  return CHINESE_NUMERALS[n] ?? String(n);
}
