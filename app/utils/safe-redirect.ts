const PROBE_ORIGIN = "http://same-origin.invalid";

/**
 * Only same-site paths: never `//evil.example`, `https://…`, or anything a browser would read as
 * one. Browsers drop tabs and newlines from a Location and read `\` as `/`, so `/\t/evil.example` is
 * `//evil.example` to them: the path is judged after the URL parser's own normalisation (which does
 * the same) and the normalised form is returned, percent-encoded, so it is also always a valid header.
 */
export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Belt and braces: a path the parser kept must still start with exactly one slash.
  return /^\/(?![/\\])/.test(path) ? path : fallback;
}
