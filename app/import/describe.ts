// An import problem in words, for the office page and the command line alike.
import type { ImportField } from "~/domain/import/fields";
import type { ImportIssue } from "~/domain/import/table";
import type { MessageKey } from "~/i18n/dictionary";
import type { Lang, Translate } from "~/i18n/i18n";

export function fieldLabel(t: Translate, field: ImportField | string): string {
  return t(`import.field.${field}` as MessageKey);
}

export function describeIssue(t: Translate, issue: Pick<ImportIssue, "key" | "values">): string {
  const values: Record<string, string | number> = { ...issue.values };
  if (typeof values.field === "string") values.field = fieldLabel(t, values.field);
  if (typeof values.status === "string") values.status = t(`status.${values.status}` as MessageKey);
  return t(issue.key as MessageKey, values);
}

/** “C（单位名称）”: the column letter and the header as the office sees them. */
export function describeColumn(issue: Pick<ImportIssue, "column" | "header">, lang: Lang = "zh"): string {
  if (!issue.column) return "";
  if (!issue.header) return issue.column;
  return lang === "en" ? `${issue.column} (${issue.header})` : `${issue.column}（${issue.header}）`;
}
