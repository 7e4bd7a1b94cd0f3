// What each vendor's public profile says beyond its products: the domains, venue types and
// districts it serves (following its business fields), and one to three reference cases with
// clients from the demand side of the same sector.
import { DISTRICTS, type Domain, type VenueType } from "~/domain/vocabulary";
import type { Rng } from "../random";
import { DAY, DEMO_TODAY, officeTime, shanghaiDate } from "../time";
import type { CasePlan, DemandOrg, Vendor } from "./world";

interface FieldProfile {
  domain: Domain;
  venue: VenueType | null;
  /** The demand sector whose organisations are this field's clients. */
  sector: string;
  cases: readonly (readonly [scenario: string, result: string])[];
}

// {a}→{b} a percentage that rose, {c} a share that fell, {d} percentage points, {n} a count, and so on:
// see `numbers` below.
const FIELDS: Record<string, FieldProfile> = {
  医疗: { domain: "livelihood", venue: "hospital", sector: "hospital", cases: [
    ["门诊智能导诊与预问诊：患者在自助机和小程序上描述症状，系统推荐就诊科室并生成预问诊记录供医生参考。", "上线{m}个月，导诊准确率由{a}%提升到{b}%，导诊台人工咨询量下降约{c}%。"],
    ["运行病历智能质控：对出院病历自动检查缺项和前后矛盾，提示医生在归档前修改。", "病历甲级率提高{d}个百分点，质控人员人均审核量提高{x}倍。"],
    ["肺结节CT影像辅助诊断：自动检出结节并与既往影像对比随访。", "医生平均阅片时间缩短{c}%，早期结节检出率提高{d}个百分点。"],
  ] },
  教育: { domain: "livelihood", venue: "school", sector: "school", cases: [
    ["AI助教：作业自动批改和学情分析，按知识点为学生推送分层练习。", "覆盖{n}个班级，教师每周批改作业时间减少约{h}小时。"],
    ["课堂教学分析：对公开课录像进行师生互动和提问类型分析，生成教研报告。", "形成教研报告{n}份，教研组评课效率提高{c}%。"],
  ] },
  工业: { domain: "industry", venue: "factory", sector: "factory", cases: [
    ["产线视觉质检：对冲压件表面划痕、凹坑等缺陷进行在线检测并自动剔除。", "漏检率由{p}%降至{q}%，每班减少目检人员{k}人。"],
    ["关键设备预测性维护：采集振动和温度数据，提前预警轴承、电机故障。", "非计划停机时间下降{c}%，备件库存降低{e}%。"],
    ["热处理工艺参数优化：基于历史生产数据推荐工艺参数。", "一次合格率提高{d}个百分点，单位产品能耗下降{e}%。"],
  ] },
  政务: { domain: "governance", venue: "government", sector: "government", cases: [
    ["12345热线工单智能分派：自动识别市民诉求类型和责任部门。", "分派准确率达到{b}%，平均分派时长由{m1}分钟缩短到{m2}分钟。"],
    ["政务服务智能问答：在政务服务网和大厅窗口提供办事指南问答与材料预审。", "日均回答咨询{n}余次，窗口重复咨询量下降{c}%。"],
  ] },
  文旅: { domain: "consumption", venue: "culture_tourism", sector: "culture_tourism", cases: [
    ["景区智能导览：游客通过小程序获得语音讲解、游览路线推荐和排队提示。", "累计服务游客{w}万人次，游客满意度由{a}%提高到{b}%。"],
    ["重点区域客流监测与预警：实时统计客流密度，超过阈值自动预警并推送疏导方案。", "节假日高峰预警平均提前{m2}分钟发出，试点期间未发生拥挤踩踏事件。"],
  ] },
  交通: { domain: "governance", venue: null, sector: "city", cases: [
    ["路口信号灯自适应配时：根据实时车流调整配时方案。", "试点路口平均延误下降{c}%，主干道高峰平均车速提升{e}%。"],
    ["公交客流预测与智能排班：按预测客流优化发车间隔。", "高峰满载率下降{d}个百分点，车辆里程利用率提升{e}%。"],
  ] },
  城市治理: { domain: "governance", venue: null, sector: "city", cases: [
    ["城市部件智能巡查：利用视频和无人机识别占道经营、违规堆放等问题并派单。", "问题发现量提升{x}倍，平均处置时长缩短{c}%。"],
    ["易涝点积水监测预警：汛期对易涝点水位实时监测并自动预警。", "覆盖易涝点{n}个，汛期预警平均提前{m2}分钟。"],
  ] },
  养老: { domain: "livelihood", venue: "elderly_care", sector: "elderly_care", cases: [
    ["居家老人安全监护：毫米波雷达跌倒监测和异常告警，联动社区网格员上门。", "服务独居老人{n}户，跌倒告警平均响应时间缩短到{m2}分钟以内。"],
    ["养老机构智能陪伴：语音陪聊、用药提醒和健康问答。", "入住老人人均每天使用{k}次，护理人员夜间巡房工作量减少{c}%。"],
  ] },
  商贸: { domain: "consumption", venue: "consumption", sector: "consumption", cases: [
    ["商场智能导购：根据会员偏好推荐商品和优惠活动。", "会员复购率提高{d}个百分点，营销活动转化率提升{e}%。"],
    ["门店客流分析：统计进店客流、动线和停留时长，辅助招商和陈列调整。", "重点楼层客流提升{c}%，空铺率下降{d}个百分点。"],
  ] },
  体育: { domain: "livelihood", venue: "sports", sector: "sports", cases: [
    ["体育场馆智能预约与入场管理：线上预约、刷脸入场和场地使用分析。", "场地利用率由{a}%提高到{b}%，入场排队时间缩短{c}%。"],
    ["AI运动指导：通过动作识别评估训练动作，给出个性化训练建议。", "服务学员{n}人次，体测优良率提高{d}个百分点。"],
  ] },
  科研: { domain: "tech_innovation", venue: null, sector: "research", cases: [
    ["科研文献智能检索与综述：在院所知识库中检索文献并生成综述初稿。", "文献调研时间平均缩短{c}%，覆盖课题组{k}个。"],
    ["实验数据管理与分析：将实验记录结构化并辅助统计分析。", "数据整理工作量减少{c}%，沉淀可复用分析模板{k}个。"],
  ] },
  园区: { domain: "industry", venue: "park", sector: "park", cases: [
    ["园区企业服务智能体：为入驻企业提供政策匹配和事项办理指引。", "服务企业{n}家，政策申报成功率提高{d}个百分点。"],
    ["园区能耗数字孪生：对楼宇能耗和设备运行进行可视化监测和优化调度。", "园区综合能耗下降{e}%，设备故障发现时间平均提前约{h}小时。"],
  ] },
};

/** Plausible numbers for one result sentence. */
function numbers(rng: Rng): Record<string, string> {
  const a = rng.int(58, 82);
  const m1 = rng.int(8, 30);
  return {
    a: String(a), b: String(Math.min(98, a + rng.int(8, 18))), c: String(rng.int(18, 55)), d: String(rng.int(3, 15)),
    e: String(rng.int(5, 22)), x: String(rng.int(2, 5)), m: String(rng.int(3, 12)), k: String(rng.int(2, 8)),
    n: String(rng.int(20, 600)), h: String(rng.int(4, 12)), w: String(rng.int(10, 150)), m1: String(m1), m2: String(rng.int(2, Math.max(3, m1 - 4))),
    p: (rng.int(20, 60) / 10).toFixed(1), q: (rng.int(2, 9) / 10).toFixed(1),
  };
}

function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
}

export function planVendorProfiles(rng: Rng, vendors: Vendor[], demand: DemandOrg[]): void {
  const clientsBySector = new Map<string, string[]>();
  for (const o of demand) clientsBySector.set(o.sector.key, [...(clientsBySector.get(o.sector.key) ?? []), o.name]);

  for (const v of vendors) {
    const profiles = v.fields.map((f) => FIELDS[f]).filter((p): p is FieldProfile => p !== undefined);
    const domains = new Set<Domain>(profiles.map((p) => p.domain));
    if (rng.chance(0.2)) domains.add("cooperation");
    const venues = new Set<VenueType>(profiles.flatMap((p) => (p.venue ? [p.venue] : [])));
    // Most vendors work near home; some take work anywhere in the city.
    const districts = rng.chance(0.15)
      ? [...DISTRICTS]
      : [v.district, ...rng.sample(DISTRICTS.filter((d) => d !== v.district), rng.int(0, 3))];
    v.served = {
      domains: [...domains],
      venues: [...venues],
      districts: DISTRICTS.filter((d) => districts.includes(d)),
    };

    const count = rng.int(1, 3);
    const used = new Set<string>();
    const cases: CasePlan[] = [];
    for (let i = 0; cases.length < count && i < 10; i++) {
      const profile = rng.pick(profiles);
      const [scenario, result] = rng.pick(profile.cases);
      const clients = clientsBySector.get(profile.sector) ?? [];
      const client = clients.length ? rng.pick(clients) : "南京市某单位";
      if (used.has(scenario) || used.has(client)) continue;
      used.add(scenario).add(client);
      // Written into the profile some time after the vendor joined, never after the demo's today;
      // about a project of that year or before.
      const createdAt = officeTime(rng, Math.min(DEMO_TODAY - DAY, v.createdAt + rng.int(1, 200) * DAY));
      const year = rng.int(2022, Number(shanghaiDate(createdAt).slice(0, 4)));
      cases.push({ client, scenario, result: fill(result, numbers(rng)), year, createdAt });
    }
    v.cases = cases.sort((a, b) => b.year - a.year);
    v.profileUpdatedAt = Math.max(v.createdAt, ...v.products.map((p) => p.createdAt), ...cases.map((c) => c.createdAt));
  }
}
