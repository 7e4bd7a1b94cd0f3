import { useRouteLoaderData } from "react-router";
import { useMemo } from "react";
import { translator, type Lang } from "./i18n";

export function useI18n() {
  const data = useRouteLoaderData<{ lang: Lang }>("root");
  const lang = data?.lang ?? "zh";
  return useMemo(() => ({ lang, t: translator(lang) }), [lang]);
}
