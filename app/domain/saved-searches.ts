// Saved searches of the public list: the canonical query kept for each, and when an alert is due.
// Pure: no database, no clock of its own.

import { parseScenarioQuery, serializeScenarioQuery, type ScenarioQuery } from "./scenario-query";

export const FREQUENCIES = ["immediate", "daily", "weekly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const MAX_SAVED_SEARCHES = 50;
export const MAX_NAME_LENGTH = 60;
/** How many new scenarios one alert names before "and N more". */
export const ALERT_LIST_LIMIT = 5;

const DAY_MS = 24 * 60 * 60 * 1000;
const INTERVAL_MS: Record<Frequency, number> = { immediate: 0, daily: DAY_MS, weekly: 7 * DAY_MS };

/**
 * The query a saved search keeps: the list's canonical query string without the page (a saved
 * search is the whole result, not page 3 of it). Problems in the URL are dropped, as the list does.
 */
export function canonicalSavedQuery(params: URLSearchParams): string {
  const { query } = parseScenarioQuery(params);
  return serializeScenarioQuery(query, { page: 1 }).toString();
}

export function savedQuery(canonical: string): ScenarioQuery {
  return parseScenarioQuery(new URLSearchParams(canonical)).query;
}

/**
 * Whether the alert job should look at a saved search now. Immediate: every run. Daily and weekly:
 * once the interval has passed since the last look; a few minutes of slack so that a job running
 * every minute does not drift a minute later each day.
 */
export function isAlertDue(frequency: Frequency, lastAlertedAt: string | null, now: Date): boolean {
  if (frequency === "immediate" || lastAlertedAt === null) return true;
  const slackMs = 5 * 60 * 1000;
  return now.getTime() - new Date(lastAlertedAt).getTime() >= INTERVAL_MS[frequency] - slackMs;
}

/** The earliest last_alerted_at that makes a search of this frequency due at `now` (for the SQL filter). */
export function dueBefore(frequency: Exclude<Frequency, "immediate">, now: Date): string {
  return new Date(now.getTime() - INTERVAL_MS[frequency] + 5 * 60 * 1000).toISOString();
}
