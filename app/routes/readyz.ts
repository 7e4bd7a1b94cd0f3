import { db } from "~/db/db.server";
import { readiness } from "~/models/health.server";
import { searchEngine } from "~/search/search.server";

// Readiness: 200 when the database answers and its migrations are current, 503 naming the failing
// check otherwise; the search engine, its outbox backlog and its last error are reported alongside
// (a search outage degrades the lists but does not stop the site). For load balancers and
// monitoring; public like /healthz, and free of secrets.
export async function loader() {
  const report = await readiness(db, () => searchEngine().name);
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
