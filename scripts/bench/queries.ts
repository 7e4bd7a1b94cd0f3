// Realistic queries for the search benchmark: what officials and vendors type into the list's
// search box — single characters, words, organisation names, capabilities in Chinese and English,
// mixed queries, and queries combined with a district or domain filter.

const WORDS = [
  "医", "医院", "导诊", "智能导诊", "鼓楼医院", "人民医院", "门诊", "病历", "影像", "康复",
  "学校", "课堂", "教学", "中学", "作业批改", "校园安全", "养老", "跌倒", "居家养老", "健康监测",
  "质检", "视觉质检", "缺陷检测", "产线", "钢铁", "预测性维护", "设备", "能耗", "排产", "仓储",
  "客服", "智能客服", "热线", "12345", "政务", "政务服务", "审批", "城管", "巡检", "无人机",
  "低空", "交通", "信号灯", "停车", "公交", "地铁", "景区", "导览", "夫子庙", "博物馆",
  "文旅", "体育", "场馆", "健身", "商圈", "客流", "零售", "直播", "电商", "外卖",
  "大模型", "智能体", "数字孪生", "知识图谱", "语音", "机器人", "具身智能", "自动驾驶", "车路协同", "边缘计算",
  "社区", "街道", "网格", "应急", "消防", "环保", "水务", "电力", "燃气", "园区",
  "农业", "种植", "物流", "港口", "金融", "风控", "法律", "合同", "招聘", "培训",
];

const ENGLISH = ["LLM", "AI", "agent", "AI agent", "CV", "OCR", "IoT", "5G", "NLP", "drone", "GPT", "AIGC", "BI", "robot", "V2X"];

const MIXED = [
  "LLM 医院", "AI 客服", "agent 政务", "CV 质检", "5G 医院", "OCR 票据", "LLM 教学", "AI 养老", "IoT 园区", "drone 巡检",
  "智能体 医院", "大模型 政务", "视觉 工厂", "语音 客服", "数字孪生 交通", "知识图谱 医疗", "机器人 养老", "无人机 应急", "AI 导览", "LLM 法律",
];

const DISTRICTS = ["鼓楼区", "江宁区", "玄武区", "江北新区", "秦淮区"];
const DOMAINS = ["livelihood", "industry", "governance", "consumption"];

export function benchmarkQueries(): { params: URLSearchParams }[] {
  const list: URLSearchParams[] = [];
  for (const q of [...WORDS, ...ENGLISH, ...MIXED]) list.push(new URLSearchParams({ q }));
  WORDS.slice(0, 40).forEach((q, i) => list.push(new URLSearchParams({ q, district: DISTRICTS[i % DISTRICTS.length]! })));
  WORDS.slice(70, 90).forEach((q, i) => list.push(new URLSearchParams({ q, district: DISTRICTS[(i + 2) % DISTRICTS.length]! })));
  WORDS.slice(40, 70).forEach((q, i) => list.push(new URLSearchParams({ q, domain: DOMAINS[i % DOMAINS.length]! })));
  return list.map((params) => ({ params }));
}
