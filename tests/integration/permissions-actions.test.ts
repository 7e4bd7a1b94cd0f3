import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { DEFAULT_RUBRIC } from "~/domain/rubric";
import { CAPABILITIES } from "~/domain/vocabulary";
import { changesSoFar, copyWorld, dropWorld, EVERYONE, formRequest, run, SIGNED_IN, buildWorld, type Who, type World, type WorldIds } from "../security-world";

// The action walk: every route module with an action, every form it takes (one case per intent),
// POSTed by each kind of user — anonymous, the demo hospital and the demo vendor, a member of
// ANOTHER demand organisation and of ANOTHER vendor, a reviewer and the office — with a form that
// would do its job for someone entitled to it. Whoever has no right to it must be refused
// (anonymous: sign-in redirect, or 401 from an API; signed in: 403, or 404 where the thing is
// another organisation's) and must have changed NOTHING in the database (SQLite's total_changes()
// is the same before and after). permissions.test.ts walks the loaders and the empty POSTs; this
// file walks the intents. A route with an action that is not listed here fails the first test.

type Form = Record<string, string | string[] | File>;

interface Case {
  /** What the form does, for the test's name. */
  name: string;
  /** Built afresh for each post, so it may look at the database as the earlier posts left it. */
  form: (ids: WorldIds, db: DB) => Form | Promise<Form>;
  /** Another thing of the same kind than the route's (path parameters and URL). */
  params?: (ids: WorldIds) => Record<string, string>;
  path?: (ids: WorldIds) => string;
  /** Who may do it: they must not be refused (a 400 or 409 about the content is fine). */
  allowed: Who[];
  /** Who is told 404: the thing belongs to another organisation (or user). */
  hidden?: Who[];
  /** Who is turned away with a form error or a no-op answer (not a status): nothing may change either. */
  unchanged?: Who[];
}

interface ActionRule {
  path: (ids: WorldIds) => string;
  params?: (ids: WorldIds) => Record<string, string>;
  /** A JSON API: anonymous callers get 401. */
  api?: boolean;
  cases: Case[];
}

const DEMAND_MEMBERS: Who[] = ["demand", "otherDemand"];
const VENDOR_MEMBERS: Who[] = ["vendor", "otherVendor"];
const ORG_ADMINS: Who[] = ["demand", "otherDemand", "vendor", "otherVendor"];
const PAIR: Who[] = ["demand", "otherVendor"];
const not = (list: Who[], ...except: Who[]) => list.filter((w) => !except.includes(w));

const pdf = () => new File([new TextEncoder().encode("%PDF-1.4 evidence")], "测试报告.pdf", { type: "application/pdf" });
const newestEvidence = async (db: DB, pilotId: number) =>
  (await db.selectFrom("pilot_evidence").where("pilot_id", "=", pilotId).orderBy("id", "desc").select("id").executeTakeFirstOrThrow()).id;
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

const scenarioForm = (ids: WorldIds, intent: string): Form => ({
  intent,
  version: String(ids.draft.version),
  title: "智能导诊试点",
  description: "门诊智能导诊。",
  requirements: "对接HIS。",
  acceptanceCriteria: "准确率95%。",
  domain: "livelihood",
  district: "鼓楼区",
  cooperationMode: "joint_build",
  tier: "small_high_value",
  budgetWan: "100",
  periodStart: "2027-01-01",
  periodEnd: "2027-06-30",
  siteAccess: "",
  contactName: "王老师",
  contactPhone: "025-83106666",
  capabilities: [CAPABILITIES[0]!.slug],
});

const ACTIONS: Record<string, ActionRule> = {
  "login": { path: () => "/login", cases: [{ name: "sign in", form: () => ({ email: "nobody@example.com", password: "wrong password" }), allowed: EVERYONE }] },
  "signup": {
    path: () => "/signup",
    cases: [{
      name: "register",
      form: () => ({ name: "李主任", email: "new@example.com", password: "a-long-password", kind: "demand", organisationName: "新医院", creditCode: "91320106MA1XY00QW0", district: "鼓楼区" }),
      allowed: EVERYONE,
    }],
  },
  "logout": { path: () => "/logout", cases: [{ name: "sign out", form: () => ({}), allowed: EVERYONE }] },
  // Anyone switches language; a signed-in user's choice is also stored on their own account (set-language.test.ts).
  "set-language": { path: () => "/set-language", cases: [{ name: "switch language", form: () => ({ lang: "en", redirectTo: "/scenarios" }), allowed: EVERYONE }] },
  "forgot-password": { path: () => "/forgot-password", cases: [{ name: "ask for a link", form: () => ({ email: "demand@demo.local" }), allowed: EVERYONE }] },
  "reset-password.$token": {
    path: () => "/reset-password/x",
    params: () => ({ token: "A".repeat(43) }),
    cases: [{ name: "reset with an unknown token", form: () => ({ password: "new password 123", confirm: "new password 123" }), allowed: EVERYONE }],
  },
  "invitations.$token": {
    path: (ids) => `/invitations/${ids.invitationToken}`,
    params: (ids) => ({ token: ids.invitationToken }),
    cases: [
      // Signed in with another e-mail: the invitation is not theirs to take.
      { name: "join with another account", form: () => ({ intent: "join" }), allowed: [], unchanged: SIGNED_IN },
      { name: "register the invited address", form: () => ({ intent: "register", name: "新成员", password: "a-long-password" }), allowed: EVERYONE },
    ],
  },
  "scenarios.$code": {
    path: (ids) => `/scenarios/${ids.open.code}`,
    params: (ids) => ({ code: ids.open.code }),
    cases: [
      { name: "ask", form: () => ({ intent: "ask", question: "请问数据接口是什么格式？" }), allowed: VENDOR_MEMBERS },
      // Only the scenario's own organisation answers.
      { name: "answer", form: (ids) => ({ intent: "answer", questionId: String(ids.question), answer: "HL7 FHIR。" }), allowed: ["demand"] },
      { name: "follow", form: () => ({ intent: "follow" }), allowed: SIGNED_IN },
      { name: "unfollow", form: () => ({ intent: "unfollow" }), allowed: SIGNED_IN },
    ],
  },
  "scenarios.$code_.proposal": {
    path: (ids) => `/scenarios/${ids.open.code}/proposal`,
    params: (ids) => ({ code: ids.open.code }),
    cases: [
      { name: "save a proposal", form: () => ({ intent: "save", version: "0", approach: "方案" }), allowed: VENDOR_MEMBERS },
      // The file is the demo vendor's: another vendor cannot remove it.
      { name: "remove a file", form: (ids) => ({ intent: "removeAttachment", attachmentId: String(ids.vendorAttachment) }), allowed: ["vendor"], hidden: ["otherVendor"] },
      { name: "withdraw", form: () => ({ intent: "withdraw", version: "1" }), allowed: ["vendor"], hidden: ["otherVendor"] },
    ],
  },
  "my.scenarios.new": {
    path: () => "/my/scenarios/new",
    cases: [{ name: "create a draft", form: (ids) => ({ ...scenarioForm(ids, "save"), version: [], submissionKey: "a-submission-key-0001" }), allowed: DEMAND_MEMBERS }],
  },
  "my.scenarios.$id": {
    path: (ids) => `/my/scenarios/${ids.draft.id}`,
    params: (ids) => ({ id: String(ids.draft.id) }),
    cases: [
      { name: "save", form: (ids) => scenarioForm(ids, "save"), allowed: ["demand"], hidden: ["otherDemand"] },
      { name: "amend", form: (ids) => ({ ...scenarioForm(ids, "amend"), reason: "补充" }), allowed: ["demand"], hidden: ["otherDemand"] },
      { name: "submit", form: (ids) => scenarioForm(ids, "submit"), allowed: ["demand"], hidden: ["otherDemand"] },
      { name: "withdraw", form: (ids) => ({ intent: "withdraw", version: String(ids.draft.version), reason: "不再需要" }), allowed: ["demand"], hidden: ["otherDemand"] },
    ],
  },
  "my.scenarios.$id_.proposals": {
    path: (ids) => `/my/scenarios/${ids.opened.id}/proposals`,
    params: (ids) => ({ id: String(ids.opened.id) }),
    cases: [
      // A proposal on another organisation's scenario, named through this page: not found for anyone.
      { name: "shortlist another organisation's proposal", form: (ids) => ({ intent: "shortlist", proposalId: String(ids.foreignProposal) }), allowed: [], hidden: DEMAND_MEMBERS },
      { name: "shortlist", form: (ids) => ({ intent: "shortlist", proposalId: String(ids.proposal) }), allowed: ["demand"], hidden: ["otherDemand"] },
      { name: "decline", form: (ids) => ({ intent: "decline", proposalId: String(ids.proposal), reason: "不符合" }), allowed: ["demand"], hidden: ["otherDemand"] },
      { name: "select", form: (ids) => ({ intent: "select", proposalId: String(ids.proposal), note: "" }), allowed: ["demand"], hidden: ["otherDemand"] },
    ],
  },
  "my.searches": {
    path: () => "/my/searches",
    cases: [
      { name: "save a search", form: () => ({ intent: "save", name: "导诊", query: "q=导诊", frequency: "daily" }), allowed: SIGNED_IN },
      { name: "change how often", form: (ids) => ({ intent: "frequency", id: String(ids.savedSearch), frequency: "weekly" }), allowed: ["demand"], hidden: not(SIGNED_IN, "demand") },
      { name: "delete", form: (ids) => ({ intent: "delete", id: String(ids.savedSearch) }), allowed: ["demand"], hidden: not(SIGNED_IN, "demand") },
    ],
  },
  "notifications": {
    path: () => "/notifications",
    cases: [
      // Someone else's notification: the answer is the same as for one already read, and nothing changes.
      { name: "mark one read", form: (ids) => ({ intent: "read", id: String(ids.notification) }), allowed: ["demand"], unchanged: not(SIGNED_IN, "demand") },
      { name: "mark all read", form: () => ({ intent: "readAll" }), allowed: SIGNED_IN },
      { name: "preferences", form: () => ({ intent: "preferences", notifyMode: "daily", lang: "en" }), allowed: SIGNED_IN },
    ],
  },
  "account.members": {
    path: () => "/account/members",
    cases: [
      { name: "invite", form: () => ({ intent: "invite", email: "colleague@example.com" }), allowed: ORG_ADMINS },
      // The member belongs to the demo hospital: admins of other organisations cannot touch them.
      { name: "make admin", form: (ids) => ({ intent: "makeAdmin", memberId: String(ids.member) }), allowed: ["demand"], hidden: not(ORG_ADMINS, "demand") },
      { name: "remove", form: (ids) => ({ intent: "remove", memberId: String(ids.member) }), allowed: ["demand"], hidden: not(ORG_ADMINS, "demand") },
    ],
  },
  "vendor.profile": {
    path: () => "/vendor/profile",
    cases: [
      { name: "profile", form: () => ({ intent: "profile", summary: "医疗AI。", capabilities: [CAPABILITIES[0]!.slug] }), allowed: VENDOR_MEMBERS },
      { name: "add product", form: () => ({ intent: "addProduct", kind: "agent", name: "新产品" }), allowed: VENDOR_MEMBERS },
      { name: "add case", form: () => ({ intent: "addCase", client: "某医院", scenario: "导诊", result: "上线" }), allowed: VENDOR_MEMBERS },
      // The product and case are the demo vendor's.
      { name: "update product", form: (ids) => ({ intent: "updateProduct", productId: String(ids.product), kind: "agent", name: "改名" }), allowed: ["vendor"], hidden: ["otherVendor"] },
      { name: "update case", form: (ids) => ({ intent: "updateCase", caseId: String(ids.referenceCase), client: "某医院", scenario: "导诊", result: "改" }), allowed: ["vendor"], hidden: ["otherVendor"] },
      { name: "delete product", form: (ids) => ({ intent: "deleteProduct", productId: String(ids.product) }), allowed: ["vendor"], hidden: ["otherVendor"] },
      { name: "delete case", form: (ids) => ({ intent: "deleteCase", caseId: String(ids.referenceCase) }), allowed: ["vendor"], hidden: ["otherVendor"] },
    ],
  },
  // The pair is the demo hospital and the other vendor; the office reads the workspace but writes nothing.
  "pilots.$id": {
    path: (ids) => `/pilots/${ids.pilot}`,
    params: (ids) => ({ id: String(ids.pilot) }),
    cases: [
      { name: "add milestone", form: () => ({ intent: "milestone", title: "验收", dueOn: "2027-03-01" }), allowed: PAIR },
      { name: "tick milestone", form: (ids) => ({ intent: "toggle-milestone", milestoneId: String(ids.milestone) }), allowed: PAIR },
      // A milestone of another pilot, named through this pilot's page.
      { name: "tick another pilot's milestone", form: (ids) => ({ intent: "toggle-milestone", milestoneId: String(ids.otherMilestone) }), allowed: [], hidden: PAIR },
      { name: "add KPI", form: () => ({ intent: "kpi", name: "响应时间", unit: "秒", baseline: "10", target: "3", higherIsBetter: "no" }), allowed: PAIR },
      { name: "record measurement", form: (ids) => ({ intent: "measurement", kpiId: String(ids.kpi), value: "90", measuredOn: "2026-11-01", note: "" }), allowed: PAIR },
      { name: "post update", form: () => ({ intent: "update", body: "第一阶段完成。" }), allowed: PAIR },
      { name: "upload evidence", form: (ids) => ({ intent: "evidence-upload", kpiId: String(ids.kpi), note: "第三方测试报告", file: pdf() }), allowed: PAIR },
      // While the pilot runs either side removes a file; each removes the newest one left.
      { name: "remove evidence", form: async (ids, db) => ({ intent: "evidence-remove", evidenceId: String(await newestEvidence(db, ids.pilot)) }), allowed: PAIR },
      // Starting, completing and ending are the demand side's decisions.
      { name: "complete", form: () => ({ intent: "complete" }), allowed: ["demand"] },
      { name: "end", form: () => ({ intent: "end", reason: "提前结束" }), allowed: ["demand"] },
    ],
  },
  "pilots.$id_.apply": {
    path: (ids) => `/pilots/${ids.completedPilot}/apply`,
    params: (ids) => ({ id: String(ids.completedPilot) }),
    // Either side of the pair applies; the second post finds the first's application and is sent to it.
    cases: [{ name: "apply for a benchmark", form: () => ({ narrative: NARRATIVE }), allowed: PAIR }],
  },
  // Only a reviewer assigned to the application scores it.
  "review.benchmarks.$id": {
    path: (ids) => `/review/benchmarks/${ids.reviewApplication}`,
    params: (ids) => ({ id: String(ids.reviewApplication) }),
    cases: [
      {
        name: "score an application not assigned to them", form: () => sheet("draft"), allowed: [],
        path: (ids) => `/review/benchmarks/${ids.unassignedApplication}`, params: (ids) => ({ id: String(ids.unassignedApplication) }),
      },
      { name: "save a draft sheet", form: () => sheet("draft"), allowed: ["reviewer"] },
      { name: "submit the sheet", form: () => sheet("submit"), allowed: ["reviewer"] },
      { name: "declare a conflict", form: () => ({ intent: "conflict", reason: "曾为该医院提供咨询" }), allowed: ["reviewer"] },
    ],
  },
  // Anyone may object while the notice runs, signed in or not.
  "notices.$id": {
    path: (ids) => `/notices/${ids.notice}`,
    params: (ids) => ({ id: String(ids.notice) }),
    cases: [{ name: "object", form: () => ({ intent: "object", name: "李女士", contact: "13812345678", reason: "该场景的候诊时间数据未包含节假日，请核实。" }), allowed: EVERYONE }],
  },
  // Demand members replicate a benchmark as a draft scenario of their own.
  "benchmarks.$number": {
    path: (ids) => `/benchmarks/${ids.benchmarkNumber}`,
    params: (ids) => ({ number: ids.benchmarkNumber }),
    cases: [{ name: "replicate", form: () => ({ intent: "replicate", submissionKey: `replicate-key-${randomUUID()}` }), allowed: DEMAND_MEMBERS }],
  },
  "review.$id": {
    path: (ids) => `/review/${ids.submitted.id}`,
    params: (ids) => ({ id: String(ids.submitted.id) }),
    cases: [
      { name: "return", form: (ids) => ({ intent: "return", version: String(ids.submitted.version), "comments.title": "请写具体" }), allowed: ["reviewer", "admin"] },
      { name: "approve", form: (ids) => ({ intent: "approve", version: String(ids.submitted.version), note: "" }), allowed: ["reviewer", "admin"] },
    ],
  },
  "admin.organisations": {
    path: () => "/admin/organisations",
    cases: [
      { name: "verify", form: (ids) => ({ intent: "verify", organisationId: String(ids.unverifiedOrganisation) }), allowed: ["admin"] },
      { name: "revoke", form: (ids) => ({ intent: "revoke", organisationId: String(ids.unverifiedOrganisation), reason: "材料不全" }), allowed: ["admin"] },
    ],
  },
  "admin.editions": {
    path: () => "/admin/editions",
    cases: [
      { name: "create", form: () => ({ intent: "create", year: "2031", title: "2031年清单" }), allowed: ["admin"] },
      { name: "open the call", form: (ids) => ({ intent: "open", editionId: String(ids.edition) }), allowed: ["admin"] },
      { name: "close the call", form: (ids) => ({ intent: "close", editionId: String(ids.edition) }), allowed: ["admin"] },
    ],
  },
  "admin.batches": {
    path: () => "/admin/batches",
    cases: [{ name: "publish", form: (ids) => ({ editionId: String(ids.edition), scenarioIds: [String(ids.submitted.id)] }), allowed: ["admin"] }],
  },
  "admin.incentives": {
    path: () => "/admin/incentives",
    cases: [
      { name: "budget", form: (ids) => ({ intent: "budget", editionId: String(ids.edition), budgetWan: "500" }), allowed: ["admin"] },
      { name: "grant", form: (ids) => ({ intent: "grant", pilotId: String(ids.pilot), kind: "compute_voucher", amountWan: "5" }), allowed: ["admin"] },
      { name: "redeem", form: (ids) => ({ intent: "redeem", incentiveId: String(ids.incentive), amountWan: "1", note: "" }), allowed: ["admin"] },
    ],
  },
  "admin.editions_.$id.rubric": {
    path: (ids) => `/admin/editions/${ids.edition}/rubric`,
    params: (ids) => ({ id: String(ids.edition) }),
    cases: [
      { name: "save the rubric", form: rubricForm, allowed: ["admin"] },
      { name: "reset to the default", form: () => ({ intent: "reset" }), allowed: ["admin"] },
    ],
  },
  "admin.benchmarks.$id": {
    path: (ids) => `/admin/benchmarks/${ids.reviewApplication}`,
    params: (ids) => ({ id: String(ids.reviewApplication) }),
    cases: [
      { name: "assign a reviewer", form: (ids) => ({ intent: "assign", reviewerIds: [String(ids.assignableReviewer)] }), allowed: ["admin"] },
      { name: "take a reviewer off", form: (ids) => ({ intent: "remove", reviewerId: String(ids.assignableReviewer) }), allowed: ["admin"] },
      { name: "close the review", form: () => ({ intent: "close", note: "" }), allowed: ["admin"] },
    ],
  },
  "admin.notices": {
    path: () => "/admin/notices",
    cases: [
      { name: "resolve an objection", form: (ids) => ({ intent: "resolve", objectionId: String(ids.objection), outcome: "rejected", resolution: "数据已核实无误。" }), allowed: ["admin"] },
      { name: "certify", form: (ids) => ({ intent: "certify", applicationId: String(ids.dueNotice) }), allowed: ["admin"] },
      { name: "certify all that are due", form: () => ({ intent: "certify-due" }), allowed: ["admin"] },
    ],
  },
  "admin.search": {
    path: () => "/admin/search",
    cases: [
      { name: "retry", form: () => ({ intent: "retry" }), allowed: ["admin"] },
      { name: "rebuild", form: () => ({ intent: "reindex" }), allowed: ["admin"] },
    ],
  },
  "admin.import": {
    path: () => "/admin/import",
    cases: [
      { name: "dry run", form: () => ({ intent: "dryRun", upload: "abcdefghijklmnop", kind: "scenarios", edition: "2026" }), allowed: ["admin"] },
      { name: "fix a held row", form: () => ({ intent: "fixHeld", id: "999999", cell: ["智能导诊", "南京市鼓楼医院"] }), allowed: ["admin"] },
      { name: "drop a held row", form: () => ({ intent: "dismissHeld", id: "999999" }), allowed: ["admin"] },
      { name: "verify an import's organisations", form: () => ({ intent: "verifyImport", sha256: "0".repeat(64) }), allowed: ["admin"] },
    ],
  },
};

const modules = import.meta.glob<{ action?: Function }>("/app/routes/*.{ts,tsx}", { eager: true });
const routeId = (file: string) => file.replace("/app/routes/", "").replace(/\.tsx?$/, "");
const withActions = Object.entries(modules).filter(([, m]) => typeof m.action === "function").map(([file, m]) => [routeId(file), m.action!] as const);

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 120_000);
afterAll(() => dropWorld(world));

/** What a refusal looks like for this caller. */
function expectedRefusal(rule: ActionRule, c: Case, who: Who): string {
  if (c.hidden?.includes(who)) return "404";
  if (c.unchanged?.includes(who)) return "unchanged";
  if (who === "anonymous") return rule.api ? "401" : "sign-in";
  return "403";
}

function describeOutcome(status: number, location: string | null): string {
  if (status === 302 && location?.startsWith("/login")) return "sign-in";
  return String(status);
}

let checks = 0;

describe("action walk", () => {
  it("has cases for every route with an action", () => {
    const unlisted = withActions.map(([id]) => id).filter((id) => !(id in ACTIONS));
    expect(unlisted).toEqual([]);
  });

  for (const [id, action] of withActions) {
    const rule = ACTIONS[id];
    if (!rule) continue;
    it(`POST ${id}: ${rule.cases.map((c) => c.name).join(", ")}`, async () => {
      const { db, drop } = await copyWorld(world);
      try {
        const { ids, cookies } = world;
        const post = async (who: Who, c: Case) =>
          run(action as never, formRequest((c.path ?? rule.path)(ids), { cookie: cookies[who], form: await c.form(ids, db) }), (c.params ?? rule.params)?.(ids) ?? {}, who);
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        // Everyone who must be refused first, on an untouched world; then those allowed, in the listed order.
        for (const c of rule.cases) {
          for (const who of EVERYONE.filter((w) => !c.allowed.includes(w))) {
            const before = await changesSoFar(db);
            const outcome = await post(who, c);
            if (outcome.error) throw outcome.error;
            const changed = (await changesSoFar(db)) !== before;
            const expected = expectedRefusal(rule, c, who);
            const key = `${c.name} as ${who}`;
            want[key] = `${expected}, nothing changed`;
            got[key] = `${expected === "unchanged" ? "unchanged" : describeOutcome(outcome.status, outcome.location)}, ${changed ? "CHANGED THE DATABASE" : "nothing changed"}`;
            checks++;
          }
        }
        for (const c of rule.cases) {
          for (const who of c.allowed) {
            const outcome = await post(who, c);
            if (outcome.error) throw outcome.error;
            const refused = outcome.status === 401 || outcome.status === 403 || outcome.status === 404 || describeOutcome(outcome.status, outcome.location) === "sign-in";
            const key = `${c.name} as ${who}`;
            want[key] = "allowed";
            got[key] = refused ? `refused (${describeOutcome(outcome.status, outcome.location)})` : "allowed";
            checks++;
          }
        }
        expect(got).toEqual(want);
      } finally {
        await drop();
      }
    }, 60_000);
  }

  afterAll(() => {
    console.info(`[permissions-actions] ${checks} route×intent×user checks`);
  });
});

// Issue 13 item 5: a form post whose body is not a form (text/plain, JSON) or is a broken multipart
// body was a 500 with a stack trace on every route. Each route's action, called by someone allowed
// to use it, must answer 415 (not a form) or 400 (a form that cannot be read), and write nothing.
describe("bodies that are not forms", () => {
  const BODIES: { name: string; type: string; body: string; want: number[] }[] = [
    { name: "text/plain", type: "text/plain;charset=UTF-8", body: "email=admin@demo.local\r\npassword=x", want: [415] },
    { name: "JSON", type: "application/json", body: JSON.stringify({ email: "admin@demo.local", intent: "save" }), want: [415] },
    { name: "broken multipart", type: "multipart/form-data; boundary=XYZ", body: '--XYZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave', want: [400] },
    { name: "no content type", type: "", body: "intent=save", want: [415] },
  ];
  for (const [id, action] of withActions) {
    const rule = ACTIONS[id];
    if (!rule) continue;
    it(`POST ${id}`, async () => {
      const { db, drop } = await copyWorld(world);
      try {
        const { ids, cookies } = world;
        const c = rule.cases.find((k) => k.allowed.length > 0)!;
        const who = c.allowed.find((w) => w !== "anonymous") ?? c.allowed[0]!;
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const b of BODIES) {
          const headers = new Headers();
          if (cookies[who]) headers.set("Cookie", cookies[who]!);
          if (b.type) headers.set("Content-Type", b.type);
          const url = `http://localhost${(c.path ?? rule.path)(ids)}`;
          const before = await changesSoFar(db);
          const outcome = await run(action as never, new Request(url, { method: "POST", headers, body: new TextEncoder().encode(b.body) }), (c.params ?? rule.params)?.(ids) ?? {}, who);
          const changed = (await changesSoFar(db)) !== before;
          got[b.name] = `${outcome.error ? `threw ${String(outcome.error).slice(0, 80)}` : outcome.status}${changed ? ", CHANGED THE DATABASE" : ""}`;
          want[b.name] = b.want.includes(outcome.status) && !outcome.error ? got[b.name]!.replace(", CHANGED THE DATABASE", "") : String(b.want[0]);
        }
        expect(got).toEqual(want);
      } finally {
        await drop();
      }
    }, 60_000);
  }
});
