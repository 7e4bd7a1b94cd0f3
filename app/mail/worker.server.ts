import type { DB } from "~/db/db.server";
import { queueDigests } from "./outbox.server";
import type { MailTransport } from "./transport.server";

export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
// A row being sent is leased for this long, so a second worker (or an overlapping tick) skips it,
// and a process that dies mid-send leaves it to be retried after the lease instead of never.
const LEASE_MS = 5 * 60_000;
const BATCH_SIZE = 10;

/** Wait before the next try after the `attempts`-th failure: 30 s, 1 min, 2 min … at most 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/**
 * Delivers due outbox rows in id order, a small batch at a time. A failure counts an attempt,
 * keeps the error and backs off; after MAX_ATTEMPTS the row stays, with its error, unsent.
 */
export async function deliverPendingEmail(
  db: DB,
  transport: MailTransport,
  options: { now?: Date; batchSize?: number } = {},
): Promise<DeliveryReport> {
  if (transport.holds) return { sent: 0, failed: 0 };
  const now = options.now ?? new Date();
  const due = await db
    .selectFrom("email_outbox")
    .where("sent_at", "is", null)
    .where("attempts", "<", MAX_ATTEMPTS)
    .where("next_attempt_at", "<=", now.toISOString())
    .orderBy("id")
    .limit(options.batchSize ?? BATCH_SIZE)
    .select(["id", "to_address", "subject", "text_body", "attempts", "next_attempt_at"])
    .execute();

  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (const row of due) {
    const claimed = await db
      .updateTable("email_outbox")
      .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where("id", "=", row.id)
      .where("next_attempt_at", "=", row.next_attempt_at)
      .where("sent_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;

    try {
      await transport.send({ to: row.to_address, subject: row.subject, text: row.text_body });
      await db.updateTable("email_outbox").set({ sent_at: new Date().toISOString(), last_error: null }).where("id", "=", row.id).execute();
      report.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      await db
        .updateTable("email_outbox")
        .set({
          attempts,
          last_error: describeError(error),
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        })
        .where("id", "=", row.id)
        .execute();
      report.failed++;
      const end = attempts >= MAX_ATTEMPTS ? "; giving up" : `; retrying in ${retryDelayMs(attempts) / 1000} s`;
      console.warn(`[mail] message ${row.id} to ${row.to_address} failed (attempt ${attempts})${end}: ${describeError(error)}`);
    }
  }
  return report;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
}

interface WorkerHandle {
  stop(): void;
}

// One worker per process, kept on globalThis so that development reloads of this module do not
// start another timer each time.
const holder = globalThis as unknown as { __mailWorker?: WorkerHandle };

/** Polls the outbox every few seconds; ticks never overlap and the timer never keeps Node alive. */
export function startMailWorker(db: () => DB, transport: MailTransport, intervalMs = 5_000): WorkerHandle {
  if (holder.__mailWorker) return holder.__mailWorker;
  console.info(`[mail] outbox worker started: ${transport.describe()}`);
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await queueDigests(db());
      // Keep going while full batches come back, so a backlog drains without waiting for ticks.
      while ((await deliverPendingEmail(db(), transport)).sent >= BATCH_SIZE);
    } catch (error) {
      console.error("[mail] outbox worker tick failed", error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  holder.__mailWorker = {
    stop() {
      clearInterval(timer);
      holder.__mailWorker = undefined;
    },
  };
  return holder.__mailWorker;
}
