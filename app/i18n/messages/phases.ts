// Strings of the work on what a first-time user tripped on: the public phase of a scenario as the
// clock moves (app/domain/public-phase.ts), the next steps it leads to, signing in over plain HTTP.

export const zh = {
  "phase.label": "状态",
  "phase.open": "征集揭榜中",
  "phase.closing_soon": "7天内截止",
  "phase.awaiting_selection": "揭榜已截止，待评选",
  "phase.matched": "已对接",
  "phase.piloting": "先行先试中",
  "phase.benchmark": "标杆场景",
  "phase.closed": "已关闭",
  "home.stats.closingSoon": "7天内截止",
  "home.stats.awaiting": "已截止待评选",
  "demand.next.awaiting_select": "揭榜已截止，{n} 份方案待评选 — 去评选",
  "demand.next.awaiting_none": "揭榜已截止，未收到方案：可关闭场景",
  "login.httpsRequired": "本站只能通过 HTTPS 登录（浏览器不会在明文 HTTP 连接上保存登录状态）。请从这个地址打开：",
} as const;

export const en: Record<keyof typeof zh, string> = {
  "phase.label": "Status",
  "phase.open": "Open for proposals",
  "phase.closing_soon": "Closing within 7 days",
  "phase.awaiting_selection": "Closed, awaiting selection",
  "phase.matched": "Matched",
  "phase.piloting": "Piloting",
  "phase.benchmark": "Benchmark",
  "phase.closed": "Closed",
  "home.stats.closingSoon": "Closing within 7 days",
  "home.stats.awaiting": "Closed, awaiting selection",
  "demand.next.awaiting_select": "Deadline passed, {n} proposals waiting — select",
  "demand.next.awaiting_none": "Deadline passed with no proposals: you may close the scenario",
  "login.httpsRequired": "This site signs you in over HTTPS only (a browser keeps no sign-in over plain HTTP). Open it at:",
};
