import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { relatedScenarios } from "~/models/scenario-detail.server";
import { loadScenarioRecords, publicScenarioIdByCode } from "~/models/scenario-records.server";
import { toApiScenarioRecord } from "~/utils/api";
import { apiJson, apiProblem } from "~/utils/api-response.server";

// One public scenario in full: the same record the change feed carries, and related scenarios.
export async function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").toUpperCase();
  const id = /^NJ-\d{4}-\d{4}$/.test(code) ? await publicScenarioIdByCode(db(), code) : null;
  const [record] = id === null ? [] : await loadScenarioRecords(db(), [id]);
  if (!record) return apiProblem({ error: "not_found", message: `No published scenario with code ${code.slice(0, 40)}` }, 404);
  const related = await relatedScenarios(db(), record.id);
  return apiJson({ ...toApiScenarioRecord(record), related: related.map((r) => r.code) });
}
