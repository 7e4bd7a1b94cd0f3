import type { MessageKey } from "./dictionary";
import type { Lang, Translate } from "./i18n";

const DISTRICT_EN: Record<string, string> = {
  玄武区: "Xuanwu",
  秦淮区: "Qinhuai",
  建邺区: "Jianye",
  鼓楼区: "Gulou",
  浦口区: "Pukou",
  栖霞区: "Qixia",
  雨花台区: "Yuhuatai",
  江宁区: "Jiangning",
  六合区: "Luhe",
  溧水区: "Lishui",
  高淳区: "Gaochun",
  江北新区: "Jiangbei New Area",
};

type Vocabulary = "domain" | "venue" | "mode" | "tier" | "status" | "sensitivity" | "district";

/** The label of a vocabulary value; districts are their own Chinese names. */
export function vocabularyLabel(t: Translate, lang: Lang, kind: Vocabulary, value: string | null): string {
  if (value === null) return t("scenario.notSpecified");
  if (kind === "district") return lang === "en" ? (DISTRICT_EN[value] ?? value) : value;
  return t(`${kind}.${value}` as MessageKey);
}
