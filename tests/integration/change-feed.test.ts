import { createRequire } from "node:module";
import type { LoaderFunctionArgs } from "react-router";
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { loader as scenariosApi } from "~/routes/api.v1.scenarios";
import { loader as vendorsApi } from "~/routes/api.v1.vendors";
import { loader as benchmarksApi } from "~/routes/api.v1.benchmarks";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation, insertScenario } from "../fixtures";
import { apiResult, openDataWorld, scenarioAt, type World } from "../open-data";
import { routeArgs } from "../auth";

let db: DB;
let w: World;

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
async function get(loader: Loader, url: string) {
  const full = url.startsWith("http") ? url : `http://localhost${url}`;
  return await apiResult(loader(routeArgs({ request: new Request(full), params: {}, context: {} })));
}

/** Follows links.next from a first URL until hasMore is false; every item, in order. */
async function drain(loader: Loader, first: string, between?: () => Promise<void>) {
  const items: any[] = [];
  let url = first;
  let last: any;
  for (let pages = 0; pages < 1000; pages++) {
    const { status, body } = await get(loader, url);
    expect(status).toBe(200);
    items.push(...body.items);
    last = body;
    if (!body.hasMore) break;
    url = body.links.next;
    await between?.();
  }
  return { items, next: last.links.next as string };
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  w = await openDataWorld(db);
});

describe("scenario change feed", () => {
  it("lists every public scenario once, and a withdrawal as a deletion", async () => {
    const a = await scenarioAt(db, w, "published");
    const b = await scenarioAt(db, w, "published");
    const c = await scenarioAt(db, w, "benchmark");
    await insertScenario(db, { edition_id: w.editionId, organisation_id: w.hospital, title: "草稿", status: "draft" });

    const since = "2020-01-01T00:00:00Z";
    const first = await drain(scenariosApi, `/api/v1/scenarios?updatedSince=${since}&limit=2`);
    expect(first.items.map((i) => i.code).sort()).toEqual([a.code, b.code, c.code].sort());
    expect(first.items.every((i) => i.op === "upsert")).toBe(true);
    const bench = first.items.find((i) => i.code === c.code);
    expect(bench.scenario).toMatchObject({ status: "benchmark", award: { vendor: { name: "南京云启智能科技有限公司" } }, benchmark: { meanScore: 84.5 } });
    // What stays sealed never appears.
    expect(JSON.stringify(first.items)).not.toContain("密封的方案内容");
    expect(JSON.stringify(first.items)).not.toContain("price");

    // The owner withdraws b; a is amended. Polling from the saved cursor shows exactly that.
    await db.updateTable("scenarios").set({ status: "withdrawn" }).where("id", "=", b.id).execute();
    await db.updateTable("scenarios").set({ title: "智能导诊（已变更）" }).where("id", "=", a.id).execute();
    const later = await drain(scenariosApi, first.next);
    expect(later.items.map((i) => [i.op, i.code])).toEqual([["delete", b.code], ["upsert", a.code]]);
    expect(later.items[0]).not.toHaveProperty("scenario");
    expect(later.items[1].scenario.title).toBe("智能导诊（已变更）");

    // Nothing new: an empty page that still says where to poll from.
    const quiet = await get(scenariosApi, later.next);
    expect(quiet.body).toMatchObject({ items: [], hasMore: false });
    expect(quiet.body.next).toBe(new URL(later.next).searchParams.get("cursor"));
  });

  it("counts changes to what the record shows: capabilities and the number of proposals", async () => {
    const a = await scenarioAt(db, w, "published");
    const { next } = await drain(scenariosApi, "/api/v1/scenarios?updatedSince=2020-01-01");
    const cap = await db.selectFrom("capabilities").where("slug", "=", "cv").select("id").executeTakeFirstOrThrow();
    await db.insertInto("scenario_capabilities").values({ scenario_id: a.id, capability_id: cap.id }).execute();
    let page = await drain(scenariosApi, next);
    expect(page.items.map((i) => i.code)).toEqual([a.code]);
    expect(page.items[0].scenario.capabilities.map((c: { slug: string }) => c.slug)).toContain("cv");

    // A vendor editing a draft proposal is not a public change; submitting one is (the count).
    const third = await insertOrganisation(db, "南京第三方科技有限公司", "vendor");
    const draft = await db.insertInto("proposals").values({ scenario_id: a.id, vendor_id: third, status: "draft" }).returning("id").executeTakeFirstOrThrow();
    await db.updateTable("proposals").set({ approach: "修改草稿" }).where("id", "=", draft.id).execute();
    expect((await drain(scenariosApi, page.next)).items).toEqual([]);
    await db.updateTable("proposals").set({ status: "submitted" }).where("id", "=", draft.id).execute();
    page = await drain(scenariosApi, page.next);
    expect(page.items.map((i) => i.scenario.proposalCount)).toEqual([3]);
  });

  it("starts at updatedSince", async () => {
    await scenarioAt(db, w, "published");
    const cutoff = new Date(Date.now() + 5).toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const fresh = await scenarioAt(db, w, "matched");
    const { items } = await drain(scenariosApi, `/api/v1/scenarios?updatedSince=${encodeURIComponent(cutoff)}`);
    expect(items.map((i) => i.code)).toEqual([fresh.code]);
    const future = await get(scenariosApi, "/api/v1/scenarios?updatedSince=2999-01-01");
    expect(future.body).toMatchObject({ items: [], hasMore: false });
  });

  it("answers 400 with the reason for a bad cursor, time or limit", async () => {
    for (const [query, error, param] of [
      ["cursor=not-a-cursor", "invalid_cursor", "cursor"],
      ["cursor=eyJjIjoidmVuZG9ycyIsIm0iOiJmZWVkIiwicyI6MX0", "invalid_cursor", "cursor"],
      ["updatedSince=yesterday", "invalid_updated_since", "updatedSince"],
      ["updatedSince=2026-11-20T08:00:00", "invalid_updated_since", "updatedSince"],
      ["updatedSince=2026-11-20&limit=9999", "invalid_limit", "limit"],
      ["updatedSince=2026-11-20&domain=industry", "feed_with_query", "domain"],
    ] as const) {
      const { status, body } = await get(scenariosApi, `/api/v1/scenarios?${query}`);
      expect(status, query).toBe(400);
      expect(body, query).toMatchObject({ error, param, message: expect.any(String) });
    }
  });

  it("pages through exactly once while another connection keeps writing", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await scenarioAt(db, w, i % 5 === 0 ? "piloting" : "published")).id);
    const file = (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db)).rows[0]!.file;

    // Another thread with its own connection: retitles, withdraws, adds capabilities and
    // publishes new scenarios in plain SQL, as fast as it can, until told to stop.
    const worker = new Worker(WRITER, { eval: true, workerData: { file, ids, editionId: w.editionId, org: w.hospital, sqlite: createRequire(import.meta.url).resolve("better-sqlite3") } });
    const done = new Promise<{ touched: number[]; writes: number }>((resolve, reject) => {
      worker.on("message", resolve);
      worker.on("error", reject);
    });

    const seen: any[] = [];
    const readAt = new Map<unknown, number>();
    let url = "/api/v1/scenarios?updatedSince=2020-01-01&limit=7";
    const started = Date.now();
    for (let pages = 0; pages < 40; pages++) {
      const at = Date.now();
      const { body } = await get(scenariosApi, url);
      for (const item of body.items) readAt.set(item, at);
      seen.push(...body.items);
      url = body.links.next;
      await new Promise((r) => setTimeout(r, 3));
    }
    worker.postMessage("stop");
    const { touched, writes } = await done;
    await worker.terminate();
    expect(writes).toBeGreaterThan(50);
    const at = Date.now();
    for (const item of (await drain(scenariosApi, url)).items) {
      readAt.set(item, at);
      seen.push(item);
    }
    // The writes really happened while the pages were read.
    expect(seen.filter((i) => Date.parse(i.changedAt) > started).length).toBeGreaterThan(20);

    // Times never go backwards: the feed is in the order things happened.
    const times = seen.map((i) => i.changedAt);
    expect([...times].sort()).toEqual(times);
    // Never the same change twice; an item shows again only when it changed again.
    const pairs = seen.map((i) => `${i.code}@${i.changedAt}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const codesOf = new Map((await db.selectFrom("scenarios").select(["id", "code"]).execute()).map((r) => [r.code, r.id]));
    const repeated = [...new Set(seen.map((i) => i.code))].filter((code) => seen.filter((i) => i.code === code).length > 1);
    for (const code of repeated) {
      expect(touched, `${code} repeated without a change`).toContain(codesOf.get(code));
      // Shown again only for a change made after the page that showed it before was read. The
      // writer stamps a change inside its transaction, before it commits, so a change stamped a few
      // ms before a read began can still be invisible to that read (25 ms of slack; an exact repeat
      // of one change is caught by the pairs check above).
      const appearances = seen.filter((i) => i.code === code);
      for (let k = 1; k < appearances.length; k++) {
        expect(Date.parse(appearances[k].changedAt), `${code} shown twice for one change`).toBeGreaterThanOrEqual(readAt.get(appearances[k - 1])! - 25);
      }
    }

    // The last word on each scenario is its state now; every public one is there.
    const lastOf = new Map(seen.map((i) => [i.code, i]));
    const now = await db.selectFrom("scenarios").where("code", "is not", null).select(["code", "title", "status"]).execute();
    const publicNow = now.filter((s) => ["published", "matched", "piloting", "benchmark", "closed"].includes(s.status));
    expect(publicNow.length).toBeGreaterThan(30);
    for (const s of now) {
      const last = lastOf.get(s.code);
      if (publicNow.includes(s)) {
        expect(last, s.code!).toMatchObject({ op: "upsert", scenario: { title: s.title, status: s.status } });
      } else {
        expect(last, s.code!).toMatchObject({ op: "delete" });
      }
    }
  }, 30_000);
});

const WRITER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
db.pragma("foreign_keys = ON");
const ids = [...workerData.ids];
const touched = new Set();
let n = 0, stop = false, fresh = 9000;
parentPort.on("message", (m) => { if (m === "stop") stop = true; });
const retitle = db.prepare("update scenarios set title = title || '·', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?");
const withdraw = db.prepare("update scenarios set status = 'withdrawn' where id = ? and status = 'published'");
const addCap = db.prepare("insert or ignore into scenario_capabilities (scenario_id, capability_id) select ?, id from capabilities where slug = 'iot'");
const publish = db.prepare("insert into scenarios (code, edition_id, organisation_id, title, description, domain, district, cooperation_mode, tier, contact_name, status, published_at) values (?, ?, ?, ?, '新场景', 'industry', '江宁区', 'challenge', 'major', '李工', 'published', strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
function step() {
  if (stop) { parentPort.postMessage({ touched: [...touched], writes: n }); return; }
  const id = ids[n % ids.length];
  n++;
  if (n % 11 === 0) { withdraw.run(id); touched.add(id); }
  else if (n % 5 === 0) { const r = publish.run("NJ-2026-" + (fresh++), workerData.editionId, workerData.org, "新发布场景 " + n); ids.push(Number(r.lastInsertRowid)); touched.add(Number(r.lastInsertRowid)); }
  else if (n % 3 === 0) { addCap.run(id); touched.add(id); }
  else { retitle.run(id); touched.add(id); }
  setImmediate(step);
}
step();
`;

describe("vendor and benchmark feeds", () => {
  it("follow verification and certification, deletions included", async () => {
    const bench = await scenarioAt(db, w, "benchmark");
    const vendors = await drain(vendorsApi, "/api/v1/vendors?updatedSince=2020-01-01");
    expect(vendors.items.map((i) => i.vendor.name).sort()).toEqual(["南京云启智能科技有限公司", "江苏智行数据有限公司"].sort());
    const benchmarks = await drain(benchmarksApi, "/api/v1/benchmarks?updatedSince=2020-01-01");
    expect(benchmarks.items).toHaveLength(1);
    expect(benchmarks.items[0].benchmark).toMatchObject({ scenario: { code: bench.code }, kpis: [{ name: "导诊准确率", measured: 93 }] });

    // A product added shows; losing verification is a deletion; a KPI correction re-publishes.
    await db.insertInto("products").values({ organisation_id: w.vendor, kind: "agent", name: "导诊智能体" }).execute();
    await db.updateTable("organisations").set({ verified: 0 }).where("id", "=", w.otherVendor).execute();
    const vendorChanges = await drain(vendorsApi, vendors.next);
    expect(vendorChanges.items.map((i) => [i.op, i.id])).toEqual([["upsert", w.vendor], ["delete", w.otherVendor]]);
    expect(vendorChanges.items[0].vendor.products).toEqual([{ kind: "agent", name: "导诊智能体", description: "", filingNumber: null }]);

    await db.updateTable("pilot_kpis").set({ measured: 94 }).execute();
    await db.updateTable("benchmark_applications").set({ status: "rejected" }).where("scenario_id", "=", bench.id).execute();
    const benchChanges = await drain(benchmarksApi, benchmarks.next);
    expect(benchChanges.items.map((i) => i.op)).toEqual(["delete"]);
  });

  it("re-announces a benchmark when a scenario is started from it or its replica goes public", async () => {
    const bench = await scenarioAt(db, w, "benchmark");
    const application = await db.selectFrom("benchmark_applications").where("scenario_id", "=", bench.id).select("id").executeTakeFirstOrThrow();
    const first = await drain(benchmarksApi, "/api/v1/benchmarks?updatedSince=2020-01-01");
    expect(first.items[0].benchmark.replications).toMatchObject({ count: 0 });

    const replica = await insertScenario(db, { organisation_id: w.hospital, edition_id: w.editionId, status: "draft", replicated_from: application.id });
    const afterDraft = await drain(benchmarksApi, first.next);
    expect(afterDraft.items.map((i) => i.op)).toEqual(["upsert"]);
    expect(afterDraft.items[0].benchmark.replications).toMatchObject({ count: 1, scenarios: [] });

    // Edits to a draft replica change nothing public; its publication does.
    await db.updateTable("scenarios").set({ title: "草稿改名" }).where("id", "=", replica.id).execute();
    expect((await drain(benchmarksApi, afterDraft.next)).items).toEqual([]);
    await db.updateTable("scenarios").set({ status: "published", code: "NJ-2026-0999", published_at: "2026-11-20T02:00:00.000Z" }).where("id", "=", replica.id).execute();
    const afterPublication = await drain(benchmarksApi, afterDraft.next);
    expect(afterPublication.items[0].benchmark.replications.scenarios).toMatchObject([{ code: "NJ-2026-0999" }]);
  });
});
