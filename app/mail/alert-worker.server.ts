import type { DB } from "~/db/db.server";
import { runSavedSearchAlerts } from "~/models/saved-search-alerts.server";
import type { SearchEngine } from "~/search/engine";

interface WorkerHandle {
  stop(): void;
}

// One per process, kept on globalThis so that development reloads of this module do not start
// another timer each time (as the mail worker does).
const holder = globalThis as unknown as { __alertWorker?: WorkerHandle };

/**
 * Runs the saved-search alerts every minute. A run with nothing due is one indexed query; ticks
 * never overlap and the timer never keeps Node alive.
 */
export function startAlertWorker(db: () => DB, engine: () => SearchEngine, intervalMs = 60_000): WorkerHandle {
  if (holder.__alertWorker) return holder.__alertWorker;
  console.info("[alerts] saved-search alert worker started");
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const report = await runSavedSearchAlerts(db(), engine());
      if (report.notified || report.failed) console.info(`[alerts] ${report.notified} alerts sent, ${report.failed} searches skipped`);
    } catch (error) {
      console.error("[alerts] saved-search alert tick failed", error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  holder.__alertWorker = {
    stop() {
      clearInterval(timer);
      holder.__alertWorker = undefined;
    },
  };
  return holder.__alertWorker;
}
