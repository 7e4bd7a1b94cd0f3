import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { isValidCreditCode } from "~/domain/credit-code";
import { transition, type ActorRole, type ScenarioAction, type ScenarioStatus } from "~/domain/scenario-lifecycle";
import { CAPABILITIES, DEMONSTRATION_VENUE_TYPES, DISTRICTS, DOMAINS, PUBLIC_SCENARIO_STATUSES, VENUE_TYPES } from "~/domain/vocabulary";
import { DISTRICT_INFO } from "./districts";
import { keepOpenCallsOpen } from "./current";
import { seedDemo, type SeedCounts } from "./index";

const DEMO_TODAY = "2026-11-20T02:00:00.000Z";
const PUBLIC = new Set<string>(PUBLIC_SCENARIO_STATUSES);
const ACTION_TO: Record<string, ScenarioAction> = {
  submitted: "submit", returned: "return", approved: "approve", published: "publish", matched: "match",
  piloting: "start_pilot", benchmark: "certify", closed: "close", withdrawn: "withdraw",
};

const opened: { db: DB; dir: string }[] = [];

async function seededDatabase(options?: Parameters<typeof seedDemo>[1]): Promise<{ db: DB; counts: SeedCounts }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-test-"));
  const db = openDatabase(path.join(dir, "demo.db"));
  opened.push({ db, dir });
  await migrateToLatest(db);
  const counts = await seedDemo(db, options);
  return { db, counts };
}

afterAll(async () => {
  for (const { db, dir } of opened.splice(0)) {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("seedDemo (default size)", () => {
  let db: DB;
  let counts: SeedCounts;
  beforeAll(async () => {
    ({ db, counts } = await seededDatabase());
  });

  it("reports what it wrote", async () => {
    const scenarios = await db.selectFrom("scenarios").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const certified = await db.selectFrom("benchmark_applications").where("status", "=", "certified").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(counts.scenarios).toBe(900);
    expect(scenarios.n).toBe(900);
    expect(counts.benchmarks).toBe(certified.n);
    expect(counts.organisations).toBeGreaterThanOrEqual(300);
    expect(counts.vendors).toBeGreaterThanOrEqual(200);
  });

  it("loads the capability vocabulary with its synonyms", async () => {
    const caps = await db.selectFrom("capabilities").selectAll().orderBy("id").execute();
    expect(caps.map((c) => [c.slug, c.name_zh, c.name_en])).toEqual(CAPABILITIES.map((c) => [c.slug, c.zh, c.en]));
    const synonyms = await db.selectFrom("capability_synonyms").selectAll().execute();
    expect(synonyms.length).toBe(CAPABILITIES.reduce((n, c) => n + new Set(c.synonyms).size, 0));
  });

  it("has three editions, published batches only for 2025 and 2026, and the plan's targets", async () => {
    const editions = await db.selectFrom("editions").selectAll().orderBy("year").execute();
    expect(editions.map((e) => [e.year, e.call_status])).toEqual([[2025, "closed"], [2026, "closed"], [2027, "open"]]);
    expect(editions[1]!.title).toBe("南京市2026年人工智能场景机会清单");
    expect(editions[0]!.incentive_budget_wan).toBe(5000);
    const batches = await db.selectFrom("batches").innerJoin("editions", "editions.id", "batches.edition_id")
      .select(["editions.year", "batches.published_at"]).where("batches.published_at", "is not", null).execute();
    expect(batches.filter((b) => b.year === 2025)).toHaveLength(3);
    expect(batches.filter((b) => b.year === 2026)).toHaveLength(2);
    expect(batches.filter((b) => b.year === 2027)).toHaveLength(0);
    const targets = Object.fromEntries((await db.selectFrom("targets").selectAll().execute()).map((t) => [t.key, t]));
    expect(targets["benchmarks_total"]).toEqual({ key: "benchmarks_total", goal: 500, deadline: "2027-12-31" });
    for (const v of DEMONSTRATION_VENUE_TYPES) expect(targets[`venue:${v}`]?.goal).toBe(5);
    expect(targets["industry_models"]?.goal).toBe(100);
    expect(targets["terminals_agents"]?.goal).toBe(1000);
  });

  it("creates organisations with unique names and valid credit codes of their district", async () => {
    const orgs = await db.selectFrom("organisations").selectAll().execute();
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.credit_code)).size).toBe(orgs.length);
    for (const o of orgs) {
      expect(isValidCreditCode(o.credit_code), `${o.name} ${o.credit_code}`).toBe(true);
      expect(o.credit_code.slice(2, 8)).toBe(DISTRICT_INFO[o.district as (typeof DISTRICTS)[number]].code);
      expect(o.summary.length).toBeGreaterThan(10);
    }
    const demand = orgs.filter((o) => o.kind === "demand");
    expect(demand.length).toBeGreaterThanOrEqual(300);
    expect(demand.filter((o) => o.verified === 0).length).toBeGreaterThan(0);
    expect(demand.filter((o) => o.verified === 1).length / demand.length).toBeGreaterThan(0.85);
    expect(orgs.filter((o) => o.kind === "office").map((o) => o.name)).toEqual(["南京市人工智能（软件）产业攻坚推进办公室"]);
  });

  it("gives every vendor 2–6 capabilities and 1–4 products, industry models with a filing number", async () => {
    const vendors = await db.selectFrom("organisations").where("kind", "=", "vendor").select("id").execute();
    expect(vendors.length).toBeGreaterThanOrEqual(200);
    const caps = await db.selectFrom("vendor_capabilities").select(["organisation_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("organisation_id").execute();
    const products = await db.selectFrom("products").selectAll().execute();
    const capCount = new Map(caps.map((c) => [c.organisation_id, c.n]));
    for (const v of vendors) {
      expect(capCount.get(v.id)).toBeGreaterThanOrEqual(2);
      expect(capCount.get(v.id)).toBeLessThanOrEqual(6);
      const mine = products.filter((p) => p.organisation_id === v.id).length;
      expect(mine).toBeGreaterThanOrEqual(1);
      expect(mine).toBeLessThanOrEqual(4);
    }
    expect(new Set(products.map((p) => p.kind))).toEqual(new Set(["industry_model", "smart_terminal", "agent"]));
    const filed = products.filter((p) => p.filing_number !== null);
    expect(filed.length).toBeGreaterThan(50);
    for (const p of filed) {
      expect(p.kind).toBe("industry_model");
      expect(p.filing_number).toMatch(/^Jiangsu-[A-Za-z]+-\d{12}$/);
    }
  });

  it("gives every vendor what it serves and 1–3 reference cases, with the profile's date", async () => {
    const vendors = await db.selectFrom("organisations").where("kind", "=", "vendor").select(["id", "district", "created_at", "profile_updated_at"]).execute();
    const served = await db.selectFrom("vendor_served").selectAll().execute();
    const cases = await db.selectFrom("reference_cases").selectAll().execute();
    const demandNames = new Set((await db.selectFrom("organisations").where("kind", "=", "demand").select("name").execute()).map((o) => o.name));
    for (const v of vendors) {
      const mine = served.filter((s) => s.organisation_id === v.id);
      expect(mine.filter((s) => s.facet === "domain").length, `vendor ${v.id}`).toBeGreaterThanOrEqual(1);
      expect(mine.filter((s) => s.facet === "district").map((s) => s.value)).toContain(v.district);
      const own = cases.filter((c) => c.organisation_id === v.id);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(3);
      expect(v.profile_updated_at! >= v.created_at).toBe(true);
      expect(v.profile_updated_at! < DEMO_TODAY).toBe(true);
    }
    expect(new Set(served.filter((s) => s.facet === "domain").map((s) => s.value)).size).toBeGreaterThanOrEqual(5);
    for (const s of served) {
      const vocabulary: readonly string[] = s.facet === "domain" ? DOMAINS : s.facet === "venue_type" ? VENUE_TYPES : DISTRICTS;
      expect(vocabulary).toContain(s.value);
    }
    for (const c of cases) {
      expect(demandNames.has(c.client), c.client).toBe(true);
      expect(c.scenario).toMatch(/[\u4e00-\u9fff]{6}/);
      expect(c.result).not.toMatch(/[{}]/);
      expect(c.year).toBeGreaterThanOrEqual(2022);
      expect(c.year).toBeLessThanOrEqual(Number(c.created_at.slice(0, 4)) + 1);
      expect(c.created_at < DEMO_TODAY).toBe(true);
    }
    // A hospital vendor serves hospitals: venue types follow the fields its cases are in.
    const hospitalCases = cases.filter((c) => c.client.includes("医院"));
    expect(hospitalCases.length).toBeGreaterThan(10);
    for (const c of hospitalCases) {
      expect(served.some((s) => s.organisation_id === c.organisation_id && s.facet === "venue_type" && s.value === "hospital")).toBe(true);
    }
  });

  it("has the demo accounts", async () => {
    const users = await db.selectFrom("users").leftJoin("organisations", "organisations.id", "users.organisation_id")
      .select(["users.email", "users.role", "users.password_hash", "organisations.kind", "organisations.name", "organisations.verified"]).execute();
    const by = new Map(users.map((u) => [u.email, u]));
    expect(by.get("admin@demo.local")).toMatchObject({ role: "admin", kind: "office" });
    expect(by.get("reviewer@demo.local")?.role).toBe("reviewer");
    expect(users.filter((u) => u.role === "reviewer").length).toBeGreaterThanOrEqual(21);
    expect(by.get("demand@demo.local")).toMatchObject({ role: "demand_member", kind: "demand", name: "南京市鼓楼医院", verified: 1 });
    expect(by.get("vendor@demo.local")).toMatchObject({ role: "vendor_member", kind: "vendor", verified: 1 });
    expect(users.every((u) => u.password_hash === null)).toBe(true);
  });

  it("spreads scenarios over statuses, domains, districts and venue types", async () => {
    const rows = await db.selectFrom("scenarios").innerJoin("editions", "editions.id", "scenarios.edition_id")
      .select(["scenarios.status", "scenarios.domain", "scenarios.district", "scenarios.venue_type", "editions.year", "scenarios.title"]).execute();
    expect(rows.filter((s) => PUBLIC.has(s.status)).length).toBeGreaterThanOrEqual(800);
    const benchmarks = rows.filter((s) => s.status === "benchmark");
    expect(benchmarks.length).toBeGreaterThanOrEqual(180);
    expect(benchmarks.filter((s) => s.year === 2025).length).toBeGreaterThan(benchmarks.length / 2);
    expect(benchmarks.some((s) => s.year === 2026)).toBe(true);
    for (const status of ["draft", "submitted", "returned", "approved", "withdrawn", "published", "matched", "piloting", "closed"]) {
      expect(rows.some((s) => s.status === status), status).toBe(true);
    }
    expect(new Set(rows.map((s) => s.domain))).toEqual(new Set(DOMAINS));
    expect(new Set(rows.map((s) => s.district))).toEqual(new Set(DISTRICTS));
    expect(new Set(rows.map((s) => s.venue_type).filter((v) => v !== null))).toEqual(new Set(VENUE_TYPES));
    const noVenue = rows.filter((s) => s.venue_type === null).length / rows.length;
    expect(noVenue).toBeGreaterThan(0.08);
    expect(noVenue).toBeLessThan(0.22);
    expect(rows.filter((s) => s.year === 2027 && PUBLIC.has(s.status))).toHaveLength(0);
    expect(rows.filter((s) => s.title.length >= 40).length).toBeGreaterThan(10);
    expect(new Set(rows.map((s) => s.title)).size).toBeGreaterThan(300);
  });

  it("codes public scenarios per edition in publication order, and only them", async () => {
    const rows = await db.selectFrom("scenarios").innerJoin("editions", "editions.id", "scenarios.edition_id")
      .leftJoin("batches", "batches.id", "scenarios.batch_id")
      .select(["scenarios.id", "scenarios.code", "scenarios.status", "scenarios.published_at", "scenarios.proposal_deadline", "scenarios.edition_id",
        "editions.year", "batches.edition_id as batch_edition", "batches.ordinal", "batches.published_at as batch_published"])
      .execute();
    const codes = new Set<string>();
    for (const s of rows) {
      if (!PUBLIC.has(s.status)) {
        expect(s.code, `scenario ${s.id}`).toBeNull();
        expect(s.batch_edition).toBeNull();
        expect(s.published_at).toBeNull();
        continue;
      }
      expect(s.code).toMatch(/^NJ-\d{4}-\d{4}$/);
      expect(s.code!.slice(3, 7)).toBe(String(s.year));
      codes.add(s.code!);
      expect(s.batch_edition).toBe(s.edition_id);
      expect(s.batch_published).not.toBeNull();
      expect(s.published_at).toBe(s.batch_published);
      const days = (Date.parse(s.proposal_deadline!) - Date.parse(s.published_at!)) / 86_400_000;
      expect(days).toBeGreaterThan(38);
      expect(days).toBeLessThan(57);
    }
    expect(codes.size).toBe(rows.filter((s) => PUBLIC.has(s.status)).length);
    for (const year of [2025, 2026]) {
      const ordered = rows.filter((s) => s.year === year && s.code).sort((a, b) => a.ordinal! - b.ordinal! || a.id - b.id);
      expect(ordered.map((s) => s.code)).toEqual(ordered.map((_, i) => `NJ-${year}-${String(i + 1).padStart(4, "0")}`));
    }
  });

  it("records every scenario's path as legal transitions by the right people, ending in its status", async () => {
    const scenarios = await db.selectFrom("scenarios").select(["id", "status", "organisation_id"]).execute();
    const users = new Map((await db.selectFrom("users").select(["id", "role", "organisation_id"]).execute()).map((u) => [u.id, u]));
    const history = await db.selectFrom("scenario_status_history").selectAll().orderBy("scenario_id").orderBy("created_at").orderBy("id").execute();
    const byScenario = new Map<number, typeof history>();
    for (const h of history) byScenario.set(h.scenario_id, [...(byScenario.get(h.scenario_id) ?? []), h]);
    for (const s of scenarios) {
      const steps = byScenario.get(s.id) ?? [];
      expect(steps[0], `scenario ${s.id}`).toMatchObject({ from_status: null, to_status: "draft" });
      expect(steps[steps.length - 1]!.to_status).toBe(s.status);
      for (let i = 1; i < steps.length; i++) {
        const step = steps[i]!;
        expect(step.from_status).toBe(steps[i - 1]!.to_status);
        expect(step.created_at > steps[i - 1]!.created_at, `scenario ${s.id} step ${i}`).toBe(true);
        const user = step.actor_user_id === null ? undefined : users.get(step.actor_user_id);
        const role: ActorRole =
          user === undefined ? "system" : user.role === "admin" ? "admin" : user.role === "reviewer" ? "reviewer" : "owner";
        if (role === "owner") expect(user!.organisation_id).toBe(s.organisation_id);
        const result = transition(step.from_status as ScenarioStatus, ACTION_TO[step.to_status]!, { role, reason: step.reason });
        expect(result, `scenario ${s.id}: ${step.from_status} → ${step.to_status} by ${role}`).toEqual({ ok: true, to: step.to_status });
      }
      expect(steps[steps.length - 1]!.created_at <= DEMO_TODAY).toBe(true);
    }
  });

  it("tags scenarios with 1–4 capabilities and 0–3 data resources", async () => {
    const caps = await db.selectFrom("scenario_capabilities").select(["scenario_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("scenario_id").execute();
    expect(caps).toHaveLength(900);
    expect(caps.every((c) => c.n >= 1 && c.n <= 4)).toBe(true);
    const data = await db.selectFrom("scenario_data_resources").select(["scenario_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("scenario_id").execute();
    expect(data.every((d) => d.n <= 3)).toBe(true);
    expect(data.length).toBeGreaterThan(500);
  });

  it("has exactly one selected, capability-matching proposal and one pilot per matched scenario", async () => {
    const scenarios = await db.selectFrom("scenarios").select(["id", "status", "edition_id"]).execute();
    const proposals = await db.selectFrom("proposals").selectAll().execute();
    const pilots = new Map((await db.selectFrom("pilots").selectAll().execute()).map((p) => [p.scenario_id, p]));
    const scenarioCaps = await db.selectFrom("scenario_capabilities").selectAll().execute();
    const vendorCaps = new Set((await db.selectFrom("vendor_capabilities").selectAll().execute()).map((v) => `${v.organisation_id}:${v.capability_id}`));
    const closedAfterPilot = new Set((await db.selectFrom("scenario_status_history").where("from_status", "=", "piloting").where("to_status", "=", "closed").select("scenario_id").execute()).map((h) => h.scenario_id));
    const statuses = new Map(scenarios.map((s) => [s.id, s.status]));
    // A pilot whose pair has applied for benchmark status has completed.
    const applied = new Set((await db.selectFrom("benchmark_applications").select("pilot_id").execute()).map((a) => a.pilot_id));
    for (const p of proposals) expect(PUBLIC.has(statuses.get(p.scenario_id)!)).toBe(true);
    for (const s of scenarios) {
      const mine = proposals.filter((p) => p.scenario_id === s.id);
      expect(mine.length).toBeLessThanOrEqual(6);
      const selected = mine.filter((p) => p.status === "selected");
      const piloted = ["matched", "piloting", "benchmark"].includes(s.status) || closedAfterPilot.has(s.id);
      if (!piloted) {
        expect(selected).toHaveLength(0);
        expect(pilots.has(s.id)).toBe(false);
        continue;
      }
      expect(selected, `scenario ${s.id}`).toHaveLength(1);
      const vendor = selected[0]!.vendor_id;
      expect(scenarioCaps.some((c) => c.scenario_id === s.id && vendorCaps.has(`${vendor}:${c.capability_id}`))).toBe(true);
      const pilot = pilots.get(s.id)!;
      expect(pilot).toMatchObject({ vendor_id: vendor, proposal_id: selected[0]!.id });
      expect(pilot.status).toBe(s.status === "benchmark" || applied.has(pilot.id) ? "completed" : s.status === "closed" ? "ended" : "active");
    }
    expect(pilots.size).toBeGreaterThan(400);
    expect(proposals.some((p) => p.status === "submitted")).toBe(true);
  });

  it("leaves the demo hospital a published scenario past its deadline with bids to choose from, the demo vendor's among them", async () => {
    const people = await db.selectFrom("users").where("email", "in", ["demand@demo.local", "vendor@demo.local"]).select(["email", "organisation_id"]).execute();
    const org = (email: string) => people.find((u) => u.email === email)!.organisation_id!;
    const waiting = await db.selectFrom("scenarios").where("organisation_id", "=", org("demand@demo.local")).where("status", "=", "published")
      .where("proposal_deadline", "<", DEMO_TODAY).select("id").execute();
    const bids = await db.selectFrom("proposals").where("scenario_id", "in", waiting.map((s) => s.id).concat(0))
      .where("status", "in", ["submitted", "shortlisted"]).select(["scenario_id", "vendor_id", "submitted_at"]).execute();
    const showcase = waiting.find((s) => bids.some((b) => b.scenario_id === s.id && b.vendor_id === org("vendor@demo.local")));
    expect(showcase).toBeDefined();
    const mine = bids.filter((b) => b.scenario_id === showcase!.id);
    expect(new Set(mine.map((b) => b.vendor_id)).size).toBe(mine.length);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    const { proposal_deadline } = await db.selectFrom("scenarios").where("id", "=", showcase!.id).select("proposal_deadline").executeTakeFirstOrThrow();
    for (const b of mine) expect(b.submitted_at! < proposal_deadline!).toBe(true);
  });

  it("gives pilots 2–4 KPIs (measured once completed) and keeps incentives within each edition's budget", async () => {
    const pilots = await db.selectFrom("pilots").select(["id", "status"]).execute();
    const kpis = await db.selectFrom("pilot_kpis").selectAll().execute();
    for (const p of pilots) {
      const mine = kpis.filter((k) => k.pilot_id === p.id);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(mine.length).toBeLessThanOrEqual(4);
      if (p.status === "completed") expect(mine.every((k) => k.measured !== null)).toBe(true);
    }
    const spent = await db.selectFrom("incentives").innerJoin("editions", "editions.id", "incentives.edition_id")
      .select(["editions.year", "editions.incentive_budget_wan as budget", (eb) => eb.fn.sum<number>("amount_wan").as("total")])
      .groupBy("editions.id").execute();
    expect(spent.length).toBeGreaterThan(0);
    for (const e of spent) expect(e.total).toBeLessThanOrEqual(e.budget);
  });

  it("certifies every benchmark with a unique number, three reviews and a score of 75–95", async () => {
    const apps = await db.selectFrom("benchmark_applications").innerJoin("scenarios", "scenarios.id", "benchmark_applications.scenario_id")
      .select(["benchmark_applications.id", "benchmark_applications.status", "mean_score", "certified_at", "benchmark_number", "notice_starts_at", "notice_ends_at", "scenarios.status as scenario_status"])
      .execute();
    const reviews = await db.selectFrom("benchmark_reviews").select(["application_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("application_id").execute();
    const reviewCount = new Map(reviews.map((r) => [r.application_id, r.n]));
    const certified = apps.filter((a) => a.status === "certified");
    const benchmarks = await db.selectFrom("scenarios").where("status", "=", "benchmark").select("id").execute();
    expect(certified).toHaveLength(benchmarks.length);
    expect(new Set(certified.map((a) => a.benchmark_number)).size).toBe(certified.length);
    for (const a of certified) {
      expect(a.scenario_status).toBe("benchmark");
      expect(a.mean_score).toBeGreaterThanOrEqual(75);
      expect(a.mean_score).toBeLessThanOrEqual(95);
      expect(a.benchmark_number).toMatch(new RegExp(`^BM-${new Date(Date.parse(a.certified_at!) + 8 * 3_600_000).getUTCFullYear()}-\\d{4}$`));
      expect(a.certified_at! >= "2025-06-01" && a.certified_at! <= "2026-11-16").toBe(true);
    }
    for (const a of apps) expect(reviewCount.get(a.id)).toBe(3);
    const inFlight = apps.filter((a) => a.status === "in_review" || a.status === "notice");
    expect(inFlight.some((a) => a.status === "in_review")).toBe(true);
    expect(inFlight.some((a) => a.status === "notice" && a.notice_starts_at && a.notice_ends_at! > DEMO_TODAY)).toBe(true);
    expect(inFlight.every((a) => a.scenario_status === "piloting")).toBe(true);
    // Denser recently, so that a recent certification rate means something.
    const early = certified.filter((a) => a.certified_at! < "2025-12-01").length;
    const late = certified.filter((a) => a.certified_at! >= "2026-06-01").length;
    expect(late).toBeGreaterThan(early * 2);
  });

  it("has demonstration venues with certified benchmarks for all six types, some at the goal and one below", async () => {
    const rows = await db.selectFrom("scenarios").where("status", "=", "benchmark").where("venue_type", "in", [...DEMONSTRATION_VENUE_TYPES])
      .select(["venue_type", (eb) => eb.fn.count<number>("organisation_id").distinct().as("venues")]).groupBy("venue_type").execute();
    const venues = new Map(rows.map((r) => [r.venue_type, r.venues]));
    for (const v of DEMONSTRATION_VENUE_TYPES) expect(venues.get(v), v).toBeGreaterThanOrEqual(1);
    expect([...venues.values()].filter((n) => n >= 5).length).toBeGreaterThanOrEqual(3);
    expect([...venues.values()].some((n) => n < 5)).toBe(true);
  });

  it("has questions on published scenarios, asked in their window by vendors, some still waiting, and the askers following", async () => {
    const rows = await db.selectFrom("scenario_questions as q").innerJoin("scenarios as s", "s.id", "q.scenario_id")
      .innerJoin("users as asker", "asker.id", "q.asked_by").leftJoin("users as answerer", "answerer.id", "q.answered_by")
      .select(["q.id", "q.question", "q.answer", "q.created_at", "q.answered_at", "q.asked_by", "s.id as scenario_id", "s.status", "s.published_at",
        "s.proposal_deadline", "s.organisation_id", "asker.role as asker_role", "answerer.organisation_id as answerer_org"])
      .execute();
    expect(rows.length).toBeGreaterThan(100);
    const follows = new Set((await db.selectFrom("scenario_follows").select(["user_id", "scenario_id"]).execute()).map((f) => `${f.user_id}:${f.scenario_id}`));
    for (const q of rows) {
      expect(PUBLIC.has(q.status), `question ${q.id}`).toBe(true);
      expect(q.asker_role).toBe("vendor_member");
      expect(q.created_at > q.published_at! && q.created_at <= q.proposal_deadline! && q.created_at < DEMO_TODAY, `question ${q.id}`).toBe(true);
      expect(q.answer === null).toBe(q.answered_at === null);
      if (q.answer !== null) {
        expect(q.answerer_org).toBe(q.organisation_id);
        expect(q.answered_at! > q.created_at && q.answered_at! < DEMO_TODAY, `question ${q.id}`).toBe(true);
      }
      expect(follows.has(`${q.asked_by}:${q.scenario_id}`)).toBe(true);
    }
    const waiting = rows.filter((q) => q.answer === null);
    expect(waiting.length).toBeGreaterThan(10);
    expect(waiting.length).toBeLessThan(rows.length / 2);
    // The demo hospital has an open scenario with a question waiting for its answer.
    const hospital = await db.selectFrom("users").where("email", "=", "demand@demo.local").select("organisation_id").executeTakeFirstOrThrow();
    expect(waiting.some((q) => q.organisation_id === hospital.organisation_id && q.status === "published" && q.proposal_deadline! > DEMO_TODAY)).toBe(true);
  });

  it("leaves the search index to the indexer", async () => {
    const fts = await db.selectFrom("scenario_fts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(fts.n).toBe(0);
  });
});

// Seeding several databases takes seconds; on a busy machine more than the default 5 s.
describe("seedDemo determinism and scale", { timeout: 60_000 }, () => {
  it("writes identical rows for the same seed and different ones for another", async () => {
    const tables = ["organisations", "users", "scenarios", "scenario_status_history", "proposals", "pilot_kpis", "benchmark_applications", "scenario_questions", "reference_cases"] as const;
    const dump = async (db: DB) => {
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = await db.selectFrom(t).selectAll().orderBy("id").execute();
      return out;
    };
    const a = await seededDatabase({ scenarios: 300 });
    const b = await seededDatabase({ scenarios: 300 });
    const c = await seededDatabase({ scenarios: 300, seed: 7 });
    const [da, db2, dc] = [await dump(a.db), await dump(b.db), await dump(c.db)];
    expect(JSON.stringify(da)).toBe(JSON.stringify(db2));
    expect(JSON.stringify(da["scenarios"])).not.toBe(JSON.stringify(dc["scenarios"]));
  });

  it("scales organisations and vendors with the number of scenarios", async () => {
    const { counts } = await seededDatabase({ scenarios: 2400 });
    expect(counts).toMatchObject({ scenarios: 2400, organisations: 800, vendors: 600 });
    expect(counts.benchmarks).toBeGreaterThanOrEqual(480);
  });
});

describe("keeping the demo's open calls open", () => {
  it("moves only the deadlines still open on the demo's day, by whole days", async () => {
    const { db } = await seededDatabase({ scenarios: 300 });
    const before = await db.selectFrom("scenarios").select(["id", "status", "proposal_deadline"]).orderBy("id").execute();
    const tenDaysLater = Date.parse(DEMO_TODAY) + 10.5 * 86_400_000;
    expect(await keepOpenCallsOpen(db, tenDaysLater)).toBe(10);
    const after = new Map((await db.selectFrom("scenarios").select(["id", "proposal_deadline"]).execute()).map((s) => [s.id, s.proposal_deadline]));
    let moved = 0;
    for (const s of before) {
      const open = s.status === "published" && s.proposal_deadline !== null && s.proposal_deadline > DEMO_TODAY;
      const expected = open ? new Date(Date.parse(s.proposal_deadline!) + 10 * 86_400_000).toISOString() : s.proposal_deadline;
      expect(after.get(s.id), `scenario ${s.id}`).toBe(expected);
      if (open) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    expect(await keepOpenCallsOpen(db, Date.parse(DEMO_TODAY) - 1)).toBe(0);
  });

  it("keeps the notices running on the demo's day running, with their objections, and leaves the ended one waiting", async () => {
    const { db } = await seededDatabase({ scenarios: 300 });
    const notices = () => db.selectFrom("benchmark_applications").where("status", "=", "notice").select(["id", "notice_starts_at", "notice_ends_at"]).orderBy("id").execute();
    const objections = () => db.selectFrom("benchmark_objections").select(["id", "application_id", "status", "created_at"]).orderBy("id").execute();
    const [before, objectedBefore] = [await notices(), await objections()];
    const ended = before.filter((a) => a.notice_ends_at! <= DEMO_TODAY);
    expect(ended).toHaveLength(1);
    expect(objectedBefore.map((o) => [o.application_id === ended[0]!.id, o.status]).sort()).toEqual([[false, "open"], [true, "rejected"]]);
    await keepOpenCallsOpen(db, Date.parse(DEMO_TODAY) + 9.5 * 86_400_000);
    const plus9 = (t: string) => new Date(Date.parse(t) + 9 * 86_400_000).toISOString();
    const after = new Map((await notices()).map((a) => [a.id, a]));
    for (const a of before) {
      const running = a.notice_ends_at! > DEMO_TODAY;
      expect(after.get(a.id)).toEqual(running ? { id: a.id, notice_starts_at: plus9(a.notice_starts_at!), notice_ends_at: plus9(a.notice_ends_at!) } : a);
    }
    expect((await objections()).map((o) => o.created_at)).toEqual(objectedBefore.map((o) => (o.status === "open" ? plus9(o.created_at) : o.created_at)));
  });
});
