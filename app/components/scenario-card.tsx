import { Link } from "react-router";
import { formatDate } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import type { ScenarioCard as Card } from "~/models/scenario.server";
import { excerpt } from "~/search/text";
import { Highlighted } from "./highlighted";
import { StatusBadge } from "./status-badge";

export function ScenarioCard({ scenario, words = [] }: { scenario: Card; words?: string[] }) {
  const { t, lang } = useI18n();
  const s = scenario;
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span className="font-mono">{s.code}</span>
        <StatusBadge status={s.status} phase={s.phase} />
        {s.batchOrdinal !== null && <span>{t("batch.label", { year: String(s.editionYear), ordinal: s.batchOrdinal })}</span>}
      </div>
      <h3 className="mt-1 text-base font-semibold break-words">
        <Link to={`/scenarios/${s.code}`} className="text-brand-700 hover:underline">
          <Highlighted text={s.title} words={words} />
        </Link>
      </h3>
      <p className="mt-0.5 text-sm text-slate-700"><Highlighted text={s.organisation} words={words} /></p>
      <p className="mt-2 text-sm text-slate-600 break-words">
        <Highlighted text={excerpt(s.description, words)} words={words} />
      </p>
      <dl className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <div><dt className="sr-only">{t("scenario.domain")}</dt><dd>{vocabularyLabel(t, lang, "domain", s.domain)}</dd></div>
        <div><dt className="sr-only">{t("scenario.district")}</dt><dd>{vocabularyLabel(t, lang, "district", s.district)}</dd></div>
        {s.venueType && <div><dt className="sr-only">{t("scenario.venueType")}</dt><dd>{vocabularyLabel(t, lang, "venue", s.venueType)}</dd></div>}
        <div><dt className="sr-only">{t("scenario.mode")}</dt><dd>{vocabularyLabel(t, lang, "mode", s.cooperationMode)}</dd></div>
        <div>
          <dt className="sr-only">{t("scenario.budget")}</dt>
          <dd className="font-medium text-slate-800">
            {s.budgetWan === null ? t("list.budgetNegotiable") : t("list.budgetValue", { budget: s.budgetWan })}
          </dd>
        </div>
        {s.proposalDeadline && (s.phase === "open" || s.phase === "closing_soon" || s.phase === "awaiting_selection") && (
          <div><dt className="sr-only">{t("scenario.deadline")}</dt><dd>{t("list.deadline", { date: formatDate(s.proposalDeadline, lang) })}</dd></div>
        )}
      </dl>
      {s.capabilities.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1" aria-label={t("scenario.capabilities")}>
          {s.capabilities.map((c) => (
            <li key={c.slug} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">
              <Highlighted text={lang === "en" ? c.en : c.zh} words={words} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
