import type { Sector } from "./types";
import { brand, streetShort } from "./helpers";

const PARK_THEMES = ["智能制造", "数字经济", "生物医药", "新能源", "现代物流", "文化创意", "软件信息"] as const;

export const park: Sector = {
  key: "park",
  venue: "park",
  share: 6,
  credit: "government",
  namedTitles: true,
  famous: [
    { name: "南京经济技术开发区管理委员会", district: "栖霞区", obj: "南京经开区" },
    { name: "南京江宁经济技术开发区管理委员会", district: "江宁区", obj: "江宁开发区" },
    { name: "中国（南京）软件谷管理委员会", district: "雨花台区", obj: "软件谷" },
    { name: "南京江北新区产业技术研创园", district: "江北新区", obj: "研创园", credit: "institution" },
    { name: "南京徐庄高新技术产业开发区管理委员会", district: "玄武区", obj: "徐庄高新区" },
    { name: "南京白下高新技术产业园区管理委员会", district: "秦淮区", obj: "白下高新区" },
    { name: "南京麒麟科技创新园管理委员会", district: "江宁区", obj: "麒麟科创园" },
    { name: "南京江北新材料科技园管理委员会", district: "江北新区", obj: "新材料科技园", kind: "chemical" },
    { name: "南京生物医药谷建设发展有限公司", district: "江北新区", obj: "生物医药谷", credit: "company" },
    { name: "南京建邺高新技术产业开发区管理委员会", district: "建邺区", obj: "建邺高新区" },
    { name: "南京鼓楼高新技术产业开发区管理委员会", district: "鼓楼区", obj: "鼓楼高新区" },
    { name: "南京浦口经济开发区管理委员会", district: "浦口区", obj: "浦口经开区" },
    { name: "南京六合经济开发区管理委员会", district: "六合区", obj: "六合经开区" },
    { name: "南京溧水经济开发区管理委员会", district: "溧水区", obj: "溧水经开区" },
    { name: "南京高淳经济开发区管理委员会", district: "高淳区", obj: "高淳经开区" },
    { name: "中德（南京）智能制造合作园", district: "江宁区", obj: "中德合作园", kind: "international", credit: "company" },
  ],
  generate(rng, district) {
    if (rng.chance(0.4)) {
      const b = brand(rng);
      return { name: `南京${b}科技园运营管理有限公司`, obj: `${b}科技园`, credit: "company" };
    }
    const s = streetShort(rng, district);
    const theme = rng.pick(PARK_THEMES);
    return { name: `南京${s}${theme}产业园发展有限公司`, obj: `${s}${theme}产业园`, credit: "company" };
  },
  summaries: [
    "{name}负责{obj}的规划建设与企业服务，位于{district}。",
    "{obj}位于{district}，集聚人工智能、软件信息等产业企业，{name}负责园区运营。",
  ],
  scale: [
    ["{obj}入驻企业约{n}家，", 80, 3000],
    ["{obj}规划面积约{n}平方公里，", 2, 60],
  ],
  templates: [
    {
      title: "园区企业服务智能体（政策匹配与申报辅助）", domain: "industry", caps: ["agent", "llm", "knowledge_graph"],
      pain: "各级惠企政策多、条款复杂，企业不知道能享受哪些政策，申报材料反复退改。",
      goal: "建设企业服务智能体，实现政策精准匹配、免申即享提醒和申报材料智能预审。",
      kpis: [["政策匹配准确率", "%", 50, 90], ["企业申报材料准备时间", "天", 10, 3, false]],
    },
    {
      title: "{obj}数字孪生运营管理平台", domain: "industry", caps: ["digital_twin", "iot", "data_analytics"],
      pain: "园区安防、能耗、停车、物业系统分散建设，运营管理缺乏统一视图。",
      goal: "建设园区数字孪生底座，实现事件一屏感知、一键调度。",
      kpis: [["园区事件平均处置时间", "小时", 8, 2, false], ["公共区域能耗", "万kWh/年", 800, 680, false]],
    },
    {
      title: "园区无人配送与自动驾驶接驳", area: "园区主干道", domain: "industry", caps: ["autonomous_driving", "robotics", "optimisation"], mode: "operation",
      pain: "园区面积大、内部通勤和快递末端配送不便，“最后一公里”体验差。",
      goal: "开通自动驾驶接驳线路和无人配送车，探索常态化商业运营。",
      kpis: [["末端配送时效", "分钟", 45, 20, false], ["接驳车辆日均运营里程", "公里", 0, 200]],
    },
    {
      title: "公共算力平台智能调度与算力券管理", area: "公共算力中心", domain: "tech_innovation", caps: ["optimisation", "data_analytics", "edge_computing"],
      pain: "园区公共算力资源利用不均，中小企业申请算力流程长，算力券兑付缺乏过程监管。",
      goal: "建设算力统一调度和算力券全流程管理平台，提高算力资源利用率。",
      kpis: [["算力资源利用率", "%", 45, 75], ["算力申请审批时间", "天", 5, 0.5, false]],
    },
    {
      title: "中外合作园区跨境数据合规与多语种招商服务", domain: "cooperation", caps: ["privacy_computing", "llm", "nlp"],
      pain: "外资企业对跨境数据流动合规要求不熟悉，多语种政策咨询和招商材料准备工作量大。",
      goal: "提供跨境数据合规自评估工具和多语种智能招商服务。",
      kpis: [["外资企业咨询响应时间", "小时", 24, 1, false], ["跨境数据合规评估时间", "天", 30, 10, false]],
    },
    {
      title: "化工园区安全生产与危化品运输智能监管", domain: "governance", caps: ["cv", "iot", "predictive_maintenance"], only: ["chemical"],
      pain: "园区危化品企业多、运输车辆多，泄漏、超速、违停等风险靠人工巡查。",
      goal: "建设园区一体化安全监管平台，实现风险实时感知和分级预警。",
      kpis: [["隐患发现时间", "小时", 24, 1, false], ["重大隐患整改率", "%", 85, 100]],
    },
    {
      title: "产业链图谱与精准招商", domain: "industry", caps: ["knowledge_graph", "data_analytics", "recommendation"],
      pain: "招商工作依赖人脉和展会，对产业链缺链、弱链环节缺乏数据化分析。",
      goal: "构建重点产业链图谱，自动识别补链企业并推送招商线索。",
      kpis: [["招商线索转化率", "%", 3, 8], ["图谱覆盖企业数", "家", 2000, 20000]],
    },
    {
      title: "低空物流无人机配送试点", area: "园区起降场", domain: "industry", caps: ["low_altitude", "optimisation"], mode: "operation",
      pain: "园区企业间样品、文件急送需求多，地面交通耗时长。",
      goal: "开通园区低空无人机配送航线，建设起降点并实现常态化运营。",
      kpis: [["无人机配送航线", "条", 0, 10], ["单件配送成本", "元", 12, 6, false]],
    },
  ],
  data: [
    ["入驻企业信息", "约{n}家", 100, 3000, 0, "internal"],
    ["园区物联网感知数据", "{n}个感知终端", 200, 8000, 0, "internal"],
    ["惠企政策文件库", "约{n}份", 300, 3000, 0, "public"],
    ["园区能耗数据", "近{n}年", 1, 5, 0, "internal"],
  ],
  site: [
    "园区提供公共区域和人才公寓作为试点场景，道路测试须取得交管部门许可。",
    "可使用园区数据中心机柜，进场施工须提前办理出入证。",
  ],
  pilotAreas: ["园区核心区", "企业服务中心", "2栋标准厂房"],
  contactTitles: ["主任", "经理", "处长", "科长"],
};
