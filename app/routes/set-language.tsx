import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isLang } from "~/i18n/i18n";
import { langCookie } from "~/i18n/lang.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

// A plain link, so switching language works without JavaScript; the choice is kept in a cookie.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const to = safeRedirectPath(url.searchParams.get("redirectTo"));
  if (!isLang(lang)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}
