import { createCookie } from "react-router";
import { isLang, type Lang } from "./i18n";

export const langCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** `?lang=` wins (links and the API), then the visitor's saved choice, then Chinese. */
export async function getLang(request: Request): Promise<Lang> {
  const fromQuery = new URL(request.url).searchParams.get("lang");
  if (isLang(fromQuery)) return fromQuery;
  const fromCookie: unknown = await langCookie.parse(request.headers.get("Cookie"));
  return isLang(fromCookie) ? fromCookie : "zh";
}
