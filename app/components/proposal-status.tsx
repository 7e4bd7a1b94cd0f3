import { timeLeft } from "~/domain/countdown";
import type { ProposalStatus } from "~/domain/proposals";
import type { Translate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";

const COLOURS: Record<ProposalStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  submitted: "bg-sky-100 text-sky-900",
  shortlisted: "bg-indigo-100 text-indigo-900",
  selected: "bg-emerald-100 text-emerald-900 ring-1 ring-emerald-400",
  declined: "bg-slate-200 text-slate-700",
  withdrawn: "bg-slate-200 text-slate-600",
};

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useI18n();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${COLOURS[status]}`}>
      {t(`proposal.status.${status}`)}
    </span>
  );
}

/** "还剩 3 天 5 小时" / "已截止", from the `now` the loader passed down. */
export function countdownText(t: Translate, deadline: string | null, now: string): string {
  const left = timeLeft(deadline, new Date(now));
  switch (left.kind) {
    case "none":
      return t("proposal.countdown.none");
    case "closed":
      return t("proposal.countdown.closed");
    case "days":
      return t("proposal.countdown.days", { days: left.days, hours: left.hours });
    case "hours":
      return t("proposal.countdown.hours", { hours: left.hours, minutes: left.minutes });
    case "minutes":
      return t("proposal.countdown.minutes", { minutes: left.minutes });
  }
}
