import { encodeCursor, type ApiProblem, type Collection, type ListPosition } from "~/domain/open-data/collection-request";
import type { FeedItem, FeedPage } from "~/models/change-feed.server";
import { publicRequestUrl } from "~/utils/public-url.server";

// Responses of the open data API: JSON anyone may fetch from any site, errors as a 400 (or 404)
// with a machine-readable `error` and a sentence saying what to change. These are real Responses:
// a resource route's `data()` loses its status and headers on the way out under single fetch.

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" } as const;

export function apiJson(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { headers: { ...JSON_HEADERS, "Cache-Control": "public, max-age=60", ...headers } });
}

export function apiProblem(problem: ApiProblem | { error: string; message: string; [k: string]: unknown }, status = 400): Response {
  return new Response(JSON.stringify(problem), { status, headers: { ...JSON_HEADERS, "Cache-Control": "no-store" } });
}

/** The URL of the next page: this endpoint with only the cursor (and the limit asked for). */
export function pageUrl(request: Request, cursor: string): string {
  const url = publicRequestUrl(request);
  const next = new URL(url.pathname, url.origin);
  next.searchParams.set("cursor", cursor);
  const limit = url.searchParams.get("limit");
  if (limit) next.searchParams.set("limit", limit);
  return next.toString();
}

/**
 * A page of the change feed. `next` is always there: with `hasMore` false it is where to poll
 * from later.
 */
export function feedResponse<T>(
  request: Request,
  collection: Collection,
  page: FeedPage<T>,
  item: (change: FeedItem<T>) => Record<string, unknown>,
) {
  const next = encodeCursor(collection, { feedSeq: page.nextSeq });
  return apiJson(
    { mode: "changes", items: page.items.map(item), hasMore: page.hasMore, next, links: { next: pageUrl(request, next) } },
    // A feed page changes whenever anything is written.
    { "Cache-Control": "no-cache" },
  );
}

/** `next` and `links.next` of a list page, or nulls on the last page. */
export function listLinks(request: Request, collection: Collection, position: ListPosition | null) {
  if (!position) return { next: null, links: { next: null } };
  const next = encodeCursor(collection, position);
  return { next, links: { next: pageUrl(request, next) } };
}
