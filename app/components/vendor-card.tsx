import { Link } from "react-router";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import type { VendorCard as Card } from "~/models/vendors.server";
import { excerpt } from "~/search/text";
import { Highlighted } from "./highlighted";
import { ProductKindBadge } from "./product-kind-badge";

const SHOWN_PRODUCTS = 3;

export function VendorCard({ vendor: v, words = [] }: { vendor: Card; words?: string[] }) {
  const { t, lang } = useI18n();
  // Products the search found come first, so the card shows why it is in the results.
  const products = [...v.products].sort((a, b) => Number(hits(b.name, words)) - Number(hits(a.name, words)));
  const more = products.length - SHOWN_PRODUCTS;
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-base font-semibold break-words">
        <Link to={`/vendors/${v.id}`} className="text-brand-700 hover:underline"><Highlighted text={v.name} words={words} /></Link>
      </h3>
      <p className="text-xs text-slate-600">{vocabularyLabel(t, lang, "district", v.district)}</p>
      {v.summary && (
        <p className="mt-2 text-sm text-slate-700 break-words"><Highlighted text={excerpt(v.summary, words, 110)} words={words} /></p>
      )}
      {products.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm" aria-label={t("vendors.products")}>
          {products.slice(0, SHOWN_PRODUCTS).map((p, i) => (
            <li key={i} className="flex flex-wrap items-center gap-2">
              <ProductKindBadge kind={p.kind} />
              <span className="break-words"><Highlighted text={p.name} words={words} /></span>
              {p.filed && <span className="text-xs text-emerald-800">{t("vendors.filed")}</span>}
            </li>
          ))}
          {more > 0 && <li className="text-xs text-slate-500">{t("vendors.moreProducts", { n: more })}</li>}
        </ul>
      )}
      {v.matchedCase && (
        <p className="mt-2 rounded bg-slate-50 px-2 py-1 text-sm text-slate-700 break-words">
          <span className="text-slate-500">{t("vendors.card.case")}</span>
          <Highlighted text={v.matchedCase.client} words={words} />
          {" — "}
          <Highlighted text={excerpt(`${v.matchedCase.scenario} ${v.matchedCase.result}`, words, 80)} words={words} />
        </p>
      )}
      {v.capabilities.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1" aria-label={t("vendors.capabilities")}>
          {v.capabilities.map((c) => (
            <li key={c.slug} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">
              <Highlighted text={lang === "en" ? c.en : c.zh} words={words} />
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-xs text-slate-600">{t("vendors.card.record", { won: v.won, benchmarks: v.benchmarks, cases: v.cases })}</p>
    </article>
  );
}

function hits(text: string, words: string[]): boolean {
  const lower = text.toLowerCase();
  return words.some((w) => w && lower.includes(w));
}
