import type { Sector } from "./types";
import { brand } from "./helpers";

// Product lines of generated manufacturers: the name part, what titles call it, and a kind the
// industry-specific templates filter on.
const INDUSTRIES: readonly (readonly [string, string])[] = [
  ["汽车零部件", "auto"], ["精密机械", "machinery"], ["电子元器件", "electronics"], ["光伏组件", "energy"],
  ["锂电池", "energy"], ["生物医药", "pharma"], ["新材料", "materials"], ["食品", "food"],
  ["纺织服装", "textile"], ["化工", "chemical"], ["智能家电", "electronics"], ["半导体封装", "electronics"],
  ["轨道交通装备", "machinery"], ["电力设备", "machinery"], ["医疗器械", "pharma"], ["新型建材", "materials"],
  ["包装印刷", "textile"], ["特种钢材", "steel"],
];

export const factory: Sector = {
  key: "factory",
  venue: "factory",
  share: 12,
  credit: "company",
  namedTitles: false,
  famous: [
    { name: "南京钢铁集团有限公司", district: "江北新区", obj: "钢铁", kind: "steel" },
    { name: "中国石化扬子石油化工有限公司", district: "江北新区", obj: "石化", kind: "chemical" },
    { name: "中国石化金陵石化公司", district: "栖霞区", obj: "炼化", kind: "chemical" },
    { name: "上海梅山钢铁股份有限公司", district: "雨花台区", obj: "钢铁", kind: "steel" },
    { name: "南京汽车集团有限公司", district: "鼓楼区", obj: "整车", kind: "auto" },
    { name: "南京熊猫电子集团有限公司", district: "栖霞区", obj: "电子信息", kind: "electronics" },
    { name: "国电南瑞科技股份有限公司", district: "江宁区", obj: "电力自动化设备", kind: "machinery" },
    { name: "南京高精传动设备制造集团有限公司", district: "江宁区", obj: "齿轮传动", kind: "machinery" },
    { name: "南京康尼机电股份有限公司", district: "栖霞区", obj: "轨道交通门系统", kind: "machinery" },
    { name: "中车南京浦镇车辆有限公司", district: "浦口区", obj: "轨道车辆", kind: "machinery" },
    { name: "南京长安汽车有限公司", district: "江宁区", obj: "整车", kind: "auto" },
    { name: "南京晨光集团有限责任公司", district: "秦淮区", obj: "航天装备", kind: "machinery" },
    { name: "先声药业集团有限公司", district: "玄武区", obj: "创新药", kind: "pharma" },
    { name: "南京埃斯顿自动化股份有限公司", district: "江宁区", obj: "工业机器人", kind: "machinery" },
  ],
  generate(rng) {
    const [industry, kind] = rng.pick(INDUSTRIES);
    const b = brand(rng);
    const name = rng.chance(0.65) ? `南京${b}${industry}有限公司` : `江苏${b}${industry}股份有限公司`;
    return { name, obj: industry, kind };
  },
  summaries: [
    "{name}位于{district}，主营{obj}研发与制造，是省级智能制造示范工厂培育对象。",
    "{name}是{district}的{obj}制造企业，正推进生产线数字化、智能化改造。",
  ],
  scale: [
    ["企业年产值约{n}亿元，", 3, 600],
    ["企业拥有生产线{n}条，", 4, 60],
    ["企业现有员工约{n}人，", 300, 12000],
  ],
  templates: [
    {
      title: "{obj}产线视觉质检", domain: "industry", caps: ["cv", "edge_computing", "multimodal"],
      pain: "产品表面划痕、缺件等缺陷依靠人工目检，漏检率高，质检岗位招工难、流失快。",
      goal: "部署工业视觉质检系统，实现缺陷自动识别、分类与追溯。",
      kpis: [["缺陷漏检率", "%", 3, 0.5, false], ["质检效率", "件/小时", 600, 2400]],
    },
    {
      title: "{obj}关键设备预测性维护", domain: "industry", caps: ["predictive_maintenance", "iot", "data_analytics"],
      pain: "关键设备突发故障导致非计划停机，维修以事后抢修和定期检修为主，备件库存高。",
      goal: "采集设备振动、温度等数据建立故障预测模型，实现由被动维修向预测性维护转变。",
      kpis: [["非计划停机时间", "小时/月", 36, 12, false], ["故障预警提前量", "小时", 0, 72]],
    },
    {
      title: "钢铁高炉预测性维护与炉况智能诊断", domain: "industry", caps: ["predictive_maintenance", "digital_twin", "data_analytics"], only: ["steel"],
      pain: "高炉炉况判断依赖少数资深工长经验，炉况波动时燃料比上升，冷却壁等设备损坏风险高。",
      goal: "融合高炉数字孪生与机理模型实现炉况智能诊断、关键设备寿命预测。",
      kpis: [["吨铁燃料比", "kg/t", 520, 505, false], ["炉况异常预警准确率", "%", 70, 90]],
    },
    {
      title: "{obj}智能排产与供应链协同", area: "计划部和1个生产车间", domain: "industry", caps: ["optimisation", "data_analytics"],
      pain: "订单多品种小批量，排产依靠人工表格，插单频繁导致交期延误和库存积压。",
      goal: "建设智能排产系统，联动供应商实现物料齐套预测和协同补货。",
      kpis: [["订单准时交付率", "%", 85, 97], ["在制品库存周转天数", "天", 12, 7, false]],
    },
    {
      title: "工业大模型工艺知识问答与故障诊断智能体", area: "设备维修部门", domain: "industry", caps: ["llm", "knowledge_graph", "agent"],
      pain: "工艺文件、维修记录分散，老师傅经验难以传承，新员工上手慢。",
      goal: "构建企业工艺知识库和故障诊断智能体，支持一线人员自然语言问答。",
      kpis: [["故障诊断平均时长", "小时", 4, 1, false], ["新员工上岗培训周期", "天", 60, 30, false]],
    },
    {
      title: "{obj}车间安全生产AI监管（未戴安全帽、违规闯入）", domain: "governance", caps: ["cv", "edge_computing"],
      pain: "车间作业人员多、危险区域多，安全员巡查难以全覆盖，违规行为屡禁不止。",
      goal: "利用现有监控实时识别未戴安全帽、违规闯入等行为并现场声光告警。",
      kpis: [["违规行为识别率", "%", 55, 95], ["安全生产事故起数", "起/年", 6, 1, false]],
    },
    {
      title: "数字孪生工厂与产线虚拟调试", domain: "tech_innovation", caps: ["digital_twin", "iot", "optimisation"], mode: "challenge",
      pain: "新产线建设调试周期长，工艺变更需停线试验，试错成本高。",
      goal: "建设数字孪生工厂，在虚拟环境中完成产线布局仿真和控制程序调试。",
      kpis: [["新产线调试周期", "天", 90, 45, false], ["设备综合效率OEE", "%", 65, 80]],
    },
    {
      title: "AI驱动的{obj}配方研发与工艺优化", area: "研发中心实验室", domain: "tech_innovation", caps: ["llm", "data_analytics", "knowledge_graph"],
      only: ["materials", "chemical", "pharma", "food"], mode: "challenge",
      pain: "新配方研发依赖大量试验，周期长、成本高，历史实验数据未能有效利用。",
      goal: "利用AI模型挖掘历史实验数据，推荐候选配方并优化工艺参数。",
      kpis: [["配方研发周期", "月", 18, 9, false], ["单配方实验次数", "次", 200, 60, false]],
    },
    {
      title: "仓储物流AGV/AMR智能搬运", area: "原料及成品仓库", domain: "industry", caps: ["robotics", "optimisation", "iot"], mode: "equipment",
      pain: "厂内物料搬运依靠叉车和人工，配送不及时导致产线停工待料。",
      goal: "引入AGV/AMR和智能调度系统，实现物料自动配送到工位。",
      kpis: [["物料搬运人力", "人", 40, 12, false], ["物料配送准时率", "%", 88, 99]],
    },
    {
      title: "{obj}能耗双控与碳排放智能核算", area: "动力车间和2个主要生产车间", domain: "industry", caps: ["data_analytics", "iot"],
      pain: "能源计量不够精细，碳排放核算靠人工汇总，节能潜力无法定量识别。",
      goal: "建设能碳管理平台，实现分车间能耗监测、碳排放自动核算和节能优化。",
      kpis: [["单位产值能耗", "吨标煤/万元", 0.32, 0.27, false], ["碳排放核算时间", "天", 20, 2, false]],
    },
    {
      title: "面向{obj}行业的多模态工业大模型在研发设计、生产制造、质量管控与售后服务全流程的集成应用场景",
      domain: "industry", caps: ["llm", "multimodal", "knowledge_graph", "agent"], tier: "major",
      pain: "企业研发、生产、质量和服务系统割裂，知识沉淀在各业务条线中难以复用。",
      goal: "建设企业级工业大模型平台，在研发设计、生产制造、质量管控、售后服务四类场景落地应用。",
      kpis: [["研发设计周期", "天", 120, 80, false], ["质量问题闭环时间", "天", 15, 5, false], ["售后问题一次解决率", "%", 70, 90]],
    },
  ],
  data: [
    ["产线缺陷图像", "约{n}万张", 1, 50, 0.7, "internal"],
    ["设备运行传感器数据", "近{n}年", 1, 5, 0.1, "internal"],
    ["MES生产与质量数据", "约{n}万条", 50, 3000, 0, "internal"],
    ["工艺文件与维修记录", "约{n}份", 1000, 30000, 0, "internal"],
    ["能源计量数据", "{n}个计量点", 50, 1500, 0, "internal"],
  ],
  site: [
    "可在周末停产检修期间进入车间部署设备，进入生产区域须接受安全培训并穿戴劳保用品。",
    "企业提供1条试点产线和边缘机柜位置，涉及控制系统改动须经生产部门审批。",
    "数据不得出厂，算法训练须在企业内网完成，供给方可远程接入测试环境。",
  ],
  pilotAreas: ["1条试点产线", "总装车间", "1个生产车间"],
  contactTitles: ["工", "经理", "总监", "主任"],
};
