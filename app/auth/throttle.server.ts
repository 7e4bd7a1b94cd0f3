import type { DB } from "~/db/db.server";

// Failed sign-ins are limited per account (someone guessing one password) and per address
// (someone trying many accounts). Attempts are stored, so a restart does not reset the count.
const WINDOW_MINUTES = 15;
const MAX_FAILURES = { account: 5, address: 20 } as const;

const keys = (email: string, address: string) => ({ account: `account:${email.toLowerCase()}`, address: `ip:${address}` });

export interface SignInBlock {
  /** Whole minutes until enough failures have left the window for one more try (at least 1). */
  retryAfterMinutes: number;
  /** The same in seconds, for a Retry-After header. */
  retryAfterSeconds: number;
}

/**
 * Whether sign-in is refused for this account or from this address, and until when: the block
 * lifts once the oldest failure that keeps the count at the limit is older than the window.
 */
export async function signInBlocked(db: DB, email: string, address: string, now = new Date()): Promise<SignInBlock | null> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString();
  const k = keys(email, address);
  const rows = await db
    .selectFrom("login_attempts")
    .where("key", "in", [k.account, k.address])
    .where("succeeded", "=", 0)
    .where("created_at", ">", since)
    .orderBy("created_at", "asc")
    .select(["key", "created_at"])
    .execute();
  let until = 0;
  for (const [key, max] of [[k.account, MAX_FAILURES.account], [k.address, MAX_FAILURES.address]] as const) {
    const times = rows.filter((r) => r.key === key).map((r) => Date.parse(r.created_at));
    if (times.length < max) continue;
    until = Math.max(until, times[times.length - max]! + WINDOW_MINUTES * 60_000);
  }
  if (until <= now.getTime()) return null;
  const seconds = Math.ceil((until - now.getTime()) / 1000);
  return { retryAfterSeconds: seconds, retryAfterMinutes: Math.max(1, Math.ceil(seconds / 60)) };
}

export async function recordSignIn(db: DB, email: string, address: string, succeeded: boolean, now = new Date()): Promise<void> {
  const k = keys(email, address);
  const at = now.toISOString();
  await db
    .insertInto("login_attempts")
    .values([
      { key: k.account, succeeded: succeeded ? 1 : 0, created_at: at },
      { key: k.address, succeeded: succeeded ? 1 : 0, created_at: at },
    ])
    .execute();
  // A successful sign-in clears the account's failures; the address keeps its record.
  if (succeeded) await db.deleteFrom("login_attempts").where("key", "=", k.account).where("succeeded", "=", 0).execute();
}

export const SIGN_IN_WINDOW_MINUTES = WINDOW_MINUTES;
