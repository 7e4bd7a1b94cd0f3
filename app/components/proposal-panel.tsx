import { Link, useRouteLoaderData } from "react-router";
import type { BidPanel } from "~/models/proposal-page.server";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { countdownText, ProposalStatusBadge } from "./proposal-status";

// The bid panel on a public scenario page: a vendor member gets the way to their own proposal and
// its status; everyone else the public state of the call (how many bids, until when).

/** What it reads from the scenario page's loader, so the page only has to render it. */
interface ScenarioPageData {
  bid: BidPanel;
  proposalCount: number;
  scenario: { code: string | null; status: string; proposal_deadline: string | null };
}

export function ProposalPanel() {
  const data = useRouteLoaderData<ScenarioPageData>("routes/scenarios.$code");
  const { t, lang } = useI18n();
  if (!data?.scenario.code) return null;
  const { bid: panel, proposalCount: count, scenario: { code, status: scenarioStatus, proposal_deadline: deadline } } = data;
  const open = scenarioStatus === "published" && deadline !== null && new Date(panel.now) < new Date(deadline);
  const state = open ? countdownText(t, deadline, panel.now) : scenarioStatus === "published" ? t("bid.closed") : t("bid.notOpen");
  const link = "inline-block rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700";
  return (
    <section aria-labelledby="bid-panel" className="rounded-lg border border-brand-100 bg-brand-50 p-4">
      <h2 id="bid-panel" className="text-lg font-semibold">{t("bid.title")}</h2>
      {deadline && <p className="mt-1 text-sm text-slate-700">{t("proposal.deadline")} <time dateTime={deadline}>{formatDateTime(deadline, lang)}</time></p>}
      <p className={`text-sm ${open ? "font-medium text-emerald-800" : "text-slate-600"}`}>{state}</p>
      <p className="mt-1 text-sm text-slate-700">{t("bid.count", { n: count })}</p>
      {panel.kind === "vendor" && (
        <div className="mt-3 space-y-2">
          {panel.proposal && (
            <p className="text-sm">{t("bid.mine")}<ProposalStatusBadge status={panel.proposal.status} /></p>
          )}
          {panel.proposal?.needsReconfirmation && <p className="text-sm font-medium text-amber-800">{t("bid.reconfirm")}</p>}
          {(panel.proposal || open) && (
            <Link to={`/scenarios/${code}/proposal`} className={link}>
              {panel.proposal && (panel.proposal.status !== "withdrawn" || !open) ? t("bid.view") : t("bid.start")}
            </Link>
          )}
        </div>
      )}
      {panel.kind === "owner" && (
        <p className="mt-3 flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <Link to={`/my/scenarios/${panel.scenarioId}/proposals`} className={link}>{t("selection.open")}</Link>
          <Link to={`/my/scenarios/${panel.scenarioId}`} className="self-center text-brand-700 underline">{t("bid.manage")}</Link>
        </p>
      )}
      {panel.kind === "anonymous" && open && (
        <Link to={`/login?${new URLSearchParams({ redirectTo: `/scenarios/${code}/proposal` })}`} className="mt-3 inline-block text-sm text-brand-700 underline">
          {t("bid.signIn")}
        </Link>
      )}
    </section>
  );
}
