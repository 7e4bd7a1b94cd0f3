import { timeLeft } from "~/domain/countdown";
import type { ApplicationStatus } from "~/domain/benchmark-lifecycle";
import { formatDateTime, type Translate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";

// Small pieces the public notice pages and the office's page share.

/** "还剩 3 天 5 小时" while the notice runs, "公示期已满" after; from the `now` the loader passed down. */
export function noticeCountdown(t: Translate, endsAt: string | null, now: string): string {
  const left = timeLeft(endsAt, new Date(now));
  switch (left.kind) {
    case "none":
    case "closed":
      return t("notices.countdown.over");
    case "days":
      return t("notices.countdown.days", { days: left.days, hours: left.hours });
    case "hours":
      return t("notices.countdown.hours", { hours: left.hours, minutes: left.minutes });
    case "minutes":
      return t("notices.countdown.minutes", { minutes: left.minutes });
  }
}

export function NoticePeriod({ startsAt, endsAt }: { startsAt: string; endsAt: string | null }) {
  const { t, lang } = useI18n();
  return (
    <>
      {t("notices.period", {
        start: formatDateTime(startsAt, lang),
        end: endsAt ? formatDateTime(endsAt, lang) : "—",
      })}
    </>
  );
}

const COLOURS: Record<ApplicationStatus, string> = {
  submitted: "bg-slate-100 text-slate-700",
  in_review: "bg-slate-100 text-slate-700",
  notice: "bg-amber-100 text-amber-900",
  certified: "bg-yellow-100 text-yellow-900 ring-1 ring-yellow-400",
  rejected: "bg-slate-200 text-slate-700",
};

/** 公示中 / 公示期满，待认定 / 已认定 / 未通过. */
export function NoticeBadge({ status, running }: { status: ApplicationStatus; running: boolean }) {
  const { t } = useI18n();
  const label = status === "notice" ? (running ? t("notices.state.running") : t("notices.state.awaiting")) : status === "certified" ? t("notices.state.certified") : t("notices.state.rejected");
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${COLOURS[status]}`}>{label}</span>;
}

export function scoreText(t: Translate, score: number | null): string {
  return score === null ? "—" : t("notices.score.value", { score });
}
