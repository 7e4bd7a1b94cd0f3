import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { listPublicScenarios } from "~/models/scenario.server";
import { searchEngine } from "~/search/search.server";
import { toApiScenario } from "~/utils/api";

// The public list as JSON: the same query parameters as /scenarios; bad parameters are a 400.
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseScenarioQuery(new URL(request.url).searchParams);
  if (parsed.problems.length) {
    return Response.json({ error: "invalid_query", problems: parsed.problems }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const result = await listPublicScenarios(db(), searchEngine(), parsed);
  return Response.json(
    {
      total: result.total,
      page: parsed.query.page,
      pageCount: result.pageCount,
      searchDegraded: result.degraded,
      items: result.items.map(toApiScenario),
      facets: result.facets,
    },
    { headers: { "Access-Control-Allow-Origin": "*" } },
  );
}
