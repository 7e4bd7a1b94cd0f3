import { Link } from "react-router";
import type { MatchReason, MissingItem } from "~/domain/matching";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { MatchExplanation, ScoreBadge } from "./match-reasons";

export interface RecommendedScenario {
  scenarioId: number;
  code: string | null;
  title: string;
  organisation: string;
  proposalDeadline: string | null;
  score: number;
  reasons: MatchReason[];
  missing: MissingItem[];
}

/** "为您推荐的场景" on the vendor's home: open scenarios that fit, with the reasons. */
export function RecommendedScenarios({ scenarios, verified }: { scenarios: RecommendedScenario[]; verified: boolean }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="recommended-scenarios" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="recommended-scenarios" className="text-lg font-semibold">{t("matching.scenarios.title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("matching.scenarios.lead")}</p>
      {scenarios.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t(verified ? "matching.scenarios.empty" : "matching.scenarios.unverified")}</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100">
          {scenarios.map((s) => (
            <li key={s.scenarioId} className="py-3">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                {s.code && <span className="font-mono text-xs text-slate-500">{s.code}</span>}
                <Link to={`/scenarios/${s.code}`} className="min-w-0 break-words font-medium text-brand-700 hover:underline">{s.title}</Link>
                <ScoreBadge score={s.score} />
              </div>
              <p className="text-sm text-slate-600 break-words">
                {s.organisation}
                {s.proposalDeadline && <> · {t("matching.deadline", { date: formatDate(s.proposalDeadline, lang) })}</>}
              </p>
              <MatchExplanation reasons={s.reasons} missing={s.missing} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
