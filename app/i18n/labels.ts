import type { ScenarioField } from "~/domain/forms/scenario";
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

type Vocabulary = "domain" | "venue" | "mode" | "tier" | "status" | "phase" | "sensitivity" | "district";

/** The label of a vocabulary value; districts are their own Chinese names. */
export function vocabularyLabel(t: Translate, lang: Lang, kind: Vocabulary, value: string | null): string {
  if (value === null || value === "") return t("scenario.notSpecified");
  if (kind === "district") return lang === "en" ? (DISTRICT_EN[value] ?? value) : value;
  return t(`${kind}.${value}` as MessageKey);
}

/** The label of each scenario form field, for errors, conflicts and amendment diffs. */
export const FIELD_LABELS: Record<ScenarioField, MessageKey> = {
  title: "demand.field.title", description: "scenario.description", requirements: "scenario.requirements",
  acceptanceCriteria: "scenario.acceptance", domain: "scenario.domain", venueType: "scenario.venueType",
  district: "scenario.district", cooperationMode: "scenario.mode", tier: "scenario.tier", budgetWan: "list.budget",
  periodStart: "demand.field.periodStart", periodEnd: "demand.field.periodEnd", siteAccess: "scenario.siteAccess",
  contactName: "scenario.contactName", contactPhone: "scenario.phone", contactEmail: "scenario.email",
  capabilities: "scenario.capabilities", dataResources: "scenario.dataResources",
};

/** "a、b、c" in Chinese, "a, b, c" in English. */
export function listJoin(items: string[], lang: Lang): string {
  return items.join(lang === "en" ? ", " : "、");
}
