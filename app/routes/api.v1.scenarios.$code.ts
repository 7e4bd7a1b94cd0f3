import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { getPublicScenario } from "~/models/scenario-detail.server";
import { toApiScenarioDetail } from "~/utils/api";

export async function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").toUpperCase();
  const found = /^NJ-\d{4}-\d{4}$/.test(code) ? await getPublicScenario(db(), code) : null;
  if (!found) return data({ error: "not_found", message: `No published scenario with code ${code.slice(0, 40)}` }, { status: 404 });
  return data(toApiScenarioDetail(found), { headers: { "Access-Control-Allow-Origin": "*" } });
}
