import type { Sector } from "./types";
import { brand, city, street } from "./helpers";

export const sports: Sector = {
  key: "sports",
  venue: "sports",
  share: 5,
  credit: "institution",
  namedTitles: true,
  // The first three are the venues whose benchmarks the demo shows (fewer than 5 on purpose).
  famous: [
    { name: "南京奥林匹克体育中心", district: "建邺区", obj: "奥体中心" },
    { name: "南京五台山体育中心", district: "鼓楼区", obj: "五台山体育中心" },
    { name: "南京青奥体育公园", district: "江北新区", obj: "青奥体育公园" },
    { name: "南京江宁体育中心", district: "江宁区", obj: "江宁体育中心" },
    { name: "南京龙江体育馆", district: "鼓楼区", obj: "龙江体育馆" },
    { name: "南京市溧水区体育中心", district: "溧水区", obj: "溧水体育中心" },
    { name: "南京市高淳区体育中心", district: "高淳区", obj: "高淳体育中心" },
    { name: "南京市六合区体育中心", district: "六合区", obj: "六合体育中心" },
    { name: "南京市浦口区体育中心", district: "浦口区", obj: "浦口体育中心" },
    { name: "南京市全民健身中心", district: "玄武区", obj: "全民健身中心" },
  ],
  generate(rng, district) {
    return rng.weighted<() => { name: string; obj: string; credit?: "company" }>([
      [() => { const s = street(rng, district); return { name: `${city(district)}${s}全民健身中心`, obj: `${s}全民健身中心` }; }, 3],
      [() => { const b = brand(rng); return { name: `南京${b}体育发展有限公司`, obj: `${b}体育综合体`, credit: "company" }; }, 2],
      [() => { const b = brand(rng); return { name: `南京${b}游泳健身俱乐部有限公司`, obj: `${b}游泳馆`, credit: "company" }; }, 1],
      [() => { const b = brand(rng); return { name: `南京${b}冰雪运动中心有限公司`, obj: `${b}冰雪运动中心`, credit: "company" }; }, 0.5],
    ])();
  },
  summaries: [
    "{name}位于{district}，承担大型赛事、全民健身和体育培训等功能。",
    "{name}是{district}的体育场馆运营单位，正在推进智慧场馆建设。",
  ],
  scale: [
    ["场馆年接待健身和观赛人群约{n}万人次，", 20, 600],
    ["场馆总建筑面积约{n}万平方米，", 1, 40],
  ],
  templates: [
    {
      title: "{obj}体育场馆客流监测与智能安防", domain: "governance", caps: ["cv", "data_analytics", "iot"],
      pain: "大型赛事和演唱会期间客流集中，入场排队时间长，人群聚集风险靠人工巡查发现。",
      goal: "建设客流实时监测与预警系统，优化入场通道调度。",
      kpis: [["大型活动入场平均时间", "分钟", 40, 15, false], ["客流统计准确率", "%", 85, 97]],
    },
    {
      title: "智能健身指导与运动处方智能体", domain: "livelihood", caps: ["agent", "cv", "llm"],
      pain: "健身人群缺乏专业指导，教练资源有限，会员活跃度逐年下降。",
      goal: "通过动作识别和运动处方智能体提供个性化训练计划和实时纠正。",
      kpis: [["会员训练计划完成率", "%", 35, 65], ["会员月活跃率", "%", 40, 70]],
    },
    {
      title: "赛事直播AI剪辑与精彩集锦自动生成", area: "赛事转播中心", domain: "consumption", caps: ["multimodal", "cv", "llm"],
      pain: "场馆每年承办各级赛事数百场，视频素材多但剪辑人力少，传播效果有限。",
      goal: "利用AI自动识别精彩瞬间，分钟级生成短视频集锦并分发。",
      kpis: [["集锦生成时间", "分钟", 120, 5, false], ["短视频播放量", "万次/月", 20, 150]],
    },
    {
      title: "游泳馆防溺水智能监测", area: "游泳馆", domain: "livelihood", caps: ["cv", "edge_computing"],
      pain: "游泳馆高峰时段泳客密集，救生员视线存在盲区，溺水早期征兆难以及时发现。",
      goal: "部署水上水下视觉监测，识别溺水风险后秒级告警救生员。",
      kpis: [["溺水风险识别时间", "秒", 60, 10, false], ["识别准确率", "%", 80, 98]],
    },
    {
      title: "{obj}能耗数字孪生与智能调控", domain: "tech_innovation", caps: ["digital_twin", "iot", "optimisation"],
      pain: "场馆空调、照明能耗高，设备运行依赖人工经验调节，赛事与日常模式切换粗放。",
      goal: "构建场馆数字孪生，按赛事和客流自动调控暖通照明设备。",
      kpis: [["场馆单位面积能耗", "kWh/㎡·年", 180, 140, false], ["设备故障响应时间", "小时", 24, 4, false]],
    },
    {
      title: "青少年体育培训AI动作分析与纠正", domain: "livelihood", caps: ["cv", "multimodal"],
      pain: "青少年体育培训班额大，教练难以逐一纠正动作，训练效果难量化。",
      goal: "通过视频动作分析为每名学员生成技术评估和改进建议。",
      kpis: [["动作识别准确率", "%", 80, 95], ["学员技能等级达标率", "%", 55, 75]],
    },
    {
      title: "体育消费券智能推荐与场馆预约调度", domain: "consumption", caps: ["recommendation", "optimisation", "data_analytics"],
      pain: "热门时段场地一位难求，非高峰时段利用率低，体育消费券核销不均衡。",
      goal: "基于用户偏好精准推送消费券，动态调度场地预约以提高利用率。",
      kpis: [["场地利用率", "%", 55, 80], ["体育消费券核销率", "%", 45, 75]],
    },
  ],
  data: [
    ["场馆预约与票务数据", "约{n}万条", 10, 300, 0, "internal"],
    ["赛事视频素材", "约{n}小时", 200, 5000, 0.2, "public"],
    ["场馆能耗监测数据", "近{n}年", 1, 5, 0, "internal"],
    ["会员运动记录", "约{n}万条", 5, 100, 0, "personal"],
  ],
  site: [
    "非赛事期间可进入场馆部署设备，赛事期间现场作业须服从安保统一管理。",
    "场馆提供弱电间和网络接入，施工须避开每周二、周四晚间训练时段。",
  ],
  pilotAreas: ["主场馆", "全民健身区", "训练馆"],
  contactTitles: ["经理", "主任"],
};
