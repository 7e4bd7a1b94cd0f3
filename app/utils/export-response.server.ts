import { parseScenarioQuery, type ScenarioQuery } from "~/domain/scenario-query";
import { SearchUnavailableError } from "~/search/engine";

// What the CSV and Excel downloads share: reading the list's query string the way /scenarios
// does, the file name, and plain-text answers for what cannot be exported.

/** The query of the public list, or a 400 naming what is wrong (our own links are always clean). */
export function exportQuery(request: Request): ScenarioQuery {
  const { query, problems } = parseScenarioQuery(new URL(request.url).searchParams);
  if (problems.length) {
    const lines = problems.map((p) => `${p.param}: ${p.code} (${p.value.slice(0, 60)})`);
    throw new Response(`Invalid list parameters / 列表参数有误:\n${lines.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return query;
}

export function searchDown(error: unknown): Response {
  if (!(error instanceof SearchUnavailableError)) throw error;
  return new Response("搜索服务暂时不可用，无法按关键词导出；请稍后再试，或去掉关键词后导出。\nSearch is unavailable; try again later or export without the search text.\n", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" },
  });
}

/** 场景清单-20261128.csv in Beijing time, with an ASCII fallback name for old clients. */
export function attachment(extension: "csv" | "xlsx", now = new Date()): string {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" })
    .format(now).replaceAll("-", "");
  return `attachment; filename="scenarios-${day}.${extension}"; filename*=UTF-8''${encodeURIComponent(`场景清单-${day}.${extension}`)}`;
}
