import { redirect, type LoaderFunctionArgs } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { openSavedSearch } from "~/models/saved-searches.server";

// Runs a saved search: notes that its owner has seen what is there now (for the "new since last
// visit" count) and shows the list with its query.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  const query = Number.isSafeInteger(id) && id > 0 ? await openSavedSearch(db(), user.id, id) : null;
  if (query === null) throw new Response("Not Found", { status: 404 });
  return redirect(`/scenarios${query ? `?${query}` : ""}`);
}
