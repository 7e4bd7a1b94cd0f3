import type { DB } from "~/db/db.server";
import { longerWait, RATE_LIMITS, retryAfter, type RateLimitedAction, type RetryAfter } from "~/domain/rate-limits";

export type { RetryAfter } from "~/domain/rate-limits";

interface Who {
  /** The signed-in user, if any. */
  userId?: number | null;
  /** The client's address (context.clientAddress). */
  address: string;
}

const keysFor = (action: RateLimitedAction, who: Who) => ({
  account: who.userId ? `${action}:user:${who.userId}` : null,
  address: `${action}:ip:${who.address}`,
});

/** Whether this account or address has reached the limit for the action, and how long to wait. */
export async function rateLimited(db: DB, action: RateLimitedAction, who: Who, now = new Date()): Promise<RetryAfter | null> {
  const rule = RATE_LIMITS[action];
  const keys = keysFor(action, who);
  const longest = Math.max(rule.address.windowMinutes, rule.account?.windowMinutes ?? 0);
  const rows = await db
    .selectFrom("rate_limit_hits")
    .where("key", "in", [keys.address, ...(keys.account ? [keys.account] : [])])
    .where("created_at", ">", new Date(now.getTime() - longest * 60_000).toISOString())
    .select(["key", "created_at"])
    .execute();
  const times = (key: string | null) => rows.filter((r) => r.key === key).map((r) => Date.parse(r.created_at));
  const byAddress = retryAfter(times(keys.address), rule.address, now.getTime());
  const byAccount = rule.account && keys.account ? retryAfter(times(keys.account), rule.account, now.getTime()) : null;
  return longerWait(byAddress, byAccount);
}

/**
 * Counts one action for the account and the address; call it in the transaction of the action, so a
 * refused or failed one is not counted. Rows older than a day are pruned on the way.
 */
export async function countAction(db: DB, action: RateLimitedAction, who: Who, now = new Date()): Promise<void> {
  const keys = keysFor(action, who);
  const at = now.toISOString();
  await db
    .insertInto("rate_limit_hits")
    .values([{ key: keys.address, created_at: at }, ...(keys.account ? [{ key: keys.account, created_at: at }] : [])])
    .execute();
  await db.deleteFrom("rate_limit_hits").where("created_at", "<", new Date(now.getTime() - 86_400_000).toISOString()).execute();
}
