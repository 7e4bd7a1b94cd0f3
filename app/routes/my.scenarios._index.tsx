import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/form";
import { StatusBadge } from "~/components/status-badge";
import { db } from "~/db/db.server";
import { SCENARIO_STATUSES } from "~/domain/scenario-lifecycle";
import { formatDate, formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { listMyScenarios, NEEDS_ACTION, nextStep, openCall } from "~/models/my-scenarios.server";
import { unansweredCounts } from "~/models/questions.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("demand.list.title"));

// An unknown status in the URL shows everything rather than an error: it is only a filter.
const statusFilter = z.enum(SCENARIO_STATUSES).nullable().catch(null);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "demand_member");
  if (!user.organisationId) throw new Response("Forbidden", { status: 403 });
  const status = statusFilter.parse(new URL(request.url).searchParams.get("status"));
  const [list, call, unanswered] = await Promise.all([listMyScenarios(db(), user.organisationId, status), openCall(db()), unansweredCounts(db(), user.organisationId)]);
  const ctx = { verified: user.organisationVerified, callOpen: call !== null };
  return {
    organisation: user.organisationName,
    verified: user.organisationVerified,
    call,
    status,
    counts: list.counts,
    total: list.total,
    // What needs the owner now comes first, otherwise the latest change first.
    items: list.items
      .map((s) => ({ ...s, next: nextStep(s.status, ctx, s), unanswered: unanswered.get(s.id) ?? 0 }))
      .sort((a, b) => Number(NEEDS_ACTION.includes(b.next)) - Number(NEEDS_ACTION.includes(a.next))),
  };
}

export default function MyScenarios() {
  const { organisation, verified, call, status, counts, total, items } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const tab = (value: string | null, label: string, n: number) => (
    <li key={value ?? "all"}>
      <Link
        to={value ? `/my/scenarios?status=${value}` : "/my/scenarios"}
        aria-current={status === value ? "page" : undefined}
        className={`block rounded px-2 py-1 text-sm ${status === value ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
      >
        {label} ({n})
      </Link>
    </li>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("demand.list.title")}</h1>
          {organisation && <p className="text-sm text-slate-600">{organisation}</p>}
        </div>
        <Link to="/my/scenarios/new" className={buttonClass}>{t("demand.list.new")}</Link>
      </div>
      <div className="space-y-1 rounded border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
        <p>
          {call
            ? call.call_closes_at
              ? t("demand.call.openUntil", { year: String(call.year), date: formatDate(call.call_closes_at, lang) })
              : t("demand.call.open", { year: String(call.year) })
            : t("demand.call.closed")}
        </p>
        {!verified && <p>{t("demand.blocked.unverified")}</p>}
      </div>
      <nav aria-label={t("demand.list.filter")}>
        <ul className="flex flex-wrap gap-1">
          {tab(null, t("demand.list.all"), total)}
          {SCENARIO_STATUSES.filter((s) => counts[s] || s === status).map((s) => tab(s, t(`status.${s}`), counts[s] ?? 0))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          <p>{total === 0 ? t("demand.list.empty") : t("demand.list.emptyFilter")}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t("demand.list.scenario")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("scenario.status")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("demand.list.updated")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("demand.list.next")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">
                    <Link to={`/my/scenarios/${s.id}`} className="font-medium text-brand-700 underline break-words">{s.title}</Link>
                    <p className="text-xs text-slate-500">
                      {t("edition.label", { year: String(s.year) })}{s.code && <> · <span className="font-mono">{s.code}</span></>}
                    </p>
                  </td>
                  <td className="px-3 py-2"><StatusBadge status={s.status} phase={s.phase} /></td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600"><time dateTime={s.updated_at}>{formatDateTime(s.updated_at, lang)}</time></td>
                  <td className="px-3 py-2 text-slate-700">
                    {s.next === "awaiting_select" ? (
                      <Link to={`/my/scenarios/${s.id}/proposals`} data-next="awaiting_select"
                        className="block w-fit rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-950 underline">
                        {t("demand.next.awaiting_select", { n: s.waiting })}
                      </Link>
                    ) : s.next === "awaiting_none" ? (
                      <Link to={`/my/scenarios/${s.id}`} data-next="awaiting_none" className="block w-fit rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-950 underline">
                        {t("demand.next.awaiting_none")}
                      </Link>
                    ) : t(`demand.next.${s.next}`)}
                    {s.unanswered > 0 && s.code && (
                      <Link to={`/scenarios/${s.code}#questions`} className="mt-1 block w-fit rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 underline">
                        {t("questions.unansweredCount", { n: s.unanswered })}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
