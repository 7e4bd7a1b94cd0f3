import type { Sector } from "./types";
import { brand } from "./helpers";

/** Transport, utilities, logistics, property and exhibitions: venue type `other`. */
export const other: Sector = {
  key: "other",
  venue: "other",
  share: 8,
  credit: "company",
  namedTitles: false,
  siteTitles: true,
  famous: [
    { name: "南京地铁集团有限公司", district: "玄武区", kind: "transit", obj: "地铁" },
    { name: "南京公共交通（集团）有限公司", district: "鼓楼区", kind: "transit", obj: "公交" },
    { name: "东部机场集团有限公司南京禄口国际机场", district: "江宁区", kind: "airport", obj: "禄口机场" },
    { name: "南京港（集团）有限公司", district: "鼓楼区", kind: "port", obj: "龙潭港区" },
    { name: "国网江苏省电力有限公司南京供电分公司", district: "鼓楼区", kind: "grid", obj: "南京电网" },
    { name: "南京水务集团有限公司", district: "鼓楼区", kind: "water", obj: "供水管网" },
    { name: "南京国际博览中心有限公司", district: "建邺区", kind: "expo", obj: "国际博览中心" },
    { name: "中国邮政集团有限公司南京市分公司", district: "秦淮区", kind: "logistics", obj: "邮政网点" },
  ],
  generate(rng) {
    const b = brand(rng);
    return rng.weighted<() => { name: string; kind: string; obj: string }>([
      [() => ({ name: `南京${b}物流有限公司`, kind: "logistics", obj: `${b}物流园` }), 3],
      [() => ({ name: `南京${b}供应链管理有限公司`, kind: "logistics", obj: `${b}仓储中心` }), 2],
      [() => ({ name: `南京${b}物业管理有限公司`, kind: "property", obj: `${b}物业项目` }), 3],
      [() => ({ name: `南京${b}会展服务有限公司`, kind: "expo", obj: `${b}会展项目` }), 1],
      [() => ({ name: `南京${b}客运有限公司`, kind: "transit", obj: `${b}客运线路` }), 1],
    ])();
  },
  summaries: ["{name}位于{district}，负责{obj}的运营服务。", "{name}是{district}的公共服务运营企业，正在推进数字化转型。"],
  scale: [["日均服务约{n}万人次，", 1, 300], ["企业现有员工约{n}人，", 200, 15000]],
  templates: [
    {
      title: "地铁站客流预测与智能安检", area: "2座换乘站", domain: "livelihood", caps: ["cv", "data_analytics", "edge_computing"], only: ["transit"],
      pain: "换乘站早晚高峰客流集中，安检排队长，大客流应对以人工研判为主。",
      goal: "基于AFC和视频数据预测客流，智能安检设备辅助判图，提升通行效率。",
      kpis: [["安检通过效率", "人/小时", 800, 1500], ["客流预测准确率", "%", 80, 93]],
    },
    {
      title: "公交智能排班与动态调度", area: "3条公交线路", domain: "livelihood", caps: ["optimisation", "data_analytics"], only: ["transit"],
      pain: "线路排班依靠历史经验，高峰运力不足与平峰空驶并存。",
      goal: "基于客流预测自动生成排班计划并实时动态调度。",
      kpis: [["高峰准点率", "%", 78, 92], ["车辆空驶率", "%", 18, 10, false]],
    },
    {
      title: "机场行李异常识别与航站楼智能服务机器人", area: "T2航站楼", domain: "livelihood", caps: ["cv", "robotics", "speech"], only: ["airport"],
      pain: "行李破损、错运纠纷多，航站楼问询需求大，外籍旅客服务能力不足。",
      goal: "利用视觉识别行李异常并留证，部署多语种服务机器人提供问询引导。",
      kpis: [["行李异常识别率", "%", 60, 92], ["问询服务覆盖时长", "小时/日", 16, 24]],
    },
    {
      title: "港口集装箱智能理货与自动化调度", area: "集装箱码头", domain: "industry", caps: ["cv", "optimisation", "autonomous_driving"], only: ["port"],
      pain: "集装箱理货依靠人工核对箱号和残损，堆场作业调度效率不高。",
      goal: "实现箱号、残损自动识别和堆场作业智能调度，试点无人集卡。",
      kpis: [["理货准确率", "%", 96, 99.9], ["集装箱在港周转时间", "小时", 36, 24, false]],
    },
    {
      title: "电网输电线路无人机智能巡检", area: "2条输电线路", domain: "industry", caps: ["low_altitude", "cv", "predictive_maintenance"], only: ["grid"],
      pain: "输电线路跨越山区、江河，人工巡检效率低、风险高。",
      goal: "无人机自主巡检结合AI缺陷识别，实现线路隐患早发现。",
      kpis: [["巡检效率", "公里/日", 10, 60], ["缺陷识别准确率", "%", 75, 93]],
    },
    {
      title: "供水管网漏损智能诊断", area: "1个计量分区", domain: "livelihood", caps: ["iot", "data_analytics", "predictive_maintenance"], only: ["water"],
      pain: "老旧管网漏损率偏高，漏点定位依靠人工听漏，效率低。",
      goal: "基于压力、流量和声波数据构建漏损诊断模型，快速定位漏点。",
      kpis: [["管网漏损率", "%", 12, 8, false], ["漏点定位时间", "天", 5, 1, false]],
    },
    {
      title: "物流仓储智能分拣与路径优化", area: "分拣中心", domain: "industry", caps: ["robotics", "optimisation", "cv"], only: ["logistics"],
      pain: "电商大促期间包裹量激增，人工分拣差错多、时效难保证。",
      goal: "引入智能分拣机器人和路径优化算法，提升分拣效率和配送时效。",
      kpis: [["分拣效率", "件/小时", 3000, 12000], ["分拣差错率", "‱", 5, 0.5, false]],
    },
    {
      title: "物业社区智能客服与设施设备巡检机器人", area: "2个住宅小区", domain: "livelihood", caps: ["customer_service", "robotics", "iot"], only: ["property"],
      pain: "业主报修、咨询多渠道分散，设备机房巡检依靠人工记录。",
      goal: "建设物业智能客服和机房巡检机器人，实现报修工单自动流转和设备异常预警。",
      kpis: [["报修响应时间", "分钟", 60, 15, false], ["设备巡检覆盖率", "%", 60, 100]],
    },
    {
      title: "会展智能服务与国际展商多语种对接", area: "1场国际展会", domain: "cooperation", caps: ["llm", "speech", "recommendation"], only: ["expo"],
      pain: "国际展会期间外籍展商和采购商多，语言障碍和供需对接效率影响办展效果。",
      goal: "提供多语种智能翻译、展商推荐和洽谈撮合服务。",
      kpis: [["展商对接撮合成功率", "%", 10, 25], ["多语种服务覆盖语种", "种", 2, 12]],
    },
    {
      title: "客服中心大模型智能客服升级", area: "客服中心", domain: "livelihood", caps: ["customer_service", "llm", "speech"],
      pain: "客服中心话务量大，座席流失率高，知识库更新不及时导致答复口径不一。",
      goal: "以大模型升级智能客服和座席辅助，提升自助解决率。",
      kpis: [["智能客服问题解决率", "%", 40, 80], ["人工座席话务量", "万通/月", 20, 10, false]],
    },
    {
      title: "作业现场安全隐患AI识别", domain: "governance", caps: ["cv", "edge_computing"],
      pain: "作业现场分散、外包人员多，安全隐患依靠人工检查发现。",
      goal: "利用移动布控球和现有监控识别违章作业，实时推送整改。",
      kpis: [["违章作业识别率", "%", 50, 90], ["安全检查人力", "人天/月", 120, 40, false]],
    },
  ],
  data: [
    ["客流刷卡数据（脱敏）", "约{n}亿条", 1, 30, 0, "sensitive"],
    ["设备运行数据", "近{n}年", 1, 6, 0, "internal"],
    ["客服通话录音（脱敏）", "约{n}万小时", 1, 40, 0.2, "sensitive"],
    ["订单与运单数据", "约{n}万条", 50, 5000, 0, "internal"],
    ["巡检图像", "约{n}万张", 1, 80, 0.6, "internal"],
  ],
  site: [
    "可在夜间停运时段进入现场部署设备，须服从运营安全管理并办理作业许可。",
    "提供2处试点站点及测试网络，涉及生产系统的接入须经信息安全部门审批。",
  ],
  pilotAreas: ["2处试点站点", "首批试点站点"],
  contactTitles: ["经理", "工", "主任"],
};
