import type { Sector } from "./types";
import { brand, city, community, street } from "./helpers";

export const elderly: Sector = {
  key: "elderly_care",
  venue: "elderly_care",
  share: 7,
  credit: "social",
  namedTitles: true,
  famous: [
    { name: "南京市社会福利院", district: "栖霞区", credit: "institution", kind: "institution" },
    { name: "南京市老年康复中心", district: "玄武区", credit: "institution", kind: "institution" },
    { name: "南京市鼓楼区颐养院", district: "鼓楼区", credit: "institution", kind: "institution" },
    { name: "南京市秦淮区养老服务指导中心", district: "秦淮区", credit: "institution", kind: "community" },
    { name: "南京市江宁区社会福利中心", district: "江宁区", credit: "institution", kind: "institution" },
    { name: "南京市建邺区南苑街道养老服务中心", district: "建邺区", kind: "community" },
    { name: "南京市玄武区锁金村街道养老服务中心", district: "玄武区", kind: "community" },
  ],
  generate(rng, district) {
    return rng.weighted<() => { name: string; kind: string; credit?: "company" }>([
      [() => ({ name: `${city(district)}${street(rng, district)}养老服务中心`, kind: "community" }), 3],
      [() => ({ name: `${city(district)}${community(rng)}社区居家养老服务站`, kind: "community" }), 3],
      [() => ({ name: `南京${brand(rng)}康养中心`, kind: "institution" }), 2],
      [() => ({ name: `南京${brand(rng)}养老服务有限公司`, kind: "institution", credit: "company" }), 1],
    ])();
  },
  summaries: [
    "{name}位于{district}，为辖区老年人提供日间照料、助餐和居家上门服务。",
    "{name}是{district}的养老服务机构，正在建设智慧养老服务体系。",
  ],
  scale: [
    ["服务辖区60岁以上老年人约{n}人，", 2000, 30000, ["community"]],
    ["机构设置养老床位{n}张，", 80, 900, ["institution"]],
  ],
  templates: [
    {
      title: "社区居家养老跌倒检测与预警", domain: "livelihood", caps: ["cv", "iot", "edge_computing"],
      pain: "辖区独居、空巢老人比例高，跌倒后无人及时发现的情况时有发生。",
      goal: "在老人家中部署毫米波雷达等非接触设备，跌倒后自动报警并联动网格员上门。",
      kpis: [["跌倒报警响应时间", "分钟", 60, 10, false], ["跌倒识别准确率", "%", 75, 95]],
    },
    {
      title: "养老机构智能照护与语音护理记录", area: "2个护理单元", domain: "livelihood", caps: ["iot", "speech", "llm"], only: ["institution"],
      pain: "护理员工作强度大，护理记录以手写为主，服务质量难以追溯。",
      goal: "语音录入自动生成护理记录，结合体征监测实现照护计划智能提醒。",
      kpis: [["护理记录耗时", "分钟/人/日", 40, 10, false], ["照护计划执行率", "%", 80, 98]],
    },
    {
      title: "AI陪伴机器人与认知障碍早期筛查", domain: "livelihood", caps: ["robotics", "speech", "llm"],
      pain: "老年人精神慰藉需求大，认知障碍早期症状隐蔽，筛查依赖专业人员。",
      goal: "引入AI陪伴机器人开展日常对话和认知训练，自动完成认知障碍初筛。",
      kpis: [["认知障碍筛查覆盖率", "%", 10, 70], ["老人日均互动次数", "次", 0, 5]],
    },
    {
      title: "老年人慢病健康监测与用药提醒智能体", domain: "livelihood", caps: ["agent", "iot", "llm"],
      pain: "老年人多病共存、用药复杂，漏服、错服情况普遍，子女难以及时掌握健康状况。",
      goal: "通过智能体整合体征监测、用药提醒和异常告警，家属和家庭医生可同步查看。",
      kpis: [["用药依从率", "%", 62, 85], ["异常体征发现时间", "小时", 48, 2, false]],
    },
    {
      title: "适老化智能助餐与营养配餐", area: "2个社区助餐点", domain: "livelihood", caps: ["recommendation", "data_analytics"], only: ["community"],
      pain: "社区助餐点菜品单一，难以兼顾老人慢病饮食要求，备餐量靠经验估计。",
      goal: "根据老人健康档案推荐营养餐，预测就餐人数以减少浪费。",
      kpis: [["助餐点日均服务人次", "人次", 80, 200], ["营养配餐达标率", "%", 60, 90]],
    },
    {
      title: "康养机构智能助浴与康复训练机器人", area: "康复训练室", domain: "livelihood", caps: ["robotics", "iot"], only: ["institution"], mode: "equipment",
      pain: "失能、半失能老人助浴和康复训练需多名护理员协作，人力紧张且存在安全风险。",
      goal: "引入智能助浴设备和康复训练机器人，降低护理员劳动强度。",
      kpis: [["康复训练计划完成率", "%", 50, 85], ["护理员日均体力劳动时长", "小时", 6, 4, false]],
    },
    {
      title: "12349养老服务热线语音智能体", area: "养老服务热线中心", domain: "livelihood", caps: ["speech", "agent", "customer_service"],
      pain: "养老服务热线高峰时段接通率低，老人方言口音重，工单记录不完整。",
      goal: "建设支持南京方言的语音智能体，自动受理咨询、生成工单并派发服务商。",
      kpis: [["热线接通率", "%", 70, 98], ["工单自动分派率", "%", 0, 80]],
    },
    {
      title: "养老服务补贴精准识别与智能核查", area: "1个街道", domain: "governance", caps: ["data_analytics", "privacy_computing"],
      pain: "养老服务补贴对象核定依赖材料审核，存在漏享、错享现象，核查工作量大。",
      goal: "在隐私计算环境下融合民政、卫健、医保数据，实现补贴对象主动发现和智能核查。",
      kpis: [["补贴发放准确率", "%", 92, 99.5], ["需求主动发现覆盖率", "%", 40, 85]],
    },
  ],
  data: [
    ["老年人健康档案", "约{n}份", 800, 20000, 0, "personal"],
    ["上门服务工单记录", "约{n}万条", 1, 20, 0.2, "internal"],
    ["智能设备监测数据", "约{n}户", 100, 3000, 0.1, "sensitive"],
    ["助餐订单与菜品数据", "约{n}万条", 1, 30, 0, "internal"],
  ],
  site: [
    "可进入养老服务中心公共区域部署设备；入户安装须经老人及家属书面同意。",
    "机构提供护理站和康复室作为试点场地，试点人员须持健康证上岗。",
    "试点在3个社区开展，由社区工作人员陪同入户，周末不安排现场施工。",
  ],
  pilotAreas: ["3个社区", "日间照料中心"],
  contactTitles: ["主任", "院长", "站长"],
};
