import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { parseCollectionRequest } from "~/domain/open-data/collection-request";
import { FACETS, parseScenarioQuery, serializeScenarioQuery } from "~/domain/scenario-query";
import { readFeed } from "~/models/change-feed.server";
import { listPublicScenarios } from "~/models/scenario.server";
import { loadScenarioRecords } from "~/models/scenario-records.server";
import { searchEngine } from "~/search/search.server";
import { toApiScenario, toApiScenarioRecord } from "~/utils/api";
import { apiJson, apiProblem, feedResponse, listLinks } from "~/utils/api-response.server";

const QUERY_PARAMS = ["q", "edition", "batch", ...FACETS, "budgetMin", "budgetMax", "sort", "page"];

// The public list as JSON: the same query parameters as /scenarios, pages followed by an opaque
// cursor; or, with `updatedSince`, the change feed of every public scenario, deletions included.
// Bad parameters are a 400 that says which and why.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsedRequest = parseCollectionRequest(url.searchParams, "scenarios", QUERY_PARAMS);
  if (!parsedRequest.ok) return apiProblem(parsedRequest.problem);
  const req = parsedRequest.value;

  if (req.mode === "feed") {
    const page = await readFeed(db(), "scenario", req, async (trx, ids) =>
      new Map((await loadScenarioRecords(trx, ids)).map((r) => [r.id, toApiScenarioRecord(r)])));
    return feedResponse(request, "scenarios", page, (change) =>
      change.op === "upsert"
        ? { op: "upsert", code: change.key, changedAt: change.changedAt, scenario: change.data }
        : { op: "delete", code: change.key, changedAt: change.changedAt });
  }

  let params = url.searchParams;
  if (req.position?.kind === "page") {
    params = new URLSearchParams(req.position.query);
    params.set("page", String(req.position.page));
  }
  const parsed = parseScenarioQuery(params);
  if (parsed.problems.length) {
    return apiProblem({ error: "invalid_query", message: "Some query parameters are not valid; see problems.", problems: parsed.problems });
  }
  const result = await listPublicScenarios(db(), searchEngine(), parsed, { pageSize: req.limit });
  const { query } = parsed;
  const more = query.page < result.pageCount;
  return apiJson({
    total: result.total,
    page: query.page,
    pageCount: result.pageCount,
    limit: req.limit,
    searchDegraded: result.degraded,
    items: result.items.map(toApiScenario),
    facets: result.facets,
    ...listLinks(request, "scenarios", more ? { kind: "page", query: serializeScenarioQuery(query, { page: 1 }).toString(), page: query.page + 1 } : null),
  });
}
