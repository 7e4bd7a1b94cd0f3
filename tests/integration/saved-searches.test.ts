import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { runSavedSearchAlerts } from "~/models/saved-search-alerts.server";
import { action as searchesAction, loader as searchesLoader } from "~/routes/my.searches";
import { loader as openLoader } from "~/routes/my.searches_.$id.open";
import { loader as feedLoader } from "~/routes/feeds.searches.$token";
import { reindexScenarios, searchEngine } from "~/search/search.server";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// Saved searches: saving from the list, the owner's page, the alert job and the Atom feed.

let db: DB;
let editionId: number;
let batchId: number;
let hospital: number;
/** The organisation's name is searched too: scenarios that must not match "医院" come from a factory. */
let factory: number;
let vendorUser: number;

const VENDOR = "seller@vendor.test";
const OTHER = "other@vendor.test";

async function insertUser(email: string, organisationId: number) {
  const row = await db.insertInto("users").values({ email, name: email.split("@")[0]!, role: "vendor_member", organisation_id: organisationId })
    .returning("id").executeTakeFirstOrThrow();
  return row.id;
}

const post = async (email: string, form: Record<string, string>) =>
  settle(searchesAction(routeArgs({ request: request("/my/searches", { cookie: await cookieFor(db, email), form }), params: {}, context: {} })));
const list = async (email: string) =>
  searchesLoader(routeArgs({ request: request("/my/searches", { cookie: await cookieFor(db, email) }), params: {}, context: {} }));

/** A scenario published at `at`, put in the search index as publishing does. */
async function publish(title: string, at: string, fields: Record<string, unknown> = {}) {
  const row = await insertScenario(db, { edition_id: editionId, batch_id: batchId, organisation_id: hospital, title, published_at: at, ...fields });
  await reindexScenarios(db, searchEngine());
  return row;
}

async function notices(userId: number) {
  return db.selectFrom("notifications").where("user_id", "=", userId).where("kind", "=", "saved_search.alert")
    .select(["title", "body", "link"]).orderBy("id").execute();
}

async function save(name: string, query: string, frequency: string, createdAt = "2026-11-01T00:00:00.000Z") {
  const result = await post(VENDOR, { intent: "save", name, query, frequency });
  expect(result.status).toBe(302);
  const id = Number(new URL(result.location!, "http://localhost").searchParams.get("id"));
  // Saved "back then", so the scenarios published after it count as new.
  await db.updateTable("saved_searches").set({ created_at: createdAt, last_viewed_at: createdAt }).where("id", "=", id).execute();
  return id;
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  ({ editionId, batchIds: [batchId] } = await insertEdition(db, 2026, 1) as { editionId: number; batchIds: [number] });
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  factory = await insertOrganisation(db, "南京钢铁厂");
  const vendorOrg = await insertOrganisation(db, "智医科技", "vendor");
  vendorUser = await insertUser(VENDOR, vendorOrg);
  await insertUser(OTHER, await insertOrganisation(db, "别家科技", "vendor"));
  await publish("医院智能导诊", "2026-10-01T02:00:00.000Z", { domain: "livelihood" });
  await publish("工厂设备预测性维护", "2026-10-02T02:00:00.000Z", { domain: "industry", organisation_id: factory });
});

describe("saving a search", () => {
  it("keeps the canonical query without the page, and lists it for its owner only", async () => {
    const result = await post(VENDOR, { intent: "save", name: "医院 · 民生服务", query: "page=3&domain=livelihood&q=医院", frequency: "daily" });
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/my\/searches\?done=saved&id=\d+$/);
    const row = await db.selectFrom("saved_searches").selectAll().executeTakeFirstOrThrow();
    expect(row.query).toBe(new URLSearchParams({ q: "医院", domain: "livelihood" }).toString());
    expect(row.feed_token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const mine = await list(VENDOR);
    expect(mine.searches.map((s) => s.name)).toEqual(["医院 · 民生服务"]);
    expect(mine.searches[0]!.feedUrl).toMatch(/\/feeds\/searches\/[A-Za-z0-9_-]{43}\.atom$/);
    expect((await list(OTHER)).searches).toEqual([]);
  });

  it("refuses an unknown frequency next to the field, keeping what was typed, and stores nothing", async () => {
    const result = await post(VENDOR, { intent: "save", name: "我的医院搜索", query: "q=医院", frequency: "hourly" });
    expect(result.status).toBe(400);
    expect(result.body.error.frequency).toEqual(["error.choose"]);
    expect(result.body.initialValue).toMatchObject({ name: "我的医院搜索", query: "q=医院", frequency: "hourly" });
    expect(await db.selectFrom("saved_searches").selectAll().execute()).toEqual([]);
  });

  it("refuses an empty name", async () => {
    const result = await post(VENDOR, { intent: "save", name: "  ", query: "", frequency: "weekly" });
    expect(result.status).toBe(400);
    expect(result.body.error.name).toEqual(["error.required"]);
  });
});

describe("changing and deleting", () => {
  it("changes the frequency and deletes, for the owner", async () => {
    const id = await save("医院", "q=医院", "daily");
    expect((await post(VENDOR, { intent: "frequency", id: String(id), frequency: "weekly" })).location).toBe(`/my/searches?done=frequency&id=${id}`);
    expect((await list(VENDOR)).searches[0]!.frequency).toBe("weekly");
    expect((await post(VENDOR, { intent: "delete", id: String(id) })).status).toBe(302);
    expect((await list(VENDOR)).searches).toEqual([]);
  });

  it("answers another user's saved search with 404 and leaves it alone", async () => {
    const id = await save("医院", "q=医院", "daily");
    expect((await post(OTHER, { intent: "delete", id: String(id) })).status).toBe(404);
    expect((await post(OTHER, { intent: "frequency", id: String(id), frequency: "weekly" })).status).toBe(404);
    const opened = await settle(openLoader(routeArgs({ request: request(`/my/searches/${id}/open`, { cookie: await cookieFor(db, OTHER) }), params: { id: String(id) }, context: {} })));
    expect(opened.status).toBe(404);
    expect((await list(VENDOR)).searches.map((s) => [s.id, s.frequency])).toEqual([[id, "daily"]]);
  });

  it("counts what is new since the owner last opened the results", async () => {
    const id = await save("医院", "q=医院", "daily");
    await publish("医院病房巡检机器人", "2026-11-10T02:00:00.000Z");
    await publish("工厂质检", "2026-11-10T02:00:00.000Z", { organisation_id: factory });
    expect((await list(VENDOR)).searches[0]!.newCount).toBe(1);
    const opened = await settle(openLoader(routeArgs({ request: request(`/my/searches/${id}/open`, { cookie: await cookieFor(db, VENDOR) }), params: { id: String(id) }, context: {} })));
    expect(opened.location).toBe(`/scenarios?${new URLSearchParams({ q: "医院" })}`);
    expect((await list(VENDOR)).searches[0]!.newCount).toBe(0);
  });
});

describe("alerts", () => {
  const at = (iso: string) => new Date(iso);

  it("sends one notice per saved search listing only new matching scenarios, and never the same one twice", async () => {
    const id = await save("医院", "q=医院", "immediate");
    const first = await publish("医院智能客服", "2026-11-10T02:00:00.000Z");
    await publish("工厂质检", "2026-11-10T02:00:00.000Z", { organisation_id: factory });
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T03:00:00.000Z"));
    const sent = await notices(vendorUser);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.title).toBe("订阅“医院”有 1 个新场景");
    expect(sent[0]!.body).toContain(`${first.code} 医院智能客服`);
    expect(sent[0]!.body).not.toContain("医院智能导诊");
    expect(sent[0]!.link).toBe(`/my/searches/${id}/open`);

    // A second run with nothing new sends nothing, even though its window overlaps the first.
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T03:01:00.000Z"));
    expect(await notices(vendorUser)).toHaveLength(1);

    // An amendment changes the text, not published_at: no new alert.
    await db.updateTable("scenarios").set({ title: "医院智能客服（修订）" }).where("id", "=", first.id).execute();
    await reindexScenarios(db, searchEngine());
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T03:02:00.000Z"));
    expect(await notices(vendorUser)).toHaveLength(1);

    // A newly published matching scenario alerts once.
    const next = await publish("医院药房机器人", "2026-11-10T03:02:30.000Z");
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T03:03:00.000Z"));
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T03:04:00.000Z"));
    const after = await notices(vendorUser);
    expect(after).toHaveLength(2);
    expect(after[1]!.body).toContain(`${next.code} 医院药房机器人`);
    expect(after[1]!.body).not.toContain("医院智能客服");
  });

  it("checks daily searches once a day and weekly ones once a week; immediate ones every run", async () => {
    await save("每天", "q=医院", "daily");
    await save("每周", "q=医院", "weekly");
    await save("即时", "q=医院", "immediate");
    const names = async () => (await notices(vendorUser)).map((n) => n.title.match(/“(.+)”/)![1]);

    await publish("医院一", "2026-11-10T01:00:00.000Z");
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T02:00:00.000Z"));
    // Never checked before: all three are due.
    expect(await names()).toEqual(["每天", "每周", "即时"]);

    await publish("医院二", "2026-11-10T05:00:00.000Z");
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T06:00:00.000Z"));
    expect((await names()).slice(3)).toEqual(["即时"]);

    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-11T02:00:00.000Z"));
    expect((await names()).slice(4)).toEqual(["每天"]);

    await publish("医院三", "2026-11-12T05:00:00.000Z");
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-12T06:00:00.000Z"));
    // Daily was checked 28 hours ago → due; weekly only 2 days ago → not.
    expect((await names()).slice(5)).toEqual(["每天", "即时"]);

    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-17T02:00:00.000Z"));
    // A week after its last check, weekly names both scenarios it has not told about yet.
    const last = (await notices(vendorUser)).at(-1)!;
    expect(last.title).toBe("订阅“每周”有 2 个新场景");
    expect(last.body).toMatch(/医院二[\s\S]*医院三|医院三[\s\S]*医院二/);
  });

  it("names at most five and says how many more", async () => {
    await save("医院", "q=医院", "immediate");
    for (let i = 1; i <= 7; i++) await insertScenario(db, { edition_id: editionId, batch_id: batchId, organisation_id: hospital, title: `医院场景${i}`, published_at: `2026-11-10T0${i}:00:00.000Z` });
    await reindexScenarios(db, searchEngine());
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T09:00:00.000Z"));
    const [notice] = await notices(vendorUser);
    expect(notice!.title).toBe("订阅“医院”有 7 个新场景");
    expect(notice!.body.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(5);
    expect(notice!.body).toContain("另有 2 个");
    expect(notice!.body).toContain("医院场景7");
  });

  it("does nothing when nothing is due", async () => {
    await save("每周", "q=医院", "weekly");
    await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T02:00:00.000Z"));
    const report = await runSavedSearchAlerts(db, searchEngine(), at("2026-11-10T03:00:00.000Z"));
    expect(report).toEqual({ checked: 0, notified: 0, failed: 0 });
  });
});

describe("Atom feed", () => {
  it("is valid Atom with escaped titles, found only by its token", async () => {
    await save("医院 & 诊所", "q=医院", "daily");
    const hostile = await publish("医院<script>alert(1)</script> & 导诊", "2026-11-10T02:00:00.000Z", { description: "A & B <b>粗</b>" });
    const { feed_token } = await db.selectFrom("saved_searches").select("feed_token").executeTakeFirstOrThrow();
    const response = await feedLoader(routeArgs({ request: request(`/feeds/searches/${feed_token}.atom`), params: { token: `${feed_token}.atom` }, context: {} }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(xml).not.toContain("<script>");
    expect(xml).toContain(`<title type="text">${hostile.code} 医院&lt;script&gt;alert(1)&lt;/script&gt; &amp; 导诊</title>`);
    expect(xml).toContain("<summary type=\"text\">A &amp; B &lt;b&gt;粗&lt;/b&gt;</summary>");
    expect(xml).toContain("<title type=\"text\">医院 &amp; 诊所 — 场景机会</title>");
    expect(xml).toMatch(/<id>tag:[^,]+,2026:saved-search\/\d+<\/id>/);
    expect(xml).toContain(`<id>tag:localhost,2026:scenario/${hostile.code}</id>`);
    expect(xml).toMatch(/<link rel="self" type="application\/atom\+xml" href="[^"]+\/feeds\/searches\/[A-Za-z0-9_-]{43}\.atom"\/>/);
    expect(xml).toMatch(/<link rel="alternate" type="text\/html" href="[^"]+\/scenarios\?q=%E5%8C%BB%E9%99%A2"\/>/);
    expect(xml).toMatch(/<updated>2026-11-10T02:00:00Z<\/updated>/);
    // Only matching scenarios, newest first.
    const entries = xml.match(/<entry>/g) ?? [];
    expect(entries).toHaveLength(2);
    expect(xml).not.toContain("工厂设备预测性维护");
    // Every ampersand is an entity: the document is well formed as far as escaping goes.
    expect(xml.replace(/&(amp|lt|gt|quot|apos);/g, "")).not.toMatch(/&/);

    const wrong = await feedLoader(routeArgs({ request: request("/feeds/searches/x.atom"), params: { token: `${"A".repeat(43)}.atom` }, context: {} }));
    expect(wrong.status).toBe(404);
  });
});
