import type { HeadersFunction } from "react-router";
import { message } from "~/domain/forms/messages";
import type { RetryAfter } from "~/domain/rate-limits";

/** The form error for a refused action: how many minutes to wait, in the reader's language. */
export const tryAgainMessage = (wait: RetryAfter) => message("rateLimit.tryAgain", { minutes: wait.minutes });

/** 429 with Retry-After in seconds (RFC 9110), for `data(…, tooManyRequests(wait))`. */
export const tooManyRequests = (wait: RetryAfter) => ({ status: 429, headers: { "Retry-After": String(wait.seconds) } });

/**
 * A route's `headers` export that lets an action's (or loader's) Retry-After reach the response.
 * Without a `headers` export Remix keeps only Set-Cookie from what the action returned, so the
 * 429 of a plain form post would go out without it.
 */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders }) => {
  const headers = new Headers();
  const value = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (value) headers.set("Retry-After", value);
  return headers;
};
