// The query string of an open data collection (/api/v1/scenarios, vendors, benchmarks, OCDS
// releases). Two ways to read one:
// - the list: what is public now, page by page; `next` is an opaque cursor that carries the
//   position (and, for scenarios, the search query), so following it needs no other parameter;
// - the change feed (`updatedSince`): every change since a time, in the order it happened,
//   deletions included; `next` carries the position in the feed.
// Bad input is a problem with the parameter and a reason, never an exception.
import { z } from "zod";

export const COLLECTIONS = ["scenarios", "vendors", "benchmarks", "ocds-releases"] as const;
export type Collection = (typeof COLLECTIONS)[number];

export const FEED_LIMIT = { default: 100, max: 500 } as const;
export const LIST_LIMIT = { default: 20, max: 100 } as const;

/** Where a list page starts: a page of a search (scenarios) or the sort key of the last row seen. */
export type ListPosition = { kind: "page"; query: string; page: number } | { kind: "after"; key: (string | number)[] };

export type CollectionRequest =
  | { mode: "feed"; since: string | null; afterSeq: number | null; limit: number }
  | { mode: "list"; position: ListPosition | null; limit: number };

export interface ApiProblem {
  error: "invalid_cursor" | "invalid_updated_since" | "invalid_limit" | "cursor_with_query" | "feed_with_query";
  param: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

const cursorSchema = z.discriminatedUnion("m", [
  z.object({ c: z.enum(COLLECTIONS), m: z.literal("feed"), s: z.number().int().nonnegative() }),
  z.object({ c: z.enum(COLLECTIONS), m: z.literal("page"), q: z.string().max(4000), p: z.number().int().positive() }),
  z.object({ c: z.enum(COLLECTIONS), m: z.literal("after"), k: z.array(z.union([z.string().max(100), z.number()])).min(1).max(4) }),
]);
type CursorBody = z.infer<typeof cursorSchema>;

export function encodeCursor(collection: Collection, position: { feedSeq: number } | ListPosition): string {
  const body: CursorBody =
    "feedSeq" in position
      ? { c: collection, m: "feed", s: position.feedSeq }
      : position.kind === "page"
        ? { c: collection, m: "page", q: position.query, p: position.page }
        : { c: collection, m: "after", k: position.key };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

const CURSOR_HELP = "Use the `next` value of the previous response unchanged, or start again without a cursor.";

export function decodeCursor(collection: Collection, raw: string): Parsed<CursorBody> {
  const fail = (why: string): Parsed<CursorBody> => ({ ok: false, problem: { error: "invalid_cursor", param: "cursor", message: `${why} ${CURSOR_HELP}` } });
  if (raw.length > 6000 || !/^[A-Za-z0-9_-]+$/.test(raw)) return fail("The cursor is not one this API issued.");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return fail("The cursor is not one this API issued.");
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return fail("The cursor is not one this API issued.");
  if (parsed.data.c !== collection) return fail(`The cursor belongs to /${parsed.data.c}, not to this collection.`);
  return { ok: true, value: parsed.data };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * An ISO 8601 time with a zone, or a date (midnight Beijing time, as every date on the site is),
 * as the UTC ISO string the feed compares with.
 */
export function parseUpdatedSince(raw: string): Parsed<string> {
  const value = raw.trim();
  const fail = (): Parsed<string> => ({
    ok: false,
    problem: {
      error: "invalid_updated_since",
      param: "updatedSince",
      message: `updatedSince must be an ISO 8601 time with a time zone, such as 2026-11-20T08:00:00+08:00 or 2026-11-20T00:00:00Z, or a date such as 2026-11-20 (midnight Beijing time); got "${value.slice(0, 40)}".`,
    },
  });
  const dateOnly = DATE_ONLY.test(value);
  if (!dateOnly && !DATE_TIME.test(value)) return fail();
  // Reject days the calendar does not have (2026-02-31) instead of letting them roll over.
  const [y, m, d] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return fail();
  const date = new Date(dateOnly ? `${value}T00:00:00+08:00` : value);
  if (Number.isNaN(date.getTime())) return fail();
  return { ok: true, value: date.toISOString() };
}

function parseLimit(raw: string | null, bounds: { default: number; max: number }): Parsed<number> {
  if (raw === null || raw.trim() === "") return { ok: true, value: bounds.default };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > bounds.max) {
    return { ok: false, problem: { error: "invalid_limit", param: "limit", message: `limit must be a whole number from 1 to ${bounds.max}; got "${raw.slice(0, 20)}".` } };
  }
  return { ok: true, value: n };
}

/** Parameters that are not part of any query: the language of labels in some responses. */
const NEUTRAL_PARAMS = new Set(["limit", "lang"]);

/**
 * Reads the collection parameters. `queryParams` are the names of the collection's own list
 * filters (the scenario search), which make no sense together with a cursor or the feed.
 */
export function parseCollectionRequest(params: URLSearchParams, collection: Collection, queryParams: readonly string[] = []): Parsed<CollectionRequest> {
  const rawCursor = params.get("cursor");
  const rawSince = params.get("updatedSince");
  const present = [...new Set(params.keys())];
  const others = present.filter((k) => k !== "cursor" && k !== "updatedSince" && !NEUTRAL_PARAMS.has(k));

  if (rawCursor !== null) {
    const cursor = decodeCursor(collection, rawCursor);
    if (!cursor.ok) return cursor;
    const extra = [...others, ...(rawSince !== null ? ["updatedSince"] : [])];
    if (extra.length) {
      return {
        ok: false,
        problem: {
          error: "cursor_with_query",
          param: extra[0]!,
          message: `A cursor already carries its query and position; send it alone (with limit if you like), without ${extra.join(", ")}.`,
        },
      };
    }
    const body = cursor.value;
    if (body.m === "feed") {
      const limit = parseLimit(params.get("limit"), FEED_LIMIT);
      return limit.ok ? { ok: true, value: { mode: "feed", since: null, afterSeq: body.s, limit: limit.value } } : limit;
    }
    const limit = parseLimit(params.get("limit"), LIST_LIMIT);
    if (!limit.ok) return limit;
    const position: ListPosition = body.m === "page" ? { kind: "page", query: body.q, page: body.p } : { kind: "after", key: body.k };
    return { ok: true, value: { mode: "list", position, limit: limit.value } };
  }

  if (rawSince !== null) {
    const filters = others.filter((k) => queryParams.includes(k) || k === "page");
    if (filters.length) {
      return {
        ok: false,
        problem: {
          error: "feed_with_query",
          param: filters[0]!,
          message: `The change feed (updatedSince) covers the whole public collection and takes no filters; leave out ${filters.join(", ")}.`,
        },
      };
    }
    const since = parseUpdatedSince(rawSince);
    if (!since.ok) return since;
    const limit = parseLimit(params.get("limit"), FEED_LIMIT);
    return limit.ok ? { ok: true, value: { mode: "feed", since: since.value, afterSeq: null, limit: limit.value } } : limit;
  }

  const limit = parseLimit(params.get("limit"), LIST_LIMIT);
  return limit.ok ? { ok: true, value: { mode: "list", position: null, limit: limit.value } } : limit;
}
