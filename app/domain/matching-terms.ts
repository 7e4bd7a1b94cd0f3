// The words matching compares scenarios and vendors by, and how much each counts. Pure: the
// segmenter (app/matching/segment.server.ts) turns text into words, the corpus statistics
// (app/matching/term-stats.server.ts) say how rare each word is, and these rules decide which words
// mean something and how alike two texts are. The reasoning is in docs/decisions/011-matching.md.

import { CAPABILITIES, INDUSTRIES } from "./vocabulary";

/**
 * Words a domain expert would pick out of a scenario (客服, 运维, 储能, 质检, 导诊…): the user dictionary
 * of the segmenter, so that they come out whole inside longer titles, together with the capability
 * vocabulary, the industry words and the venue words below.
 */
export const DOMAIN_TERMS = [
  "客服", "热线", "运维", "储能", "质检", "导诊", "预问诊", "问诊", "诊疗", "影像", "病历", "巡检", "巡查", "违停", "工单",
  "风控", "反欺诈", "信贷", "理赔", "投顾", "审计", "合同审查", "公文", "政务", "一网通办", "司法", "法院", "判决",
  "导游", "导览", "讲解", "适老化", "无人机", "低空", "物流", "配送", "分拣", "仓储", "港口", "航运", "航道", "集装箱",
  "自动驾驶", "无人驾驶", "车路协同", "停车", "公交", "环卫", "遥感", "时空", "水质", "水利", "绿化", "园林", "林业",
  "农机", "农场", "畜禽", "生猪", "果品", "采摘", "育种", "矿山", "煤矿", "电网", "变电站", "光伏", "风电", "燃气",
  "供水", "排水", "管网", "缺陷检测", "视觉检测", "工业互联网", "排产", "供应链", "采购", "零售", "导购", "无人超市",
  "家居", "家电", "可穿戴", "养老", "居家", "心理", "中医", "肝病", "教学", "作业批改", "课堂", "备课", "校园",
  "安防", "监控", "网络安全", "数据安全", "隐私计算", "城市大脑", "城市治理", "基层治理", "应急", "消防", "气象",
  "材料", "化学", "药物", "医疗器械", "机器人", "具身智能", "数字人", "知识库", "问答", "翻译", "校对", "写作",
] as const;

/** Venue words: where a scenario happens. */
export const VENUE_TERMS = [
  "医院", "门诊", "病房", "社区", "街道", "学校", "高校", "课堂", "养老院", "景区", "博物馆", "场馆", "体育馆", "园区",
  "工厂", "车间", "港区", "机场", "车站", "地铁", "商圈", "商场", "超市", "银行", "网点", "政务大厅", "法院", "监狱",
] as const;

/**
 * Words every scenario or vendor text uses. They never make a reason on their own and count a tenth
 * of a meaningful word of the same rarity (分析, 智能, 系统, 平台, 服务, 管理…).
 */
export const GENERIC_TERMS = new Set([
  "分析", "智能", "智慧", "系统", "平台", "服务", "管理", "数据", "技术", "应用", "场景", "建设", "提升", "实现", "需求",
  "需要", "提供", "支持", "能力", "方案", "解决方案", "产品", "模型", "大模型", "人工智能", "ai", "信息", "信息化",
  "数字化", "智能化", "一体化", "综合", "全面", "相关", "进行", "通过", "基于", "面向", "利用", "开展", "推动", "打造",
  "构建", "形成", "研制", "研发", "示范", "试点", "项目", "工作", "业务", "功能", "效率", "水平", "质量", "安全", "问题",
  "领域", "行业", "企业", "单位", "公司", "机构", "部门", "城市", "我们", "以及", "包括", "具备", "具有", "可以", "能够",
  "一个", "多个", "各类", "重点", "主要", "相应", "有效", "快速", "自动", "实时", "精准", "高效", "创新", "新型", "优化",
  "开源", "通用", "垂直", "基座", "参数", "训练", "微调", "使用", "探索", "积极", "优先", "合作", "联合", "运营", "处理",
  "识别", "监测", "检测", "生成", "决策", "预测", "控制", "交互", "设备", "装备", "终端", "工具", "助手",
  // Pieces the search-mode segmenter cuts out of generic compounds (人工智能 → 人工; 新一代 → 一代).
  "人工", "一代", "新一代", "之一", "重点", "区域", "保障", "体系", "模式", "手段", "水平", "能力",
]);

/** Words that say nothing at all about the work (stop words, place names of the list itself): dropped. */
export const FILLER_TERMS = new Set([
  "的", "和", "与", "及", "等", "在", "对", "为", "是", "了", "将", "并", "或", "中", "上", "下", "内", "外", "年", "个",
  "第一批", "首批", "清单", "榜单", "揭榜", "挂帅", "应用场景", "场景机会", "机会", "南京", "南京市", "江苏", "江苏省",
  "成都", "成都市", "重庆", "重庆市", "四川", "合肥", "上海", "北京", "全市", "本市", "我市", "有限公司", "集团", "有限",
  "责任", "股份", "基于", "面向", "the", "and", "for", "with", "of", "to", "in", "on", "a", "an",
]);

const HAN = /\p{Script=Han}/u;
const WORDISH = /^[\p{L}\p{N}][\p{L}\p{N}·.+-]*$/u;
const DIGITS = /^[\p{N}.]+$/u;

export const fold = (text: string) => text.normalize("NFKC").toLowerCase();

/**
 * Whether a segmented word can be a matching term at all: two characters or more (one Chinese
 * character says nothing: 服, 维), word characters, not a number, not filler.
 */
export function isTermCandidate(word: string): boolean {
  const w = fold(word).trim();
  if (!w || FILLER_TERMS.has(w) || !WORDISH.test(w) || DIGITS.test(w)) return false;
  return Array.from(w).length >= 2;
}

/** Whether a term is generic (see GENERIC_TERMS). */
export const isGeneric = (term: string) => GENERIC_TERMS.has(fold(term));

/** Every word the segmenter should keep whole: domain, venue, capability and industry vocabulary. */
export function userDictionaryWords(): string[] {
  const words = new Set<string>([...DOMAIN_TERMS, ...VENUE_TERMS]);
  for (const c of CAPABILITIES) for (const w of [c.zh, ...c.synonyms]) if (HAN.test(w)) words.add(w);
  for (const i of INDUSTRIES) for (const w of [i.zh, ...i.aliases]) if (HAN.test(w)) words.add(w);
  return [...words].filter((w) => Array.from(w).length >= 2);
}

/** How rare a term is across the corpus: log(1 + N / df); a term no document has counts as the rarest. */
export function idf(documents: number, df: number): number {
  return Math.log(1 + Math.max(1, documents) / Math.max(1, df));
}

/** A term's weight: its rarity, a tenth of it for a generic term. */
export function termWeight(term: string, rarity: number): number {
  return isGeneric(term) ? rarity * 0.1 : rarity;
}

export interface Similarity {
  /** 0..1: the weighted share of the scenario's terms the text contains. */
  value: number;
  /** The meaningful (not generic) shared terms, rarest first: what a reason may name. */
  shared: string[];
}

/**
 * How much of what the scenario is about a text covers: Σ weight(shared) / Σ weight(scenario's terms),
 * each term's weight its rarity (times its field weight in the scenario, title above description).
 * Honest by construction: generic terms alone never give a similarity (with no meaningful shared term
 * it is 0), and one meaningful term alone gives at most `singleTermCap`, never 1.0.
 */
export function similarity(
  scenarioTerms: ReadonlyMap<string, number>,
  textTerms: ReadonlySet<string>,
  rarity: (term: string) => number,
  singleTermCap = 0.5,
): Similarity {
  // Two parts: the title's terms (field weight 1) and the rest (requirements, description). A long
  // description must not drown the title, nor be ignored: the title's share counts TITLE_SHARE of
  // the similarity when both parts exist.
  const parts = { title: { total: 0, found: 0 }, rest: { total: 0, found: 0 } };
  const shared: { term: string; weight: number }[] = [];
  for (const [term, fieldWeight] of scenarioTerms) {
    const w = termWeight(term, rarity(term)) * fieldWeight;
    const part = fieldWeight >= 1 ? parts.title : parts.rest;
    part.total += w;
    if (textTerms.has(term)) {
      part.found += w;
      if (!isGeneric(term)) shared.push({ term, weight: w });
    }
  }
  if (!shared.length) return { value: 0, shared: [] };
  const share = (p: { total: number; found: number }) => (p.total > 0 ? p.found / p.total : null);
  const t = share(parts.title);
  const r = share(parts.rest);
  let value = t !== null && r !== null ? TITLE_SHARE * t + (1 - TITLE_SHARE) * r : (t ?? r ?? 0);
  if (shared.length === 1) value = Math.min(value, singleTermCap);
  shared.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  return { value, shared: shared.map((x) => x.term) };
}

/** How much of a similarity the title's terms decide when the scenario also has other text. */
export const TITLE_SHARE = 0.7;

// ---------------------------------------------------------------------------------------------
// Inferred tags: capabilities and industries read from text, for scenarios and vendors that declare
// none (imported lists never do). Shown as "系统推断" and weighed below declared tags.

/** Words beyond a capability's own spellings that show the capability is needed or offered. */
export const CAPABILITY_HINTS: Record<string, string[]> = {
  llm: ["大模型", "生成式", "问答", "知识库", "写作", "公文"],
  agent: ["智能体", "助手"],
  cv: ["视觉", "影像", "摄像头", "视频", "图像", "质检", "缺陷检测", "识别感知", "遥感"],
  speech: ["语音", "热线", "讲解"],
  robotics: ["机器人", "具身智能", "机械臂"],
  autonomous_driving: ["自动驾驶", "无人驾驶", "车路协同", "无人车", "巡逻车"],
  low_altitude: ["无人机", "低空", "航线"],
  predictive_maintenance: ["运维", "故障预警", "故障预测", "巡检"],
  customer_service: ["客服", "热线", "导购", "导诊"],
  nlp: ["文本", "语义", "翻译", "校对", "病历"],
  data_analytics: ["大数据", "风控", "数据分析"],
  iot: ["物联", "传感器", "感知", "监测"],
  digital_twin: ["孪生"],
  optimisation: ["调度", "排产", "路径规划", "配送", "编队"],
  privacy_computing: ["可用不可见", "隐私计算", "联邦学习"],
  multimodal: ["多模态", "全模态"],
};

/** Words beyond the industry vocabulary's aliases that place a text in an industry. */
export const INDUSTRY_HINTS: Record<string, string[]> = {
  agriculture: ["农场", "农机", "畜禽", "生猪", "果品", "采摘", "育种", "作物"],
  mining: ["矿山", "煤矿", "矿业"],
  manufacturing: ["工厂", "产线", "质检", "工业互联网", "制造"],
  utilities: ["供电", "变电站", "电网", "燃气", "供水"],
  construction: ["建筑", "工地"],
  wholesale_retail: ["超市", "导购", "货柜", "零售", "商业"],
  transport: ["机场", "航线", "航道", "船舶", "公交", "停车", "货运", "配送", "民航", "航运", "交通运输", "自动驾驶"],
  finance: ["风控", "信贷", "投顾", "理赔", "证券", "银行", "金融"],
  business_services: ["营销", "企业服务", "法律", "审计"],
  research: ["科研", "气象", "材料", "化学"],
  environment: ["水质", "绿化", "环卫", "林业", "水利"],
  education: ["教学", "课堂", "作业", "学生", "教育"],
  health: ["诊疗", "门诊", "病历", "导诊", "医学", "医疗", "心理", "中医", "诊断"],
  culture_sports: ["景区", "导游", "夜游", "滑雪", "文旅", "游客"],
  public_administration: ["法院", "司法", "公安", "交警", "政务", "城市管理", "基层治理", "社会治理", "城市治理"],
};

/** Industry aliases too vague to place a text on their own (most companies say 科技). */
const INDUSTRY_VAGUE = new Set(["科技", "检测", "设计", "消费", "电子", "综合", "技术服务", "信息服务", "装备", "咨询", "通用", "全行业", "培训", "维修", "出行"]);

function vocabularyMatch(words: readonly string[], termSet: ReadonlySet<string>, folded: string): boolean {
  return words.some((w) => {
    const f = fold(w);
    // Longer words are found anywhere (Chinese has no spaces); two-character ones must come out of the
    // segmenter as a word, so that 电子 is not found inside 电子云 only by accident of spelling.
    return termSet.has(f) || (Array.from(f).length >= 3 && folded.includes(f));
  });
}

/** Capabilities a text shows (their spellings or hints), as slugs in vocabulary order. */
export function inferCapabilities(termSet: ReadonlySet<string>, text: string): string[] {
  const folded = fold(text);
  return CAPABILITIES.filter((c) =>
    vocabularyMatch([c.zh, ...c.synonyms.filter((s) => /\p{Script=Han}/u.test(s)), ...(CAPABILITY_HINTS[c.slug] ?? [])], termSet, folded) ||
    c.synonyms.some((s) => !/\p{Script=Han}/u.test(s) && termSet.has(fold(s))),
  ).map((c) => c.slug);
}

/**
 * Industries a text places itself in (GB/T 4754 sections), in vocabulary order; `general` when it says
 * 通用/综合 and names no other industry. Empty when the text says nothing about an industry.
 */
export function inferIndustries(termSet: ReadonlySet<string>, text: string): string[] {
  const folded = fold(text);
  const found = INDUSTRIES.filter(
    (i) => i.code !== "general" && vocabularyMatch([i.zh, ...i.aliases.filter((a) => !INDUSTRY_VAGUE.has(a)), ...(INDUSTRY_HINTS[i.code] ?? [])], termSet, folded),
  ).map((i) => i.code);
  if (found.length) return found;
  return termSet.has("通用") || termSet.has("综合") ? ["general"] : [];
}
