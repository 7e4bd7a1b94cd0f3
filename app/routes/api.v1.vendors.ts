import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { parseCollectionRequest } from "~/domain/open-data/collection-request";
import { readFeed } from "~/models/change-feed.server";
import { listVendorProfiles, loadVendorProfiles } from "~/models/public-vendors.server";
import { toApiVendor } from "~/utils/api";
import { apiJson, apiProblem, feedResponse, listLinks } from "~/utils/api-response.server";

// Verified vendors' public profiles, in id order page by page; or, with `updatedSince`, the change
// feed (a vendor that loses its verification appears as a deletion).
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseCollectionRequest(new URL(request.url).searchParams, "vendors");
  if (!parsed.ok) return apiProblem(parsed.problem);
  const req = parsed.value;

  if (req.mode === "feed") {
    const page = await readFeed(db(), "vendor", req, async (trx, ids) =>
      new Map([...(await loadVendorProfiles(trx, ids))].map(([id, v]) => [id, toApiVendor(v)])));
    return feedResponse(request, "vendors", page, (change) =>
      change.op === "upsert"
        ? { op: "upsert", id: Number(change.key), changedAt: change.changedAt, vendor: change.data }
        : { op: "delete", id: Number(change.key), changedAt: change.changedAt });
  }

  const afterId = req.position?.kind === "after" ? Number(req.position.key[0]) : null;
  if (afterId !== null && !Number.isInteger(afterId)) return apiProblem({ error: "invalid_cursor", message: "The cursor is not one this API issued." });
  const { items, hasMore, total } = await listVendorProfiles(db(), { afterId, limit: req.limit });
  const last = items.at(-1);
  return apiJson({
    total,
    limit: req.limit,
    items: items.map(toApiVendor),
    ...listLinks(request, "vendors", hasMore && last ? { kind: "after", key: [last.id] } : null),
  });
}
