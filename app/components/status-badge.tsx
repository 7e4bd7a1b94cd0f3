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

export function StatusBadge({ status }: { status: ScenarioStatus }) {
  const { t } = useI18n();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${COLOURS[status]}`}>
      {t(`status.${status}`)}
    </span>
  );
}
