import { chineseOrdinal } from "~/domain/vocabulary";
import { zh, type MessageKey } from "./dictionary";

export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;


export function isLang(value: unknown): value is Lang {
  return value === "zh" || value === "en";
}

// Chinese is bundled with every page. English is half the dictionary and few visitors need it, so
// it is provided separately (app/i18n/english.ts): the server loads it at start, the browser
// fetches it before hydrating a page in English (app/entry.client.tsx).
const dictionaries: { zh: Record<MessageKey, string>; en?: Record<MessageKey, string> } = { zh };

export function provideEnglish(messages: Record<MessageKey, string>) {
  dictionaries.en = messages;
}

export function translator(lang: Lang): Translate {
  const messages = dictionaries[lang];
  if (!messages) throw new Error(`The ${lang} messages are not loaded: import "~/i18n/english" first.`);
  return (key, values) => {
    let text: string = messages[key];
    if (values) {
      for (const [name, value] of Object.entries(values)) {
        let shown = typeof value === "number" ? formatNumber(value, lang) : value;
        if (key === "batch.label" && name === "ordinal" && lang === "zh") shown = chineseOrdinal(Number(value));
        text = text.replaceAll(`{${name}}`, shown);
      }
    }
    return text;
  };
}

// Building an Intl formatter costs far more than using one (it showed in the load benchmark's
// profile): each kind is built once per language and reused.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatNumber(value: number, lang: Lang): string {
  const grouping = value >= 10000;
  return formatter(`number:${lang}:${grouping}`, () =>
    new Intl.NumberFormat(lang === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 1, useGrouping: grouping })).format(value);
}

const TIME_ZONE = "Asia/Shanghai";

/** A date in Beijing time: 2026年3月15日 / 15 Mar 2026. Accepts ISO timestamps and YYYY-MM-DD. */
export function formatDate(value: string, lang: Lang): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+08:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter(`date:${lang}`, () => new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: lang === "en" ? "short" : "long",
    day: "numeric",
  })).format(date);
}

export function formatDateTime(value: string, lang: Lang): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter(`datetime:${lang}`, () => new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: lang === "en" ? "short" : "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  })).format(date);
}
