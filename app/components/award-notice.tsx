import { Link } from "react-router";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import type { Award } from "~/models/selection.server";

/** The award notice (中选结果) on a scenario's public page, once a proposal has been selected. */
export function AwardNotice({ award }: { award: Award | null }) {
  const { t, lang } = useI18n();
  if (!award) return null;
  return (
    <section aria-labelledby="award" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
      <h2 id="award" className="text-lg font-semibold text-emerald-950">{t("award.title")}</h2>
      <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-2 text-sm lg:grid-cols-4">
        <div className="col-span-2 lg:col-span-1">
          <dt className="text-emerald-900/80">{t("award.vendor")}</dt>
          <dd className="font-semibold break-words">
            <Link to={`/vendors/${award.vendor.id}`} className="text-brand-700 underline">{award.vendor.name}</Link>
          </dd>
        </div>
        <div>
          <dt className="text-emerald-900/80">{t("award.price")}</dt>
          <dd className="font-semibold">{award.priceWan === null ? t("selection.priceMissing") : t("selection.price", { price: award.priceWan })}</dd>
        </div>
        {award.decidedAt && (
          <div>
            <dt className="text-emerald-900/80">{t("award.date")}</dt>
            <dd><time dateTime={award.decidedAt}>{formatDate(award.decidedAt, lang)}</time></dd>
          </div>
        )}
        <div>
          <dt className="text-emerald-900/80">{t("award.considered")}</dt>
          <dd>{t("award.consideredValue", { n: award.considered })}</dd>
        </div>
      </dl>
    </section>
  );
}
