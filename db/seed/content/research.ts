import type { Sector } from "./types";
import { brand } from "./helpers";

const FIELDS = ["智能制造", "生物医药", "新材料", "人工智能", "智能电网", "集成电路", "现代农业", "遥感信息"] as const;

/** Universities and labs: AI-for-science scenarios, not tied to a demonstration venue. */
export const research: Sector = {
  key: "research",
  venue: null,
  share: 6,
  credit: "institution",
  namedTitles: true,
  famous: [
    { name: "紫金山实验室", district: "江宁区" },
    { name: "南京大学", district: "鼓楼区" },
    { name: "东南大学", district: "玄武区" },
    { name: "南京航空航天大学", district: "秦淮区" },
    { name: "南京理工大学", district: "玄武区" },
    { name: "河海大学", district: "鼓楼区" },
    { name: "南京农业大学", district: "玄武区", kind: "agri" },
    { name: "南京师范大学", district: "栖霞区" },
    { name: "南京信息工程大学", district: "江北新区" },
    { name: "南京邮电大学", district: "栖霞区" },
    { name: "南京工业大学", district: "江北新区" },
    { name: "中国药科大学", district: "江宁区" },
    { name: "南京医科大学", district: "江宁区" },
    { name: "江苏省农业科学院", district: "玄武区", kind: "agri" },
    { name: "中国科学院南京土壤研究所", district: "玄武区", kind: "agri" },
    { name: "中国科学院紫金山天文台", district: "栖霞区" },
    { name: "江苏省产业技术研究院", district: "江北新区" },
    { name: "南京中医药大学", district: "栖霞区" },
  ],
  generate(rng) {
    const field = rng.pick(FIELDS);
    if (rng.chance(0.7)) return { name: `南京${brand(rng)}${field}研究院有限公司`, obj: field, credit: "company" };
    return { name: `江苏省${field}技术创新中心`, obj: field };
  },
  summaries: ["{name}位于{district}，是从事基础研究和成果转化的科研机构。", "{name}聚焦前沿技术研究，积极推进“人工智能+科研”新范式。"],
  scale: [["现有科研人员约{n}人，", 80, 4000], ["拥有大型科研仪器设备约{n}台（套），", 100, 3000]],
  templates: [
    {
      title: "AI for Science蛋白质结构预测与药物分子虚拟筛选", domain: "tech_innovation", caps: ["llm", "data_analytics"], mode: "challenge",
      pain: "药物先导化合物筛选依赖湿实验，周期长、成本高。",
      goal: "构建蛋白质结构预测和分子生成模型，提高虚拟筛选命中率。",
      kpis: [["候选分子筛选周期", "月", 12, 3, false], ["虚拟筛选命中率", "%", 2, 8]],
    },
    {
      title: "新材料高通量计算与实验数据智能分析", domain: "tech_innovation", caps: ["data_analytics", "llm", "knowledge_graph"], mode: "challenge",
      pain: "材料实验数据分散在各课题组，格式不一，难以支撑数据驱动研发。",
      goal: "建设材料数据库和AI分析平台，实现性能预测和实验方案推荐。",
      kpis: [["材料性能预测误差", "%", 25, 8, false], ["实验方案设计时间", "天", 20, 3, false]],
    },
    {
      title: "科研文献知识图谱与科研助手智能体", domain: "tech_innovation", caps: ["knowledge_graph", "agent", "llm", "nlp"],
      pain: "科研人员文献调研耗时长，跨学科知识获取困难。",
      goal: "构建学科知识图谱和科研助手智能体，支持文献综述、实验设计辅助。",
      kpis: [["文献综述撰写时间", "天", 30, 5, false], ["知识图谱实体数量", "万个", 0, 500]],
    },
    {
      title: "实验室危化品与安全智能巡检", domain: "governance", caps: ["cv", "iot", "robotics"],
      pain: "实验室数量多、危化品种类杂，安全检查靠人工，隐患整改闭环难。",
      goal: "部署视觉监测与巡检机器人，实现危化品全流程监管和违规行为识别。",
      kpis: [["安全隐患发现数量", "项/月", 20, 120], ["隐患整改闭环率", "%", 70, 98]],
    },
    {
      title: "大型科研仪器共享与智能预约调度", area: "分析测试中心", domain: "tech_innovation", caps: ["optimisation", "data_analytics"],
      pain: "大型仪器使用不均衡，部分设备机时紧张、部分长期闲置。",
      goal: "建设全校仪器共享平台，实现智能预约、排程和开放共享。",
      kpis: [["仪器机时利用率", "%", 40, 70], ["预约等待时间", "天", 14, 3, false]],
    },
    {
      title: "农作物表型智能识别与育种辅助", area: "试验田", domain: "tech_innovation", caps: ["cv", "low_altitude", "data_analytics"], only: ["agri"],
      pain: "田间表型数据采集靠人工测量，效率低，育种周期长。",
      goal: "利用无人机和视觉识别高通量采集表型数据，辅助育种决策。",
      kpis: [["表型采集效率", "株/小时", 50, 2000], ["性状识别准确率", "%", 80, 95]],
    },
    {
      title: "高校AI助教与个性化学习平台", area: "3门核心课程", domain: "livelihood", caps: ["llm", "agent", "recommendation"],
      pain: "大班授课难以因材施教，课后答疑资源不足。",
      goal: "为核心课程配备AI助教，提供7×24小时答疑和个性化学习路径。",
      kpis: [["课后答疑响应时间", "小时", 24, 0.1, false], ["课程通过率", "%", 82, 90]],
    },
    {
      title: "国际联合实验室科研数据跨境安全共享", domain: "cooperation", caps: ["privacy_computing", "data_analytics"],
      pain: "国际合作项目数据跨境传输合规要求高，数据共享审批流程长。",
      goal: "基于隐私计算实现“数据可用不可见”的跨境科研协作。",
      kpis: [["跨境数据共享审批时间", "天", 60, 15, false], ["联合发表论文数", "篇/年", 5, 15]],
    },
    {
      title: "具身智能机器人实训场与开放测试环境", domain: "tech_innovation", caps: ["robotics", "multimodal", "digital_twin"], tier: "major",
      pain: "具身智能研发缺少真实场景数据和标准化测试环境。",
      goal: "建设具身智能实训场，采集多模态训练数据并向企业开放测试。",
      kpis: [["开放测试任务数", "项", 0, 50], ["入驻测试企业数", "家", 0, 20]],
    },
    {
      title: "遥感影像智能解译与国土变化监测", domain: "tech_innovation", caps: ["cv", "multimodal"],
      pain: "遥感影像解译依赖人工目视判读，时效性差。",
      goal: "研发遥感解译模型，实现耕地、建设用地变化的自动发现。",
      kpis: [["变化图斑识别准确率", "%", 75, 92], ["单景影像解译时间", "小时", 8, 0.5, false]],
    },
  ],
  data: [
    ["实验数据集", "约{n}GB", 50, 5000, 0.3, "internal"],
    ["学术文献库", "约{n}万篇", 5, 300, 0, "public"],
    ["遥感与表型图像", "约{n}万张", 1, 100, 0.5, "internal"],
    ["仪器使用记录", "近{n}年", 2, 8, 0, "internal"],
  ],
  site: [
    "可在实验室开放时间进入，须遵守实验室安全管理规定并完成安全准入考试。",
    "提供高性能计算集群部分机时用于模型训练，数据不得带离校园网。",
  ],
  pilotAreas: ["2个重点实验室", "校级公共平台"],
  contactTitles: ["老师", "教授", "研究员"],
};
