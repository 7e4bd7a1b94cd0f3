import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { savedSearchFeed } from "~/models/saved-search-feed.server";
import { SearchUnavailableError } from "~/search/engine";
import { searchEngine } from "~/search/search.server";

// /feeds/searches/<token>.atom: a saved search as an Atom feed. Feed readers send no cookies, so
// the unguessable token in the address is the permission; an unknown token is a plain 404.
const TOKEN = /^([A-Za-z0-9_-]{43})\.atom$/;

export async function loader({ params }: LoaderFunctionArgs) {
  const token = TOKEN.exec(params.token ?? "")?.[1];
  const notFound = () => new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!token) return notFound();
  let xml;
  try {
    xml = await savedSearchFeed(db(), searchEngine(), token);
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return new Response("Search unavailable", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "300" } });
  }
  if (xml === null) return notFound();
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
}
