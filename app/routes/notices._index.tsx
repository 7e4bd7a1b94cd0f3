import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import { getOptionalUser } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NoticeBadge, NoticePeriod, noticeCountdown, scoreText } from "~/components/notice-parts";
import { db } from "~/db/db.server";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { listPublicNotices, RECENT_DAYS, type NoticeSummary } from "~/models/benchmark-notice.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const [notices, viewer] = await Promise.all([listPublicNotices(db()), getOptionalUser(request)]);
  return { ...notices, recentDays: RECENT_DAYS, office: viewer?.role === "admin" };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("notices.title"));

function Pair({ n }: { n: NoticeSummary }) {
  const { t } = useI18n();
  return <p className="mt-1 text-sm text-slate-700 break-words">{t("notices.pair", { demand: n.organisation, vendor: n.vendor })}</p>;
}

function Running({ n, now }: { n: NoticeSummary; now: string }) {
  const { t } = useI18n();
  const running = n.notice.endsAt > now;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span className="font-mono">{n.scenario.code}</span>
        <NoticeBadge status={n.status} running={running} />
      </div>
      <h3 className="mt-1 text-lg font-semibold break-words">
        <Link to={`/notices/${n.id}`} className="text-brand-700 underline">{n.scenario.title}</Link>
      </h3>
      <Pair n={n} />
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">{t("notices.score")}</dt>
        <dd className="font-medium">{scoreText(t, n.meanScore)}</dd>
        <dt className="text-slate-500">{t("notices.periodLabel")}</dt>
        <dd><NoticePeriod startsAt={n.notice.startsAt} endsAt={n.notice.endsAt} /></dd>
        <dt className="text-slate-500">{t("notices.countdown")}</dt>
        <dd className={running ? "font-medium text-amber-900" : "text-slate-700"}>{running ? noticeCountdown(t, n.notice.endsAt, now) : t("notices.countdown.awaiting")}</dd>
        <dt className="text-slate-500">{t("notices.objections")}</dt>
        <dd>{t("notices.objections.count", { n: n.objections })}</dd>
      </dl>
    </li>
  );
}

function Ended({ n }: { n: NoticeSummary }) {
  const { t, lang } = useI18n();
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span className="font-mono">{n.scenario.code}</span>
        <NoticeBadge status={n.status} running={false} />
        {n.number && <span className="font-mono font-semibold text-slate-800">{n.number}</span>}
      </div>
      <h3 className="mt-1 font-semibold break-words">
        <Link to={`/notices/${n.id}`} className="text-brand-700 underline">{n.scenario.title}</Link>
      </h3>
      <Pair n={n} />
      <p className="mt-1 text-sm text-slate-600">
        {n.status === "certified"
          ? t("notices.outcome.certified", { date: formatDate(n.decidedAt!, lang), number: n.number ?? "" })
          : t("notices.outcome.rejected", { date: formatDate(n.decidedAt!, lang) })}
        {" · "}
        {t("notices.objections.count", { n: n.objections })}
      </p>
    </li>
  );
}

export default function NoticesPage() {
  const { running, ended, now, recentDays, office } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("notices.title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("notices.lead")}</p>
        {office && <Link to="/admin/notices" className="mt-2 inline-block text-sm text-brand-700 underline">{t("notices.officeLink")}</Link>}
      </header>

      <section aria-labelledby="running">
        <h2 id="running" className="text-lg font-semibold">{t("notices.running", { n: running.length })}</h2>
        {running.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("notices.running.empty")}</p>
        ) : (
          <ul className="mt-2 grid gap-3 lg:grid-cols-2">
            {running.map((n) => <Running key={n.id} n={n} now={now} />)}
          </ul>
        )}
      </section>

      <section aria-labelledby="ended">
        <h2 id="ended" className="text-lg font-semibold">{t("notices.ended", { days: recentDays })}</h2>
        {ended.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("notices.ended.empty")}</p>
        ) : (
          <ul className="mt-2 grid gap-3 lg:grid-cols-2">
            {ended.map((n) => <Ended key={n.id} n={n} />)}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
