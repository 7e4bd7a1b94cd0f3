import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { matchScenariosForVendor } from "~/models/matching.server";
import { searchEngine } from "~/search/search.server";
import { matchLimit, toApiExplanation } from "~/utils/api-matches";

// The open scenarios that fit a verified vendor, with machine-readable reasons. Public, like the
// vendor's page and the scenario list it is made of.
// Resource routes answer with Response.json: a `data()` status is not applied to them in production.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  const vendor =
    id === null
      ? undefined
      : await db().selectFrom("organisations").where("id", "=", id).where("kind", "=", "vendor").where("verified", "=", 1)
          .select(["id", "name"]).executeTakeFirst();
  if (!vendor) return Response.json({ error: "not_found", message: "No verified vendor with this id" }, { status: 404 });
  const limit = matchLimit(new URL(request.url));
  if (limit === null) return Response.json({ error: "bad_request", message: "limit must be an integer from 1 to 50" }, { status: 400 });
  const matches = await matchScenariosForVendor(db(), searchEngine(), vendor.id, { limit });
  return Response.json(
    {
      vendor: { id: vendor.id, name: vendor.name },
      items: matches.map((m) => ({
        code: m.code,
        title: m.title,
        organisation: m.organisation,
        proposalDeadline: m.proposalDeadline,
        url: `/scenarios/${m.code}`,
        ...toApiExplanation(m),
      })),
    },
    { headers: { "Access-Control-Allow-Origin": "*" } },
  );
}
