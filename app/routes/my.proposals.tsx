import { type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { countdownText, ProposalStatusBadge } from "~/components/proposal-status";
import { db } from "~/db/db.server";
import { isOpen, LIVE_STATUSES } from "~/domain/proposals";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { listMyProposals } from "~/models/proposals.server";
import { pilotIdsByProposal } from "~/models/pilots.server";
import { matchScenariosForVendor } from "~/models/matching.server";
import { RecommendedScenarios } from "~/components/recommended-scenarios";
import { searchEngine } from "~/search/search.server";
import { pageTitle } from "~/utils/meta";

// The vendor organisation's proposals: where a vendor member starts. What needs doing comes first
// (re-confirm after an amendment, drafts not yet sent), then every proposal, open ones by deadline.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("myProposals.title"));

const FIND_OPEN_SCENARIOS = "/scenarios?status=published&sort=deadline";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "vendor_member");
  const now = new Date();
  if (!user.organisationId) return { items: [], hasOrganisation: false, now: now.toISOString(), recommended: [], verified: false };
  const [rows, recommended, pilots] = await Promise.all([
    listMyProposals(db(), user.organisationId),
    matchScenariosForVendor(db(), searchEngine(), user.organisationId, { limit: 6, now }),
    pilotIdsByProposal(db(), user.organisationId),
  ]);
  const items = rows.map((r) => ({
    ...r,
    pilotId: pilots.get(r.id) ?? null,
    needsReconfirmation: Boolean(r.needs_reconfirmation) && LIVE_STATUSES.includes(r.status),
    open: r.scenarioStatus === "published" && isOpen(r.deadline, now),
  }));
  // Open ones first, soonest deadline first; then the rest as they were last changed.
  items.sort((a, b) => Number(b.open) - Number(a.open) || (a.open ? (a.deadline ?? "").localeCompare(b.deadline ?? "") : 0));
  return { items, hasOrganisation: true, now: now.toISOString(), recommended, verified: user.organisationVerified };
}

export default function MyProposals() {
  const { items, hasOrganisation, now, recommended, verified } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const open = items.filter((i) => i.open);
  const closed = items.filter((i) => !i.open);
  const attention = open.filter((i) => i.needsReconfirmation || i.status === "draft");
  return (
    <div className="mx-auto max-w-5xl space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-3xl">
          <h1 className="text-2xl font-bold">{t("myProposals.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("myProposals.lead")}</p>
        </div>
        <Link to={FIND_OPEN_SCENARIOS} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">{t("myProposals.find")}</Link>
      </header>

      {!hasOrganisation && <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("myProposals.noOrganisation")}</p>}

      {attention.length > 0 && (
        <section aria-labelledby="attention" className="rounded-lg border-2 border-amber-300 bg-amber-50 p-4">
          <h2 id="attention" className="font-semibold text-amber-950">{t("myProposals.attention")}</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {attention.map((i) => (
              <li key={i.id}>
                <Link to={`/scenarios/${i.code}/proposal`} className="text-amber-950 underline">
                  {i.needsReconfirmation
                    ? t("myProposals.attention.reconfirm", { title: i.title })
                    : t("myProposals.attention.draft", { title: i.title, left: countdownText(t, i.deadline, now) })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {hasOrganisation && items.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="text-slate-700">{t("myProposals.empty")}</p>
          <Link to={FIND_OPEN_SCENARIOS} className="mt-3 inline-block text-brand-700 underline">{t("myProposals.find")}</Link>
        </div>
      )}

      {open.length > 0 && (
        <section aria-labelledby="open-proposals">
          <h2 id="open-proposals" className="text-lg font-semibold">{t("myProposals.open.title", { n: open.length })}</h2>
          <ul className="mt-2 grid gap-3 md:grid-cols-2">
            {open.map((i) => (
              <li key={i.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  <span className="font-mono">{i.code}</span>
                  <ProposalStatusBadge status={i.status} />
                  {i.needsReconfirmation && (
                    <span className="whitespace-nowrap rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-400">{t("myProposals.flag.reconfirm")}</span>
                  )}
                </div>
                <h3 className="mt-1 font-semibold break-words">
                  <Link to={`/scenarios/${i.code}/proposal`} className="text-brand-800 hover:underline">{i.title}</Link>
                </h3>
                <p className="text-sm text-slate-600 break-words">{i.organisation}</p>
                <dl className="mt-2 space-y-1 text-sm">
                  <div className="flex flex-wrap gap-x-2">
                    <dt className="text-slate-500">{t("myProposals.col.deadline")}</dt>
                    <dd>
                      {i.deadline && <time dateTime={i.deadline}>{formatDateTime(i.deadline, lang)}</time>}
                      <span className="text-emerald-800"> · {countdownText(t, i.deadline, now)}</span>
                    </dd>
                  </div>
                  <div className="flex gap-2">
                    <dt className="text-slate-500">{t("myProposals.col.price")}</dt>
                    <dd>{i.price_wan === null ? "—" : t("proposal.price.value", { price: formatNumber(i.price_wan, lang) })}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        </section>
      )}

      {hasOrganisation && <RecommendedScenarios scenarios={recommended} verified={verified} />}

      {closed.length > 0 && (
        <section aria-labelledby="closed-proposals" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="closed-proposals" className="text-lg font-semibold">{t("myProposals.closed.title", { n: closed.length })}</h2>
          <ul className="mt-2 divide-y divide-slate-100">
            {closed.map((i) => (
              <li key={i.id} className="py-2 text-sm">
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="font-mono text-slate-600">{i.code}</span>
                  <Link to={`/scenarios/${i.code}/proposal`} className="min-w-0 flex-1 basis-60 break-words text-brand-800 hover:underline">{i.title}</Link>
                  <ProposalStatusBadge status={i.status} />
                  <span className="whitespace-nowrap text-slate-500">{i.deadline ? formatDate(i.deadline, lang) : "—"}</span>
                </div>
                {i.pilotId !== null && (
                  <Link to={`/pilots/${i.pilotId}`} className="mt-1 inline-block text-brand-700 underline">{t("pilots.workspaceLink")}</Link>
                )}
                {i.decision_reason && (i.status === "selected" || i.status === "declined") && (
                  <p className="mt-1 line-clamp-2 break-words text-slate-600">{t("proposal.outcome.reason", { reason: i.decision_reason })}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
