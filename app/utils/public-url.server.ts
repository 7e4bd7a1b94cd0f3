import { env } from "~/utils/env.server";

/**
 * The request's path and query on the site's public address (PUBLIC_URL), for absolute links in
 * responses that caches keep and share (Atom, the API's `links.next`, OCDS, the workbook's source
 * line). The request's own Host header is whatever the client sent: a cached page must not carry a
 * link to a host someone made up.
 */
export function publicRequestUrl(request: Request): URL {
  const { pathname, search } = new URL(request.url);
  return new URL(`${pathname}${search}`, new URL(env().PUBLIC_URL).origin);
}
