import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { releasePackage, scenarioRelease } from "~/domain/open-data/ocds";
import { vocabularyLabeler } from "~/i18n/vocabulary-labeler";
import { loadScenarioRecords, publicScenarioIdByCode } from "~/models/scenario-records.server";
import { apiJson, apiProblem } from "~/utils/api-response.server";
import { publicRequestUrl } from "~/utils/public-url.server";

// One scenario's OCDS release, in a release package of its own.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = publicRequestUrl(request);
  const code = (params.code ?? "").toUpperCase();
  const id = /^NJ-\d{4}-\d{4}$/.test(code) ? await publicScenarioIdByCode(db(), code) : null;
  const [record] = id === null ? [] : await loadScenarioRecords(db(), [id]);
  if (!record) return apiProblem({ error: "not_found", message: `No published scenario with code ${code.slice(0, 40)}` }, 404);
  return apiJson(releasePackage([scenarioRelease(record, { baseUrl: url.origin, label: vocabularyLabeler("zh") })], { uri: url.toString(), baseUrl: url.origin }));
}
