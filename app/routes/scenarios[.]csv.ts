import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { toCsv } from "~/domain/open-data/csv";
import { EXPORT_HEADERS, exportRow } from "~/domain/open-data/export-columns";
import { vocabularyLabeler } from "~/i18n/vocabulary-labeler";
import { exportPublicScenarios } from "~/models/scenario-export.server";
import { searchEngine } from "~/search/search.server";
import { attachment, exportQuery, searchDown } from "~/utils/export-response.server";

// /scenarios.csv?<the list's query>: the whole filtered list as CSV for Excel (docs on /open-data).
export async function loader({ request }: LoaderFunctionArgs) {
  const query = exportQuery(request);
  let result;
  try {
    result = await exportPublicScenarios(db(), searchEngine(), query);
  } catch (error) {
    return searchDown(error);
  }
  const label = vocabularyLabeler("zh");
  const csv = toCsv([EXPORT_HEADERS, ...result.records.map((r) => exportRow(r, label))]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment("csv"),
      "Cache-Control": "no-cache",
      "Access-Control-Allow-Origin": "*",
      "X-Total-Count": String(result.total),
      ...(result.truncated ? { "X-Export-Truncated": "true" } : {}),
    },
  });
}
