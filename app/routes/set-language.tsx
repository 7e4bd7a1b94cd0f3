import { redirect, type LoaderFunctionArgs } from "react-router";
import { getOptionalUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { isLang } from "~/i18n/i18n";
import { langCookie } from "~/i18n/lang.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

// A plain link, so switching language works without JavaScript; the choice is kept in a cookie
// and, for a signed-in user, on their account.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const to = safeRedirectPath(url.searchParams.get("redirectTo"));
  if (!isLang(lang)) return redirect(to);
  // Signed in, the choice is also the language of their messages.
  const user = await getOptionalUser(request);
  if (user) await db().updateTable("users").set({ lang }).where("id", "=", user.id).execute();
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}
