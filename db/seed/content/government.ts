import type { Sector } from "./types";
import { city, street } from "./helpers";

const DISTRICT_OFFICES = ["政务服务管理办公室", "数据局", "市场监督管理局", "民政局", "信访局", "司法局"] as const;

export const government: Sector = {
  key: "government",
  venue: "government",
  share: 8,
  credit: "government",
  namedTitles: true,
  famous: [
    { name: "南京市政务服务管理办公室", district: "建邺区", kind: "city" },
    { name: "南京市数据局", district: "建邺区", kind: "city" },
    { name: "南京市信访局", district: "玄武区", kind: "city" },
    { name: "南京市玄武区红山街道办事处", district: "玄武区", obj: "红山街道", kind: "street" },
    { name: "南京市秦淮区夫子庙街道办事处", district: "秦淮区", obj: "夫子庙街道", kind: "street" },
    { name: "南京市鼓楼区宁海路街道办事处", district: "鼓楼区", obj: "宁海路街道", kind: "street" },
    { name: "南京市建邺区沙洲街道办事处", district: "建邺区", obj: "沙洲街道", kind: "street" },
  ],
  generate(rng, district) {
    if (rng.chance(0.65)) {
      const s = street(rng, district);
      const isTown = s.endsWith("镇");
      return { name: `${city(district)}${s}${isTown ? "人民政府" : "办事处"}`, obj: s, kind: "street" };
    }
    return { name: `${city(district)}${rng.pick(DISTRICT_OFFICES)}`, obj: district, kind: "district" };
  },
  summaries: [
    "{name}位于{district}，负责辖区政务服务、基层治理和民生保障工作。",
    "{name}是{district}的政府部门，正在推进“人工智能+政务服务”试点。",
  ],
  scale: [
    ["辖区常住人口约{n}万人，", 3, 90, ["street", "district"]],
    ["年受理群众诉求约{n}万件，", 2, 120],
  ],
  templates: [
    {
      title: "12345政务热线智能体", area: "热线中心", domain: "governance", caps: ["agent", "llm", "speech", "customer_service"],
      pain: "热线话务量逐年增长，高峰时段接通率下降，工单分类派发依赖人工判断、准确率不高。",
      goal: "建设政务热线智能体，实现智能应答、工单自动填写与精准派发。",
      kpis: [["热线智能应答率", "%", 20, 70], ["工单派发准确率", "%", 82, 96]],
    },
    {
      title: "政务服务“一网通办”智能导办与材料预审", area: "政务服务大厅", domain: "governance", caps: ["llm", "ocr", "agent"],
      pain: "办事群众对办理条件和材料要求理解不准，材料退补率高，窗口压力大。",
      goal: "提供智能导办和材料智能预审，实现“一次办好”。",
      kpis: [["材料一次性通过率", "%", 65, 92], ["办事平均跑动次数", "次", 1.8, 0.5, false]],
    },
    {
      title: "网格化社会治理事件智能识别与分拨", domain: "governance", caps: ["cv", "nlp", "data_analytics"], only: ["street", "district"],
      pain: "网格员上报事件格式不统一，分拨依赖人工，跨部门事件推诿扯皮。",
      goal: "自动识别事件类型和责任部门，实现事件智能分拨和闭环督办。",
      kpis: [["事件自动分拨率", "%", 20, 85], ["事件平均处置时长", "小时", 48, 12, false]],
    },
    {
      title: "基层报表智能填报与数据共享（基层减负）", area: "2个社区", domain: "governance", caps: ["llm", "data_analytics", "ocr"], only: ["street"],
      pain: "社区工作者每月填报大量重复报表，数据多头采集、反复核对，挤占服务群众时间。",
      goal: "打通条线数据，利用大模型自动生成报表，实现“一次采集、多方复用”。",
      kpis: [["报表填报时间", "小时/月", 60, 15, false], ["重复填报事项", "项", 40, 5, false]],
    },
    {
      title: "公文写作与政策文件智能比对助手", domain: "governance", caps: ["llm", "nlp", "knowledge_graph"],
      pain: "公文起草和政策比对耗时长，上下级文件衔接不一致的问题时有发生。",
      goal: "建设政务写作助手，支持公文初稿生成、规范校对和政策条款比对。",
      kpis: [["公文初稿撰写时间", "小时", 4, 1, false], ["政策条款比对准确率", "%", 70, 95]],
    },
    {
      title: "信访诉求智能分析与矛盾风险预警", domain: "governance", caps: ["nlp", "knowledge_graph", "data_analytics"],
      pain: "信访诉求文本量大，重复信访、群体性诉求苗头难以及时发现。",
      goal: "对诉求文本进行聚类分析和风险研判，提前预警潜在矛盾。",
      kpis: [["重复信访识别率", "%", 50, 90], ["风险线索预警提前量", "天", 1, 7]],
    },
    {
      title: "外资企业政策服务多语种智能问答", domain: "cooperation", only: ["city", "district"], caps: ["llm", "nlp", "customer_service"],
      pain: "外资企业和外籍人士对本地政策、办事流程了解不足，多语种咨询渠道有限。",
      goal: "提供中英日韩德多语种政策问答和办事指引服务。",
      kpis: [["外资企业政策咨询满意度", "%", 75, 95], ["咨询平均响应时间", "小时", 24, 0.1, false]],
    },
    {
      title: "老旧小区电动自行车违规入梯智能识别", area: "3个老旧小区", domain: "governance", caps: ["cv", "edge_computing", "iot"], only: ["street"],
      pain: "电动自行车进楼入户充电屡禁不止，存在严重火灾隐患，人工劝阻效果有限。",
      goal: "在电梯内部署边缘AI设备，识别电动自行车入梯后语音提醒并阻止电梯运行。",
      kpis: [["违规入梯拦截率", "%", 40, 98], ["电动自行车火灾起数", "起/年", 12, 2, false]],
    },
    {
      title: "基于视频AI的市容秩序智能巡查（占道经营、暴露垃圾）", domain: "governance", caps: ["cv", "edge_computing", "data_analytics"],
      only: ["street", "district"],
      pain: "市容问题点多面广，依赖人工巡查发现，问题反复出现。",
      goal: "利用现有视频和车载巡查设备自动识别市容问题并推送处置。",
      kpis: [["问题自动发现数量", "件/日", 30, 200], ["人工巡查里程", "公里/日", 120, 40, false]],
    },
    {
      title: "面向{obj}的基层治理“一网统管”多源数据融合、事件智能分拨与领导驾驶舱一体化建设应用场景",
      domain: "governance", caps: ["data_analytics", "llm", "digital_twin", "cv"], only: ["street", "district"], tier: "major",
      pain: "基层治理数据分散在十余个条线系统，事件发现、分拨、处置、评价各环节难以贯通。",
      goal: "汇聚多源数据构建治理底座，实现事件全流程闭环和态势一屏统览。",
      kpis: [["事件按期办结率", "%", 85, 98], ["数据共享条线数", "个", 3, 15]],
    },
  ],
  data: [
    ["12345热线工单", "约{n}万条", 10, 500, 0.3, "sensitive"],
    ["政务服务事项与办事指南", "约{n}项", 300, 3000, 0, "public"],
    ["网格事件数据", "约{n}万条", 2, 80, 0.2, "internal"],
    ["政策文件库", "约{n}份", 500, 8000, 0, "public"],
    ["公共视频监控", "{n}路", 100, 3000, 0, "sensitive"],
  ],
  site: [
    "可在政务服务大厅和社区党群服务中心开展试点，数据须部署在政务云并通过安全评估。",
    "试点期间供给方人员须签署保密承诺书，现场工作在工作日开展。",
  ],
  pilotAreas: ["政务服务大厅", "2个社区", "网格化服务管理中心"],
  contactTitles: ["科长", "主任", "处长"],
};
