import type { ApplicationStatus } from "~/domain/benchmark-lifecycle";
import { kpiReached } from "~/domain/pilot-lifecycle";
import type { ConflictReason } from "~/domain/reviewer-conflicts";
import type { Translate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";

// Pieces the office's and the reviewer's pages of a benchmark review both show.

const STATUS_COLOURS: Record<ApplicationStatus, string> = {
  submitted: "bg-amber-100 text-amber-900",
  in_review: "bg-sky-100 text-sky-900",
  notice: "bg-violet-100 text-violet-900",
  certified: "bg-yellow-100 text-yellow-900 ring-1 ring-yellow-400",
  rejected: "bg-slate-200 text-slate-700",
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useI18n();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${STATUS_COLOURS[status]}`}>
      {t(`benchReview.status.${status}`)}
    </span>
  );
}

/** One reason a reviewer is excluded, in the reader's language. */
export function conflictText(t: Translate, reason: ConflictReason): string {
  switch (reason.kind) {
    case "member":
      return t("benchReview.reason.member", { organisation: reason.organisation });
    case "proposal":
      return t(reason.side === "vendor" ? "benchReview.reason.proposal.vendor" : "benchReview.reason.proposal.demand", { organisation: reason.organisation, scenario: reason.scenario });
    case "pilot":
      return t("benchReview.reason.pilot", { organisation: reason.organisation, scenario: reason.scenario });
    case "application":
      return t("benchReview.reason.application", { organisation: reason.organisation, scenario: reason.scenario });
    case "declared":
      return reason.reason ? t("benchReview.reason.declared", { reason: reason.reason }) : t("benchReview.reason.declaredNoReason");
  }
}

export function ConflictReasons({ reasons }: { reasons: readonly ConflictReason[] }) {
  const { t } = useI18n();
  return (
    <ul className="list-disc pl-5 text-sm text-orange-900">
      {reasons.map((r, i) => <li key={i}>{conflictText(t, r)}</li>)}
    </ul>
  );
}

interface Kpi {
  id: number;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  measured: number | null;
  higher_is_better: boolean;
}

interface Evidence {
  id: number;
  kpi_id: number | null;
  file_name: string;
  size_bytes: number;
  note: string;
}

/** The pilot's KPIs and the evidence files, each file linked for download and tied to its KPI when it has one. */
export function KpisAndEvidence({ pilotId, kpis, evidence }: { pilotId: number; kpis: readonly Kpi[]; evidence: readonly Evidence[] }) {
  const { t } = useI18n();
  const kpiName = (id: number | null) => kpis.find((k) => k.id === id)?.name;
  const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
  return (
    <div className="space-y-3">
      <h3 className="font-semibold">{t("benchReview.kpis")}</h3>
      {kpis.length === 0 ? <p className="text-sm text-slate-600">{t("benchReview.kpis.none")}</p> : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="p-2">{t("benchReview.kpi.name")}</th>
                <th scope="col" className="p-2 text-right">{t("benchReview.kpi.baseline")}</th>
                <th scope="col" className="p-2 text-right">{t("benchReview.kpi.target")}</th>
                <th scope="col" className="p-2 text-right">{t("benchReview.kpi.measured")}</th>
                <th scope="col" className="p-2">{t("benchReview.kpi.result")}</th>
              </tr>
            </thead>
            <tbody>
              {kpis.map((k) => {
                const reached = kpiReached({ target: k.target, measured: k.measured, higherIsBetter: k.higher_is_better });
                return (
                  <tr key={k.id} className="border-t border-slate-100">
                    <td className="p-2">{k.name}{k.unit && <span className="text-slate-500">（{k.unit}）</span>}</td>
                    <td className="p-2 text-right tabular-nums">{k.baseline}</td>
                    <td className="p-2 text-right tabular-nums">{k.target}</td>
                    <td className="p-2 text-right tabular-nums font-medium">{k.measured ?? "—"}</td>
                    <td className="p-2">
                      {reached === null ? t("benchReview.kpi.notMeasured") : reached
                        ? <span className="text-emerald-800">{t("benchReview.kpi.reached")}</span>
                        : <span className="text-orange-800">{t("benchReview.kpi.notReached")}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="font-semibold">{t("benchReview.evidence")}</h3>
      {evidence.length === 0 ? <p className="text-sm text-slate-600">{t("benchReview.evidence.none")}</p> : (
        <ul className="space-y-1 text-sm">
          {evidence.map((e) => (
            <li key={e.id}>
              <a href={`/pilots/${pilotId}/evidence/${e.id}`} className="text-brand-700 underline break-all">{e.file_name}</a>
              <span className="text-slate-500"> · {size(e.size_bytes)}</span>
              {kpiName(e.kpi_id) && <span className="text-slate-600"> · {t("benchReview.evidence.forKpi", { kpi: kpiName(e.kpi_id)! })}</span>}
              {e.note && <span className="block text-slate-600">{e.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
