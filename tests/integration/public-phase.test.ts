import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { publicPhase } from "~/domain/public-phase";
import { parseScenarioQuery } from "~/domain/scenario-query";
import { siteStats } from "~/models/edition.server";
import { listPublicScenarios } from "~/models/scenario.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { phaseSql } from "~/search/public-phase-sql.server";
import { createTestDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";

// What a person sees follows the clock: a published call is open until its deadline, "closing
// within 7 days" in its last week, and then awaiting selection — on every count, filter and sort,
// and never served stale from the counts cached per version of the public data.

const DAY = 86_400_000;
const T0 = new Date("2026-12-08T04:00:00.000Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const iso = (days: number) => at(days).toISOString();

let db: DB;
let org: number;
let editionId: number;
beforeEach(async () => {
  db = createTestDatabase();
  await insertCapabilities(db);
  ({ editionId } = await insertEdition(db, 2026, 1));
  org = await insertOrganisation(db, "南京市鼓楼医院");
});

const call = (deadlineDays: number | null, extra: Record<string, unknown> = {}) =>
  insertScenario(db, { organisation_id: org, edition_id: editionId, proposal_deadline: deadlineDays === null ? null : iso(deadlineDays), ...extra });
const query = (params: string) => parseScenarioQuery(new URLSearchParams(params)).query;

describe("the phase in SQL", () => {
  it("agrees with publicPhase on every row, at the boundaries too", async () => {
    const offsets = [-400, -1, -0.0001, 0, 0.0001, 1, 6.9999, 7, 7.0001, 30];
    for (const d of offsets) await call(d);
    await call(null);
    for (const status of ["matched", "piloting", "benchmark", "closed"] as const) await call(-3, { status });
    const rows = await db.selectFrom("scenarios as s")
      .select(["s.id", "s.status", "s.proposal_deadline", phaseSql(T0).as("phase")]).execute();
    expect(rows.length).toBe(offsets.length + 5);
    for (const r of rows) expect(r.phase, `${r.status} ${r.proposal_deadline}`).toBe(publicPhase({ status: r.status, proposalDeadline: r.proposal_deadline }, T0));
  });
});

describe("the public list at a given time", () => {
  it("filters open (closing soon included), closing within 7 days and awaiting selection; the old status=published means open", async () => {
    const longOpen = await call(30);
    const soon = await call(3);
    const passed = await call(-150);
    const matched = await call(-20, { status: "matched" });
    const engine = createEmbeddedEngine(db);
    const ids = async (params: string) =>
      (await engine.searchScenarios({ query: query(params), pageSize: 20, withFacets: true, now: T0 })).ids.sort();
    expect(await ids("status=open")).toEqual([longOpen.id, soon.id].sort());
    expect(await ids("status=published")).toEqual([longOpen.id, soon.id].sort());
    expect(await ids("status=closing_soon")).toEqual([soon.id]);
    expect(await ids("status=awaiting_selection")).toEqual([passed.id]);
    expect(await ids("status=matched")).toEqual([matched.id]);

    const { facets } = await engine.searchScenarios({ query: query(""), pageSize: 20, withFacets: true, now: T0 });
    expect(facets!.status).toEqual({ open: 2, closing_soon: 1, awaiting_selection: 1, matched: 1 });
  });

  it("sorts by deadline with the open calls first, closing soonest on top, then the passed ones", async () => {
    const passedLongAgo = await call(-200);
    const passedRecently = await call(-2);
    const later = await call(40);
    const soonest = await call(1);
    const engine = createEmbeddedEngine(db);
    const { ids } = await engine.searchScenarios({ query: query("sort=deadline"), pageSize: 20, withFacets: false, now: T0 });
    expect(ids).toEqual([soonest.id, later.id, passedRecently.id, passedLongAgo.id]);
  });

  it("moves a call from open to closing soon to awaiting selection as the clock passes, with no write in between", async () => {
    const engine = createEmbeddedEngine(db);
    await call(10);
    await call(60);
    const counts = async (now: Date) => {
      const r = await listPublicScenarios(db, engine, parseScenarioQuery(new URLSearchParams()), { now });
      return { ...r.facets!.status, badges: r.items.map((i) => i.phase).sort() };
    };
    // Asked twice at each time: the second answer comes from the cache and must be the same.
    for (let i = 0; i < 2; i++) expect(await counts(T0)).toEqual({ open: 2, badges: ["open", "open"] });
    for (let i = 0; i < 2; i++) expect(await counts(at(4))).toEqual({ open: 2, closing_soon: 1, badges: ["closing_soon", "open"] });
    for (let i = 0; i < 2; i++) expect(await counts(at(11))).toEqual({ open: 1, awaiting_selection: 1, badges: ["awaiting_selection", "open"] });
    // The filtered total follows too.
    const total = async (now: Date) => (await engine.searchScenarios({ query: query("status=open"), pageSize: 20, withFacets: false, now })).total;
    expect(await total(T0)).toBe(2);
    expect(await total(at(11))).toBe(1);
    expect(await total(at(61))).toBe(0);
  });

  it("counts on the home page what the list counts", async () => {
    await call(30);
    await call(2);
    await call(-30);
    await call(-30, { status: "piloting" });
    const stats = await siteStats(db, T0);
    expect(stats).toMatchObject({ public: 4, open: 2, closingSoon: 1, awaiting: 1, piloting: 1 });
    const listed = await listPublicScenarios(db, createEmbeddedEngine(db), parseScenarioQuery(new URLSearchParams()), { now: T0 });
    expect(listed.facets!.status.open).toBe(stats.open);
    expect(listed.facets!.status.awaiting_selection).toBe(stats.awaiting);
  });
});

describe("the version of the cached counts", () => {
  it("moves when the clock passes a deadline or a deadline's last week, and not otherwise", async () => {
    const { publicDataVersion } = await import("~/search/public-cache.server");
    await call(10);
    const v = (days: number) => publicDataVersion(db, at(days));
    expect(await v(0)).toBe(await v(1));
    expect(await v(3.5)).not.toBe(await v(2.5));
    expect(await v(10.5)).not.toBe(await v(9.5));
    expect(await v(11)).toBe(await v(20));
    // The index it relies on is there.
    const plan = await sql<{ detail: string }>`explain query plan select min(proposal_deadline) from scenarios
      where status = 'published' and proposal_deadline > '2026-01-01'`.execute(db);
    expect(plan.rows.map((r) => r.detail).join(" ")).toContain("scenarios_status_deadline");
  });
});
