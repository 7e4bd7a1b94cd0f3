import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { parseCollectionRequest } from "~/domain/open-data/collection-request";
import { readFeed } from "~/models/change-feed.server";
import { listBenchmarks, loadBenchmarks } from "~/models/public-benchmarks.server";
import { toApiBenchmark } from "~/utils/api";
import { apiJson, apiProblem, feedResponse, listLinks } from "~/utils/api-response.server";

// Certified benchmarks, newest certification first, page by page; or, with `updatedSince`, the
// change feed (a certification that is withdrawn appears as a deletion).
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseCollectionRequest(new URL(request.url).searchParams, "benchmarks");
  if (!parsed.ok) return apiProblem(parsed.problem);
  const req = parsed.value;

  if (req.mode === "feed") {
    const page = await readFeed(db(), "benchmark", req, async (trx, ids) =>
      new Map([...(await loadBenchmarks(trx, ids))].map(([id, b]) => [id, toApiBenchmark(b)])));
    return feedResponse(request, "benchmarks", page, (change) =>
      change.op === "upsert"
        ? { op: "upsert", number: change.key, changedAt: change.changedAt, benchmark: change.data }
        : { op: "delete", number: change.key, changedAt: change.changedAt });
  }

  let after: [string, number] | null = null;
  if (req.position?.kind === "after") {
    const [at, id] = req.position.key;
    if (typeof at !== "string" || typeof id !== "number") return apiProblem({ error: "invalid_cursor", message: "The cursor is not one this API issued." });
    after = [at, id];
  }
  const { items, hasMore, total } = await listBenchmarks(db(), { after, limit: req.limit });
  const last = items.at(-1);
  return apiJson({
    total,
    limit: req.limit,
    items: items.map(toApiBenchmark),
    ...listLinks(request, "benchmarks", hasMore && last ? { kind: "after", key: [last.certifiedAt, last.id] } : null),
  });
}
