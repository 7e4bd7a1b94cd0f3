import { diffText, type AmendmentChange, type PublicAmendment } from "~/domain/amendments";
import type { ScenarioField } from "~/domain/forms/scenario";
import { CAPABILITIES } from "~/domain/vocabulary";
import { formatDate, formatDateTime } from "~/i18n/i18n";
import { FIELD_LABELS, vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";

const CHOICE_KIND: Partial<Record<ScenarioField, Parameters<typeof vocabularyLabel>[2]>> = {
  domain: "domain", venueType: "venue", district: "district", cooperationMode: "mode", tier: "tier",
};
const LONG_TEXT: readonly string[] = ["description", "requirements", "acceptanceCriteria", "siteAccess"];

/** The public record of a scenario's amendments, newest first, each with what changed. */
export function AmendmentList({ amendments }: { amendments: PublicAmendment[] }) {
  const { t, lang } = useI18n();
  if (amendments.length === 0) return null;
  return (
    <section aria-labelledby="amendments" className="rounded-lg border border-amber-300 bg-amber-50/40 p-4">
      <h2 id="amendments" className="text-lg font-semibold">{t("amend.section")}</h2>
      <p className="text-sm text-slate-600">{t("amend.count", { count: amendments.length })}</p>
      <ol className="mt-3 space-y-4">
        {amendments.map((a) => (
          <li key={a.number} id={`amendment-${a.number}`} className="scroll-mt-4 rounded border border-slate-200 bg-white p-3">
            <h3 className="flex flex-wrap items-baseline gap-2 font-semibold">
              {t("amend.number", { number: a.number })}
              <span className={`rounded px-1.5 text-xs font-normal ${a.material ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-700"}`}>
                {t(a.material ? "amend.material" : "amend.minor")}
              </span>
              <time dateTime={a.at} className="text-sm font-normal text-slate-500">{formatDateTime(a.at, lang)}</time>
            </h3>
            <p className="mt-1 text-sm break-words"><span className="text-slate-500">{t("amend.reason")}</span>{a.reason}</p>
            {a.deadlineBefore && a.deadlineAfter && a.deadlineBefore !== a.deadlineAfter && (
              <p className="mt-1 text-sm text-amber-900">
                {t("amend.deadlineMoved", { before: formatDateTime(a.deadlineBefore, lang), after: formatDateTime(a.deadlineAfter, lang) })}
              </p>
            )}
            <dl className="mt-2 space-y-2">
              {a.changes.map((c) => (
                <div key={c.field} className="border-t border-slate-100 pt-2">
                  <dt className="text-sm font-medium text-slate-700">{t(FIELD_LABELS[c.field as ScenarioField] ?? "demand.field.title")}</dt>
                  <dd className="mt-1 text-sm"><Change change={c} /></dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Change({ change }: { change: AmendmentChange }) {
  const { t, lang } = useI18n();
  const field = change.field as ScenarioField;
  if (field === "capabilities") {
    const before = asList(change.before);
    const after = asList(change.after);
    const name = (slug: string) => {
      const c = CAPABILITIES.find((x) => x.slug === slug);
      return c ? (lang === "en" ? c.en : c.zh) : slug;
    };
    return <ListDiff removed={before.filter((s) => !after.includes(s)).map(name)} added={after.filter((s) => !before.includes(s)).map(name)} />;
  }
  if (field === "dataResources") {
    const row = (r: unknown) => {
      const d = r as { kind?: string; volume?: string; labelled?: boolean; sensitivity?: string };
      return [d.kind, d.volume, d.labelled ? t("scenario.data.labelled") : null, d.sensitivity ? vocabularyLabel(t, lang, "sensitivity", d.sensitivity) : null]
        .filter(Boolean).join(" · ");
    };
    const before = asArray(change.before).map(row);
    const after = asArray(change.after).map(row);
    return <ListDiff removed={before.filter((r) => !after.includes(r))} added={after.filter((r) => !before.includes(r))} />;
  }
  const show = (v: unknown): string => {
    const text = typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
    if (!text) return field === "budgetWan" ? t("list.budgetNegotiable") : t("amend.empty");
    const kind = CHOICE_KIND[field];
    if (kind) return vocabularyLabel(t, lang, kind, text);
    if (field === "budgetWan") return t("list.budgetValue", { budget: Number(text) });
    if (field === "periodStart" || field === "periodEnd") return formatDate(text, lang);
    return text;
  };
  if (LONG_TEXT.includes(field) && typeof change.before === "string" && typeof change.after === "string") {
    return (
      <p className="leading-relaxed whitespace-pre-line break-words">
        {diffText(change.before, change.after).map((part, i) =>
          part.kind === "same" ? <span key={i}>{part.text}</span>
          : part.kind === "removed" ? <del key={i} className="bg-red-50 text-red-800"><span className="sr-only">{t("amend.removed")}</span>{part.text}</del>
          : <ins key={i} className="bg-emerald-50 text-emerald-900 no-underline"><span className="sr-only">{t("amend.added")}</span>{part.text}</ins>)}
      </p>
    );
  }
  return (
    <div className="grid gap-1 sm:grid-cols-2">
      <p className="break-words"><span className="text-slate-500">{t("amend.before")}</span><del className="text-red-800">{show(change.before)}</del></p>
      <p className="break-words"><span className="text-slate-500">{t("amend.after")}</span><ins className="text-emerald-900 no-underline">{show(change.after)}</ins></p>
    </div>
  );
}

function ListDiff({ removed, added }: { removed: string[]; added: string[] }) {
  const { t } = useI18n();
  return (
    <div className="space-y-1">
      {removed.length > 0 && <p className="break-words"><span className="text-slate-500">{t("amend.removed")}</span><del className="text-red-800">{removed.join("；")}</del></p>}
      {added.length > 0 && <p className="break-words"><span className="text-slate-500">{t("amend.added")}</span><ins className="text-emerald-900 no-underline">{added.join("；")}</ins></p>}
    </div>
  );
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asList = (v: unknown): string[] => asArray(v).map(String);
