import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { exportRow } from "~/domain/open-data/export-columns";
import { formatDateTime, translator } from "~/i18n/i18n";
import { scenarioListTitle, scenarioQuerySummary } from "~/i18n/query-summary";
import { vocabularyLabeler } from "~/i18n/vocabulary-labeler";
import { exportPublicScenarios } from "~/models/scenario-export.server";
import { searchEngine } from "~/search/search.server";
import { attachment, exportQuery, searchDown } from "~/utils/export-response.server";
import { scenarioWorkbook } from "~/utils/scenario-workbook.server";
import { publicRequestUrl } from "~/utils/public-url.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// /scenarios.xlsx?<the list's query>: the whole filtered list as an Excel workbook.
export async function loader({ request }: LoaderFunctionArgs) {
  const query = exportQuery(request);
  let result;
  try {
    result = await exportPublicScenarios(db(), searchEngine(), query);
  } catch (error) {
    return searchDown(error);
  }
  const t = translator("zh");
  const url = publicRequestUrl(request);
  const now = new Date();
  const conditions = scenarioQuerySummary(query, t, "zh");
  const workbook = await scenarioWorkbook(result.records.map((r) => exportRow(r, vocabularyLabeler("zh"))), {
    title: scenarioListTitle(query, t, "zh"),
    lines: [
      [t("opendata.xlsx.count"), result.truncated ? t("opendata.xlsx.truncated", { shown: result.records.length, total: result.total }) : String(result.total)],
      [t("opendata.xlsx.conditions"), conditions.length ? conditions.join("\n") : t("opendata.xlsx.all")],
      [t("opendata.xlsx.generated"), formatDateTime(now.toISOString(), "zh")],
      [t("opendata.xlsx.source"), `${url.origin}/scenarios${url.search}`],
      [t("opendata.xlsx.licence"), t("opendata.licence.short")],
    ],
  });
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": attachment("xlsx", now),
      "Cache-Control": "no-cache",
      "Access-Control-Allow-Origin": "*",
      "X-Total-Count": String(result.total),
    },
  });
}
