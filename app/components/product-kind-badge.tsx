import type { ProductKind } from "~/domain/vocabulary";
import { useI18n } from "~/i18n/use-i18n";

const COLOURS: Record<ProductKind, string> = {
  industry_model: "bg-indigo-100 text-indigo-900",
  smart_terminal: "bg-sky-100 text-sky-900",
  agent: "bg-emerald-100 text-emerald-900",
};

export function ProductKindBadge({ kind }: { kind: ProductKind }) {
  const { t } = useI18n();
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${COLOURS[kind]}`}>{t(`vendors.kind.${kind}`)}</span>;
}
