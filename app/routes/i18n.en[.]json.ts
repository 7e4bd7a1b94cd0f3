import { en } from "~/i18n/dictionary";

// The English messages for pages hydrating in English (see app/entry.client.tsx). The URL carries the
// build's version, so a new build is fetched fresh and an old one may be cached for long.
export function loader({ request }: { request: Request }) {
  const versioned = new URL(request.url).searchParams.has("v");
  return Response.json(en, { headers: { "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache" } });
}
