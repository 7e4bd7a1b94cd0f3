import { randomBytes, scrypt as scryptCallback } from "node:crypto";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "~/auth/password.server";
import type { DB } from "~/db/db.server";
import { guardFormula } from "~/domain/open-data/csv";
import { CAPABILITIES, PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import { parseCsv } from "~/import/csv";
import { createLinkToken } from "~/mail/link-token.server";
import { loader as rootLoader } from "~/root";
import { applySearchOutbox } from "~/search/sync.server";
import { searchEngine } from "~/search/search.server";
import { loader as apiScenarios } from "~/routes/api.v1.scenarios";
import { loader as ocdsReleases } from "~/routes/api.v1.ocds.releases";
import { loader as scenariosAtom } from "~/routes/feeds.scenarios[.]atom";
import { loader as scenariosCsv } from "~/routes/scenarios[.]csv";
import { loader as scenariosXlsx } from "~/routes/scenarios[.]xlsx";
import { loader as printList } from "~/routes/scenarios.print";
import { DEFAULT_RUBRIC } from "~/domain/rubric";
import { storeFile } from "~/files/storage.server";
import { request } from "../auth";
import { validCreditCode } from "../fixtures";
import { asReceived, hostileSample } from "../hostile-strings";
import { copyWorld, dropWorld, buildWorld, formRequest, run, type Who, type World, type WorldIds } from "../security-world";
import { parseXml, childrenNamed, child } from "../xml";

// Hashing a password is deliberately slow (scrypt, 32 MiB); here it runs hundreds of times, so new
// hashes use small parameters. They keep the stored format, so the real verifyPassword checks them.
vi.mock("~/auth/password.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/auth/password.server")>();
  return {
    ...real,
    hashPassword: async (password: string) => {
      const salt = randomBytes(16);
      const key = await new Promise<Buffer>((resolve, reject) =>
        scryptCallback(password.normalize("NFKC"), salt, 32, { N: 1024, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))),
      );
      return `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    },
  };
});

// Hostile input through every query parameter a loader reads and every path parameter: the Big
// List of Naughty Strings and the cases Chinese text brings (tests/hostile-strings.ts). Nothing may
// throw (a thrown non-Response is a 500), nothing may answer 5xx, and a text response that is HTML
// or XML must not carry a string's markup unescaped. Counts go to docs/security.md.

const strings = process.env.HOSTILE_STEP ? hostileSample(Number(process.env.HOSTILE_STEP)) : hostileSample();

interface LoaderSpec {
  who: Who;
  /** Query parameters the loader reads. */
  query?: string[];
  /** Path parameters, with the valid value the others keep while one is probed. */
  params?: (ids: WorldIds) => Record<string, string>;
  path: (ids: WorldIds) => string;
  /** Query parameters the others keep while one is probed. */
  base?: Record<string, string>;
}

const NARROW = { q: "智能导诊", district: "鼓楼区", domain: "livelihood" };
const LIST = ["q", "edition", "batch", "domain", "district", "venue", "mode", "tier", "status", "budgetMin", "budgetMax", "sort", "page"];
const COLLECTION = ["limit", "cursor", "updatedSince"];

const LOADERS: Record<string, LoaderSpec> = {
  "scenarios._index": { who: "anonymous", query: LIST, path: () => "/scenarios" },
  // The downloads export the whole filtered list: the other parameters keep it short while one is probed.
  "scenarios.print": { who: "anonymous", query: [...LIST, "lang"], base: NARROW, path: () => "/scenarios/print" },
  "scenarios[.]csv": { who: "anonymous", query: LIST, base: NARROW, path: () => "/scenarios.csv" },
  "scenarios[.]xlsx": { who: "anonymous", query: LIST, base: NARROW, path: () => "/scenarios.xlsx" },
  "scenarios.$code": { who: "vendor", params: (ids) => ({ code: ids.open.code }), path: (ids) => `/scenarios/${ids.open.code}` },
  "scenarios.$code_.proposal": { who: "vendor", params: (ids) => ({ code: ids.open.code }), path: (ids) => `/scenarios/${ids.open.code}/proposal` },
  "api.v1.scenarios": { who: "anonymous", query: [...COLLECTION, ...LIST], path: () => "/api/v1/scenarios" },
  "api.v1.scenarios.$code": { who: "anonymous", params: (ids) => ({ code: ids.open.code }), path: (ids) => `/api/v1/scenarios/${ids.open.code}` },
  "api.v1.scenarios.$code.matches": { who: "anonymous", query: ["limit"], params: (ids) => ({ code: ids.open.code }), path: (ids) => `/api/v1/scenarios/${ids.open.code}/matches` },
  "api.v1.scenarios.$code.proposals": { who: "demand", params: (ids) => ({ code: ids.opened.code }), path: (ids) => `/api/v1/scenarios/${ids.opened.code}/proposals` },
  "api.v1.scenarios.similar": { who: "anonymous", query: ["title"], path: () => "/api/v1/scenarios/similar" },
  "api.v1.vendors": { who: "anonymous", query: COLLECTION, path: () => "/api/v1/vendors" },
  "api.v1.vendors.$id": { who: "anonymous", params: () => ({ id: "1" }), path: () => "/api/v1/vendors/1" },
  "api.v1.vendors.$id.matches": { who: "anonymous", query: ["limit"], params: () => ({ id: "1" }), path: () => "/api/v1/vendors/1/matches" },
  "api.v1.benchmarks": { who: "anonymous", query: COLLECTION, path: () => "/api/v1/benchmarks" },
  "api.v1.benchmarks.$number": { who: "anonymous", params: () => ({ number: "BM-2026-0001" }), path: () => "/api/v1/benchmarks/BM-2026-0001" },
  "api.v1.ocds.releases": { who: "anonymous", query: COLLECTION, path: () => "/api/v1/ocds/releases" },
  "api.v1.ocds.releases.$code": { who: "anonymous", params: (ids) => ({ code: ids.open.code }), path: (ids) => `/api/v1/ocds/releases/${ids.open.code}` },
  "feeds.scenarios[.]atom": { who: "anonymous", query: ["lang"], path: () => "/feeds/scenarios.atom" },
  "feeds.benchmarks[.]atom": { who: "anonymous", query: ["lang"], path: () => "/feeds/benchmarks.atom" },
  "feeds.searches.$token": { who: "anonymous", params: () => ({ token: "x.atom" }), path: () => "/feeds/searches/x.atom" },
  "vendors._index": { who: "anonymous", query: ["q", "cap", "domain", "venue", "district", "kind", "filed", "page"], path: () => "/vendors" },
  "vendors.$id": { who: "anonymous", params: () => ({ id: "1" }), path: () => "/vendors/1" },
  "set-language": { who: "demand", query: ["lang", "redirectTo"], path: () => "/set-language" },
  "dev.mail": { who: "anonymous", query: ["to"], path: () => "/dev/mail" },
  "my.scenarios._index": { who: "demand", query: ["status"], path: () => "/my/scenarios" },
  "my.scenarios.$id": { who: "demand", params: (ids) => ({ id: String(ids.draft.id) }), path: (ids) => `/my/scenarios/${ids.draft.id}` },
  "my.scenarios.$id_.proposals": { who: "demand", query: ["confirm"], params: (ids) => ({ id: String(ids.opened.id) }), path: (ids) => `/my/scenarios/${ids.opened.id}/proposals` },
  "my.searches_.$id.open": { who: "demand", params: (ids) => ({ id: String(ids.savedSearch) }), path: (ids) => `/my/searches/${ids.savedSearch}/open` },
  "pilots.$id": { who: "demand", params: (ids) => ({ id: String(ids.pilot) }), path: (ids) => `/pilots/${ids.pilot}` },
  "proposals.$id.attachments.$attachmentId": {
    who: "vendor",
    params: (ids) => ({ id: String(ids.vendorProposal), attachmentId: String(ids.vendorAttachment) }),
    path: (ids) => `/proposals/${ids.vendorProposal}/attachments/${ids.vendorAttachment}`,
  },
  "review._index": { who: "reviewer", query: ["domain", "district", "edition", "org", "page"], path: () => "/review" },
  "review.$id": { who: "reviewer", query: ["done"], params: (ids) => ({ id: String(ids.submitted.id) }), path: (ids) => `/review/${ids.submitted.id}` },
  "admin.organisations": { who: "admin", query: ["q", "page"], path: () => "/admin/organisations" },
  "admin.batches": { who: "admin", query: ["edition"], path: () => "/admin/batches" },
  "admin.audit": { who: "admin", query: ["action", "subject", "actor", "from", "to", "page"], path: () => "/admin/audit" },
  "admin.incentives": { who: "admin", query: ["year"], path: () => "/admin/incentives" },
  "admin.import": { who: "admin", query: ["upload", "kind"], path: () => "/admin/import" },
  "pilots.$id_.apply": { who: "demand", params: (ids) => ({ id: String(ids.completedPilot) }), path: (ids) => `/pilots/${ids.completedPilot}/apply` },
  "pilots.$id_.benchmark": { who: "demand", query: ["done"], params: (ids) => ({ id: String(ids.pilot) }), path: (ids) => `/pilots/${ids.pilot}/benchmark` },
  "pilots.$id_.evidence.$evidenceId": {
    who: "demand",
    params: (ids) => ({ id: String(ids.pilot), evidenceId: String(ids.evidence) }),
    path: (ids) => `/pilots/${ids.pilot}/evidence/${ids.evidence}`,
  },
  "review.benchmarks.$id": { who: "reviewer", params: (ids) => ({ id: String(ids.reviewApplication) }), path: (ids) => `/review/benchmarks/${ids.reviewApplication}` },
  "admin.benchmarks._index": { who: "admin", query: ["page"], path: () => "/admin/benchmarks" },
  "admin.benchmarks.$id": { who: "admin", params: (ids) => ({ id: String(ids.reviewApplication) }), path: (ids) => `/admin/benchmarks/${ids.reviewApplication}` },
  "admin.editions_.$id.rubric": { who: "admin", params: (ids) => ({ id: String(ids.edition) }), path: (ids) => `/admin/editions/${ids.edition}/rubric` },
  "api.v1.benchmark-applications.$id.reviews": {
    who: "admin", query: ["lang"], params: (ids) => ({ id: String(ids.reviewApplication) }), path: (ids) => `/api/v1/benchmark-applications/${ids.reviewApplication}/reviews`,
  },
  "notices.$id": { who: "anonymous", params: (ids) => ({ id: String(ids.notice) }), path: (ids) => `/notices/${ids.notice}` },
  "benchmarks._index": { who: "anonymous", query: ["q", "domain", "venue", "district", "year", "capability", "page"], path: () => "/benchmarks" },
  "benchmarks.$number": { who: "demand", params: (ids) => ({ number: ids.benchmarkNumber }), path: (ids) => `/benchmarks/${ids.benchmarkNumber}` },
  "reset-password.$token": { who: "anonymous", params: () => ({ token: "x" }), path: () => "/reset-password/x" },
  "invitations.$token": { who: "anonymous", params: () => ({ token: "x" }), path: () => "/invitations/x" },
};

/** Routes not listed above still get these (a new page is probed before anyone lists it). */
const GENERIC_QUERY = ["q", "page", "id", "status", "lang"];

const modules = import.meta.glob<{ loader?: Function }>("/app/routes/*.{ts,tsx}", { eager: true });
const routeId = (file: string) => file.replace("/app/routes/", "").replace(/\.tsx?$/, "");
const loaders: [string, Function][] = [
  ["root", rootLoader],
  ...Object.entries(modules).filter(([, m]) => typeof m.loader === "function").map(([f, m]) => [routeId(f), m.loader!] as [string, Function]),
];

const MARKUP = /<[a-z!/?]/i;

/** A redirect stays on this site: a path, not `//host` or `/\host`, and no control characters. */
const safeLocation = (location: string | null) => location === null || (/^\/(?![/\\])/.test(location) && !/[\u0000-\u001f]/.test(location));

/** The body of an HTML or XML response must not carry markup from the input as markup. */
async function markupLeak(result: unknown, sent: string): Promise<boolean> {
  if (!(result instanceof Response) || !MARKUP.test(sent)) return false;
  const type = result.headers.get("Content-Type") ?? "";
  if (!/html|xml/.test(type)) return false;
  const body = await result.clone().text();
  // The first whole tag of the input, as typed (an Atom feed has tags of its own, such as <author>).
  const tag = /<[a-z!/?][^>]*>/i.exec(sent)?.[0] ?? sent;
  return body.includes(tag);
}

let world: World;
const counts = { loaderCalls: 0, params: 0, fiveHundreds: [] as string[] };

beforeAll(async () => {
  world = await buildWorld();
}, 120_000);
afterAll(() => {
  dropWorld(world);
  console.info(`[hostile-input] ${strings.length} strings; query and path parameters: ${counts.params} probed, ${counts.loaderCalls} loader calls, ${counts.fiveHundreds.length} answered 5xx or threw`);
});

describe("hostile query and path parameters", () => {
  for (const [id, loader] of loaders) {
    const spec = LOADERS[id];
    it(`GET ${id}`, async () => {
      const { db, drop } = await copyWorld(world);
      void db;
      try {
        const { ids, cookies } = world;
        const who = spec?.who ?? "admin";
        const cookie = cookies[who];
        const basePath = spec?.path(ids) ?? "/";
        const baseParams = spec?.params?.(ids) ?? {};
        const failures: string[] = [];
        const probe = async (label: string, url: string, params: Record<string, string>, sent: string) => {
          counts.loaderCalls++;
          let raw: unknown;
          const outcome = await run(
            async (args) => {
              try {
                raw = await loader(args);
              } catch (thrown) {
                raw = thrown;
              }
              if (raw instanceof Error) throw raw;
              return raw;
            },
            request(url, { cookie }),
            params,
            who,
          );
          if (outcome.error || outcome.status >= 500) {
            failures.push(`${label}: ${outcome.error instanceof Error ? outcome.error.message : outcome.status}`);
            counts.fiveHundreds.push(`${id} ${label}`);
          } else if (await markupLeak(raw, sent)) {
            failures.push(`${label}: markup echoed`);
          } else if (!safeLocation(outcome.location)) {
            failures.push(`${label}: redirected off the site to ${outcome.location}`);
          }
        };
        // Every page runs the root loader too, which reads ?lang=: probed once, on "root".
        const query = id === "root" ? ["lang"] : spec ? (spec.query ?? []) : GENERIC_QUERY;
        for (const param of query) {
          counts.params++;
          for (const s of strings) {
            const search = new URLSearchParams({ ...spec?.base, [param]: s.value });
            await probe(`?${param}=${s.name}`, `${basePath}?${search}`, baseParams, s.value);
          }
        }
        for (const param of Object.keys(baseParams)) {
          counts.params++;
          for (const s of strings) {
            await probe(`:${param}=${s.name}`, basePath, { ...baseParams, [param]: s.value }, s.value);
          }
        }
        expect(failures).toEqual([]);
      } finally {
        await drop();
      }
    }, 300_000);
  }
});

// ---------------------------------------------------------------------------------------------
// Forms: each string in each field of each form, posted by someone allowed to post it. Free-text
// fields are filled all at once (the rest of the form valid), every other field all at once too;
// any field the combined post did not answer with its own error is then posted alone. A post that
// is taken must have stored each text exactly as received (trimmed, as the forms promise); one
// that is refused must say why. Nothing may throw.

type Form = Record<string, string | string[] | File>;
interface Ctx {
  db: DB;
  ids: WorldIds;
  world: World;
  n: number;
}

/**
 * Where a text field ends up; `expect` maps what was sent to what must be stored (default: trimmed).
 * `json`: a path inside the column's JSON; `row`: the row it must be in (column → value);
 * `blankIsNull`: text that trims to nothing is stored as no value.
 */
interface Stored {
  table: string;
  column: string;
  expect?: (sent: string) => string;
  json?: string;
  row?: (ctx: Ctx) => Record<string, number>;
  blankIsNull?: true;
}

interface FormSpec {
  route: string;
  name: string;
  who: Who;
  path: (ids: WorldIds) => string;
  /** A valid form (and path parameters), fresh for each post. */
  base: (ctx: Ctx) => Promise<{ form: Form; params?: Record<string, string> }> | { form: Form; params?: Record<string, string> };
  /** Free-text fields and where they are stored (null: kept only as a hash or in the audit log). */
  text: Record<string, Stored | null>;
  /** Every other field the form carries. */
  other: string[];
  /** Puts things back after a post that was taken, so the next starts from the same state. */
  reset?: (ctx: Ctx) => Promise<void>;
  /** Runs before every post. */
  before?: (ctx: Ctx) => Promise<void>;
  /** The base form is refused on purpose (it points at nothing): the probe is about the refusal. */
  baseRefused?: true;
  /** The form changes what the search index is built from: the outbox is applied afterwards. */
  indexed?: boolean;
}

const trimmed = (sent: string) => asReceived(sent).trim();
const lower = (sent: string) => trimmed(sent).toLowerCase();
const at = (table: string, column: string, expect?: (sent: string) => string): Stored => ({ table, column, expect });
const inJson = (table: string, column: string, json: string, more: Partial<Stored> = {}): Stored => ({ table, column, json, ...more });
const version = async (db: DB, table: "scenarios" | "proposals", id: number) =>
  String((await db.selectFrom(table).where("id", "=", id).select("version").executeTakeFirstOrThrow()).version);

const SCENARIO_TEXT: Record<string, Stored> = {
  title: at("scenarios", "title"),
  description: at("scenarios", "description"),
  requirements: at("scenarios", "requirements"),
  acceptanceCriteria: at("scenarios", "acceptance_criteria"),
  siteAccess: at("scenarios", "site_access"),
  contactName: at("scenarios", "contact_name"),
  "dataResources[0].kind": at("scenario_data_resources", "kind"),
  "dataResources[0].volume": at("scenario_data_resources", "volume"),
};
const SCENARIO_OTHER = ["intent", "domain", "venueType", "district", "cooperationMode", "tier", "budgetWan", "periodStart", "periodEnd",
  "contactPhone", "contactEmail", "capabilities", "dataResources[0].sensitivity", "dataResources[0].labelled"];
const scenarioFields = (n: number): Form => ({
  title: `智能导诊试点${n}`,
  description: "门诊智能导诊。",
  requirements: "对接HIS。",
  acceptanceCriteria: "准确率95%。",
  domain: "livelihood",
  venueType: "hospital",
  district: "鼓楼区",
  cooperationMode: "joint_build",
  tier: "small_high_value",
  budgetWan: "100",
  periodStart: "2027-01-01",
  periodEnd: "2027-06-30",
  siteAccess: "工作日开放",
  contactName: "王老师",
  contactPhone: "025-83106666",
  contactEmail: "wang@hospital.example",
  capabilities: [CAPABILITIES[0]!.slug],
  "dataResources[0].kind": "门诊记录",
  "dataResources[0].volume": "10万条",
  "dataResources[0].sensitivity": "internal",
});

const pdf = (n: number) => new File([new TextEncoder().encode(`%PDF-1.4 evidence ${n}`)], "测试报告.pdf", { type: "application/pdf" });
const NARRATIVE = "导诊试点运行八个月，分诊准确率由80%提升至96%，平均候诊时间缩短四成；接口按HL7 FHIR对接，部署与培训手册齐全，其他医院可按同样步骤在两个月内复制。";
const sheet = (intent: string): Form => ({
  intent,
  ...Object.fromEntries(DEFAULT_RUBRIC.flatMap((c) => [[`scores.${c.key}`, String(c.weight - 2)], [`comments.${c.key}`, `${c.zh}表现良好。`]])),
});
const rubricForm = (): Form => ({
  intent: "save",
  passMark: "75",
  noticeDays: "7",
  ...Object.fromEntries(DEFAULT_RUBRIC.flatMap((c, i) => [[`criteria[${i}].key`, c.key], [`criteria[${i}].zh`, c.zh], [`criteria[${i}].en`, c.en], [`criteria[${i}].weight`, String(c.weight)]])),
});
/** The world's reviewer's assignment on the application in review. */
const mySheet = ({ ids, world }: Ctx) => ({ application_id: ids.reviewApplication, reviewer_id: world.people.reviewer.id });

const FORMS: FormSpec[] = [
  {
    route: "signup", name: "sign up", who: "anonymous", path: () => "/signup",
    base: ({ n }) => ({ form: { name: "李主任", email: `new${n}@example.com`, password: "a-long-password", kind: "demand", organisationName: `新医院${n}`, creditCode: validCreditCode(), district: "鼓楼区" } }),
    text: { name: at("users", "name"), organisationName: at("organisations", "name") },
    other: ["email", "password", "kind", "creditCode", "district"],
  },
  {
    route: "login", name: "sign in", who: "anonymous", path: () => "/login",
    base: () => ({ form: { email: "demand@demo.local", password: "demo-pass-2026", redirectTo: "/my/scenarios" } }),
    text: {},
    other: ["email", "password", "redirectTo"],
    // The seed sets no passwords; failed tries would lock the account after five: each post starts
    // with the demo password (hashed cheaply, see the mock above) and a clean record.
    before: async ({ db }) => {
      await db.deleteFrom("login_attempts").execute();
      await db.updateTable("users").set({ password_hash: await hashPassword("demo-pass-2026") }).where("email", "=", "demand@demo.local").execute();
    },
  },
  {
    route: "forgot-password", name: "forgot password", who: "anonymous", path: () => "/forgot-password",
    base: () => ({ form: { email: "demand@demo.local" } }), text: {}, other: ["email"],
  },
  {
    route: "set-language", name: "switch language", who: "demand", path: () => "/set-language",
    base: () => ({ form: { lang: "en", redirectTo: "/my/scenarios" } }), text: {}, other: ["lang", "redirectTo"],
  },
  {
    route: "reset-password.$token", name: "reset password", who: "anonymous", path: () => "/reset-password/x",
    base: async ({ db, world }) => {
      const { token, hash } = createLinkToken();
      await db.insertInto("password_resets").values({ token_hash: hash, user_id: world.people.otherDemand.id, expires_at: new Date(Date.now() + 3_600_000).toISOString() }).execute();
      return { form: { password: "new password 123", confirm: "new password 123" }, params: { token } };
    },
    text: {}, other: ["password", "confirm"],
  },
  {
    route: "invitations.$token", name: "accept invitation", who: "anonymous", path: () => "/invitations/x",
    base: async ({ db, world, n }) => {
      const { token, hash } = createLinkToken();
      await db.insertInto("invitations").values({ token_hash: hash, organisation_id: world.people.demand.organisationId!, email: `invitee${n}@example.com`, invited_by: world.people.demand.id, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute();
      return { form: { intent: "register", name: "新成员", password: "a-long-password" }, params: { token } };
    },
    text: { name: at("users", "name") }, other: ["intent", "password"],
  },
  {
    route: "scenarios.$code", name: "ask a question", who: "vendor", path: (ids) => `/scenarios/${ids.open.code}`,
    base: ({ ids, n }) => ({ form: { intent: "ask", question: `请问接口格式是什么？${n}` }, params: { code: ids.open.code } }),
    text: { question: at("scenario_questions", "question") }, other: ["intent"],
  },
  {
    route: "scenarios.$code", name: "answer a question", who: "demand", path: (ids) => `/scenarios/${ids.open.code}`,
    base: async ({ db, ids, world }) => {
      const q = await db.insertInto("scenario_questions").values({ scenario_id: ids.open.id, asked_by: world.people.vendor.id, question: "数据格式？" }).returning("id").executeTakeFirstOrThrow();
      return { form: { intent: "answer", questionId: String(q.id), answer: "FHIR。" }, params: { code: ids.open.code } };
    },
    text: { answer: at("scenario_questions", "answer") }, other: ["intent", "questionId"],
  },
  {
    route: "scenarios.$code_.proposal", name: "save a proposal", who: "vendor", path: (ids) => `/scenarios/${ids.open.code}/proposal`,
    base: async ({ db, ids }) => ({
      form: { intent: "save", version: await version(db, "proposals", ids.vendorProposal), approach: "方案", team: "团队", priceWan: "80", timeline: "三个月", productIds: [String(ids.product)], caseIds: [] },
      params: { code: ids.open.code },
    }),
    text: { approach: at("proposals", "approach"), team: at("proposals", "team"), timeline: at("proposals", "timeline") },
    other: ["intent", "version", "priceWan", "productIds", "caseIds"],
  },
  {
    route: "scenarios.$code_.proposal", name: "proposal commands", who: "vendor", path: (ids) => `/scenarios/${ids.open.code}/proposal`,
    base: ({ ids }) => ({ form: { intent: "removeAttachment", attachmentId: "999999" }, params: { code: ids.open.code } }),
    text: {}, other: ["attachmentId", "version"], baseRefused: true,
  },
  {
    route: "my.scenarios.new", name: "new scenario", who: "demand", path: () => "/my/scenarios/new",
    base: ({ n }) => ({ form: { ...scenarioFields(n), intent: "save", submissionKey: `hostile-submission-key-${n}` } }),
    text: SCENARIO_TEXT, other: [...SCENARIO_OTHER, "submissionKey"], indexed: true,
  },
  {
    route: "my.scenarios.$id", name: "save a draft", who: "demand", path: (ids) => `/my/scenarios/${ids.draft.id}`,
    base: async ({ db, ids, n }) => ({ form: { ...scenarioFields(n), intent: "save", version: await version(db, "scenarios", ids.draft.id) }, params: { id: String(ids.draft.id) } }),
    text: SCENARIO_TEXT, other: [...SCENARIO_OTHER, "version"], indexed: true,
  },
  {
    route: "my.scenarios.$id", name: "amend a published scenario", who: "demand", path: (ids) => `/my/scenarios/${ids.open.id}`,
    base: async ({ db, ids, n }) => ({
      form: { ...scenarioFields(n), intent: "amend", version: await version(db, "scenarios", ids.open.id), reason: `补充说明${n}` },
      params: { id: String(ids.open.id) },
    }),
    text: { ...SCENARIO_TEXT, reason: at("scenario_amendments", "reason") }, other: [...SCENARIO_OTHER, "version"], indexed: true,
  },
  {
    route: "my.scenarios.$id", name: "withdraw a draft", who: "demand", path: (ids) => `/my/scenarios/${ids.draft.id}`,
    base: async ({ db, ids }) => ({ form: { intent: "withdraw", version: await version(db, "scenarios", ids.draft.id), reason: "不再需要" }, params: { id: String(ids.draft.id) } }),
    text: { reason: null }, other: ["intent", "version"],
    reset: async ({ db, ids }) => void (await db.updateTable("scenarios").set({ status: "draft" }).where("id", "=", ids.draft.id).execute()),
  },
  {
    route: "my.scenarios.$id_.proposals", name: "decline a proposal", who: "demand", path: (ids) => `/my/scenarios/${ids.opened.id}/proposals`,
    base: ({ ids }) => ({ form: { intent: "decline", proposalId: String(ids.proposal), reason: "不符合要求" }, params: { id: String(ids.opened.id) } }),
    text: { reason: at("proposals", "decision_reason") }, other: ["intent", "proposalId"],
    reset: async ({ db, ids }) => void (await db.updateTable("proposals").set({ status: "submitted", decided_at: null, decision_reason: null }).where("id", "=", ids.proposal).execute()),
  },
  {
    route: "my.searches", name: "save a search", who: "demand", path: () => "/my/searches",
    base: () => ({ form: { intent: "save", name: "导诊", query: "q=导诊&district=鼓楼区", frequency: "daily" } }),
    text: { name: at("saved_searches", "name") }, other: ["intent", "query", "frequency"],
    reset: async ({ db, ids }) => void (await db.deleteFrom("saved_searches").where("id", "!=", ids.savedSearch).execute()),
  },
  {
    route: "my.searches", name: "change a saved search", who: "demand", path: () => "/my/searches",
    base: ({ ids }) => ({ form: { intent: "frequency", id: String(ids.savedSearch), frequency: "weekly" } }), text: {}, other: ["intent", "id", "frequency"],
  },
  {
    route: "notifications", name: "notification settings", who: "demand", path: () => "/notifications",
    base: () => ({ form: { intent: "preferences", notifyMode: "daily", lang: "zh" } }), text: {}, other: ["intent", "notifyMode", "lang"],
  },
  {
    route: "notifications", name: "mark read", who: "demand", path: () => "/notifications",
    base: ({ ids }) => ({ form: { intent: "read", id: String(ids.notification) } }), text: {}, other: ["id"],
  },
  {
    route: "account.members", name: "invite a member", who: "demand", path: () => "/account/members",
    base: ({ n }) => ({ form: { intent: "invite", email: `colleague${n}@example.com` } }), text: {}, other: ["intent", "email"],
    reset: async ({ db }) => void (await db.deleteFrom("invitations").where("email", "like", "colleague%").execute()),
  },
  {
    route: "account.members", name: "change a member", who: "demand", path: () => "/account/members",
    base: ({ ids }) => ({ form: { intent: "makeAdmin", memberId: String(ids.member) } }), text: {}, other: ["intent", "memberId"],
  },
  {
    route: "vendor.profile", name: "vendor profile", who: "vendor", path: () => "/vendor/profile",
    base: () => ({ form: { intent: "profile", summary: "医疗AI。", website: "https://vendor.example", capabilities: [CAPABILITIES[0]!.slug], domains: ["livelihood"], venueTypes: ["hospital"], districts: ["鼓楼区"] } }),
    text: { summary: at("organisations", "summary") }, other: ["website", "capabilities", "domains", "venueTypes", "districts"], indexed: true,
  },
  {
    route: "vendor.profile", name: "add a product", who: "vendor", path: () => "/vendor/profile",
    base: () => ({ form: { intent: "addProduct", kind: "agent", name: "导诊助手", description: "院内导诊。", filingNumber: "" } }),
    text: { name: at("products", "name"), description: at("products", "description") }, other: ["kind", "filingNumber"], indexed: true,
  },
  {
    route: "vendor.profile", name: "change a product", who: "vendor", path: () => "/vendor/profile",
    base: ({ ids }) => ({ form: { intent: "updateProduct", productId: String(ids.product), kind: "agent", name: "导诊助手", description: "" } }),
    text: { name: at("products", "name") }, other: ["productId", "kind", "filingNumber"], indexed: true,
  },
  {
    route: "vendor.profile", name: "add a case", who: "vendor", path: () => "/vendor/profile",
    base: () => ({ form: { intent: "addCase", client: "某医院", scenario: "导诊", result: "上线", year: "2024" } }),
    text: { client: at("reference_cases", "client"), scenario: at("reference_cases", "scenario"), result: at("reference_cases", "result") },
    other: ["year"], indexed: true,
  },
  {
    route: "pilots.$id", name: "pilot milestone", who: "demand", path: (ids) => `/pilots/${ids.pilot}`,
    base: ({ ids }) => ({ form: { intent: "milestone", title: "验收", dueOn: "2027-03-01" }, params: { id: String(ids.pilot) } }),
    text: { title: at("pilot_milestones", "title") }, other: ["intent", "dueOn"],
  },
  {
    route: "pilots.$id", name: "pilot KPI", who: "otherVendor", path: (ids) => `/pilots/${ids.pilot}`,
    base: ({ ids }) => ({ form: { intent: "kpi", name: "响应时间", unit: "秒", baseline: "10", target: "3", higherIsBetter: "no" }, params: { id: String(ids.pilot) } }),
    text: { name: at("pilot_kpis", "name"), unit: at("pilot_kpis", "unit") }, other: ["baseline", "target", "higherIsBetter"],
  },
  {
    route: "pilots.$id", name: "pilot measurement", who: "otherVendor", path: (ids) => `/pilots/${ids.pilot}`,
    base: ({ ids }) => ({ form: { intent: "measurement", kpiId: String(ids.kpi), value: "90", measuredOn: "2026-11-01", note: "" }, params: { id: String(ids.pilot) } }),
    text: { note: at("pilot_kpi_measurements", "note") }, other: ["kpiId", "value", "measuredOn"],
  },
  {
    route: "pilots.$id", name: "pilot update", who: "demand", path: (ids) => `/pilots/${ids.pilot}`,
    base: ({ ids }) => ({ form: { intent: "update", body: "第一阶段完成。" }, params: { id: String(ids.pilot) } }),
    text: { body: at("pilot_updates", "body") }, other: [],
  },
  {
    route: "pilots.$id", name: "end a pilot", who: "demand", path: (ids) => `/pilots/${ids.pilot}`,
    base: ({ ids }) => ({ form: { intent: "end", reason: "提前结束" }, params: { id: String(ids.pilot) } }),
    text: { reason: at("pilots", "summary") }, other: [],
    // A pilot under way: active, its scenario piloting.
    before: async ({ db, ids }) => {
      await db.updateTable("pilots").set({ status: "active", ended_at: null, summary: "" }).where("id", "=", ids.pilot).execute();
      const pilot = await db.selectFrom("pilots").where("id", "=", ids.pilot).select("scenario_id").executeTakeFirstOrThrow();
      await db.updateTable("scenarios").set({ status: "piloting" }).where("id", "=", pilot.scenario_id).execute();
    },
  },
  {
    route: "review.$id", name: "return to the organisation", who: "reviewer", path: (ids) => `/review/${ids.submitted.id}`,
    base: async ({ db, ids }) => ({
      form: { intent: "return", version: await version(db, "scenarios", ids.submitted.id), "comments.title": "请写具体", "comments.other": "" },
      params: { id: String(ids.submitted.id) },
    }),
    text: { "comments.title": at("scenario_review_comments", "comment"), "comments.other": at("scenario_review_comments", "comment") }, other: ["intent", "version"],
    reset: async ({ db, ids }) => void (await db.updateTable("scenarios").set({ status: "submitted" }).where("id", "=", ids.submitted.id).execute()),
  },
  {
    route: "review.$id", name: "approve", who: "reviewer", path: (ids) => `/review/${ids.submitted.id}`,
    base: async ({ db, ids }) => ({ form: { intent: "approve", version: await version(db, "scenarios", ids.submitted.id), note: "" }, params: { id: String(ids.submitted.id) } }),
    text: { note: null }, other: ["intent", "version"],
    reset: async ({ db, ids }) => void (await db.updateTable("scenarios").set({ status: "submitted" }).where("id", "=", ids.submitted.id).execute()),
  },
  {
    route: "admin.organisations", name: "revoke a verification", who: "admin", path: () => "/admin/organisations",
    base: ({ ids }) => ({ form: { intent: "revoke", organisationId: String(ids.unverifiedOrganisation), reason: "材料不全" } }),
    text: { reason: null }, other: ["intent", "organisationId"],
  },
  {
    route: "admin.editions", name: "new edition", who: "admin", path: () => "/admin/editions",
    base: () => ({ form: { intent: "create", year: "2031", title: "2031年清单" } }),
    text: { title: at("editions", "title") }, other: ["intent", "year"],
    reset: async ({ db }) => void (await db.deleteFrom("editions").where("year", "=", 2031).execute()),
  },
  {
    route: "admin.editions", name: "open a call", who: "admin", path: () => "/admin/editions",
    base: ({ ids }) => ({ form: { intent: "open", editionId: String(ids.edition) } }), text: {}, other: ["intent", "editionId"],
    // Every call closed, so this edition's may open.
    before: async ({ db }) => void (await db.updateTable("editions").set({ call_status: "closed" }).where("call_status", "=", "open").execute()),
  },
  {
    route: "admin.batches", name: "publish a batch", who: "admin", path: () => "/admin/batches",
    base: ({ ids }) => ({ form: { editionId: String(ids.edition), scenarioIds: ["999999"] } }), text: {}, other: ["editionId", "scenarioIds"], baseRefused: true,
  },
  {
    route: "admin.incentives", name: "redeem an incentive", who: "admin", path: () => "/admin/incentives",
    base: ({ ids }) => ({ form: { intent: "redeem", incentiveId: String(ids.incentive), amountWan: "0.01", note: "" } }),
    text: { note: at("incentive_redemptions", "note") }, other: ["intent", "incentiveId", "amountWan"],
    reset: async ({ db }) => void (await db.deleteFrom("incentive_redemptions").execute()),
  },
  {
    route: "admin.incentives", name: "budget and grant", who: "admin", path: () => "/admin/incentives",
    base: ({ ids }) => ({ form: { intent: "grant", pilotId: String(ids.pilot), kind: "subsidy", amountWan: "1" } }), text: {}, other: ["intent", "pilotId", "kind", "amountWan"],
  },
  {
    route: "admin.search", name: "search maintenance", who: "admin", path: () => "/admin/search",
    base: () => ({ form: { intent: "retry" } }), text: {}, other: ["intent"],
  },
  {
    route: "admin.import", name: "import settings", who: "admin", path: () => "/admin/import",
    base: () => ({ form: { intent: "dryRun", upload: "abcdefghijklmnop", kind: "scenarios", edition: "2026", batch: "new", publishedOn: "", default_organisation: "" } }),
    text: {}, other: ["intent", "upload", "kind", "edition", "batch", "publishedOn", "default_organisation", "map", "shown", "mode", "archive"], baseRefused: true,
  },
  {
    route: "admin.import", name: "fix a held row", who: "admin", path: () => "/admin/import",
    base: () => ({ form: { intent: "fixHeld", id: "999999", cell: ["智能导诊", "南京市鼓楼医院"] } }),
    text: {}, other: ["intent", "id", "cell"], baseRefused: true,
  },
  {
    route: "admin.import", name: "verify an import's organisations", who: "admin", path: () => "/admin/import",
    base: () => ({ form: { intent: "verifyImport", sha256: "0".repeat(64) } }), text: {}, other: ["intent", "sha256"],
  },
  {
    route: "pilots.$id", name: "upload evidence", who: "demand", path: (ids) => `/pilots/${ids.pilot}`,
    base: ({ ids, n }) => ({ form: { intent: "evidence-upload", kpiId: String(ids.kpi), note: "第三方测试报告", file: pdf(n) }, params: { id: String(ids.pilot) } }),
    text: { note: at("pilot_evidence", "note") }, other: ["intent", "kpiId", "file"],
    // Twenty files at most: each taken post's file goes again.
    reset: async ({ db, ids }) => void (await db.deleteFrom("pilot_evidence").where("id", "!=", ids.evidence).execute()),
  },
  {
    route: "pilots.$id", name: "remove evidence", who: "demand", path: (ids) => `/pilots/${ids.pilot}`,
    base: async ({ db, ids, world, n }) => {
      const stored = await storeFile(new TextEncoder().encode(`%PDF-1.4 evidence ${n}`));
      const row = await db.insertInto("pilot_evidence")
        .values({ pilot_id: ids.pilot, file_name: "报告.pdf", media_type: "application/pdf", size_bytes: stored.size, sha256: stored.sha256, storage_key: stored.key, uploaded_by: world.people.demand.id })
        .returning("id").executeTakeFirstOrThrow();
      return { form: { intent: "evidence-remove", evidenceId: String(row.id) }, params: { id: String(ids.pilot) } };
    },
    text: {}, other: ["intent", "evidenceId"],
  },
  {
    route: "pilots.$id_.apply", name: "apply for a benchmark", who: "demand", path: (ids) => `/pilots/${ids.completedPilot}/apply`,
    base: ({ ids, n }) => ({ form: { narrative: `${NARRATIVE}${n}` }, params: { id: String(ids.completedPilot) } }),
    text: { narrative: at("benchmark_applications", "narrative") }, other: [],
    // One live application per pilot: the next post applies afresh.
    reset: async ({ db, ids }) => void (await db.deleteFrom("benchmark_applications").where("pilot_id", "=", ids.completedPilot).execute()),
  },
  {
    route: "review.benchmarks.$id", name: "score sheet", who: "reviewer", path: (ids) => `/review/benchmarks/${ids.reviewApplication}`,
    base: ({ ids }) => ({ form: sheet("draft"), params: { id: String(ids.reviewApplication) } }),
    text: {
      "comments.impact": inJson("benchmark_reviews", "comments_json", "$.impact", { row: mySheet, blankIsNull: true }),
      "comments.safety": inJson("benchmark_reviews", "comments_json", "$.safety", { row: mySheet, blankIsNull: true }),
    },
    other: ["intent", "scores.impact", "scores.safety"],
  },
  {
    route: "review.benchmarks.$id", name: "declare a conflict", who: "reviewer", path: (ids) => `/review/benchmarks/${ids.reviewApplication}`,
    base: ({ ids }) => ({ form: { intent: "conflict", reason: "曾为该医院提供咨询" }, params: { id: String(ids.reviewApplication) } }),
    text: { reason: at("benchmark_reviews", "conflict_reason") }, other: ["intent"],
    reset: async (ctx) => void (await ctx.db.updateTable("benchmark_reviews").set({ conflict_declared_at: null, conflict_reason: null })
      .where("application_id", "=", mySheet(ctx).application_id).where("reviewer_id", "=", mySheet(ctx).reviewer_id).execute()),
  },
  {
    route: "notices.$id", name: "object", who: "anonymous", path: (ids) => `/notices/${ids.notice}`,
    base: ({ ids, n }) => ({ form: { intent: "object", name: "李女士", contact: "13812345678", reason: `该场景的候诊时间数据未包含节假日，请核实。${n}` }, params: { id: String(ids.notice) } }),
    text: { name: at("benchmark_objections", "name"), reason: at("benchmark_objections", "reason") }, other: ["intent", "contact"],
  },
  {
    route: "benchmarks.$number", name: "replicate", who: "demand", path: (ids) => `/benchmarks/${ids.benchmarkNumber}`,
    base: ({ ids, n }) => ({ form: { intent: "replicate", submissionKey: `replicate-hostile-key-${n}` }, params: { number: ids.benchmarkNumber } }),
    text: {}, other: ["intent", "submissionKey"],
  },
  {
    route: "admin.editions_.$id.rubric", name: "save a rubric", who: "admin", path: (ids) => `/admin/editions/${ids.edition}/rubric`,
    base: ({ ids }) => ({ form: rubricForm(), params: { id: String(ids.edition) } }),
    text: {
      "criteria[0].zh": inJson("editions", "rubric_json", "$[0].zh", { row: ({ ids }) => ({ id: ids.edition }) }),
      "criteria[0].en": inJson("editions", "rubric_json", "$[0].en", { row: ({ ids }) => ({ id: ids.edition }) }),
    },
    other: ["intent", "passMark", "noticeDays", "criteria[0].key", "criteria[0].weight"],
  },
  {
    route: "admin.benchmarks.$id", name: "assign and take off", who: "admin", path: (ids) => `/admin/benchmarks/${ids.reviewApplication}`,
    base: ({ ids }) => ({ form: { intent: "assign", reviewerIds: [String(ids.assignableReviewer)] }, params: { id: String(ids.reviewApplication) } }),
    text: {}, other: ["intent", "reviewerIds", "reviewerId"],
    reset: async ({ db, ids }) => void (await db.deleteFrom("benchmark_reviews").where("application_id", "=", ids.reviewApplication).where("reviewer_id", "=", ids.assignableReviewer).execute()),
  },
  {
    route: "admin.benchmarks.$id", name: "close the review", who: "admin", path: (ids) => `/admin/benchmarks/${ids.reviewApplication}`,
    base: ({ ids }) => ({ form: { intent: "close", note: "评审意见一致。" }, params: { id: String(ids.reviewApplication) } }),
    text: { note: { ...at("benchmark_applications", "decision_note"), row: ({ ids }) => ({ id: ids.reviewApplication }), blankIsNull: true } },
    other: ["intent"],
    // Every assigned reviewer has submitted a full sheet, and the review is open again.
    before: async ({ db, ids }) => {
      const full = Object.fromEntries(DEFAULT_RUBRIC.map((c) => [c.key, c.weight]));
      await db.updateTable("benchmark_reviews")
        .set({ scores_json: JSON.stringify(full), total: 100, submitted_at: new Date().toISOString(), conflict_declared_at: null, conflict_reason: null })
        .where("application_id", "=", ids.reviewApplication).execute();
      await db.updateTable("benchmark_applications")
        .set({ status: "in_review", decision_note: null, review_closed_at: null, mean_score: null, notice_starts_at: null, notice_ends_at: null })
        .where("id", "=", ids.reviewApplication).execute();
    },
  },
  {
    route: "admin.notices", name: "resolve an objection", who: "admin", path: () => "/admin/notices",
    base: ({ ids }) => ({ form: { intent: "resolve", objectionId: String(ids.objection), outcome: "rejected", resolution: "数据已核实无误。" } }),
    text: { resolution: at("benchmark_objections", "resolution") }, other: ["intent", "objectionId", "outcome"],
    reset: async ({ db, ids }) => void (await db.updateTable("benchmark_objections").set({ status: "open", resolution: null, resolved_by: null, resolved_at: null }).where("id", "=", ids.objection).execute()),
  },
  {
    route: "admin.notices", name: "certify", who: "admin", path: () => "/admin/notices",
    base: ({ ids }) => ({ form: { intent: "certify", applicationId: String(ids.dueNotice) } }), text: {}, other: ["intent", "applicationId"],
  },
  {
    route: "logout", name: "sign out", who: "anonymous", path: () => "/logout", base: () => ({ form: { x: "" } }), text: {}, other: ["x"],
  },
];

/** Field errors of an action's answer, wherever the route put its Conform reply. */
function errorsOf(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object") return {};
  const b = body as { error?: unknown; result?: { error?: unknown } };
  const error = b.error ?? b.result?.error;
  return error && typeof error === "object" ? (error as Record<string, unknown>) : {};
}
const hasErrorFor = (errors: Record<string, unknown>, field: string) =>
  Object.keys(errors).some((k) => k === field || k.startsWith(`${field}[`) || k.startsWith(`${field}.`) || field.startsWith(`${k}[`) || field.startsWith(`${k}.`));


const formCounts = { forms: 0, fields: 0, pairs: 0, posts: 0, stored: 0, refusedWithMessage: 0, acceptedOther: 0, fiveHundreds: [] as string[] };

describe("hostile form fields", () => {
  afterAll(() => {
    console.info(`[hostile-input] forms: ${formCounts.forms} forms, ${formCounts.fields} fields, ${formCounts.pairs} string×field pairs, ${formCounts.posts} posts; ` +
      `${formCounts.stored} stored exactly, ${formCounts.refusedWithMessage} refused with a message, ${formCounts.acceptedOther} taken (non-text), ${formCounts.fiveHundreds.length} threw or answered 5xx`);
  });

  const actions = Object.fromEntries(
    Object.entries(modules as Record<string, { action?: Function }>).filter(([, m]) => typeof m.action === "function").map(([f, m]) => [routeId(f), m.action!]),
  );

  it("covers every route with an action", () => {
    expect(Object.keys(actions).filter((id) => !FORMS.some((f) => f.route === id))).toEqual([]);
  });

  for (const spec of FORMS) {
    it(`POST ${spec.route}: ${spec.name}`, async () => {
      const action = actions[spec.route];
      expect(action, spec.route).toBeTypeOf("function");
      const { db, drop } = await copyWorld(world);
      const problems: string[] = [];
      let n = 0;
      try {
        const ctx = (): Ctx => ({ db, ids: world.ids, world, n: ++n });
        const cookie = world.cookies[spec.who];
        formCounts.forms++;
        formCounts.fields += Object.keys(spec.text).length + spec.other.length;

        const post = async (fields: Record<string, string>, label: string) => {
          const c = ctx();
          await spec.before?.(c);
          const { form, params } = await spec.base(c);
          const sent = { ...form, ...fields };
          formCounts.posts++;
          const outcome = await run(action as never, formRequest(spec.path(world.ids), { cookie, form: sent }), params ?? {}, `${spec.who}-${n}`);
          if (outcome.error || outcome.status >= 500) {
            const message = outcome.error instanceof Error ? outcome.error.message.slice(0, 200) : String(outcome.status);
            problems.push(`${label}: ${message}`);
            formCounts.fiveHundreds.push(`${spec.route} ${label}`);
            return { taken: false, errors: {} as Record<string, unknown>, failed: true };
          }
          if (!safeLocation(outcome.location)) problems.push(`${label}: redirected off the site to ${outcome.location}`);
          const errors = errorsOf(outcome.body);
          const taken = outcome.status < 400 && Object.keys(errors).length === 0 && !(outcome.location ?? "").startsWith("/login");
          return { taken, errors, failed: false };
        };

        const checkStored = async (field: string, value: string, label: string) => {
          const where = spec.text[field];
          if (!where) return void formCounts.stored++;
          const expected = (where.expect ?? trimmed)(value);
          const stored = where.json ? sql`json_extract(${sql.ref(where.column)}, ${where.json})` : sql.ref(where.column);
          const holds = expected === "" && where.blankIsNull ? sql`${stored} is null` : sql`${stored} = ${expected}`;
          const rowIs = Object.entries(where.row?.({ db, ids: world.ids, world, n }) ?? {}).map(([column, id]) => sql` and ${sql.ref(column)} = ${id}`);
          const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(where.table)} where ${holds}${sql.join(rowIs, sql``)}`.execute(db);
          if (Number(rows[0]!.n) === 0) problems.push(`${label}: taken, but ${where.table}.${where.column} does not hold what was sent`);
          else formCounts.stored++;
        };

        /** One field's verdict from a post in which it carried the string. */
        const judge = async (f: string, result: Awaited<ReturnType<typeof post>>, s: { name: string; value: string }) => {
          if (result.failed) return;
          if (result.taken) {
            if (f in spec.text) await checkStored(f, s.value, `${f}=${s.name}`);
            else formCounts.acceptedOther++;
          } else if (Object.keys(result.errors).length > 0 || !(f in spec.text)) {
            // A message next to a field or on the form; ids and choices may also be refused by status alone.
            formCounts.refusedWithMessage++;
          } else {
            problems.push(`${f}=${s.name}: refused without saying why`);
          }
        };

        // The form as given must be one the route takes, or every refusal below would prove nothing.
        const baseline = await post({}, "the valid form");
        expect(baseline.taken || spec.baseRefused === true, `${spec.name}: the valid form was refused ${JSON.stringify(baseline.errors)}`).toBe(true);
        await spec.reset?.({ db, ids: world.ids, world, n });

        for (const s of strings) {
          for (const group of [Object.keys(spec.text), spec.other]) {
            if (group.length === 0) continue;
            formCounts.pairs += group.length;
            const first = await post(Object.fromEntries(group.map((f) => [f, s.value])), `${group.join("+")}=${s.name}`);
            if (first.failed) continue;
            if (first.taken) {
              for (const f of group) await judge(f, first, s);
              await spec.reset?.({ db, ids: world.ids, world, n });
              continue;
            }
            for (const f of group) {
              if (hasErrorFor(first.errors, f)) formCounts.refusedWithMessage++;
              else if (group.length === 1) await judge(f, first, s);
              else {
                // Not blamed in the combined post: alone, with the rest of the form valid.
                const alone = await post({ [f]: s.value }, `${f}=${s.name}`);
                await judge(f, alone, s);
                if (alone.taken) await spec.reset?.({ db, ids: world.ids, world, n });
              }
            }
          }
        }
        if (spec.indexed) {
          // What was stored must also go into the search index without failing.
          const report = await applySearchOutbox(db, searchEngine());
          if (report.failed) problems.push(`search outbox: ${report.failed} rows failed`);
        }
        expect(problems).toEqual([]);
      } finally {
        await drop();
      }
    }, 600_000);
  }
});

// ---------------------------------------------------------------------------------------------
// Stored hostile text through every format the list leaves the site in: the Atom feed, CSV, the
// Excel workbook, the JSON API and OCDS, and the printable list. Text that XML cannot carry (C0
// controls other than tab and line ends, U+FFFE/U+FFFF) is dropped from XML-based formats; every
// other character must arrive as stored, and every file must stay readable.

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlSafe = (text: string) => text.replace(NOT_XML, "");
/** What an XML parser hands back: line ends normalised to LF, as XML 1.0 requires of every reader. */
const asXmlRead = (text: string) => xmlSafe(text).replace(/\r\n?/g, "\n");

describe("hostile stored text in every export", () => {
  it("keeps feeds and files readable and the text as stored", async () => {
    const { db, drop } = await copyWorld(world);
    try {
      const publicRows = await db.selectFrom("scenarios").where("status", "in", PUBLIC_SCENARIO_STATUSES).where("code", "is not", null)
        .where("published_at", "is not", null).orderBy("published_at", "desc").orderBy("id", "desc").select(["id", "code"]).execute();
      // Every string lands in a title, a description or a requirements text, newest scenarios first
      // so the feed's fifty carry hostile titles. (Blank strings are left out, and titles over 100
      // characters: the forms refuse them.)
      type Texts = { title?: string; description?: string; requirements?: string };
      const stored = new Map<string, Texts>();
      const slots = (["title", "description", "requirements"] as const).flatMap((field) => publicRows.map((row) => ({ row, field })));
      let slot = 0;
      let placed = 0;
      for (const s of strings) {
        const text = asReceived(s.value).trim();
        if (!text) continue;
        while (slots[slot] && slots[slot]!.field === "title" && [...text].length > 100) slot++;
        const target = slots[slot++];
        if (!target) break;
        const column = target.field === "title" ? "title" : target.field === "description" ? "description" : "requirements";
        await db.updateTable("scenarios").set({ [column]: text }).where("id", "=", target.row.id).execute();
        stored.set(target.row.code!, { ...stored.get(target.row.code!), [target.field]: text });
        placed++;
      }
      const titles = new Map([...stored].flatMap(([code, t]) => (t.title === undefined ? [] : [[code, t.title] as [string, string]])));
      expect(placed).toBe(strings.filter((x) => asReceived(x.value).trim()).length);
      expect(titles.size).toBeGreaterThan(10);
      console.info(`[hostile-input] exports: ${placed} of ${strings.length} strings stored in ${stored.size} public scenarios (title, description, requirements), read back from Atom, CSV, XLSX, JSON, OCDS and the print list`);
      const problems: string[] = [];
      const get = async (loader: Function, url: string): Promise<unknown> => loader({ request: request(url), params: {}, context: {} });

      // Atom: well-formed, no character XML forbids, each title as stored.
      const atom = (await get(scenariosAtom, "/feeds/scenarios.atom")) as Response;
      const xml = await atom.text();
      if (NOT_XML.test(xml)) problems.push("atom: a character XML does not allow");
      NOT_XML.lastIndex = 0;
      const feed = parseXml(xml);
      for (const entry of childrenNamed(feed, "entry")) {
        const text = child(entry, "title")!.text;
        const code = text.split(" ", 1)[0]!;
        const expected = titles.get(code);
        if (expected !== undefined && text !== `${code} ${xmlSafe(expected)}`) problems.push(`atom ${code}: ${JSON.stringify(text).slice(0, 80)}`);
      }

      // CSV: parses back to the same cells (a leading apostrophe guards formula-like text).
      const csv = (await get(scenariosCsv, "/scenarios.csv")) as Response;
      const parsed = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
      if (!parsed.ok) problems.push("csv: unreadable");
      else {
        const [header, ...rows] = parsed.records;
        const codeAt = header!.indexOf("场景编号");
        const columns = { title: header!.indexOf("场景名称"), description: header!.indexOf("场景描述"), requirements: header!.indexOf("技术需求") };
        for (const row of rows) {
          for (const [field, at] of Object.entries(columns)) {
            const expected = stored.get(row[codeAt]!)?.[field as keyof Texts];
            if (expected !== undefined && row[at] !== guardFormula(expected)) problems.push(`csv ${row[codeAt]} ${field}: ${JSON.stringify(row[at]).slice(0, 80)}`);
          }
        }
        if (rows.length !== publicRows.length) problems.push(`csv: ${rows.length} rows for ${publicRows.length} scenarios`);
      }

      // Excel: opens, and each title cell holds the title (less what XML cannot carry).
      const xlsx = (await get(scenariosXlsx, "/scenarios.xlsx")) as Response;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const sheet = workbook.getWorksheet("场景清单")!;
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const code = String(row.getCell(1).value);
        for (const [field, column] of [["title", 2], ["description", 10], ["requirements", 11]] as const) {
          const expected = stored.get(code)?.[field];
          const cell = row.getCell(column).value;
          const text = typeof cell === "string" ? cell : JSON.stringify(cell);
          if (expected !== undefined && text !== asXmlRead(expected)) problems.push(`xlsx ${code} ${field}: ${JSON.stringify(text).slice(0, 80)}`);
        }
      });

      // JSON: the API and OCDS carry every character.
      for (let page = 1; page <= 20; page++) {
        const api = (await get(apiScenarios, `/api/v1/scenarios?limit=100&page=${page}`)) as Response;
        const body = (await api.json()) as { items: { code: string; title: string }[] };
        for (const item of body.items) {
          const expected = titles.get(item.code);
          if (expected !== undefined && item.title !== expected) problems.push(`api ${item.code}: ${JSON.stringify(item.title).slice(0, 80)}`);
        }
        if (body.items.length < 100) break;
      }
      const ocds = (await get(ocdsReleases, "/api/v1/ocds/releases?limit=100")) as Response;
      const releases = (await ocds.json()) as { releases: { tender?: { title?: string }; ocid: string }[] };
      expect(releases.releases.length).toBeGreaterThan(0);
      for (const r of releases.releases) {
        const code = [...titles.keys()].find((c) => r.ocid.endsWith(c));
        if (code && r.tender?.title !== titles.get(code)) problems.push(`ocds ${code}: ${JSON.stringify(r.tender?.title).slice(0, 80)}`);
      }

      // The printable list's data (the page renders it escaped, like every page).
      const print = (await get(printList, "/scenarios/print")) as { rows: { code: string; title: string }[] };
      for (const row of print.rows) {
        const expected = titles.get(row.code);
        if (expected !== undefined && row.title !== expected) problems.push(`print ${row.code}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await drop();
    }
  }, 300_000);
});
