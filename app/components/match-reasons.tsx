import type { MatchReason, MissingItem } from "~/domain/matching";
import { CAPABILITIES, INDUSTRIES } from "~/domain/vocabulary";
import type { MessageKey } from "~/i18n/dictionary";
import type { Lang, Translate } from "~/i18n/i18n";
import { listJoin, vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";

function capabilityNames(slugs: string[] | undefined, lang: Lang): string {
  const names = (slugs ?? []).map((slug) => {
    const c = CAPABILITIES.find((x) => x.slug === slug);
    return c ? (lang === "en" ? c.en : c.zh) : slug;
  });
  return listJoin(names, lang);
}

function industryNames(codes: string[] | undefined, lang: Lang): string {
  const names = (codes ?? []).map((code) => {
    const i = INDUSTRIES.find((x) => x.code === code);
    return i ? (lang === "en" ? i.en : i.zh) : code;
  });
  return listJoin(names, lang);
}

/**
 * A reason in plain language: "共有能力：大模型、智能体", "在医院场景有 2 个先行先试", "产品对口：灵医Bot（共同关键词：
 * 诊疗、门诊）". Tags the system inferred say so (系统推断); shared words are named where a reason rests on them.
 */
export function reasonText(t: Translate, lang: Lang, reason: Pick<MatchReason, "code" | "values">): string {
  const v = reason.values;
  const key = `matching.reason.${reason.code}${v.inferred ? ".inferred" : ""}`;
  const text = t(key as MessageKey, {
    capabilities: capabilityNames(v.capabilities, lang),
    domain: v.domain ? vocabularyLabel(t, lang, "domain", v.domain) : "",
    venue: v.venue ? vocabularyLabel(t, lang, "venue", v.venue) : "",
    district: v.district ? vocabularyLabel(t, lang, "district", v.district) : "",
    count: v.count ?? 0,
    names: listJoin(v.names ?? [], lang),
    industries: industryNames(v.industries, lang),
  });
  const sharesTerms = (reason.code === "similar_case" || reason.code === "product_fit") && (v.terms?.length ?? 0) > 0;
  return sharesTerms ? text + t("matching.reason.sharedTerms", { terms: listJoin(v.terms!, lang) }) : text;
}

export function missingText(t: Translate, lang: Lang, item: MissingItem): string {
  return t(`matching.missing.${item.code}` as MessageKey, { capabilities: capabilityNames(item.values.capabilities, lang) });
}

/** How many reasons show at once; the rest (weaker ones) open on request. */
const SHOWN_REASONS = 4;

function ReasonChips({ reasons }: { reasons: MatchReason[] }) {
  const { t, lang } = useI18n();
  return (
    <ul className="flex flex-wrap gap-1.5">
      {reasons.map((r) => (
        <li key={r.code} className="rounded bg-emerald-50 px-2 py-0.5 text-emerald-900 ring-1 ring-emerald-200 break-words">
          {reasonText(t, lang, r)}
        </li>
      ))}
    </ul>
  );
}

/** Why a match was made, strongest reason first, then what is missing. */
export function MatchExplanation({ reasons, missing }: { reasons: MatchReason[]; missing: MissingItem[] }) {
  const { t, lang } = useI18n();
  const more = reasons.slice(SHOWN_REASONS);
  return (
    <div className="mt-2 text-sm">
      <ReasonChips reasons={reasons.slice(0, SHOWN_REASONS)} />
      {more.length > 0 && (
        <details className="mt-1.5">
          <summary className="cursor-pointer text-slate-600">{t("matching.moreReasons", { n: more.length })}</summary>
          <div className="mt-1.5"><ReasonChips reasons={more} /></div>
        </details>
      )}
      {missing.length > 0 && (
        <p className="mt-1.5 text-amber-900">
          <span className="font-medium">{t("matching.missing")}</span>
          {missing.map((m) => missingText(t, lang, m)).join(lang === "en" ? "; " : "；")}
        </p>
      )}
    </div>
  );
}

export function ScoreBadge({ score }: { score: number }) {
  const { t } = useI18n();
  return (
    <span className="whitespace-nowrap rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800 ring-1 ring-brand-100">
      {t("matching.score", { score })}
    </span>
  );
}
