import { Form, Link } from "react-router";
import type { ReactNode } from "react";
import type { ImportSettingsInput } from "~/domain/forms/import";
import { ARCHIVE_REQUIRED, fieldsOf, SCENARIO_REQUIRED, VENDOR_REQUIRED, type ImportField } from "~/domain/import/fields";
import { columnLetter, type ImportIssue } from "~/domain/import/table";
import { STATUS_VALUES } from "~/domain/import/values";
import { COOPERATION_MODES, DISTRICTS, DOMAINS, PRODUCT_KINDS, TIERS } from "~/domain/vocabulary";
import { formatDate } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { describeColumn, describeIssue, fieldLabel } from "~/import/describe";
import type { ImportReport } from "~/models/import.server";
import { buttonClass, inputClass } from "./form";

// The steps of /admin/import: the column mapping with the values for the whole list, and the
// dry-run report with its confirmation.

export type PageReport = ImportReport & { totals: { outcomes: number; errors: number; warnings: number } };
type Editions = { year: number; title: string; batches: { ordinal: number; publishedAt: string | null }[] }[];

const selectClass = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function ImportSteps({ current }: { current: number }) {
  const { t } = useI18n();
  const steps = [t("import.step.upload"), t("import.step.mapping"), t("import.step.dryRun"), t("import.step.done")];
  return (
    <ol className="flex flex-wrap gap-2 text-sm">
      {steps.map((label, i) => (
        <li
          key={label}
          aria-current={i + 1 === current ? "step" : undefined}
          className={`rounded-full px-3 py-1 ${i + 1 === current ? "bg-brand-600 text-white" : i + 1 < current ? "bg-brand-50 text-brand-800" : "bg-slate-100 text-slate-600"}`}
        >
          {label}
        </li>
      ))}
    </ol>
  );
}

function Detected({ report }: { report: PageReport }) {
  const { t } = useI18n();
  return (
    <p className="text-sm text-slate-700">
      <span className="font-medium">{report.fileName}</span>{" · "}
      {t("import.detected", {
        format: report.format === "xlsx" ? "XLSX" : "CSV",
        encoding: t(`import.encoding.${report.encoding ?? "none"}`),
        row: report.headerRowNumber,
        rows: report.dataRows,
      })}
      {report.sheet && ` ${t("import.detected.sheet", { sheet: report.sheet })}`}
    </p>
  );
}

/** The office's choices as hidden fields: the confirmation repeats exactly what the dry run checked. */
function SettingsFields({ settings }: { settings: ImportSettingsInput }) {
  const { map, ...rest } = settings;
  return (
    <>
      {Object.entries(rest).map(([name, value]) => <input key={name} type="hidden" name={name} value={String(value)} />)}
      {map.map((field, i) => <input key={i} type="hidden" name="map" value={field} />)}
    </>
  );
}

function Choice({ name, label, value, options, hint, needed }: { name: string; label: string; value: string; options: { value: string; label: string }[]; hint?: string; needed?: boolean }) {
  const { t } = useI18n();
  hint = needed ? t("import.defaults.needed") : hint;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">{label}{needed && " *"}</label>
      <select id={name} name={name} defaultValue={value} className={`${selectClass} mt-1`} aria-describedby={hint ? `${name}-hint` : undefined}>
        <option value="">{t("import.defaults.none")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {hint && <p id={`${name}-hint`} className={`mt-1 text-xs ${needed ? "text-amber-800" : "text-slate-600"}`}>{hint}</p>}
    </div>
  );
}

export function ImportMapping({ upload, report, settings, editions, year, busy }: {
  upload: string;
  report: PageReport;
  settings: ImportSettingsInput | null;
  editions: Editions;
  year: number;
  busy: boolean;
}) {
  const { t, lang } = useI18n();
  const fields = fieldsOf(report.kind);
  const archive = settings?.archive === "1";
  const required = (report.kind === "scenarios" ? (archive ? ARCHIVE_REQUIRED : SCENARIO_REQUIRED) : VENDOR_REQUIRED) as readonly ImportField[];
  const mapping = settings ? settings.map : report.mapping.map((f) => f ?? "");
  const years = [...new Set([...editions.map((e) => e.year), year])].sort((a, b) => b - a);
  const edition = editions.find((e) => e.year === year);
  const d = (name: keyof ImportSettingsInput) => String(settings?.[name] ?? "");
  const other = report.kind === "scenarios" ? "vendors" : "scenarios";
  /** A required field no column is mapped to: the whole list needs a value for it. */
  const needed = (field: ImportField) => required.includes(field) && !mapping.includes(field);

  return (
    <Form method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="upload" value={upload} />
      <input type="hidden" name="kind" value={report.kind} />
      {report.mapping.map((field, i) => <input key={i} type="hidden" name="shown" value={field ?? ""} />)}
      <Detected report={report} />
      <p className="text-sm">
        {t("import.kind")}: <span className="font-medium">{t(`import.kind.${report.kind}`)}</span>{" · "}
        <Link className="text-brand-700 underline" to={`/admin/import?${new URLSearchParams({ upload, kind: other })}`}>{t("import.kind.switch", { kind: t(`import.kind.${other}`) })}</Link>
      </p>

      <fieldset>
        <legend className="text-lg font-semibold">{t("import.mapping.title")}</legend>
        <p className="text-sm text-slate-600">{t("import.mapping.lead")}</p>
        <ul className="mt-2 divide-y divide-slate-100">
          {report.headers.map((header, i) => {
            const sample = report.samples.map((row) => row[i] ?? "").find((v) => v.trim()) ?? "";
            const proposed = report.proposedMapping[i] ?? "";
            const confidence = report.confidence[i] ?? 0;
            return (
              <li key={i} className="grid gap-1 py-2 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_minmax(0,14rem)] sm:items-center sm:gap-3">
                <label htmlFor={`map-${i}`} className="text-sm">
                  <span className="mr-1 inline-block min-w-6 rounded bg-slate-100 px-1 text-center font-mono text-xs text-slate-700">{columnLetter(i)}</span>
                  <span className="font-medium">{header || "—"}</span>
                </label>
                <span className="truncate text-sm text-slate-600" title={sample}>{sample.replace(/\s+/g, " ")}</span>
                <span className="flex items-center gap-2">
                  <select id={`map-${i}`} name="map" defaultValue={mapping[i] ?? ""} className={selectClass}>
                    <option value="">{t("import.mapping.skip")}</option>
                    {fields.map((f) => <option key={f} value={f}>{fieldLabel(t, f)}{required.includes(f) ? " *" : ""}</option>)}
                  </select>
                  {settings && (mapping[i] ?? "") !== proposed && <span className="text-xs text-amber-700">{t("import.mapping.changed")}</span>}
                  {proposed && (mapping[i] ?? "") === proposed && (
                    <span data-testid={`confidence-${i}`} className={`whitespace-nowrap rounded px-1.5 text-xs ${confidence >= 0.75 ? "bg-emerald-50 text-emerald-800" : confidence >= 0.5 ? "bg-amber-50 text-amber-800" : "bg-red-50 text-red-800"}`}>
                      {t("lists.confidence", { pct: Math.round(confidence * 100) })}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-lg font-semibold">{t("import.defaults.title")}</legend>
        <p className="text-sm text-slate-600">{t("import.defaults.lead")}</p>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {report.kind === "scenarios" ? (
            <>
              <div>
                <label htmlFor="default_organisation" className="block text-sm font-medium">{fieldLabel(t, "organisation")}{needed("organisation") && " *"}</label>
                <input id="default_organisation" name="default_organisation" defaultValue={d("default_organisation")} maxLength={100} className={`${inputClass} mt-1 py-1.5 text-sm`} aria-describedby="default_organisation-hint" />
                <p id="default_organisation-hint" className="mt-1 text-xs text-slate-600">{t("import.defaults.organisationHint")}</p>
              </div>
              <Choice name="default_domain" needed={needed("domain")} label={fieldLabel(t, "domain")} value={d("default_domain")} options={DOMAINS.map((v) => ({ value: v, label: vocabularyLabel(t, lang, "domain", v) }))} />
              <Choice name="default_district" needed={needed("district")} label={fieldLabel(t, "district")} value={d("default_district")} options={DISTRICTS.map((v) => ({ value: v, label: vocabularyLabel(t, lang, "district", v) }))} />
              <Choice name="default_cooperationMode" needed={needed("cooperationMode")} label={fieldLabel(t, "cooperationMode")} value={d("default_cooperationMode")} options={COOPERATION_MODES.map((v) => ({ value: v, label: vocabularyLabel(t, lang, "mode", v) }))} />
              <Choice name="default_tier" needed={needed("tier")} label={fieldLabel(t, "tier")} value={d("default_tier")} options={TIERS.map((v) => ({ value: v, label: vocabularyLabel(t, lang, "tier", v) }))} />
              <Choice name="default_status" label={fieldLabel(t, "status")} value={d("default_status")} options={STATUS_VALUES.map((v) => ({ value: v, label: t(`import.status.${v}`) }))} />
            </>
          ) : (
            <>
              <Choice name="default_productKind" needed={needed("productKind")} label={fieldLabel(t, "productKind")} value={d("default_productKind")} options={PRODUCT_KINDS.map((v) => ({ value: v, label: t(`import.productKind.${v}`) }))} />
              <Choice name="default_district" needed={needed("district")} label={fieldLabel(t, "district")} value={d("default_district")} options={DISTRICTS.map((v) => ({ value: v, label: vocabularyLabel(t, lang, "district", v) }))} />
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-lg font-semibold">{t("lists.how")}</legend>
        {report.kind === "scenarios" && (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="archive" value="1" defaultChecked={archive} className="mt-1" />
            <span>{t("lists.archive")}<span className="block text-xs text-slate-600">{t("lists.archive.hint")}</span></span>
          </label>
        )}
        <div>
          <label htmlFor="mode" className="block text-sm font-medium">{t("lists.mode")}</label>
          <select id="mode" name="mode" defaultValue={settings?.mode ?? "partial"} className={`${selectClass} mt-1 max-w-md`}>
            <option value="partial">{t("lists.mode.partial")}</option>
            <option value="all">{t("lists.mode.all")}</option>
          </select>
        </div>
      </fieldset>

      {report.kind === "scenarios" ? (
        <fieldset className="grid gap-3 sm:grid-cols-3">
          <legend className="sr-only">{t("import.edition")}</legend>
          <div>
            <label htmlFor="edition" className="block text-sm font-medium">{t("import.edition")}</label>
            <select id="edition" name="edition" defaultValue={settings?.edition ?? year} className={`${selectClass} mt-1`}>
              {years.map((y) => (
                <option key={y} value={y}>{editions.some((e) => e.year === y) ? t("edition.label", { year: String(y) }) : t("import.edition.new", { year: String(y) })}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="batch" className="block text-sm font-medium">{t("import.batch")}</label>
            <select id="batch" name="batch" defaultValue={settings?.batch ?? "new"} className={`${selectClass} mt-1`}>
              <option value="new">{t("import.batch.new")}</option>
              {(edition?.batches ?? []).map((b) => (
                <option key={b.ordinal} value={b.ordinal}>{t("import.batch.existing", { batch: t("batch.label", { year: String(year), ordinal: b.ordinal }) })}</option>
              ))}
              <option value="none">{t("import.batch.none")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="publishedOn" className="block text-sm font-medium">{t("import.batch.publishedOn")}</label>
            <input id="publishedOn" name="publishedOn" type="date" defaultValue={settings?.publishedOn ?? ""} className={`${inputClass} mt-1 py-1.5 text-sm`} aria-describedby="publishedOn-hint" />
            <p id="publishedOn-hint" className="mt-1 text-xs text-slate-600">{t("import.batch.publishedOnHint")}</p>
          </div>
        </fieldset>
      ) : (
        <input type="hidden" name="edition" value={year} />
      )}

      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" name="intent" value="dryRun" className={buttonClass} disabled={busy}>{busy ? t("import.dryRunning") : t("import.dryRun")}</button>
        <Link to="/admin/import" className="text-sm text-brand-700 underline">{t("import.startOver")}</Link>
      </div>
    </Form>
  );
}

function Count({ label, value, tone = "slate" }: { label: string; value: number; tone?: "slate" | "red" }) {
  return (
    <div className={`rounded border p-3 ${tone === "red" && value > 0 ? "border-red-300 bg-red-50 text-red-900" : "border-slate-200 bg-white"}`}>
      <p className="text-xs">{label}</p>
      <p className="text-2xl font-bold">{value}</p>
    </div>
  );
}

function IssueTable({ id, title, issues, total, tone }: { id: string; title: string; issues: ImportIssue[]; total: number; tone: "red" | "amber" }) {
  const { t, lang } = useI18n();
  if (issues.length === 0) return null;
  return (
    <section aria-labelledby={id} className="space-y-1">
      <h3 id={id} className={`font-semibold ${tone === "red" ? "text-red-800" : "text-amber-900"}`}>{title} ({total})</h3>
      {total > issues.length && <p className="text-xs text-slate-600">{t("import.report.issuesShown", { shown: issues.length, total })}</p>}
      <ul className="text-sm">
        {issues.map((issue, i) => (
          <li key={i} className={`grid gap-x-3 border-t py-1.5 sm:grid-cols-[5rem_12rem_minmax(0,1fr)] ${tone === "red" ? "border-red-100" : "border-amber-100"}`}>
            <span className="font-medium">{issue.row === null ? t("import.report.file") : t("import.report.rowN", { row: issue.row })}</span>
            <span className="text-slate-700">{describeColumn(issue, lang) || <span aria-hidden>—</span>}</span>
            <span>{describeIssue(t, issue)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Panel({ children, tone }: { children: ReactNode; tone: "ok" | "bad" }) {
  return <div role={tone === "bad" ? "alert" : "status"} className={`rounded border p-3 text-sm ${tone === "bad" ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-300 bg-emerald-50 text-emerald-900"}`}>{children}</div>;
}

export function ImportReportView({ report, upload, settings, busy }: { report: PageReport; upload: string | null; settings: ImportSettingsInput; busy: boolean }) {
  const { t, lang } = useI18n();
  const fileErrors = report.errors.some((e) => e.row === null);
  // A partial import goes ahead with rows to hold; all or nothing needs no error at all.
  const ok = !report.fatal && !fileErrors && (report.totals.errors === 0 || report.mode === "partial");
  const held = report.mode === "partial" && !fileErrors ? report.outcomes.filter((o) => o.action === "error").length : 0;
  return (
    <section aria-labelledby="report-title" className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
      <h2 id="report-title" className="text-xl font-semibold">{t("import.report.title")}</h2>
      {report.fatal ? (
        <Panel tone="bad"><p className="font-medium">{t("import.report.fatal")}</p><p>{describeIssue(t, report.fatal)}</p></Panel>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
            <Count label={t("import.report.create")} value={report.counts.create} />
            <Count label={t("import.report.update")} value={report.counts.update} />
            <Count label={t("import.report.unchanged")} value={report.counts.unchanged} />
            <Count label={t("import.report.orgs")} value={report.counts.organisationsCreated} />
            <Count label={t(held ? "lists.report.held" : "import.report.errors")} value={held || report.totals.errors} tone="red" />
          </div>
          <Panel tone={ok && !held ? "ok" : "bad"}>
            <p>{held ? t("lists.report.willHold", { n: held }) : ok ? t("import.report.ok") : t("import.report.hasErrors", { n: report.totals.errors })}</p>
            {report.kind === "scenarios" && !report.editionExists && <p>{t("import.report.newEdition", { year: String(report.editionYear) })}</p>}
            {report.batch && (
              <p>
                {report.batch.exists
                  ? t("import.report.existingBatch", { batch: t("batch.label", { year: String(report.editionYear), ordinal: report.batch.ordinal }) })
                  : t("import.report.newBatch", { batch: t("batch.label", { year: String(report.editionYear), ordinal: report.batch.ordinal }), date: formatDate(report.batch.publishedAt, lang) })}
              </p>
            )}
          </Panel>
          {ok && upload && (
            <Form method="post">
              <SettingsFields settings={settings} />
              <button type="submit" name="intent" value="commit" className={buttonClass} disabled={busy}>{busy ? t("import.confirming") : t("import.confirm")}</button>
            </Form>
          )}
          <IssueTable id="errors" title={t("import.report.errorsTitle")} issues={report.errors} total={report.totals.errors} tone="red" />
          <IssueTable id="warnings" title={t("import.report.warningsTitle")} issues={report.warnings} total={report.totals.warnings} tone="amber" />
          {report.outcomes.length > 0 && (
            <section aria-labelledby="rows-title" className="space-y-1">
              <h3 id="rows-title" className="font-semibold">{t("import.report.rowsTitle")} ({report.totals.outcomes})</h3>
              {report.totals.outcomes > report.outcomes.length && <p className="text-xs text-slate-600">{t("import.report.rowsShown", { shown: report.outcomes.length, total: report.totals.outcomes })}</p>}
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="w-14 p-1.5 font-medium">{t("import.report.col.row")}</th>
                      <th scope="col" className="w-16 p-1.5 font-medium">{t("import.report.col.outcome")}</th>
                      {report.kind === "scenarios" && <th scope="col" className="hidden w-32 p-1.5 font-medium sm:table-cell">{t("import.report.col.code")}</th>}
                      <th scope="col" className="p-1.5 font-medium">{t("import.report.col.name")}</th>
                      <th scope="col" className="hidden p-1.5 font-medium sm:table-cell">{t("import.report.col.organisation")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.outcomes.map((o) => (
                      <tr key={o.row} className={`border-t border-slate-200 ${o.action === "error" ? "bg-red-50 text-red-900" : ""}`}>
                        <td className="p-1.5 font-mono">{o.row}</td>
                        <td className="p-1.5">{t(`import.outcome.${o.action}`)}</td>
                        {report.kind === "scenarios" && <td className="hidden p-1.5 font-mono text-xs sm:table-cell">{o.code}</td>}
                        <td className="p-1.5">
                          {o.label}
                          {/* On a phone the code and organisation go under the name instead of their own columns. */}
                          <span className="block text-xs text-slate-600 sm:hidden">{[o.code, o.organisation].filter(Boolean).join(" · ")}</span>
                        </td>
                        <td className="hidden p-1.5 sm:table-cell">
                          {o.organisation}
                          {o.organisationAction && o.organisationAction !== "existing" && <span className="block text-xs text-amber-800">{t(`import.orgAction.${o.organisationAction}`)}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}
    </section>
  );
}
