import type { Sector } from "./types";
import { brand, city, street, streetShort } from "./helpers";

export const consumption: Sector = {
  key: "consumption",
  venue: "consumption",
  share: 8,
  credit: "company",
  namedTitles: false,
  siteTitles: true,
  famous: [
    { name: "南京新街口百货商店股份有限公司", district: "秦淮区", obj: "新街口商圈", kind: "mall" },
    { name: "南京德基广场有限公司", district: "玄武区", obj: "德基广场", kind: "mall" },
    { name: "南京中央商场（集团）股份有限公司", district: "秦淮区", obj: "中央商场", kind: "mall" },
    { name: "金鹰国际商贸集团（中国）有限公司", district: "秦淮区", obj: "金鹰购物中心", kind: "mall" },
    { name: "苏果超市有限公司", district: "鼓楼区", obj: "苏果超市门店", kind: "supermarket" },
    { name: "南京河西万达广场商业管理有限公司", district: "建邺区", obj: "河西万达广场", kind: "mall" },
    { name: "南京水游城商业管理有限公司", district: "秦淮区", obj: "水游城", kind: "mall" },
    { name: "南京1912街区管理有限公司", district: "玄武区", obj: "1912街区", kind: "street" },
    { name: "南京众彩农副产品批发市场有限公司", district: "雨花台区", obj: "众彩农副产品批发市场", kind: "market" },
    { name: "南京国际金融中心商业管理有限公司", district: "鼓楼区", obj: "南京IFS国金中心", kind: "mall" },
    { name: "南京仙林金鹰湖滨天地商业管理有限公司", district: "栖霞区", obj: "仙林湖商圈", kind: "mall" },
    { name: "南京江北新区弘阳广场商业管理有限公司", district: "江北新区", obj: "弘阳广场", kind: "mall" },
    { name: "南京湖南路商圈管理办公室", district: "鼓楼区", obj: "湖南路商圈", kind: "street", credit: "institution" },
  ],
  generate(rng, district) {
    return rng.weighted<() => { name: string; obj: string; kind: string }>([
      [() => { const b = brand(rng); return { name: `南京${b}商业管理有限公司`, obj: `${b}广场`, kind: "mall" }; }, 3],
      [() => { const b = brand(rng); return { name: `南京${b}连锁超市有限公司`, obj: `${b}超市门店`, kind: "supermarket" }; }, 2],
      [() => { const b = brand(rng); return { name: `南京${b}餐饮管理有限公司`, obj: `${b}餐饮门店`, kind: "restaurant" }; }, 2],
      [() => { const s = street(rng, district); return { name: `${city(district)}${s}农贸市场管理有限公司`, obj: `${s}农贸市场`, kind: "market" }; }, 1],
      [() => { const b = brand(rng); return { name: `南京${b}电子商务有限公司`, obj: `${b}电商平台`, kind: "ecommerce" }; }, 2],
      [() => { const s = streetShort(rng, district); return { name: `南京${s}商业街区运营管理有限公司`, obj: `${s}步行街`, kind: "street" }; }, 1],
    ])();
  },
  summaries: [
    "{name}运营{obj}，位于{district}，正在推进数字化营销和智慧商业建设。",
    "{name}是{district}的商贸流通企业，{obj}是当地重要的消费场所。",
  ],
  scale: [
    ["{obj}年客流量约{n}万人次，", 50, 6000, ["mall", "street", "market", "supermarket", "restaurant"]],
    ["{obj}年访问量约{n}万人次，", 100, 9000, ["ecommerce"]],
    ["企业拥有会员约{n}万人，", 3, 300],
  ],
  templates: [
    {
      title: "{obj}客流分析与精准营销", domain: "consumption", caps: ["data_analytics", "recommendation", "cv"], only: ["mall", "street"],
      pain: "客流统计口径不统一，会员画像模糊，营销活动投放靠经验，转化效果难评估。",
      goal: "融合客流、会员和交易数据构建画像，实现营销活动的精准投放与效果评估。",
      kpis: [["会员复购率", "%", 22, 35], ["营销活动转化率", "%", 2, 6]],
    },
    {
      title: "商圈客流分析与精准营销", domain: "consumption", caps: ["data_analytics", "recommendation"], only: ["mall", "street"],
      pain: "商圈内各商场数据各自为政，难以掌握整体客流和消费趋势。",
      goal: "建设商圈级客流与消费分析平台，支撑联合促销和消费券精准投放。",
      kpis: [["商圈客流监测覆盖率", "%", 30, 90], ["联合营销活动转化率", "%", 1.5, 5]],
    },
    {
      title: "购物中心AI导购与智能停车引导", area: "地下停车场和中庭", domain: "consumption", caps: ["agent", "cv", "optimisation"], only: ["mall"],
      pain: "节假日停车寻位时间长，顾客找店、找优惠信息不便。",
      goal: "提供AI导购智能体和车位级停车引导、反向寻车服务。",
      kpis: [["停车寻位时间", "分钟", 12, 3, false], ["导购咨询自动解答率", "%", 0, 80]],
    },
    {
      title: "商超生鲜损耗预测与智能补货", domain: "consumption", caps: ["data_analytics", "optimisation"], only: ["supermarket", "market"],
      pain: "生鲜品类损耗率高，门店订货依赖店长经验，缺货与积压并存。",
      goal: "基于销售、天气和促销数据预测需求，自动生成门店补货建议。",
      kpis: [["生鲜损耗率", "%", 8, 4, false], ["缺货率", "%", 6, 2, false]],
    },
    {
      title: "直播电商AIGC数字人带货", area: "线上直播间", domain: "consumption", caps: ["multimodal", "llm", "speech"], only: ["ecommerce", "mall", "supermarket"],
      pain: "真人主播成本高、开播时长有限，商品讲解内容制作慢。",
      goal: "利用数字人和AIGC生成商品讲解脚本，实现多平台长时段直播。",
      kpis: [["直播时长", "小时/日", 4, 16], ["直播间转化率", "%", 1.2, 3]],
    },
    {
      title: "无人零售智能货柜与视觉结算", domain: "consumption", caps: ["cv", "iot", "edge_computing"], only: ["supermarket", "mall"],
      pain: "夜间及社区小店人力成本高，传统收银效率低。",
      goal: "部署视觉识别智能货柜和自助结算，实现24小时无人值守经营。",
      kpis: [["结算准确率", "%", 95, 99.5], ["单店人力成本", "万元/年", 30, 12, false]],
    },
    {
      title: "夜间经济街区智能管理与消费券精准发放", domain: "consumption", caps: ["data_analytics", "recommendation"], only: ["street", "mall"],
      pain: "夜间经济街区人流波动大，消费券发放缺乏针对性，核销率偏低。",
      goal: "基于夜间客流和消费数据精准发放消费券，动态调整街区运营策略。",
      kpis: [["消费券核销率", "%", 45, 75], ["街区夜间客流", "万人次/月", 20, 35]],
    },
    {
      title: "餐饮门店后厨AI食安监测（明厨亮灶）", area: "2家门店后厨", domain: "governance", caps: ["cv", "edge_computing"], only: ["restaurant", "mall"],
      pain: "后厨不戴口罩帽子、老鼠出没等问题依赖人工抽查，监管覆盖面有限。",
      goal: "利用视觉AI自动识别后厨违规行为并推送整改提醒。",
      kpis: [["违规行为识别率", "%", 60, 92], ["食安巡查人力", "小时/周", 20, 5, false]],
    },
    {
      title: "跨境电商多语种智能客服与商品描述生成", area: "线上商城", domain: "cooperation", caps: ["llm", "customer_service", "nlp"], only: ["ecommerce"],
      pain: "面向海外市场的商品上新慢，多语种客服人力不足，时差导致响应延迟。",
      goal: "自动生成多语种商品描述，并提供7×24小时多语种智能客服。",
      kpis: [["多语种商品上架时间", "小时/款", 2, 0.2, false], ["客服首次响应时间", "秒", 120, 10, false]],
    },
    {
      title: "智慧农贸市场价格监测与食品溯源", area: "市场交易大厅", domain: "livelihood", caps: ["iot", "data_analytics", "cv"], only: ["market"],
      pain: "市场价格采集靠人工，食品来源追溯链条不完整，消费者投诉处理慢。",
      goal: "通过智能秤和视觉识别自动采集价格与交易数据，实现食品来源可追溯。",
      kpis: [["商品溯源覆盖率", "%", 30, 90], ["价格异常发现时间", "天", 7, 1, false]],
    },
  ],
  data: [
    ["会员消费数据（脱敏）", "约{n}万条", 20, 2000, 0, "sensitive"],
    ["客流统计数据", "近{n}年", 1, 5, 0, "internal"],
    ["商品与库存数据", "约{n}万个SKU", 1, 30, 0, "internal"],
    ["停车场进出记录", "约{n}万条", 10, 500, 0, "personal"],
    ["商品图片库", "约{n}万张", 1, 50, 0.6, "public"],
  ],
  site: [
    "可在营业结束后（22:00以后）进场施工，营业时间内仅允许静默调试。",
    "提供2个试点门店和机房资源，进场须遵守商场消防和安全管理规定。",
  ],
  pilotAreas: ["2个试点门店", "首批试点门店"],
  contactTitles: ["经理", "总监", "主任"],
};
