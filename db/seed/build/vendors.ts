// AI vendors (供给方): names from brand + business line, capabilities that follow from the line,
// and their products (filed industry models, smart terminals, agents).
import { CAPABILITIES, type District, type ProductKind } from "~/domain/vocabulary";
import { DISTRICT_INFO } from "../districts";
import { BRANDS, makeCreditCode } from "../names";
import type { Rng } from "../random";
import { DAY, DEMO_TODAY, officeTime, shanghaiDate } from "../time";
import { weightedDistrict } from "./organisations";
import { capabilityId, capabilityName } from "./reference";
import type { ProductPlan, Vendor } from "./world";

interface Line {
  word: string;
  caps: readonly string[];
  fields: readonly string[];
}

const LINES: readonly Line[] = [
  { word: "智能科技", caps: ["llm", "agent"], fields: ["政务", "医疗", "教育"] },
  { word: "视觉技术", caps: ["cv", "edge_computing"], fields: ["工业", "城市治理"] },
  { word: "信息技术", caps: ["data_analytics", "knowledge_graph"], fields: ["政务", "园区"] },
  { word: "数据科技", caps: ["data_analytics", "privacy_computing"], fields: ["政务", "医疗"] },
  { word: "机器人", caps: ["robotics", "cv"], fields: ["养老", "工业"] },
  { word: "语音科技", caps: ["speech", "customer_service"], fields: ["政务", "养老"] },
  { word: "软件技术", caps: ["nlp", "ocr"], fields: ["政务", "教育"] },
  { word: "数字科技", caps: ["digital_twin", "iot"], fields: ["园区", "文旅"] },
  { word: "智能装备", caps: ["iot", "predictive_maintenance"], fields: ["工业"] },
  { word: "低空科技", caps: ["low_altitude", "cv"], fields: ["城市治理", "交通"] },
  { word: "智联科技", caps: ["autonomous_driving", "edge_computing"], fields: ["交通", "园区"] },
  { word: "医疗科技", caps: ["llm", "multimodal"], fields: ["医疗"] },
  { word: "教育科技", caps: ["llm", "speech"], fields: ["教育"] },
  { word: "网络科技", caps: ["recommendation", "data_analytics"], fields: ["商贸", "文旅"] },
  { word: "工业互联网科技", caps: ["predictive_maintenance", "digital_twin"], fields: ["工业"] },
  { word: "物联科技", caps: ["iot", "edge_computing"], fields: ["养老", "城市治理"] },
  { word: "人工智能科技", caps: ["llm", "multimodal"], fields: ["文旅", "商贸"] },
  { word: "交通科技", caps: ["autonomous_driving", "optimisation"], fields: ["交通"] },
  { word: "智慧物流科技", caps: ["optimisation", "robotics"], fields: ["工业", "商贸"] },
  { word: "体育科技", caps: ["cv", "recommendation"], fields: ["体育"] },
];

const ALL_FIELDS = ["医疗", "教育", "工业", "政务", "文旅", "交通", "城市治理", "养老", "商贸", "体育", "科研", "园区"] as const;

const AGENT_BY_FIELD: Record<string, string> = {
  医疗: "导诊智能体", 教育: "AI助教智能体", 工业: "工艺助手智能体", 政务: "政务服务智能体", 文旅: "文旅导览智能体",
  交通: "出行服务智能体", 城市治理: "城市治理智能体", 养老: "康养陪伴智能体", 商贸: "AI导购智能体", 体育: "运动教练智能体",
  科研: "科研助手智能体", 园区: "企业服务智能体",
};

const TERMINAL_BY_CAP: Record<string, readonly string[]> = {
  cv: ["AI视觉质检一体机", "智能视频分析盒"],
  robotics: ["巡检机器人", "服务机器人", "配送机器人"],
  low_altitude: ["巡检无人机", "无人机自动机场"],
  speech: ["语音交互终端"],
  edge_computing: ["边缘计算盒子"],
  iot: ["智能感知网关", "毫米波跌倒监测仪"],
  autonomous_driving: ["路侧感知单元", "无人配送车"],
  multimodal: ["AI数字人一体机"],
};

const VENDOR_DISTRICTS: Record<District, number> = {
  江北新区: 18, 雨花台区: 16, 建邺区: 14, 江宁区: 14, 玄武区: 10, 栖霞区: 10,
  鼓楼区: 8, 秦淮区: 5, 浦口区: 2, 六合区: 1, 溧水区: 1, 高淳区: 1,
};

export const DEMO_VENDOR_NAME = "南京云启智能科技有限公司";

export function planVendors(rng: Rng, total: number, firstId: number, usedNames: Set<string>, usedCodes: Set<string>): Vendor[] {
  const vendors: Vendor[] = [];
  for (let i = 0; vendors.length < total; i++) {
    const demo = vendors.length === 0;
    const line = demo ? LINES[0]! : rng.pick(LINES);
    const [brand, pinyin] = demo ? BRANDS[0]! : rng.pick(BRANDS);
    const local = demo || rng.chance(0.65);
    const name = demo
      ? DEMO_VENDOR_NAME
      : rng.chance(0.1)
        ? `${brand}（南京）${line.word}有限公司`
        : `${local ? "南京" : "江苏"}${brand}${line.word}${rng.chance(0.12) ? "股份" : ""}有限公司`;
    if (usedNames.has(name)) continue;
    usedNames.add(name);

    const caps = new Set(line.caps.map(capabilityId));
    if (demo) for (const s of ["cv", "customer_service", "nlp"]) caps.add(capabilityId(s));
    // Round-robin guarantees every capability has vendors, however the draws fall.
    caps.add((vendors.length % CAPABILITIES.length) + 1);
    const size = Math.min(6, Math.max(caps.size, rng.int(2, 6)));
    while (caps.size < size) caps.add(rng.int(1, CAPABILITIES.length));

    const fields = new Set(line.fields);
    if (rng.chance(0.6)) fields.add(rng.pick(ALL_FIELDS));
    const district = demo ? "江北新区" : weightedDistrict(rng, VENDOR_DISTRICTS);
    const capabilityIds = [...caps];
    const vendor: Vendor = {
      id: firstId + vendors.length,
      name,
      pinyin: (name.startsWith("南京") ? "Nanjing" : "") + pinyin,
      district,
      verified: demo || rng.chance(0.93),
      weight: demo ? 5 : rng.chance(0.1) ? rng.int(3, 6) : 1,
      capabilityIds,
      fields: [...fields],
      products: [],
      served: { domains: [], venues: [], districts: [] },
      cases: [],
      profileUpdatedAt: 0,
      website: demo ? "https://www.yunqi-ai.com.cn" : rng.chance(0.6) ? `https://www.${pinyin.toLowerCase()}${rng.pick(["ai", "tech", "data", "robot"])}.com.cn` : null,
      summary: `${name}专注于${capabilityIds.slice(0, 3).map(capabilityName).join("、")}等技术，在${[...fields].join("、")}领域提供人工智能产品与解决方案。`,
      creditCode: makeCreditCode(rng, "company", DISTRICT_INFO[district].code, usedCodes),
      userId: 0,
      createdAt: 0,
    };
    vendor.products = planProducts(rng, vendor, brand, line);
    vendors.push(vendor);
  }
  return vendors;
}

function planProducts(rng: Rng, vendor: Vendor, brand: string, line: Line): ProductPlan[] {
  const count = rng.int(1, 4);
  const terminalCaps = vendor.capabilityIds.map((id) => CAPABILITIES[id - 1]!.slug).filter((s) => TERMINAL_BY_CAP[s]);
  const first: ProductKind = ["llm", "agent", "nlp", "speech"].includes(line.caps[0]!) || terminalCaps.length === 0 ? "industry_model" : "smart_terminal";
  const products: ProductPlan[] = [];
  const names = new Set<string>();
  for (let i = 0; products.length < count && i < 12; i++) {
    const kind: ProductKind = i === 0 ? first : rng.pick(terminalCaps.length ? (["industry_model", "smart_terminal", "agent"] as const) : (["industry_model", "agent"] as const));
    const field = rng.pick(vendor.fields);
    let name: string;
    let description: string;
    let topic = field;
    if (kind === "industry_model") {
      name = `${brand}${field}大模型`;
      description = `面向${field}领域的行业大模型，支持私有化部署和知识库增强，可与业务系统对接。`;
    } else if (kind === "agent") {
      name = `${brand}${AGENT_BY_FIELD[field] ?? "智能体"}`;
      description = `基于大模型的${field}智能体，可调用业务系统完成咨询、登记、办理等任务。`;
    } else {
      const cap = rng.pick(terminalCaps);
      topic = cap;
      name = `${brand}${rng.pick(TERMINAL_BY_CAP[cap]!)}`;
      description = `集成${capabilityName(vendor.capabilityIds.find((id) => CAPABILITIES[id - 1]!.slug === cap)!)}能力的智能终端，适用于${field}场景。`;
    }
    if (names.has(name)) continue;
    names.add(name);
    products.push({ kind, topic, name, description, createdAt: 0, filingNumber: null });
  }
  return products;
}

/**
 * Products appear after the vendor registers; industry models carry a 生成式人工智能服务备案号 in
 * the CAC shape 省份-名称-日期序号 (a few are still waiting for theirs).
 */
export function dateProducts(rng: Rng, vendors: Vendor[]): void {
  let sequence = 0;
  for (const v of vendors) {
    for (const p of v.products) {
      const latest = Math.min(DEMO_TODAY - DAY, v.createdAt + 420 * DAY);
      p.createdAt = officeTime(rng, v.createdAt + DAY + Math.floor(rng.next() * Math.max(DAY, latest - v.createdAt - DAY)));
      if (p.kind === "industry_model" && rng.chance(0.85)) {
        sequence++;
        p.filingNumber = `Jiangsu-${v.pinyin}-${shanghaiDate(p.createdAt).replaceAll("-", "")}${String(sequence).padStart(4, "0")}`;
      }
    }
  }
}
