import { Link } from "react-router";
import type { MatchReason, MissingItem } from "~/domain/matching";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { MatchExplanation, ScoreBadge } from "./match-reasons";

export interface RecommendedVendor {
  vendorId: number;
  name: string;
  district: string;
  score: number;
  reasons: MatchReason[];
  missing: MissingItem[];
}

/** "推荐供应商" on the owner's page of a published scenario: each vendor with its reasons and gaps. */
export function RecommendedVendors({ vendors }: { vendors: RecommendedVendor[] }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="recommended-vendors" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="recommended-vendors" className="text-lg font-semibold">{t("matching.vendors.title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("matching.vendors.lead")}</p>
      {vendors.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("matching.vendors.empty")}</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100">
          {vendors.map((v) => (
            <li key={v.vendorId} className="py-3">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <Link to={`/vendors/${v.vendorId}`} className="min-w-0 break-words font-medium text-brand-700 hover:underline">{v.name}</Link>
                <span className="text-xs text-slate-500">{vocabularyLabel(t, lang, "district", v.district)}</span>
                <ScoreBadge score={v.score} />
              </div>
              <MatchExplanation reasons={v.reasons} missing={v.missing} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
