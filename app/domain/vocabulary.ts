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
