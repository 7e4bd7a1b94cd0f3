import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "react-router";
import { getOptionalUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { isLang } from "~/i18n/i18n";
import { langCookie } from "~/i18n/lang.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

// The header's language switch posts here (a form, so it works without JavaScript): the choice is
// kept in a cookie and, for a signed-in user, on their account, as the language of their messages.
// A GET (an old link, a bookmark) switches this browser only: a link, a prefetch or an <img> on
// another page must not change what is stored on an account.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const to = safeRedirectPath(url.searchParams.get("redirectTo"));
  if (!isLang(lang)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  const to = safeRedirectPath(typeof form.get("redirectTo") === "string" ? (form.get("redirectTo") as string) : null);
  if (typeof lang !== "string" || !isLang(lang)) return redirect(to);
  const user = await getOptionalUser(request);
  if (user) await db().updateTable("users").set({ lang }).where("id", "=", user.id).execute();
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}
