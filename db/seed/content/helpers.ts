// Small pickers the sector files share when they invent organisation names.
import type { District } from "~/domain/vocabulary";
import { COMMUNITIES, DISTRICT_INFO, streetStem } from "../districts";
import { BRANDS } from "../names";
import type { Rng } from "../random";

export function street(rng: Rng, district: District): string {
  return rng.pick(DISTRICT_INFO[district].streets);
}

export function streetShort(rng: Rng, district: District): string {
  return streetStem(street(rng, district));
}

export function community(rng: Rng): string {
  return rng.pick(COMMUNITIES);
}

export function brand(rng: Rng): string {
  return rng.pick(BRANDS)[0];
}

const DIGITS = "零一二三四五六七八九";

/** 1–99 in Chinese numerals, as school names write them (第二十一中学). */
export function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const head = tens === 0 ? "" : tens === 1 ? "十" : `${DIGITS[tens]}十`;
  return head + (ones === 0 && tens > 0 ? "" : DIGITS[ones]!);
}

/** 南京市 + district, the way municipal bodies are named. */
export function city(district: District): string {
  return `南京市${district}`;
}
