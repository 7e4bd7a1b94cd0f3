import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type DB } from "~/db/db.server";
import { storeFile, useUploadDir } from "~/files/storage.server";
import { notifyUser } from "~/mail/outbox.server";
import { grantIncentive } from "~/models/incentives.server";
import { inviteMember } from "~/models/invitation.server";
import { changeWorkspace } from "~/models/pilots.server";
import { addEvidence } from "~/models/pilot-evidence.server";
import { assignReviewers } from "~/models/benchmark-review.server";
import { fileObjection } from "~/models/benchmark-notice.server";
import { reviewersWithConflicts } from "~/models/reviewer-conflicts.server";
import { isExcluded } from "~/domain/reviewer-conflicts";
import { askQuestion } from "~/models/questions.server";
import { createSavedSearch } from "~/models/saved-searches.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { reindexScenarios, reindexVendors } from "~/search/search.server";
import { addCase, addProduct } from "~/models/vendor-profile.server";
import { seedDemo } from "../db/seed";
import { cookieFor, request } from "./auth";
import { useAsAppDatabase } from "./db";
import { insertScenario } from "./fixtures";
import { unwrap, type Outcome } from "./results";

// One seeded world for the security sweeps (permissions-actions, hostile-input): the demo accounts,
// a member of ANOTHER organisation of each kind, and one of everything a form can point at, made
// through the models the pages use. Built once per test file into its own database file; a test
// that changes things works on a copy (`copyWorld`).

export type Who = "anonymous" | "demand" | "otherDemand" | "vendor" | "otherVendor" | "reviewer" | "admin";
export const EVERYONE: Who[] = ["anonymous", "demand", "otherDemand", "vendor", "otherVendor", "reviewer", "admin"];
export const SIGNED_IN: Who[] = EVERYONE.filter((w) => w !== "anonymous");

export interface Person {
  id: number;
  email: string;
  organisationId: number | null;
}

export interface WorldIds {
  /** The demo hospital's draft (edit, submit, withdraw). */
  draft: { id: number; version: number };
  /** The demo hospital's published scenario still taking proposals (amend, questions, bids). */
  open: { id: number; code: string; version: number };
  /** The demo hospital's published scenario whose deadline has passed (proposals readable). */
  opened: { id: number; code: string };
  /** A live proposal on `opened`, and one on another organisation's scenario. */
  proposal: number;
  foreignProposal: number;
  /** The demo vendor's saved proposal on `open`, with one file. */
  vendorProposal: number;
  vendorAttachment: number;
  /** The demo vendor's question on `open`. */
  question: number;
  submitted: { id: number; version: number };
  /** Owned by the demo hospital's user. */
  savedSearch: number;
  notification: number;
  /** A second member of the demo hospital. */
  member: number;
  invitationToken: string;
  /** The demo vendor's product and reference case. */
  product: number;
  referenceCase: number;
  /** The demo hospital's active pilot, run by the other vendor; a milestone and a KPI of it; a milestone of another pilot. */
  pilot: number;
  milestone: number;
  kpi: number;
  otherMilestone: number;
  incentive: number;
  edition: number;
  unverifiedOrganisation: number;
  /** An evidence file on `pilot`, uploaded by the demo hospital. */
  evidence: number;
  /** A completed pilot of the same pair (demo hospital, other vendor) with a measured KPI and no application yet. */
  completedPilot: number;
  /** An application in review with the world's reviewer assigned (no sheet yet); another reviewer who may still be assigned. */
  reviewApplication: number;
  assignableReviewer: number;
  /** An application in review the world's reviewer is NOT assigned to. */
  unassignedApplication: number;
  /** An application whose public notice is running, with one open objection; one whose notice has ended, free to certify. */
  notice: number;
  objection: number;
  dueNotice: number;
  /** A certified benchmark's number. */
  benchmarkNumber: string;
}

export interface World {
  file: string;
  uploads: string;
  people: Record<Exclude<Who, "anonymous">, Person>;
  cookies: Partial<Record<Who, string>>;
  ids: WorldIds;
}

const ip = "world";

async function person(db: DB, email: string): Promise<Person> {
  const u = await db.selectFrom("users").where("email", "=", email).select(["id", "email", "organisation_id"]).executeTakeFirstOrThrow();
  return { id: u.id, email: u.email, organisationId: u.organisation_id };
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`world: no ${what} in the seed`);
  return value;
}

/** Seeds the world into a fresh file and closes it; open copies with `copyWorld`. */
export async function buildWorld(): Promise<World> {
  const file = path.resolve("tests/.tmp", `world-${randomUUID()}.db`);
  fs.copyFileSync(path.resolve("tests/.tmp/template.db"), file);
  const uploads = path.resolve("tests/.tmp", `uploads-world-${randomUUID()}`);
  useUploadDir(uploads);
  const db = openDatabase(file);
  useAsAppDatabase(db);
  await seedDemo(db, { scenarios: 300 });
  const engine = createEmbeddedEngine(db);
  await reindexScenarios(db, engine);
  await reindexVendors(db, engine);
  const now = new Date().toISOString();

  const demand = await person(db, "demand@demo.local");
  const vendor = await person(db, "vendor@demo.local");
  const hospital = must(demand.organisationId, "demo hospital");
  const pilotRow = must(
    await db.selectFrom("pilots as p").innerJoin("scenarios as s", "s.id", "p.scenario_id")
      .where("s.organisation_id", "=", hospital).where("p.vendor_id", "!=", vendor.organisationId!).where("p.status", "=", "active")
      .select(["p.id", "p.vendor_id"]).executeTakeFirst(),
    "active pilot of the demo hospital with another vendor",
  );
  const otherVendorUser = must(
    await db.selectFrom("users").where("organisation_id", "=", pilotRow.vendor_id).where("role", "=", "vendor_member").select("email").executeTakeFirst(),
    "member of the pilot's vendor",
  );
  const otherDemandUser = must(
    await db.selectFrom("users").where("role", "=", "demand_member").where("organisation_id", "!=", hospital).select("email").executeTakeFirst(),
    "member of another demand organisation",
  );
  const people = {
    demand,
    otherDemand: await person(db, otherDemandUser.email),
    vendor,
    otherVendor: await person(db, otherVendorUser.email),
    reviewer: await person(db, "reviewer@demo.local"),
    admin: await person(db, "admin@demo.local"),
  };
  // Organisation admins, so the members page's forms are open to them (each for their own organisation).
  await db.updateTable("users").set({ is_org_admin: 1 })
    .where("id", "in", [people.demand.id, people.otherDemand.id, people.vendor.id, people.otherVendor.id]).execute();

  const edition = await db.selectFrom("editions").orderBy("year", "desc").select("id").executeTakeFirstOrThrow();
  const draft = await insertScenario(db, { organisation_id: hospital, edition_id: edition.id, status: "draft", code: null, published_at: null });
  const open = must(
    await db.selectFrom("scenarios").where("organisation_id", "=", hospital).where("status", "=", "published").where("proposal_deadline", ">", now)
      .select(["id", "code", "version"]).executeTakeFirst(),
    "open scenario of the demo hospital",
  );
  const opened = must(
    await db.selectFrom("scenarios").where("organisation_id", "=", hospital).where("status", "=", "published").where("proposal_deadline", "<", now)
      .select(["id", "code"]).executeTakeFirst(),
    "scenario of the demo hospital past its deadline",
  );
  const proposal = must(
    await db.selectFrom("proposals").where("scenario_id", "=", opened.id).where("status", "in", ["submitted", "shortlisted"]).select("id").executeTakeFirst(),
    "live proposal on the opened scenario",
  );
  const foreignProposal = must(
    await db.selectFrom("proposals as p").innerJoin("scenarios as s", "s.id", "p.scenario_id").where("s.organisation_id", "!=", hospital)
      .where("p.status", "in", ["submitted", "shortlisted"]).select("p.id").executeTakeFirst(),
    "proposal on another organisation's scenario",
  );
  const submitted = must(await db.selectFrom("scenarios").where("status", "=", "submitted").select(["id", "version"]).executeTakeFirst(), "submitted scenario");

  // The demo vendor's proposal on the open scenario, with a file.
  const stored = await storeFile(new TextEncoder().encode("%PDF-1.4 world"));
  await db.deleteFrom("proposals").where("scenario_id", "=", open.id).where("vendor_id", "=", vendor.organisationId!).execute();
  const vendorProposal = await db.insertInto("proposals")
    .values({ scenario_id: open.id, vendor_id: vendor.organisationId!, status: "draft", approach: "方案", version: 1 })
    .returning("id").executeTakeFirstOrThrow();
  const attachment = await db.insertInto("proposal_attachments")
    .values({ proposal_id: vendorProposal.id, file_name: "方案.pdf", media_type: "application/pdf", size_bytes: stored.size, sha256: stored.sha256, storage_key: stored.key })
    .returning("id").executeTakeFirstOrThrow();

  const asked = await askQuestion(db, { userId: vendor.id, role: "vendor_member", organisationId: vendor.organisationId, organisationVerified: true, ip }, open.code!, "能否提供接口文档？谢谢。");
  if (!asked.ok) throw new Error(`world: question refused (${asked.problem})`);

  const saved = await createSavedSearch(db, demand.id, { name: "医院", query: "q=医院", frequency: "daily" }, ip);
  if (!saved.ok) throw new Error("world: saved search refused");
  await notifyUser(db, demand.id, { kind: "test", title: "通知", body: "", link: "/" });
  const notification = await db.selectFrom("notifications").where("user_id", "=", demand.id).orderBy("id", "desc").select("id").executeTakeFirstOrThrow();

  const member = await db.insertInto("users")
    .values({ organisation_id: hospital, email: "member@hospital.example", name: "成员", role: "demand_member", password_hash: null })
    .returning("id").executeTakeFirstOrThrow();
  const invited = await inviteMember(db, { actorId: demand.id, email: "invitee@hospital.example", lang: "zh", ip });
  if (!invited.ok) throw new Error(`world: invitation refused (${invited.problem})`);
  const mail = await db.selectFrom("email_outbox").where("to_address", "=", "invitee@hospital.example").select("text_body").executeTakeFirstOrThrow();
  const invitationToken = must(/\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1], "invitation token");

  const editor = { userId: vendor.id, organisationId: vendor.organisationId!, ip };
  const product = await addProduct(db, editor, { kind: "agent", name: "导诊助手", description: "", filingNumber: null });
  const referenceCase = await addCase(db, editor, { client: "某医院", scenario: "导诊", result: "上线", year: 2024 });
  if (!product.ok || !referenceCase.ok) throw new Error("world: product or case refused");

  const actor = { userId: demand.id, ip };
  const milestone = await changeWorkspace(db, pilotRow.id, "demand", { intent: "milestone", title: "上线", dueOn: "2027-01-31" }, actor);
  const kpi = await changeWorkspace(db, pilotRow.id, "demand", { intent: "kpi", name: "准确率", unit: "%", baseline: 80, target: 95, higherIsBetter: true }, actor);
  if (!milestone.ok || !kpi.ok) throw new Error("world: pilot workspace refused");
  const milestoneRow = await db.selectFrom("pilot_milestones").where("pilot_id", "=", pilotRow.id).orderBy("id", "desc").select("id").executeTakeFirstOrThrow();
  const kpiRow = await db.selectFrom("pilot_kpis").where("pilot_id", "=", pilotRow.id).orderBy("id", "desc").select("id").executeTakeFirstOrThrow();
  const otherPilot = must(await db.selectFrom("pilots").where("id", "!=", pilotRow.id).where("status", "=", "active").select("id").executeTakeFirst(), "another active pilot");
  const otherMilestone = await db.insertInto("pilot_milestones").values({ pilot_id: otherPilot.id, title: "别人的里程碑", due_on: "2027-02-01" })
    .returning("id").executeTakeFirstOrThrow();

  const pilotEdition = await db.selectFrom("pilots as p").innerJoin("scenarios as s", "s.id", "p.scenario_id").where("p.id", "=", pilotRow.id)
    .select("s.edition_id").executeTakeFirstOrThrow();
  await db.updateTable("editions").set({ incentive_budget_wan: 9_000_000 }).where("id", "=", pilotEdition.edition_id).execute();
  const granted = await grantIncentive(db, { pilotId: pilotRow.id, kind: "subsidy", amountWan: 10, actor: { userId: people.admin.id, ip } });
  if (!granted.ok) throw new Error(`world: incentive refused (${granted.problem})`);

  const unverified = await db.selectFrom("organisations").where("verified", "=", 0).where("kind", "!=", "office").select("id").executeTakeFirst()
    ?? await db.insertInto("organisations").values({ kind: "vendor", name: "待认证公司", credit_code: "91320106MA1XY00Q0X", district: "鼓楼区", verified: 0 })
      .returning("id").executeTakeFirstOrThrow();

  // Benchmark work: evidence on the running pilot, a completed pilot of the pair, applications in review and in notice.
  const evidence = await addEvidence(db, { pilotId: pilotRow.id, side: "demand", kpiId: kpiRow.id, note: "验收报告",
    file: { name: "报告.pdf", mediaType: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.4 evidence") } }, actor);
  if (!evidence.ok) throw new Error(`world: evidence refused (${evidence.problem})`);
  const doneScenario = await insertScenario(db, { organisation_id: hospital, edition_id: pilotEdition.edition_id, status: "piloting", code: "NJ-2026-9901" });
  const completedPilot = await db.insertInto("pilots")
    .values({ scenario_id: doneScenario.id, proposal_id: null, vendor_id: pilotRow.vendor_id, status: "completed", started_at: "2026-03-01T01:00:00.000Z", ended_at: "2026-10-30T09:00:00.000Z" })
    .returning("id").executeTakeFirstOrThrow();
  await db.insertInto("pilot_kpis").values({ pilot_id: completedPilot.id, name: "分诊准确率", unit: "%", baseline: 80, target: 95, measured: 96, higher_is_better: 1 }).execute();

  const inReview = await db.selectFrom("benchmark_applications").where("status", "=", "in_review").select("id").orderBy("id").execute();
  let reviewApplication: number | null = null;
  let unassignedApplication: number | null = null;
  for (const { id } of inReview) {
    const mine = await db.selectFrom("benchmark_reviews").where("application_id", "=", id).where("reviewer_id", "=", people.reviewer.id).select("id").executeTakeFirst();
    if (mine) continue;
    if (reviewApplication === null) {
      const assigned = await assignReviewers(db, { applicationId: id, reviewerIds: [people.reviewer.id], actor: { userId: people.admin.id, ip } });
      if (assigned.ok) reviewApplication = id;
    } else if (unassignedApplication === null) unassignedApplication = id;
  }
  const reviewId = must(reviewApplication, "application in review the reviewer can be assigned to");
  const assignedIds = (await db.selectFrom("benchmark_reviews").where("application_id", "=", reviewId).select("reviewer_id").execute()).map((r) => r.reviewer_id);
  const assignable = must(
    (await reviewersWithConflicts(db, reviewId)).find((r) => !assignedIds.includes(r.id) && !isExcluded(r.reasons)),
    "reviewer free to assign",
  );

  const notices = await db.selectFrom("benchmark_applications").where("status", "=", "notice").select("id").orderBy("id").execute();
  const notice = must(notices[0], "application in notice").id;
  const dueNotice = must(notices[1], "second application in notice").id;
  const day = 86_400_000;
  await db.updateTable("benchmark_applications")
    .set({ notice_starts_at: new Date(Date.now() - day).toISOString(), notice_ends_at: new Date(Date.now() + 7 * day).toISOString() }).where("id", "=", notice).execute();
  await db.updateTable("benchmark_applications")
    .set({ notice_starts_at: new Date(Date.now() - 9 * day).toISOString(), notice_ends_at: new Date(Date.now() - day).toISOString() }).where("id", "=", dueNotice).execute();
  await db.updateTable("benchmark_objections").set({ status: "rejected", resolution: "不成立", resolved_by: people.admin.id, resolved_at: now })
    .where("application_id", "=", dueNotice).where("status", "=", "open").execute();
  const objected = await fileObjection(db, notice, { name: "张先生", contact: "zhang@example.com", reason: "该场景的准确率数据与实际情况不符，请核实。" }, { userId: null, ip });
  if (!objected.ok) throw new Error(`world: objection refused (${objected.problem})`);
  const certified = must(
    await db.selectFrom("benchmark_applications").where("status", "=", "certified").where("benchmark_number", "is not", null).select("benchmark_number").orderBy("id").executeTakeFirst(),
    "certified benchmark",
  );

  const cookies: Partial<Record<Who, string>> = {};
  for (const [who, p] of Object.entries(people)) cookies[who as Who] = await cookieFor(db, p.email);

  await db.destroy();
  return {
    file,
    uploads,
    people,
    cookies,
    ids: {
      draft: { id: draft.id, version: 1 },
      open: { id: open.id, code: open.code!, version: open.version },
      opened: { id: opened.id, code: opened.code! },
      proposal: proposal.id,
      foreignProposal: foreignProposal.id,
      vendorProposal: vendorProposal.id,
      vendorAttachment: attachment.id,
      question: asked.questionId,
      submitted,
      savedSearch: saved.id,
      notification: notification.id,
      member: member.id,
      invitationToken,
      product: product.id,
      referenceCase: referenceCase.id,
      pilot: pilotRow.id,
      milestone: milestoneRow.id,
      kpi: kpiRow.id,
      otherMilestone: otherMilestone.id,
      incentive: granted.id,
      edition: edition.id,
      unverifiedOrganisation: unverified.id,
      evidence: evidence.id,
      completedPilot: completedPilot.id,
      reviewApplication: reviewId,
      assignableReviewer: assignable.id,
      unassignedApplication: must(unassignedApplication, "another application in review"),
      notice,
      objection: objected.objectionId,
      dueNotice,
      benchmarkNumber: certified.benchmark_number!,
    },
  };
}

/** A copy of the world's database, made the app's database; call the returned function to drop it. */
export async function copyWorld(world: World): Promise<{ db: DB; drop: () => Promise<void> }> {
  const file = world.file.replace(/\.db$/, `-${randomUUID()}.db`);
  fs.copyFileSync(world.file, file);
  const db = openDatabase(file);
  useAsAppDatabase(db);
  useUploadDir(world.uploads);
  return {
    db,
    drop: async () => {
      await db.destroy();
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    },
  };
}

export function dropWorld(world: World | undefined) {
  if (!world) return;
  useUploadDir(undefined);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(world.file + suffix, { force: true });
  fs.rmSync(world.uploads, { recursive: true, force: true });
}

/** A POST with this form; a File value makes it multipart, as a browser sends an upload. */
export function formRequest(url: string, init: { cookie?: string; form: Record<string, string | string[] | File> }): Request {
  if (!Object.values(init.form).some((v) => v instanceof File)) return request(url, init as { cookie?: string; form: Record<string, string | string[]> });
  const headers = new Headers();
  if (init.cookie) headers.set("Cookie", init.cookie);
  const body = new FormData();
  for (const [k, v] of Object.entries(init.form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request(`http://localhost${url}`, { method: "POST", headers, body });
}

/** Rows changed on this connection so far: equal before and after means a request wrote nothing. */
export async function changesSoFar(db: DB): Promise<number> {
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return rows[0]!.n;
}

type Handler = (args: { request: Request; params: Record<string, string>; context: { clientAddress: string } }) => unknown;

/** Calls a loader or action and says what it amounts to; a thrown Error is returned as `error`. */
export async function run(fn: Handler, request: Request, params: Record<string, string>, who: string): Promise<Outcome & { error?: unknown }> {
  let result: unknown;
  try {
    result = await fn({ request, params, context: { clientAddress: `sweep-${who}` } });
  } catch (thrown) {
    if (thrown instanceof Error) return { status: 500, body: null, location: null, error: thrown };
    result = thrown;
  }
  return unwrap(result);
}
