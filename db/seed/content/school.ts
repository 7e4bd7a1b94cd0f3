import type { Sector } from "./types";
import { chineseNumber, city, community, street } from "./helpers";

export const school: Sector = {
  key: "school",
  venue: "school",
  share: 10,
  credit: "institution",
  namedTitles: true,
  famous: [
    { name: "南京市第一中学", district: "秦淮区" },
    { name: "南京师范大学附属中学", district: "鼓楼区" },
    { name: "南京市金陵中学", district: "鼓楼区" },
    { name: "南京外国语学校", district: "玄武区", kind: "international" },
    { name: "南京市中华中学", district: "秦淮区" },
    { name: "南京市第十三中学", district: "玄武区" },
    { name: "南京市人民中学", district: "鼓楼区" },
    { name: "南京市宁海中学", district: "鼓楼区" },
    { name: "南京市雨花台中学", district: "雨花台区" },
    { name: "南京市江宁高级中学", district: "江宁区" },
    { name: "南京市六合高级中学", district: "六合区" },
    { name: "南京市溧水高级中学", district: "溧水区" },
    { name: "江苏省高淳高级中学", district: "高淳区" },
    { name: "南京市琅琊路小学", district: "鼓楼区" },
    { name: "南京市游府西街小学", district: "秦淮区" },
    { name: "南京市力学小学", district: "秦淮区" },
    { name: "南京市建邺高级中学", district: "建邺区" },
    { name: "南京市浦口区行知小学", district: "浦口区" },
  ],
  generate(rng, district) {
    const c = community(rng);
    return rng.weighted<() => { name: string; kind?: string }>([
      [() => ({ name: `南京市${c}小学` }), 2],
      [() => ({ name: `南京市${c}中学` }), 2],
      [() => ({ name: `${city(district)}${c}实验小学` }), 2],
      [() => ({ name: `南京市第${chineseNumber(rng.int(2, 80))}中学` }), 1],
      [() => ({ name: `${city(district)}${street(rng, district)}中心小学` }), 1],
      [() => ({ name: `南京${c}国际学校`, kind: "international" }), 0.3],
    ])();
  },
  summaries: [
    "{name}是{district}的一所公办学校，是区级智慧校园建设试点单位。",
    "{name}位于{district}，办学特色鲜明，正在推进人工智能教育与教学数字化转型。",
  ],
  scale: [
    ["学校现有在校学生约{n}人，", 600, 4500],
    ["学校有教学班{n}个，", 18, 96],
  ],
  templates: [
    {
      title: "中小学课堂教学行为智能分析", domain: "livelihood", caps: ["cv", "multimodal", "data_analytics"],
      pain: "课堂教学评价主要依靠听课人员主观记录，难以覆盖全部课堂，教研改进缺乏数据支撑。",
      goal: "利用课堂视频与语音分析师生互动、学生专注度等指标，生成课堂诊断报告。",
      kpis: [["课堂诊断报告覆盖率", "%", 5, 80], ["教师对诊断报告的认可度", "%", 60, 85]],
    },
    {
      title: "AI作业批改与学情精准分析", domain: "livelihood", caps: ["ocr", "llm", "data_analytics"],
      pain: "数学、英语作业批改占用教师大量时间，学情数据分散在纸质作业中难以利用。",
      goal: "实现作业拍照自动批改、错因分析和个性化错题推送，减轻教师负担。",
      kpis: [["批改准确率", "%", 85, 97], ["教师批改时间", "小时/周", 10, 4, false]],
    },
    {
      title: "英语口语智能陪练与测评", domain: "livelihood", caps: ["speech", "llm"],
      pain: "班额大，学生课堂口语练习机会少，口语测评依赖教师人工打分。",
      goal: "提供AI口语陪练与自动评分，覆盖中考英语听说考试题型。",
      kpis: [["口语评分与人工一致率", "%", 80, 93], ["学生人均周练习时长", "分钟", 20, 60]],
    },
    {
      title: "校园安全智能预警（周界入侵、欺凌、防溺水）", area: "校园安防中心", domain: "livelihood", caps: ["cv", "edge_computing", "iot"],
      pain: "校园监控点位多，值班人员难以实时关注，周界入侵、学生欺凌等事件发现滞后。",
      goal: "基于边缘视觉分析实现异常行为识别与分级预警，联动值班人员处置。",
      kpis: [["异常事件发现时间", "分钟", 15, 1, false], ["误报率", "%", 30, 5, false]],
    },
    {
      title: "学生心理健康智能筛查与干预辅助", domain: "livelihood", caps: ["llm", "nlp", "data_analytics"],
      pain: "专职心理教师配备不足，心理问题筛查以年度问卷为主，难以及时发现风险学生。",
      goal: "结合多源数据建立心理风险预警模型，为心理教师提供干预建议。",
      kpis: [["高风险学生识别率", "%", 50, 85], ["筛查周期", "天", 365, 30, false]],
    },
    {
      title: "AI通识课程与青少年人工智能创新实验室", domain: "tech_innovation", caps: ["robotics", "llm", "multimodal"],
      pain: "人工智能通识教育缺乏系统课程、师资和实践平台，学生动手机会少。",
      goal: "建设AI创新实验室，配套机器人、大模型编程等课程资源和教师培训。",
      kpis: [["AI课程覆盖学生数", "人", 300, 2000], ["学生科创竞赛获奖数", "项/年", 2, 10]],
    },
    {
      title: "国际学校双语教学助手与中外学生交流平台", domain: "cooperation", caps: ["llm", "speech", "nlp"], only: ["international"],
      pain: "双语课程备课工作量大，中外学生线上交流缺少安全可控的平台。",
      goal: "提供双语课件生成、课堂实时翻译和中外学生主题交流空间。",
      kpis: [["双语课件准备时间", "小时/课时", 3, 1, false], ["交流活动参与人次", "人次/学期", 200, 800]],
    },
    {
      title: "智慧食堂菜品识别结算与营养分析", area: "学校食堂", domain: "livelihood", caps: ["cv", "data_analytics", "recommendation"],
      pain: "食堂高峰期结算排队时间长，学生营养摄入情况缺乏数据记录。",
      goal: "通过视觉识别菜品自动结算，生成学生营养分析报告并推送家长。",
      kpis: [["结算平均时间", "秒/人", 20, 3, false], ["营养报告覆盖率", "%", 0, 90]],
    },
    {
      title: "体育课运动表现智能测评（体测、跳绳、跑步）", area: "体育组", domain: "livelihood", caps: ["cv", "iot"],
      pain: "体质健康测试依靠人工计数和秒表计时，数据采集效率低、误差大。",
      goal: "利用视觉识别与可穿戴设备自动采集体测数据，生成个性化运动建议。",
      kpis: [["体测数据采集效率", "人/小时", 60, 300], ["测评误差", "%", 8, 2, false]],
    },
    {
      title: "教师备课大模型助手", domain: "livelihood", caps: ["llm", "knowledge_graph", "agent"],
      pain: "教师备课需要检索大量资料，优质教案难以共享复用。",
      goal: "基于学科知识图谱和大模型生成教案、课件和分层作业，支持校本资源沉淀。",
      kpis: [["备课时间", "小时/课时", 2.5, 1, false], ["校本资源复用率", "%", 20, 60]],
    },
  ],
  data: [
    ["课堂教学视频", "约{n}课时", 500, 8000, 0.3, "personal"],
    ["作业与考试数据（匿名化）", "约{n}万份", 2, 60, 0.5, "sensitive"],
    ["校园监控视频", "{n}路摄像头", 40, 400, 0, "internal"],
    ["学生体质健康测试数据", "近{n}年", 2, 6, 0, "personal"],
    ["校本课程与教案资源", "约{n}份", 500, 10000, 0, "public"],
  ],
  site: [
    "可在周末及寒暑假进入教学楼部署设备，学期中须避开上课时段并提前一周报备。",
    "试点仅在2个年级开展，所有进校人员须经学校安全审查，未经允许不得拍摄学生。",
    "学校提供录播教室和网络环境，涉及学生数据须在校内服务器处理。",
  ],
  pilotAreas: ["2个年级", "录播教室", "初一年级"],
  contactTitles: ["老师", "主任", "校长"],
};
