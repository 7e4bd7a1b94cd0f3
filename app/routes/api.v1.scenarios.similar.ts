import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { MAX_TITLE_LENGTH, similarScenariosForTitle } from "~/models/similar-titles.server";
import { searchEngine } from "~/search/search.server";

// Public scenarios similar to a title, for the new-scenario form while its title is typed:
// `?title=智能导诊` → up to five { code, title, organisation, status, benchmark, url }.
export async function loader({ request }: LoaderFunctionArgs) {
  const title = (new URL(request.url).searchParams.get("title") ?? "").replace(/\s+/g, " ").trim();
  if ([...title].length > MAX_TITLE_LENGTH) {
    return Response.json({ error: "title_too_long", max: MAX_TITLE_LENGTH }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const items = await similarScenariosForTitle(db(), searchEngine(), title);
  return Response.json(
    { items: items.map((s) => ({ ...s, url: `/scenarios/${s.code}` })) },
    { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60" } },
  );
}
