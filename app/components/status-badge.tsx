import type { PublicPhase } from "~/domain/public-phase";
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import { useI18n } from "~/i18n/use-i18n";

const COLOURS: Record<ScenarioStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  submitted: "bg-amber-100 text-amber-900",
  returned: "bg-orange-100 text-orange-900",
  approved: "bg-sky-100 text-sky-900",
  published: "bg-emerald-100 text-emerald-900",
  matched: "bg-indigo-100 text-indigo-900",
  piloting: "bg-violet-100 text-violet-900",
  benchmark: "bg-yellow-100 text-yellow-900 ring-1 ring-yellow-400",
  closed: "bg-slate-200 text-slate-700",
  withdrawn: "bg-slate-200 text-slate-700",
};

const PHASE_COLOURS: Record<PublicPhase, string> = {
  open: COLOURS.published,
  closing_soon: "bg-amber-100 text-amber-900 ring-1 ring-amber-400",
  awaiting_selection: "bg-slate-200 text-slate-800",
  matched: COLOURS.matched,
  piloting: COLOURS.piloting,
  benchmark: COLOURS.benchmark,
  closed: COLOURS.closed,
};

/**
 * A scenario's state. With `phase` (app/domain/public-phase.ts, computed by the loader at its
 * clock) a public scenario shows what a person sees now — open, closing soon, awaiting selection —
 * instead of the stored status.
 */
export function StatusBadge({ status, phase }: { status: ScenarioStatus; phase?: PublicPhase | null }) {
  const { t } = useI18n();
  if (phase) {
    return (
      <span data-phase={phase} className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${PHASE_COLOURS[phase]}`}>
        {t(`phase.${phase}`)}
      </span>
    );
  }
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${COLOURS[status]}`}>
      {t(`status.${status}`)}
    </span>
  );
}
