import { redirect, type ActionFunctionArgs } from "react-router";
import { endSession } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  return redirect("/", { headers: { "Set-Cookie": await endSession(db(), request) } });
}

// Signing out changes state, so it is a POST; a GET just goes home.
export function loader() {
  return redirect("/");
}
