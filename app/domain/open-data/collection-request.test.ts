import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseCollectionRequest, parseUpdatedSince } from "./collection-request";

const parse = (qs: string, query: string[] = ["q", "domain", "page"]) => parseCollectionRequest(new URLSearchParams(qs), "scenarios", query);

describe("cursors", () => {
  it("round-trip and stay opaque (URL-safe, no query text visible)", () => {
    const cursor = encodeCursor("scenarios", { kind: "page", query: "q=医院&domain=livelihood", page: 3 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain("livelihood");
    expect(decodeCursor("scenarios", cursor)).toEqual({ ok: true, value: { c: "scenarios", m: "page", q: "q=医院&domain=livelihood", p: 3 } });
  });

  it("refuse a cursor of another collection, or a made-up one, with the reason", () => {
    const vendors = encodeCursor("vendors", { feedSeq: 10 });
    const other = decodeCursor("scenarios", vendors);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.problem).toMatchObject({ error: "invalid_cursor", param: "cursor", message: expect.stringContaining("/vendors") });
    for (const bad of ["abc", "!!!", Buffer.from('{"c":"scenarios","m":"feed","s":-1}').toString("base64url"), ""]) {
      const result = decodeCursor("scenarios", bad);
      expect(result.ok).toBe(false);
    }
  });
});

describe("updatedSince", () => {
  it("reads times with a zone and dates (midnight Beijing time)", () => {
    expect(parseUpdatedSince("2026-11-20T08:00:00+08:00")).toEqual({ ok: true, value: "2026-11-20T00:00:00.000Z" });
    expect(parseUpdatedSince("2026-11-20T00:00:00.123Z")).toEqual({ ok: true, value: "2026-11-20T00:00:00.123Z" });
    expect(parseUpdatedSince("2026-11-20")).toEqual({ ok: true, value: "2026-11-19T16:00:00.000Z" });
  });

  it("refuses times without a zone, impossible days and words", () => {
    for (const bad of ["2026-11-20T08:00:00", "2026-02-30", "2026-13-01", "2026-11-20T25:00Z", "yesterday", "1700000000"]) {
      const result = parseUpdatedSince(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.problem.message).toContain("ISO 8601");
    }
  });
});

describe("collection requests", () => {
  it("is a list by default and the feed with updatedSince", () => {
    expect(parse("")).toEqual({ ok: true, value: { mode: "list", position: null, limit: 20 } });
    expect(parse("updatedSince=2026-11-20&limit=500")).toEqual({ ok: true, value: { mode: "feed", since: "2026-11-19T16:00:00.000Z", afterSeq: null, limit: 500 } });
  });

  it("continues from a cursor, which carries the rest", () => {
    const feed = encodeCursor("scenarios", { feedSeq: 42 });
    expect(parse(`cursor=${feed}&limit=5`)).toEqual({ ok: true, value: { mode: "feed", since: null, afterSeq: 42, limit: 5 } });
    const page = encodeCursor("scenarios", { kind: "page", query: "domain=industry", page: 2 });
    expect(parse(`cursor=${page}`)).toEqual({ ok: true, value: { mode: "list", position: { kind: "page", query: "domain=industry", page: 2 }, limit: 20 } });
  });

  it("says what is wrong: limits, a cursor with a query, filters on the feed", () => {
    const limit = parse("limit=0");
    expect(limit.ok || limit.problem).toMatchObject({ error: "invalid_limit", param: "limit" });
    const tooMany = parse("updatedSince=2026-11-20&limit=501");
    expect(tooMany.ok || tooMany.problem).toMatchObject({ error: "invalid_limit" });
    const withQuery = parse(`cursor=${encodeCursor("scenarios", { feedSeq: 1 })}&domain=industry`);
    expect(withQuery.ok || withQuery.problem).toMatchObject({ error: "cursor_with_query", param: "domain" });
    const filtered = parse("updatedSince=2026-11-20&domain=industry");
    expect(filtered.ok || filtered.problem).toMatchObject({ error: "feed_with_query", param: "domain" });
  });
});
