import type { Sector } from "./types";
import { city as inDistrict } from "./helpers";

const BUREAUS: readonly (readonly [string, string])[] = [
  ["交通运输局", "traffic"], ["应急管理局", "emergency"], ["水务局", "water"],
  ["城市管理局", "urban"], ["住房和城乡建设局", "urban"], ["农业农村局", "agri"],
];

/** City-wide operators: their scenarios concern the city, not one venue, so they carry no venue type. */
export const cityWide: Sector = {
  key: "city",
  venue: null,
  share: 9,
  credit: "government",
  namedTitles: true,
  famous: [
    { name: "南京市公安局交通管理局", kind: "traffic", district: "秦淮区", obj: "主城区" },
    { name: "南京市城市管理局", kind: "urban", district: "建邺区", obj: "主城区" },
    { name: "南京市应急管理局", kind: "emergency", district: "建邺区", obj: "全市" },
    { name: "南京市生态环境局", kind: "environment", district: "建邺区", obj: "全市" },
    { name: "南京市水务局", kind: "water", district: "鼓楼区", obj: "主城区" },
    { name: "南京市规划和自然资源局", kind: "planning", district: "建邺区", obj: "全市" },
    { name: "南京市交通运输局", kind: "traffic", district: "建邺区", obj: "全市" },
    { name: "南京市消防救援支队", kind: "emergency", district: "鼓楼区", obj: "全市" },
    { name: "南京市气象局", kind: "weather", district: "鼓楼区", obj: "全市", credit: "institution" },
    { name: "南京市城乡建设委员会", kind: "urban", district: "建邺区", obj: "全市" },
  ],
  generate(rng, district) {
    const [bureau, kind] = rng.pick(BUREAUS);
    return { name: `${inDistrict(district)}${bureau}`, obj: district, kind };
  },
  summaries: ["{name}负责{obj}相关领域的城市运行管理工作。", "{name}正在推进城市治理数字化转型，探索人工智能在{obj}的应用。"],
  scale: [["{obj}涉及道路约{n}公里，", 200, 9000], ["{obj}相关监测点位约{n}个，", 300, 20000]],
  templates: [
    {
      title: "城市交通信号灯智能配时优化", area: "主城区10个路口", only: ["traffic"], domain: "governance", caps: ["optimisation", "cv", "data_analytics"],
      pain: "主干道早晚高峰拥堵，信号配时方案更新周期长，难以适应潮汐交通变化。",
      goal: "基于实时流量数据自适应优化信号配时，提升路网通行效率。",
      kpis: [["试点区域主干道平均车速", "km/h", 22, 28], ["路口平均延误", "秒", 55, 40, false]],
    },
    {
      title: "低空无人机城市巡检", domain: "governance", caps: ["low_altitude", "cv", "edge_computing"],
      pain: "违章建筑、河道垃圾、渣土乱倒等问题靠人工巡查，覆盖范围小、频次低。",
      goal: "建设无人机机场网络，按航线自动巡检并AI识别问题后推送处置。",
      kpis: [["巡检覆盖面积", "平方公里/日", 5, 40], ["问题发现效率", "件/小时", 3, 20]],
    },
    {
      title: "城市内涝风险预测与应急调度", only: ["water", "emergency", "urban"], domain: "governance", caps: ["digital_twin", "data_analytics", "iot"],
      pain: "强降雨期间易涝点积水预判不准，泵站和抢险力量调度依赖经验。",
      goal: "融合气象、管网和水位数据构建内涝数字孪生，提前预警并优化调度。",
      kpis: [["积水预警提前量", "分钟", 0, 60], ["应急调度响应时间", "分钟", 60, 20, false]],
    },
    {
      title: "燃气管网泄漏智能监测与预测性维护", only: ["urban", "emergency"], domain: "governance", caps: ["iot", "predictive_maintenance", "data_analytics"],
      pain: "地下燃气管网老化，泄漏隐患发现依赖人工巡检，事故风险高。",
      goal: "布设智能感知终端，结合AI模型实现泄漏早发现和管段风险评估。",
      kpis: [["泄漏发现时间", "小时", 12, 0.5, false], ["管网巡检人力", "人", 80, 30, false]],
    },
    {
      title: "生态环境非现场执法与污染溯源", only: ["environment"], domain: "governance", caps: ["cv", "data_analytics", "iot"],
      pain: "污染源点多面广，执法检查以现场为主，偷排漏排行为取证难。",
      goal: "利用在线监测、视频和AI分析开展非现场执法，实现污染快速溯源。",
      kpis: [["污染溯源时间", "小时", 72, 6, false], ["非现场执法占比", "%", 20, 60]],
    },
    {
      title: "渣土车违规行驶与道路抛洒智能识别", only: ["urban", "traffic"], domain: "governance", caps: ["cv", "edge_computing"],
      pain: "渣土车闯禁行、未密闭、沿途抛洒等问题多发，夜间监管力量不足。",
      goal: "依托道路监控和车载设备自动识别违规行为，联合执法闭环处置。",
      kpis: [["违规识别准确率", "%", 70, 93], ["道路抛洒发现时间", "小时", 6, 0.5, false]],
    },
    {
      title: "高层建筑消防隐患智能识别与火灾早期预警", only: ["emergency"], domain: "governance", caps: ["cv", "iot", "edge_computing"],
      pain: "高层建筑消防通道占用、设施故障等隐患多，火情发现依赖报警。",
      goal: "利用视频AI和物联感知识别消防隐患，实现火情秒级发现。",
      kpis: [["消防通道占用识别率", "%", 50, 95], ["火情发现时间", "分钟", 10, 1, false]],
    },
    {
      title: "车路协同智能网联示范道路建设", area: "示范道路", only: ["traffic"], domain: "tech_innovation", caps: ["autonomous_driving", "edge_computing", "iot"], tier: "major",
      pain: "自动驾驶测试道路里程有限，路侧感知设施不足，难以支撑规模化示范运营。",
      goal: "建设车路协同示范道路，部署路侧感知单元和云控平台。",
      kpis: [["车路协同覆盖路口数", "个", 0, 100], ["示范区域通行效率提升", "%", 0, 15]],
    },
    {
      title: "气象大模型短临强对流天气预报", area: "市气象台", only: ["weather"], domain: "tech_innovation", caps: ["llm", "data_analytics"], mode: "challenge",
      pain: "强对流天气突发性强，传统数值预报提前量不足，城市防灾减灾压力大。",
      goal: "研发基于AI大模型的短临预报系统，提升强对流预警提前量和准确率。",
      kpis: [["强对流预警提前量", "分钟", 20, 60], ["预报准确率", "%", 65, 80]],
    },
    {
      title: "城市运行“一网统管”多源感知数据融合与基于大模型的跨部门事件协同处置智能体应用场景",
      domain: "governance", caps: ["agent", "llm", "data_analytics", "digital_twin"], tier: "major",
      pain: "城市运行事件涉及部门多，信息分散，跨部门协同处置效率低。",
      goal: "汇聚城市感知数据，建设事件协同处置智能体，实现跨部门一键调度。",
      kpis: [["跨部门事件平均处置时间", "小时", 72, 24, false], ["事件自动识别率", "%", 30, 80]],
    },
    {
      title: "长江岸线生态保护无人机与卫星遥感协同监测", area: "长江南京段重点岸线", only: ["environment", "water", "planning"], domain: "governance", caps: ["low_altitude", "cv", "multimodal"],
      pain: "长江岸线长、监管对象多，非法码头、岸线侵占等问题发现不及时。",
      goal: "构建空天地一体化监测体系，AI自动识别岸线变化和违法行为。",
      kpis: [["岸线巡查频次", "次/月", 2, 30], ["违法行为发现时间", "天", 15, 2, false]],
    },
    {
      title: "农作物病虫害AI识别与无人机精准植保", domain: "industry", caps: ["cv", "low_altitude", "iot"], only: ["agri"], area: "2个现代农业园区",
      pain: "病虫害发现依赖农技人员田间巡查，发现晚、用药多，农户缺乏专业指导。",
      goal: "利用田间物联网和无人机影像识别病虫害，生成精准植保处方并由植保无人机作业。",
      kpis: [["病虫害识别准确率", "%", 70, 92], ["农药使用量", "kg/亩", 1.2, 0.9, false]],
    },
    {
      title: "国土空间规划数字孪生与违法用地智能发现", domain: "governance", caps: ["digital_twin", "cv", "multimodal"], only: ["planning"],
      pain: "规划审批需要反复比对多版图件，违法用地主要靠群众举报和年度变更调查发现。",
      goal: "建设国土空间数字孪生底板，利用遥感影像自动发现疑似违法用地。",
      kpis: [["疑似违法用地发现周期", "天", 90, 7, false], ["规划方案比对时间", "小时", 16, 2, false]],
    },
  ],
  data: [
    ["路口信号与卡口过车数据", "近{n}年", 1, 3, 0, "sensitive"],
    ["城市视频监控", "{n}路", 500, 20000, 0, "sensitive"],
    ["气象与水文监测数据", "近{n}年", 3, 20, 0, "public"],
    ["地下管网GIS数据", "约{n}公里", 500, 12000, 0, "sensitive"],
    ["遥感影像", "约{n}TB", 2, 80, 0.2, "internal"],
  ],
  site: [
    "试点区域由需求方协调相关区和街道提供道路、杆件等设施资源，施工须办理占道许可。",
    "数据在政务云环境中使用，供给方人员须签署保密协议，不得留存原始数据。",
  ],
  pilotAreas: ["1个试点片区", "2个行政区", "重点区域"],
  contactTitles: ["处长", "科长", "工"],
};
