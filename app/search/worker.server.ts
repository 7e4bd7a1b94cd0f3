// The search outbox worker: one per process, started next to the mail worker. It applies pending
// outbox rows every couple of seconds, and at once when a model that just committed a change asks
// (`requestSearchSync`). Ticks never overlap; a request during a tick runs another right after.

import type { DB } from "~/db/db.server";
import type { SearchEngine } from "./engine";
import { applySearchOutbox, pruneSearchOutbox } from "./sync.server";

interface SearchWorkerHandle {
  /** Runs a tick soon (or right after the running one). */
  request(): void;
  stop(): void;
}

const PRUNE_EVERY_MS = 60 * 60_000;

// On globalThis so that development reloads of this module do not start another timer each time.
const holder = globalThis as unknown as { __searchWorker?: SearchWorkerHandle };

export function startSearchWorker(db: () => DB, engine: () => SearchEngine, intervalMs = 2_000): SearchWorkerHandle {
  if (holder.__searchWorker) return holder.__searchWorker;
  console.info("[search] outbox worker started");
  let running = false;
  let again = false;
  let soon: NodeJS.Timeout | null = null;
  let lastPrune = 0;

  async function tick() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await applySearchOutbox(db(), engine());
        if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          await pruneSearchOutbox(db());
        }
      } while (again);
    } catch (error) {
      console.error("[search] outbox worker tick failed", error);
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  holder.__searchWorker = {
    request() {
      if (soon) return;
      soon = setTimeout(() => {
        soon = null;
        void tick();
      }, 0);
      soon.unref();
    },
    stop() {
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      holder.__searchWorker = undefined;
    },
  };
  return holder.__searchWorker;
}

/**
 * Call after committing a change that search should show promptly. The outbox row is already
 * written (by a trigger, in the change's transaction); this only shortens the wait. Without a
 * running worker (tests, scripts) it does nothing: they apply the outbox themselves.
 */
export function requestSearchSync(): void {
  holder.__searchWorker?.request();
}
