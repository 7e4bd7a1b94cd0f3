import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import { matchVendorsForScenario } from "~/models/matching.server";
import { searchEngine } from "~/search/search.server";
import { matchLimit, toApiExplanation } from "~/utils/api-matches";

// The verified vendors that fit a public scenario, with machine-readable reasons. Public: it is
// made only of public facts (the published scenario, verified vendors' profiles, announced
// selections, pilots and certified benchmarks); sealed proposals never count.
// Resource routes answer with Response.json: a `data()` status is not applied to them in production.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").toUpperCase();
  const scenario = /^NJ-\d{4}-\d{4}$/.test(code)
    ? await db()
        .selectFrom("scenarios")
        .where("code", "=", code)
        .where("status", "in", PUBLIC_SCENARIO_STATUSES)
        .select(["id", "code", "title"])
        .executeTakeFirst()
    : undefined;
  if (!scenario) return Response.json({ error: "not_found", message: `No published scenario with code ${code.slice(0, 40)}` }, { status: 404 });
  const limit = matchLimit(new URL(request.url));
  if (limit === null) return Response.json({ error: "bad_request", message: "limit must be an integer from 1 to 50" }, { status: 400 });
  const matches = await matchVendorsForScenario(db(), searchEngine(), scenario.id, { limit });
  return Response.json(
    {
      scenario: { code: scenario.code, title: scenario.title },
      items: matches.map((m) => ({ id: m.vendorId, name: m.name, district: m.district, url: `/vendors/${m.vendorId}`, ...toApiExplanation(m) })),
    },
    { headers: { "Access-Control-Allow-Origin": "*" } },
  );
}
