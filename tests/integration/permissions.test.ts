import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { storeFile, useUploadDir } from "~/files/storage.server";
import { langCookie } from "~/i18n/lang.server";
import { seedDemo } from "../../db/seed";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { documentHandler } from "../document-server";

// The permission walk: every route module's loader and action, called as each kind of user. A route
// that is not listed below fails the test, so a new page must say who may use it.

type Who = "anonymous" | "demand" | "otherDemand" | "vendor" | "reviewer" | "admin";
const EVERYONE: Who[] = ["anonymous", "demand", "otherDemand", "vendor", "reviewer", "admin"];
const SIGNED_IN: Who[] = ["demand", "otherDemand", "vendor", "reviewer", "admin"];

interface Rule {
  /** Who may use it; everyone else is refused (anonymous → sign-in redirect, others → 403). */
  get?: Who[];
  post?: Who[];
  /** Who gets 404 because the thing belongs to someone else. */
  hidden?: Who[];
  params?: (ids: Fixture) => Record<string, string>;
  path: (ids: Fixture) => string;
  /** The action ends sessions (sign-out), so it gets sessions of its own. */
  freshSessions?: boolean;
  /** A JSON API: anonymous callers get 401 instead of a sign-in redirect. */
  api?: boolean;
  /** Environment the route is walked under (e.g. production, where it differs from tests). */
  env?: Record<string, string>;
}

interface Fixture {
  ownScenarioId: number;
  submittedScenarioId: number;
  publicCode: string;
  /** The demand organisation's published scenario whose proposals are open (deadline passed). */
  openedScenario: { id: number; code: string };
  /** The demo vendor's proposal on one of the demo demand organisation's scenarios, past its deadline, with one file. */
  proposalId: number;
  attachmentId: number;
  vendorId: number;
  benchmarkNumber: string;
  /** A pilot of the demo demand organisation's scenario, run by a vendor other than the demo vendor. */
  pilotId: number;
  /** An evidence file on that pilot, and a closed (rejected) benchmark application of it reviewed by reviewer02, not reviewer@. */
  evidenceId: number;
  applicationId: number;
  /** A benchmark application on public notice (公示). */
  noticeId: number;
}

const RULES: Record<string, Rule> = {
  "_index": { get: EVERYONE, path: () => "/" },
  "$": { get: [], hidden: EVERYONE, path: () => "/no-such-page" },
  "scenarios._index": { get: EVERYONE, path: () => "/scenarios" },
  // Posting (ask, answer, follow) needs an account; which intent each role may use is in questions.test.ts.
  "scenarios.$code": { get: EVERYONE, post: SIGNED_IN, path: (f) => `/scenarios/${f.publicCode}`, params: (f) => ({ code: f.publicCode }) },
  "api.v1.scenarios": { get: EVERYONE, path: () => "/api/v1/scenarios" },
  "api.v1.scenarios.$code": { get: EVERYONE, path: (f) => `/api/v1/scenarios/${f.publicCode}`, params: (f) => ({ code: f.publicCode }) },
  // Recommendations are made of public facts only, so they are public too.
  "api.v1.scenarios.$code.matches": { get: EVERYONE, path: (f) => `/api/v1/scenarios/${f.publicCode}/matches`, params: (f) => ({ code: f.publicCode }) },
  "api.v1.vendors.$id.matches": { get: EVERYONE, path: (f) => `/api/v1/vendors/${f.vendorId}/matches`, params: (f) => ({ id: String(f.vendorId) }) },
  "progress": { get: EVERYONE, path: () => "/progress" },
  // Open data: downloads, the printed notice, the API, OCDS and Atom feeds are public.
  "scenarios[.]csv": { get: EVERYONE, path: () => "/scenarios.csv?domain=livelihood" },
  "scenarios[.]xlsx": { get: EVERYONE, path: () => "/scenarios.xlsx?domain=livelihood" },
  "scenarios.print": { get: EVERYONE, path: () => "/scenarios/print?domain=livelihood" },
  "open-data": { get: EVERYONE, path: () => "/open-data" },
  "api.v1.vendors": { get: EVERYONE, path: () => "/api/v1/vendors" },
  "api.v1.vendors.$id": { get: EVERYONE, path: (f) => `/api/v1/vendors/${f.vendorId}`, params: (f) => ({ id: String(f.vendorId) }) },
  "api.v1.benchmarks": { get: EVERYONE, path: () => "/api/v1/benchmarks" },
  "api.v1.benchmarks.$number": { get: EVERYONE, path: (f) => `/api/v1/benchmarks/${f.benchmarkNumber}`, params: (f) => ({ number: f.benchmarkNumber }) },
  "api.v1.ocds.releases": { get: EVERYONE, path: () => "/api/v1/ocds/releases" },
  "api.v1.ocds.releases.$code": { get: EVERYONE, path: (f) => `/api/v1/ocds/releases/${f.publicCode}`, params: (f) => ({ code: f.publicCode }) },
  "feeds.scenarios[.]atom": { get: EVERYONE, path: () => "/feeds/scenarios.atom" },
  "feeds.benchmarks[.]atom": { get: EVERYONE, path: () => "/feeds/benchmarks.atom" },
  "i18n.en[.]json": { get: EVERYONE, path: () => "/i18n/en.json" },
  // GET sets the cookie only; POST also stores the choice on the signed-in account (set-language.test.ts).
  "set-language": { get: EVERYONE, post: EVERYONE, path: () => "/set-language?lang=en&redirectTo=/" },
  "login": { get: EVERYONE, post: EVERYONE, path: () => "/login" },
  "signup": { get: EVERYONE, post: EVERYONE, path: () => "/signup" },
  "logout": { get: EVERYONE, post: EVERYONE, path: () => "/logout", freshSessions: true },
  "forgot-password": { get: EVERYONE, post: EVERYONE, path: () => "/forgot-password" },
  "reset-password.$token": { get: EVERYONE, post: EVERYONE, path: () => "/reset-password/x", params: () => ({ token: "x" }) },
  "invitations.$token": { get: EVERYONE, post: EVERYONE, path: () => "/invitations/x", params: () => ({ token: "x" }) },
  // Members of an organisation see its list; only its admins change it (covered in the members tests).
  "account.members": { get: ["demand", "otherDemand", "vendor", "admin"], post: [], path: () => "/account/members" },
  "notifications": { get: SIGNED_IN, post: SIGNED_IN, path: () => "/notifications" },
  // Open outside production (dev-mail-production.test.ts); in production, with or without SMTP, the
  // office alone sees it (and only how much mail waits), everyone else gets 404.
  "dev.mail": {
    get: ["admin"],
    hidden: ["anonymous", "demand", "otherDemand", "vendor", "reviewer"],
    env: { NODE_ENV: "production", SMTP_URL: "" },
    path: () => "/dev/mail?to=admin@demo.local",
  },
  "my.scenarios._index": { get: ["demand", "otherDemand"], path: () => "/my/scenarios" },
  "my.scenarios.new": { get: ["demand", "otherDemand"], post: ["demand", "otherDemand"], path: () => "/my/scenarios/new" },
  "my.scenarios.$id": {
    get: ["demand"],
    post: ["demand"],
    hidden: ["otherDemand"],
    path: (f) => `/my/scenarios/${f.ownScenarioId}`,
    params: (f) => ({ id: String(f.ownScenarioId) }),
  },
  "my.scenarios.$id_.proposals": {
    get: ["demand"],
    post: ["demand"],
    hidden: ["otherDemand"],
    path: (f) => `/my/scenarios/${f.openedScenario.id}/proposals`,
    params: (f) => ({ id: String(f.openedScenario.id) }),
  },
  "api.v1.scenarios.$code.proposals": {
    get: ["demand"],
    api: true,
    path: (f) => `/api/v1/scenarios/${f.openedScenario.code}/proposals`,
    params: (f) => ({ code: f.openedScenario.code }),
  },
  "review._index": { get: ["reviewer", "admin"], path: () => "/review" },
  "review.$id": {
    get: ["reviewer", "admin"],
    post: ["reviewer", "admin"],
    path: (f) => `/review/${f.submittedScenarioId}`,
    params: (f) => ({ id: String(f.submittedScenarioId) }),
  },
  "admin._index": { get: ["admin"], path: () => "/admin" },
  "admin.organisations": { get: ["admin"], post: ["admin"], path: () => "/admin/organisations" },
  "admin.editions": { get: ["admin"], post: ["admin"], path: () => "/admin/editions" },
  "admin.batches": { get: ["admin"], post: ["admin"], path: () => "/admin/batches" },
  "admin.audit": { get: ["admin"], path: () => "/admin/audit" },
  // The empty form is refused with 400 (no intent), so the walk never starts a rebuild.
  "admin.search": { get: ["admin"], post: ["admin"], path: () => "/admin/search" },
  "my.proposals": { get: ["vendor"], path: () => "/my/proposals" },
  "scenarios.$code_.proposal": {
    get: ["vendor"],
    post: ["vendor"],
    path: (f) => `/scenarios/${f.publicCode}/proposal`,
    params: (f) => ({ code: f.publicCode }),
  },
  // Sealed: its vendor always; the scenario's organisation and the office once the deadline has passed.
  "proposals.$id.attachments.$attachmentId": {
    get: ["vendor", "demand", "admin"],
    path: (f) => `/proposals/${f.proposalId}/attachments/${f.attachmentId}`,
    params: (f) => ({ id: String(f.proposalId), attachmentId: String(f.attachmentId) }),
  },
  // Any vendor member edits their own organisation's profile (which one comes from the session).
  "vendor.profile": { get: ["vendor"], post: ["vendor"], path: () => "/vendor/profile" },
  "vendors._index": { get: EVERYONE, path: () => "/vendors" },
  "vendors.$id": { get: EVERYONE, path: (f) => `/vendors/${f.vendorId}`, params: (f) => ({ id: String(f.vendorId) }) },
  // Anyone signed in keeps their own saved searches; someone else's id is a 404 (saved-searches.test.ts).
  "my.searches": { get: SIGNED_IN, post: SIGNED_IN, path: () => "/my/searches" },
  "my.searches_.$id.open": { get: [], hidden: SIGNED_IN, path: () => "/my/searches/999999/open", params: () => ({ id: "999999" }) },
  // The token is the permission (feed readers send no cookies): an unknown one is a 404 for everyone.
  "feeds.searches.$token": { get: [], hidden: EVERYONE, path: () => "/feeds/searches/x.atom", params: () => ({ token: "x.atom" }) },
  "api.v1.scenarios.similar": { get: EVERYONE, path: () => "/api/v1/scenarios/similar?title=医院" },
  "admin.import": { get: ["admin"], post: ["admin"], path: () => "/admin/import" },
  // The pair (here the demand side; the demo vendor is not this pilot's) and the office read it; only the pair writes.
  "pilots.$id": { get: ["demand", "admin"], post: ["demand"], path: (f) => `/pilots/${f.pilotId}`, params: (f) => ({ id: String(f.pilotId) }) },
  "admin.incentives": { get: ["admin"], post: ["admin"], path: () => "/admin/incentives" },
  // Applying is the pair's alone (the office reads the pilot but does not apply for it).
  "pilots.$id_.apply": { get: ["demand"], post: ["demand"], path: (f) => `/pilots/${f.pilotId}/apply`, params: (f) => ({ id: String(f.pilotId) }) },
  "pilots.$id_.benchmark": { get: ["demand", "admin"], path: (f) => `/pilots/${f.pilotId}/benchmark`, params: (f) => ({ id: String(f.pilotId) }) },
  // The pair, the office, and reviewers assigned to an application of the pilot (reviewer@ is not).
  "pilots.$id_.evidence.$evidenceId": {
    get: ["demand", "admin"],
    path: (f) => `/pilots/${f.pilotId}/evidence/${f.evidenceId}`,
    params: (f) => ({ id: String(f.pilotId), evidenceId: String(f.evidenceId) }),
  },
  // The review is closed, so the pair reads the anonymous sheets; the office reads everything; unassigned reviewers nothing.
  "api.v1.benchmark-applications.$id.reviews": {
    get: ["demand", "admin"],
    api: true,
    path: (f) => `/api/v1/benchmark-applications/${f.applicationId}/reviews`,
    params: (f) => ({ id: String(f.applicationId) }),
  },
  // Benchmark review: the office assigns and closes; only a reviewer assigned to the application sees it
  // (other reviewers get 403 too: benchmark-review.test.ts). An empty POST is refused with 400, changing nothing.
  "admin.benchmarks._index": { get: ["admin"], path: () => "/admin/benchmarks" },
  "admin.benchmarks.$id": { get: ["admin"], post: ["admin"], path: () => `/admin/benchmarks/${review.applicationId}`, params: () => ({ id: String(review.applicationId) }) },
  "admin.editions_.$id.rubric": { get: ["admin"], post: ["admin"], path: () => `/admin/editions/${review.editionId}/rubric`, params: () => ({ id: String(review.editionId) }) },
  "review.benchmarks._index": { get: ["reviewer"], path: () => "/review/benchmarks" },
  "review.benchmarks.$id": { get: ["reviewer"], post: ["reviewer"], path: () => `/review/benchmarks/${review.applicationId}`, params: () => ({ id: String(review.applicationId) }) },
  // The public notice: anyone reads it and anyone may object, signed in or not (the empty form is a 400).
  "notices._index": { get: EVERYONE, path: () => "/notices" },
  "notices.$id": { get: EVERYONE, post: EVERYONE, path: (f) => `/notices/${f.noticeId}`, params: (f) => ({ id: String(f.noticeId) }) },
  // Objectors' details, resolutions and certification are the office's.
  "admin.notices": { get: ["admin"], post: ["admin"], path: () => "/admin/notices" },
  "benchmarks._index": { get: EVERYONE, path: () => "/benchmarks" },
  // Anyone reads a benchmark; only demand members replicate it (only they post scenarios), see benchmarks-page.test.ts.
  "benchmarks.$number": {
    get: EVERYONE,
    post: ["demand", "otherDemand"],
    path: (f) => `/benchmarks/${f.benchmarkNumber}`,
    params: (f) => ({ number: f.benchmarkNumber }),
  },
  // Probes for load balancers and monitoring: public, and free of secrets (health.test.ts).
  "healthz": { get: EVERYONE, path: () => "/healthz" },
  "readyz": { get: EVERYONE, path: () => "/readyz" },
};

const modules = import.meta.glob<{ loader?: Function; action?: Function }>("/app/routes/*.{ts,tsx}", { eager: true });
const routeId = (file: string) => file.replace("/app/routes/", "").replace(/\.tsx?$/, "");

let db: DB;
let fixture: Fixture;
const cookies: Partial<Record<Who, string>> = {};
const emails: Partial<Record<Who, string>> = {};

/** The HTTP status a loader or action result amounts to. */
async function statusOf(run: () => Promise<unknown>): Promise<{ status: number; location?: string | null }> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    return { status: (result as { init?: { status?: number } }).init?.status ?? 200 };
  }
  if (result instanceof Error) throw result;
  return { status: 200 };
}

beforeAll(async () => {
  db = createTestDatabase("file");
  useAsAppDatabase(db);
  await seedDemo(db, { scenarios: 300 });
  const demandOrg = await db.selectFrom("users").where("email", "=", "demand@demo.local").select("organisation_id").executeTakeFirstOrThrow();
  const other = await db
    .selectFrom("users")
    .where("role", "=", "demand_member")
    .where("organisation_id", "!=", demandOrg.organisation_id)
    .select("email")
    .executeTakeFirstOrThrow();
  const own = await db.selectFrom("scenarios").where("organisation_id", "=", demandOrg.organisation_id!).select("id").executeTakeFirstOrThrow();
  const submitted = await db.selectFrom("scenarios").where("status", "=", "submitted").select("id").executeTakeFirstOrThrow();
  const published = await db.selectFrom("scenarios").where("code", "is not", null).select("code").executeTakeFirstOrThrow();
  const benchmark = await db.selectFrom("benchmark_applications").where("status", "=", "certified").select("benchmark_number").executeTakeFirstOrThrow();
  const vendor = await db.selectFrom("users").where("email", "=", "vendor@demo.local").select("organisation_id").executeTakeFirstOrThrow();
  const opened = await db
    .selectFrom("scenarios")
    .where("organisation_id", "=", demandOrg.organisation_id!)
    .where("status", "=", "published")
    .where("proposal_deadline", "<", new Date().toISOString())
    .select(["id", "code"])
    .executeTakeFirstOrThrow();
  const pilot = await db
    .selectFrom("pilots as p")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .where("s.organisation_id", "=", demandOrg.organisation_id!)
    .where("p.vendor_id", "!=", vendor.organisation_id!)
    .select("p.id")
    .executeTakeFirstOrThrow();
  const notice = await db.selectFrom("benchmark_applications").where("status", "=", "notice").select("id").executeTakeFirstOrThrow();
  fixture = { noticeId: notice.id, pilotId: pilot.id, ...(await pilotEvidenceAndApplication(pilot.id)), ownScenarioId: own.id, submittedScenarioId: submitted.id, publicCode: published.code!, openedScenario: { id: opened.id, code: opened.code! }, vendorId: vendor.organisation_id!, benchmarkNumber: benchmark.benchmark_number!, ...(await proposalWithFile(demandOrg.organisation_id!)) };
  Object.assign(emails, {
    demand: "demand@demo.local",
    otherDemand: other.email,
    vendor: "vendor@demo.local",
    reviewer: "reviewer@demo.local",
    admin: "admin@demo.local",
  });
  for (const [who, email] of Object.entries(emails)) cookies[who as Who] = await cookieFor(db, email);
});

/** A seeded application in review that reviewer@demo.local is assigned to, and an edition. */
const review = { applicationId: 0, editionId: 0 };
beforeAll(async () => {
  const assigned = await db.selectFrom("benchmark_reviews as r").innerJoin("benchmark_applications as a", "a.id", "r.application_id")
    .innerJoin("users as u", "u.id", "r.reviewer_id").where("u.email", "=", "reviewer@demo.local").where("a.status", "=", "in_review")
    .select("a.id").orderBy("a.id").executeTakeFirstOrThrow();
  const edition = await db.selectFrom("editions").select("id").orderBy("year", "desc").executeTakeFirstOrThrow();
  Object.assign(review, { applicationId: assigned.id, editionId: edition.id });
});

const uploads = path.resolve("tests/.tmp", `uploads-walk-${randomUUID()}`);
afterAll(() => {
  useUploadDir(undefined);
  fs.rmSync(uploads, { recursive: true, force: true });
});

async function proposalWithFile(demandOrganisationId: number) {
  useUploadDir(uploads);
  const vendor = await db.selectFrom("users").where("email", "=", "vendor@demo.local").select("organisation_id").executeTakeFirstOrThrow();
  const scenario = await db.selectFrom("scenarios").where("organisation_id", "=", demandOrganisationId).where("code", "is not", null)
    .where("proposal_deadline", "<", new Date().toISOString()).select("id").executeTakeFirstOrThrow();
  // Declined: a bid that was made (so the demand side may read it) and is not live (so it cannot clash with a seeded one).
  const proposal = await db.insertInto("proposals").values({ scenario_id: scenario.id, vendor_id: vendor.organisation_id!, status: "declined", approach: "walk" })
    .returning("id").executeTakeFirstOrThrow();
  const bytes = new TextEncoder().encode("%PDF-1.4 walk");
  const stored = await storeFile(bytes);
  const attachment = await db.insertInto("proposal_attachments")
    .values({ proposal_id: proposal.id, file_name: "walk.pdf", media_type: "application/pdf", size_bytes: stored.size, sha256: stored.sha256, storage_key: stored.key })
    .returning("id").executeTakeFirstOrThrow();
  return { proposalId: proposal.id, attachmentId: attachment.id };
}

async function pilotEvidenceAndApplication(pilotId: number) {
  useUploadDir(uploads);
  const stored = await storeFile(new TextEncoder().encode("%PDF-1.4 evidence walk"));
  const evidence = await db.insertInto("pilot_evidence")
    .values({ pilot_id: pilotId, file_name: "evidence.pdf", media_type: "application/pdf", size_bytes: stored.size, sha256: stored.sha256, storage_key: stored.key })
    .returning("id").executeTakeFirstOrThrow();
  const pilot = await db.selectFrom("pilots").where("id", "=", pilotId).select("scenario_id").executeTakeFirstOrThrow();
  const application = await db.insertInto("benchmark_applications")
    .values({ pilot_id: pilotId, scenario_id: pilot.scenario_id, status: "rejected", narrative: "walk", mean_score: 70, review_closed_at: "2026-11-01T02:00:00.000Z" })
    .returning("id").executeTakeFirstOrThrow();
  const reviewer = await db.selectFrom("users").where("email", "=", "reviewer02@demo.local").select("id").executeTakeFirstOrThrow();
  await db.insertInto("benchmark_reviews")
    .values({ application_id: application.id, reviewer_id: reviewer.id, scores_json: JSON.stringify({ impact: 20 }), total: 70, submitted_at: "2026-10-30T02:00:00.000Z" })
    .execute();
  return { evidenceId: evidence.id, applicationId: application.id };
}

describe("permission walk", () => {
  it("has a rule for every route", () => {
    const unlisted = Object.keys(modules).map(routeId).filter((id) => !(id in RULES));
    expect(unlisted).toEqual([]);
  });

  for (const [file, mod] of Object.entries(modules)) {
    const id = routeId(file);
    const rule = RULES[id];
    if (!rule) continue;
    for (const [method, fn, allowed] of [
      ["GET", mod.loader, rule.get],
      ["POST", mod.action, rule.post],
    ] as const) {
      if (!fn) continue;
      it(`${method} ${id}`, async () => {
        const path = rule.path(fixture);
        const outcomes: Record<string, number> = {};
        const expected: Record<string, number | string> = {};
        for (const [name, value] of Object.entries(rule.env ?? {})) vi.stubEnv(name, value);
        resetEnvCache();
        onTestFinished(() => {
          vi.unstubAllEnvs();
          resetEnvCache();
        });
        for (const who of EVERYONE) {
          const email = emails[who];
          const cookie = rule.freshSessions && email ? await cookieFor(db, email) : cookies[who];
          const req = method === "GET" ? request(path, { cookie }) : request(path, { cookie, form: {} });
          const { status, location } = await statusOf(() =>
            fn({ request: req, params: rule.params?.(fixture) ?? {}, context: { clientAddress: `walk-${who}` } }),
          );
          outcomes[who] = status;
          if (rule.hidden?.includes(who)) expected[who] = 404;
          else if (allowed?.includes(who)) expected[who] = status === 403 || status === 404 || (status === 302 && location?.startsWith("/login")) ? "allowed" : status;
          else if (who === "anonymous" && rule.api) expected[who] = 401;
          else if (who === "anonymous") expected[who] = status === 302 && location?.startsWith("/login") ? status : "sign-in redirect";
          else expected[who] = 403;
        }
        expect(outcomes).toEqual(expected);
      });
    }
  }
});

// Sealed bids (issue 13 item 3): before a scenario's deadline the office may not learn who bids on
// it, so the audit log holds the proposal rows back until then; after the deadline they show.
describe("sealed bids in the audit log", () => {
  it("shows the office nothing of a bid before the deadline, and everything after it", async () => {
    const { getOrCreateDraft, writeProposal } = await import("~/models/proposals.server");
    const { loader } = await import("~/routes/admin.audit");
    const vendorUser = await db.selectFrom("users").where("email", "=", "vendor@demo.local").select(["id", "organisation_id"]).executeTakeFirstOrThrow();
    const open = await db.selectFrom("scenarios").where("status", "=", "published").where("proposal_deadline", ">", new Date().toISOString())
      .where((eb) => eb.not(eb.exists(eb.selectFrom("proposals as p").whereRef("p.scenario_id", "=", "scenarios.id").where("p.vendor_id", "=", vendorUser.organisation_id!).select("p.id"))))
      .select(["id", "code"]).executeTakeFirstOrThrow();
    const vendor = { userId: vendorUser.id, organisationId: vendorUser.organisation_id!, verified: true, ip: "203.0.113.5" };
    await getOrCreateDraft(db, vendor, open.id);
    const draft = await db.selectFrom("proposals").where("scenario_id", "=", open.id).where("vendor_id", "=", vendor.organisationId).select(["id", "version"]).executeTakeFirstOrThrow();
    const input = { version: draft.version, approach: "方案正文", team: "团队", priceWan: 80, timeline: "三个月", productIds: [], caseIds: [], intent: "submit" };
    const written = await writeProposal(db, vendor, open.id, input as never, [{ name: "密封报价.pdf", mediaType: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.4 sealed") }] as never);
    expect(written).toMatchObject({ ok: true });

    const page = async (search: string) =>
      JSON.stringify(await loader(routeArgs({ request: request(`/admin/audit${search}`, { cookie: cookies.admin }), params: {}, context: { clientAddress: "walk-admin" } })));
    const proposalRows = async () => db.selectFrom("audit_log").where("subject_type", "=", "proposal").where("subject_id", "=", draft.id).select("action").execute();
    expect((await proposalRows()).map((r) => r.action).sort()).toEqual(["proposal.create", "proposal.submit"]);
    for (const search of ["?subject=proposal", "", "?actor=vendor@demo.local", "?action=proposal.submit"]) {
      const text = await page(search);
      expect(text, search).not.toContain("密封报价.pdf");
      expect(text, search).not.toContain(`"subject_id":${draft.id},`);
      expect(text, search).not.toContain(`"scenarioId":${open.id}`);
    }

    await db.updateTable("scenarios").set({ proposal_deadline: "2020-01-01T09:00:00.000Z" }).where("id", "=", open.id).execute();
    expect(await page("?subject=proposal")).toContain("密封报价.pdf");
  });
});

// The same pages, rendered whole through the production streaming renderer (app/entry.server.tsx)
// and read byte by byte: React 18's stream wrote NUL bytes where multi-byte text met the end of its
// write buffer, and Chromium turned them into U+FFFD inside links, filter values and hydration data.
describe("every page is clean UTF-8", () => {
  let handle: Awaited<ReturnType<typeof documentHandler>>;
  beforeAll(async () => {
    handle = await documentHandler();
  });
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const pages = Object.entries(modules).filter(([, mod]) => "default" in mod && mod.loader);
  for (const [file] of pages) {
    const id = routeId(file);
    const rule = RULES[id];
    if (!rule?.get) continue;
    it(`GET ${id}, public and signed in, zh and en`, async () => {
      const faults: string[] = [];
      const served: Record<string, number> = {};
      let pagesRead = 0;
      for (const lang of ["zh", "en"] as const) {
        const langPair = (await langCookie.serialize(lang)).split(";")[0]!;
        for (const who of EVERYONE) {
          const cookie = [cookies[who], langPair].filter(Boolean).join("; ");
          const response = await handle(request(rule.path(fixture), { cookie }), { clientAddress: `bytes-${who}` });
          const bytes = new Uint8Array(await response.arrayBuffer());
          served[`${who} ${lang}`] = response.status;
          if (response.status === 200) pagesRead++;
          if (response.status >= 300 && response.status < 400 && response.headers.get("Location")?.startsWith("/login")) served[`${who} ${lang}`] = 401;
          const nuls = bytes.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
          if (nuls) faults.push(`${who} ${lang}: ${nuls} NUL bytes in ${bytes.length}`);
          try {
            utf8.decode(bytes);
          } catch {
            faults.push(`${who} ${lang}: not valid UTF-8`);
          }
        }
      }
      expect(faults).toEqual([]);
      // The allowed roles really got the page (not an error page that happens to be clean), or were
      // sent on (a signed-in user is sent from the sign-in page to their own), and some page was read.
      for (const who of rule.get!) for (const lang of ["zh", "en"]) expect([200, 302], `${who} ${lang}`).toContain(served[`${who} ${lang}`]);
      if (rule.get!.length) expect(pagesRead).toBeGreaterThan(0);
    });
  }
});
