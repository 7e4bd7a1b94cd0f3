import type { DB } from "~/db/db.server";
import { ALERT_LIST_LIMIT, dueBefore, isAlertDue } from "~/domain/saved-searches";
import { notifyUser } from "~/mail/outbox.server";
import { SearchUnavailableError, type SearchEngine } from "~/search/engine";
import { matchingPublishedSince } from "./saved-searches.server";

// The alert job. For each saved search that is due it asks the search engine for matching public
// scenarios published since the search was saved (looking back a day before its last run, so a
// batch whose transaction was still open during that run is not missed), drops the ones it has
// already told the owner about (saved_search_seen), and sends ONE notice listing the rest.
// An amended scenario keeps its published_at and its seen row, so it never alerts again.

const LOOK_BACK_MS = 24 * 60 * 60 * 1000;

export interface AlertReport {
  checked: number;
  notified: number;
  failed: number;
}

export async function runSavedSearchAlerts(db: DB, engine: SearchEngine, now = new Date()): Promise<AlertReport> {
  // Only due searches are read: with nothing due this is one indexed query.
  const due = await db
    .selectFrom("saved_searches")
    .where((eb) => eb.or([
      eb("frequency", "=", "immediate"),
      eb("last_alerted_at", "is", null),
      eb.and([eb("frequency", "=", "daily"), eb("last_alerted_at", "<=", dueBefore("daily", now))]),
      eb.and([eb("frequency", "=", "weekly"), eb("last_alerted_at", "<=", dueBefore("weekly", now))]),
    ]))
    .selectAll()
    .orderBy("id")
    .execute();

  const report: AlertReport = { checked: 0, notified: 0, failed: 0 };
  if (!due.length) return report;
  // Nothing published since a search's window opened means nothing new for it, without asking the engine.
  const latest = await db.selectFrom("scenarios").where("code", "is not", null)
    .select((eb) => eb.fn.max("published_at").as("at")).executeTakeFirst();
  for (const search of due) {
    if (!isAlertDue(search.frequency, search.last_alerted_at, now)) continue;
    const lookBack = search.last_alerted_at ? new Date(new Date(search.last_alerted_at).getTime() - LOOK_BACK_MS).toISOString() : search.created_at;
    const since = lookBack > search.created_at ? lookBack : search.created_at;
    if (!latest?.at || latest.at < since) {
      // Immediate searches are looked at every run; only the others need the mark.
      if (search.frequency !== "immediate") {
        await db.updateTable("saved_searches").set({ last_alerted_at: now.toISOString() }).where("id", "=", search.id).execute();
      }
      continue;
    }
    let found;
    try {
      found = await matchingPublishedSince(db, engine, search.query, since);
    } catch (error) {
      // Without the engine the text cannot be matched: try again next run, from the same point.
      if (!(error instanceof SearchUnavailableError)) throw error;
      console.warn(`[alerts] saved search ${search.id} skipped, search unavailable: ${error.message}`);
      report.failed++;
      continue;
    }
    report.checked++;
    const sent = await db.transaction().execute(async (trx) => {
      const seen = found.ids.length
        ? new Set((await trx.selectFrom("saved_search_seen").where("saved_search_id", "=", search.id)
          .where("scenario_id", "in", found.ids).select("scenario_id").execute()).map((r) => r.scenario_id))
        : new Set<number>();
      const fresh = found.ids.filter((id) => !seen.has(id));
      await trx.updateTable("saved_searches").set({ last_alerted_at: now.toISOString() }).where("id", "=", search.id).execute();
      if (!fresh.length) return false;
      await trx.insertInto("saved_search_seen")
        .values(fresh.map((id) => ({ saved_search_id: search.id, scenario_id: id, alerted_at: now.toISOString() })))
        .execute();
      const shown = await trx.selectFrom("scenarios").where("id", "in", fresh.slice(0, ALERT_LIST_LIMIT))
        .select(["id", "code", "title"]).execute();
      const byId = new Map(shown.map((s) => [s.id, s]));
      const lines = fresh.slice(0, ALERT_LIST_LIMIT).flatMap((id) => {
        const s = byId.get(id);
        return s ? [`${s.code} ${s.title}`] : [];
      });
      const more = fresh.length - lines.length;
      await notifyUser(trx, search.user_id, (t) => ({
        kind: "saved_search.alert",
        title: t("savedSearch.alert.title", { name: search.name, count: fresh.length }),
        body: [...lines.map((l) => `• ${l}`), ...(more > 0 ? [t("savedSearch.alert.more", { count: more })] : [])].join("\n"),
        link: `/my/searches/${search.id}/open`,
      }));
      return true;
    });
    if (sent) report.notified++;
  }
  return report;
}
