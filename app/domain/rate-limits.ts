// How often one account, and one address, may do the things that write public text or send mail to
// others: ask a question, file an objection, create an account, add a saved search. Generous for a
// person, a wall for a script (issue 13: 989 questions on one scenario in 20 minutes). Sign-in
// failures have their own, stricter rule (app/auth/throttle.server.ts). Decision 021.

export type RateLimitedAction = "question" | "objection" | "signup" | "savedSearch";

export interface Limit {
  max: number;
  windowMinutes: number;
}

/** Per account (when there is one) and per address; either one reached refuses the action. */
export const RATE_LIMITS: Record<RateLimitedAction, { account?: Limit; address: Limit }> = {
  // A vendor asks a handful of questions on a scenario; ten an hour across all scenarios is plenty.
  question: { account: { max: 10, windowMinutes: 60 }, address: { max: 30, windowMinutes: 60 } },
  // Objections are rare and carefully written; anyone may file one, signed in or not.
  objection: { account: { max: 3, windowMinutes: 60 }, address: { max: 5, windowMinutes: 60 } },
  // No account yet: per address only (an office behind one address may sign up a few colleagues).
  signup: { address: { max: 5, windowMinutes: 60 } },
  savedSearch: { account: { max: 20, windowMinutes: 60 }, address: { max: 60, windowMinutes: 60 } },
};

export interface RetryAfter {
  /** Seconds until one more is allowed (for a Retry-After header). */
  seconds: number;
  /** The same in whole minutes, at least 1, for the message. */
  minutes: number;
}

/**
 * Whether one more is refused, given the times (ms) of those already counted in the window, and
 * when the next one is allowed: once the oldest that keeps the count at the limit leaves the window.
 */
export function retryAfter(times: number[], limit: Limit, now: number): RetryAfter | null {
  const windowMs = limit.windowMinutes * 60_000;
  const inWindow = times.filter((t) => t > now - windowMs).sort((a, b) => a - b);
  if (inWindow.length < limit.max) return null;
  const until = inWindow[inWindow.length - limit.max]! + windowMs;
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return { seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) };
}

/** The longer of two waits (both limits must allow the action). */
export function longerWait(a: RetryAfter | null, b: RetryAfter | null): RetryAfter | null {
  if (!a) return b;
  if (!b) return a;
  return a.seconds >= b.seconds ? a : b;
}
