// Short texts the workflow leaves behind: review comments, closure reasons, proposal bodies.

export const RETURN_REASONS = [
  "请补充验收标准的量化指标",
  "预算与建设内容不匹配，请细化预算构成",
  "请明确可开放的数据资源范围及脱敏方式",
  "场景描述过于笼统，请补充现状与痛点",
  "请补充场地开放条件和联系人信息",
  "技术需求与已有场景高度重复，请突出差异化需求",
] as const;

export const WITHDRAW_REASONS = [
  "单位内部预算调整，暂不实施",
  "已通过其他渠道立项建设",
  "需求与本单位其他场景重复，合并申报",
  "业务部门职能调整，场景需求发生变化",
] as const;

export const CLOSE_AFTER_PUBLISH_REASONS = [
  "征集期内未收到符合要求的揭榜方案",
  "收到的方案报价均超出预算，需求方决定暂缓实施",
  "需求单位业务调整，场景暂停实施",
  "揭榜方案技术成熟度不足，经评审无合适方案",
] as const;

export const CLOSE_AFTER_PILOT_REASONS = [
  "试点未达到约定指标，经双方协商终止",
  "试点期满，效果未达预期，不申报标杆",
  "数据接口改造延期，试点提前结束",
  "供给方团队调整无法继续实施，试点终止",
] as const;

export const DECLINE_REASONS = [
  "方案与场景需求匹配度不足",
  "报价高于预算",
  "技术路线成熟度不足，缺少同类项目案例",
  "综合评分未进入前列",
] as const;

export const SELECT_REASONS = [
  "综合评分第一，方案与需求匹配度高",
  "技术方案成熟，具备同类场景落地经验",
  "方案性价比最优，实施计划清晰可行",
] as const;

export const APPROACH_OPENINGS = [
  "采用“平台+应用”架构，私有化部署于需求方机房",
  "分需求调研、模型训练、系统集成、试运行四个阶段实施",
  "以已落地的同类项目为基础进行适配改造",
  "采用云边协同架构，边缘侧实时处理、云端统一管理",
] as const;

export const TIMELINES = [
  "第1个月完成需求调研与数据治理；第2—3个月完成模型训练与系统集成；第4个月试运行并组织验收。",
  "签约后2周内进场；3个月内完成部署上线；6个月内完成效果评估。",
  "第1阶段（1个月）方案细化与环境准备；第2阶段（2个月）开发联调；第3阶段（3个月）试点运行与优化。",
  "45天内完成首批功能上线，90天内完成全部功能及培训，此后提供12个月运维服务。",
] as const;
