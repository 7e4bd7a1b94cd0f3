// Liveness: the process is up and answers. Touches nothing else (no database), so a slow or
// locked database never gets a healthy process restarted; /readyz says whether it can serve.
export function loader() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
