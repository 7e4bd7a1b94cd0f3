import type { DB } from "~/db/db.server";

// Failed sign-ins are limited per account (someone guessing one password) and per address
// (someone trying many accounts). Attempts are stored, so a restart does not reset the count.
const WINDOW_MINUTES = 15;
const MAX_FAILURES = { account: 5, address: 20 } as const;

const keys = (email: string, address: string) => ({ account: `account:${email.toLowerCase()}`, address: `ip:${address}` });

export async function signInBlocked(db: DB, email: string, address: string): Promise<boolean> {
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000).toISOString();
  const k = keys(email, address);
  const rows = await db
    .selectFrom("login_attempts")
    .where("key", "in", [k.account, k.address])
    .where("succeeded", "=", 0)
    .where("created_at", ">", since)
    .groupBy("key")
    .select((eb) => ["key", eb.fn.countAll<number>().as("n")])
    .execute();
  const failures = (key: string) => rows.find((r) => r.key === key)?.n ?? 0;
  return failures(k.account) >= MAX_FAILURES.account || failures(k.address) >= MAX_FAILURES.address;
}

export async function recordSignIn(db: DB, email: string, address: string, succeeded: boolean): Promise<void> {
  const k = keys(email, address);
  await db
    .insertInto("login_attempts")
    .values([
      { key: k.account, succeeded: succeeded ? 1 : 0 },
      { key: k.address, succeeded: succeeded ? 1 : 0 },
    ])
    .execute();
  // A successful sign-in clears the account's failures; the address keeps its record.
  if (succeeded) await db.deleteFrom("login_attempts").where("key", "=", k.account).where("succeeded", "=", 0).execute();
}

export const SIGN_IN_WINDOW_MINUTES = WINDOW_MINUTES;
