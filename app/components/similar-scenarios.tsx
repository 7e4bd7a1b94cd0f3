import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";

interface SimilarItem {
  code: string;
  title: string;
  organisation: string;
  status: string;
  /** What a person sees now (app/domain/public-phase.ts). */
  phase: string;
  benchmark: boolean;
  url: string;
}

const DEBOUNCE_MS = 350;
const MIN_LENGTH = 2;

/**
 * While a new scenario's title is typed, the public scenarios that look like it. It listens to the
 * title input (by id) rather than owning it, so the form stays as it is; without JavaScript it
 * renders nothing and the form works the same.
 */
export function SimilarWhileTyping({ inputId }: { inputId: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<SimilarItem[]>([]);

  useEffect(() => {
    const input = document.getElementById(inputId);
    if (!(input instanceof HTMLInputElement)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let lastTitle = "";
    const look = () => {
      const title = input.value.replace(/\s+/g, " ").trim();
      if (title === lastTitle) return;
      lastTitle = title;
      controller?.abort();
      if ([...title].length < MIN_LENGTH) {
        setItems([]);
        return;
      }
      controller = new AbortController();
      fetch(`/api/v1/scenarios/similar?${new URLSearchParams({ title: [...title].slice(0, 200).join("") })}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : { items: [] }))
        .then((body: { items?: SimilarItem[] }) => setItems(Array.isArray(body.items) ? body.items : []))
        // Only a hint: a failed or aborted look shows nothing new.
        .catch(() => undefined);
    };
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(look, DEBOUNCE_MS);
    };
    input.addEventListener("input", onInput);
    // A title already there (the form came back with errors) gets its look at once.
    look();
    return () => {
      input.removeEventListener("input", onInput);
      clearTimeout(timer);
      controller?.abort();
    };
  }, [inputId]);

  const hasBenchmark = items.some((i) => i.benchmark);
  return (
    <div aria-live="polite" className="empty:hidden">
      {items.length > 0 && (
        <section aria-labelledby={`${inputId}-similar`} className="mt-2 rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <h3 id={`${inputId}-similar`} className="font-semibold text-amber-950">{t("similar.title")}</h3>
          <p className="text-xs text-amber-900">{hasBenchmark ? t("similar.benchmarkLead") : t("similar.lead")}</p>
          <ul className="-mx-2 mt-2 space-y-1">
            {items.map((s) => (
              <li key={s.code} className={`flex flex-wrap items-baseline gap-x-2 rounded px-2 py-1 ${s.benchmark ? "bg-emerald-50 ring-1 ring-emerald-300" : ""}`}>
                {s.benchmark && <span className="rounded bg-emerald-600 px-1.5 py-0.5 text-xs font-semibold text-white">{t("similar.benchmark")}</span>}
                {/* A new tab: leaving this page would lose what has been typed. */}
                <a href={s.url} target="_blank" rel="noopener noreferrer" className="min-w-0 break-words text-brand-700 underline">{s.title}</a>
                <span className="text-xs text-slate-600">
                  {s.code} · {s.organisation}{!s.benchmark && <> · {t(`phase.${s.phase}` as Parameters<typeof t>[0])}</>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
