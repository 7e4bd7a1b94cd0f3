import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { getPublicScenario } from "~/models/scenario-detail.server";
import { toApiScenarioDetail } from "~/utils/api";

// Resource routes answer with Response.json: a `data()` status is not applied to them in production.
export async function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").toUpperCase();
  const found = /^NJ-\d{4}-\d{4}$/.test(code) ? await getPublicScenario(db(), code) : null;
  if (!found) return Response.json({ error: "not_found", message: `No published scenario with code ${code.slice(0, 40)}` }, { status: 404 });
  return Response.json(toApiScenarioDetail(found), { headers: { "Access-Control-Allow-Origin": "*" } });
}
