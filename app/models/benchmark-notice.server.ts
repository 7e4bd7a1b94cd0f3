import { countAction, rateLimited, type RetryAfter } from "~/auth/rate-limit.server";
import { RATE_LIMITS } from "~/domain/rate-limits";
import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { checkObject, type ApplicationStatus } from "~/domain/benchmark-lifecycle";
import { contactKind, normaliseContact, type ObjectionInput } from "~/domain/forms/benchmark-notice";
import { kpiReached } from "~/domain/pilot-lifecycle";
import { formatDateTime } from "~/i18n/i18n";
import { notifyUser } from "~/mail/outbox.server";
import { audit } from "./audit.server";

// The public notice (公示) of proposed benchmarks: what anyone may read, and objections anyone may
// file while a notice runs. Objectors' names and contacts are for the office only: nothing here
// that feeds a public page selects them. The office's side (resolving, certifying) is in
// benchmark-certification.server.ts.

/** Ended notices stay on the public list this long, with their outcome. */
export const RECENT_DAYS = 30;
/** Objections one address may file in an hour, over all notices (identical resends do not count). */
export const OBJECTIONS_PER_ADDRESS_PER_HOUR = RATE_LIMITS.objection.address.max;

/** The application, its scenario and the pair: the head of every notice view. */
export function noticeHead(db: DB) {
  return db
    .selectFrom("benchmark_applications as a")
    .innerJoin("scenarios as s", "s.id", "a.scenario_id")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("pilots as p", "p.id", "a.pilot_id")
    .innerJoin("organisations as v", "v.id", "p.vendor_id")
    .select((eb) => [
      "a.id",
      "a.status",
      "a.pilot_id",
      "a.mean_score",
      "a.notice_starts_at",
      "a.notice_ends_at",
      "a.certified_at",
      "a.benchmark_number",
      "a.decision_note",
      "s.id as scenario_id",
      "s.code as scenario_code",
      "s.title as scenario_title",
      "s.status as scenario_status",
      "o.id as organisation_id",
      "o.name as organisation_name",
      "v.id as vendor_id",
      "v.name as vendor_name",
      eb.selectFrom("benchmark_objections as bo").whereRef("bo.application_id", "=", "a.id").select((e) => e.fn.countAll<number>().as("n")).as("objection_count"),
      eb
        .selectFrom("benchmark_objections as bo")
        .whereRef("bo.application_id", "=", "a.id")
        .where("bo.status", "=", "open")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("open_objections"),
      // An application rejected in its notice was rejected when the office upheld an objection.
      eb
        .selectFrom("benchmark_objections as bo")
        .whereRef("bo.application_id", "=", "a.id")
        .where("bo.status", "=", "upheld")
        .select((e) => e.fn.max("bo.resolved_at").as("t"))
        .as("upheld_at"),
    ])
    .where("a.notice_starts_at", "is not", null);
}

type HeadRow = Awaited<ReturnType<ReturnType<typeof noticeHead>["executeTakeFirstOrThrow"]>>;

export interface NoticeSummary {
  id: number;
  status: ApplicationStatus;
  scenario: { code: string; title: string };
  organisation: string;
  vendor: string;
  vendorId: number;
  meanScore: number | null;
  notice: { startsAt: string; endsAt: string };
  objections: number;
  /** When the notice ended in a decision (certified, or rejected on an upheld objection). */
  decidedAt: string | null;
  number: string | null;
}

function summary(r: HeadRow): NoticeSummary {
  const decidedAt = r.status === "certified" ? r.certified_at : r.status === "rejected" ? (r.upheld_at ?? r.notice_ends_at) : null;
  return {
    id: r.id,
    status: r.status,
    scenario: { code: r.scenario_code ?? "", title: r.scenario_title },
    organisation: r.organisation_name,
    vendor: r.vendor_name,
    vendorId: r.vendor_id,
    meanScore: r.mean_score,
    notice: { startsAt: r.notice_starts_at!, endsAt: r.notice_ends_at ?? r.notice_starts_at! },
    objections: Number(r.objection_count ?? 0),
    decidedAt: decidedAt ?? null,
    number: r.benchmark_number,
  };
}

/** /notices: every application in notice (soonest end first), and the notices decided in the last RECENT_DAYS. */
export async function listPublicNotices(db: DB, now = new Date()) {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const [running, ended] = await Promise.all([
    noticeHead(db).where("a.status", "=", "notice").orderBy("a.notice_ends_at").orderBy("a.id").execute(),
    noticeHead(db)
      .where((eb) => eb.or([
        eb.and([eb("a.status", "=", "certified"), eb("a.certified_at", ">=", since)]),
        eb("a.status", "=", "rejected"),
      ]))
      .execute(),
  ]);
  const decided = ended.map(summary).filter((n) => n.decidedAt !== null && n.decidedAt >= since);
  decided.sort((a, b) => b.decidedAt!.localeCompare(a.decidedAt!) || b.id - a.id);
  return { now: now.toISOString(), running: running.map(summary), ended: decided };
}

export interface PublicObjection {
  /** 1, 2, … in the order they were filed. */
  number: number;
  status: "open" | "upheld" | "rejected";
  filedAt: string;
  resolution: string | null;
  resolvedAt: string | null;
}

/**
 * /notices/:id: the proposed (or decided) benchmark as the public sees it. Null for an application
 * that never reached its notice (under review, or turned down by the review): those are not public.
 * Objections are counted and their outcome and the office's resolution shown; who objected, how to
 * reach them and the text they sent are not.
 */
export async function loadPublicNotice(db: DB, applicationId: number, now = new Date()) {
  const head = await noticeHead(db).where("a.id", "=", applicationId).executeTakeFirst();
  if (!head) return null;
  const [application, kpis, objections] = await Promise.all([
    db.selectFrom("benchmark_applications").where("id", "=", applicationId).select(["narrative"]).executeTakeFirstOrThrow(),
    db
      .selectFrom("pilot_kpis")
      .where("pilot_id", "=", head.pilot_id)
      .select(["id", "name", "unit", "baseline", "target", "measured", "higher_is_better"])
      .orderBy("id")
      .execute(),
    db
      .selectFrom("benchmark_objections")
      .where("application_id", "=", applicationId)
      .select(["id", "status", "created_at", "resolution", "resolved_at"])
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  const check = checkObject({ status: head.status, noticeStartsAt: head.notice_starts_at, noticeEndsAt: head.notice_ends_at }, now);
  return {
    now: now.toISOString(),
    notice: summary(head),
    narrative: application.narrative,
    // Set when an upheld objection rejected the application: the office's published resolution.
    decisionNote: head.status === "rejected" ? head.decision_note : null,
    kpis: kpis.map((k) => {
      const higherIsBetter = Boolean(k.higher_is_better);
      return { id: k.id, name: k.name, unit: k.unit, baseline: k.baseline, target: k.target, measured: k.measured, higherIsBetter, reached: kpiReached({ target: k.target, measured: k.measured, higherIsBetter }) };
    }),
    objections: objections.map((o, i): PublicObjection => ({
      number: i + 1,
      status: o.status,
      filedAt: o.created_at,
      resolution: o.status === "open" ? null : o.resolution,
      resolvedAt: o.resolved_at,
    })),
    canObject: check.ok,
    objectRefusal: check.ok ? null : check.refusal,
  };
}

export type PublicNotice = NonNullable<Awaited<ReturnType<typeof loadPublicNotice>>>;

export interface Objector {
  /** Signed-in objectors hear of the outcome in the app; visitors by e-mail if they left one. */
  userId: number | null;
  ip: string | null;
}

/** How the objector will hear of the outcome, for the confirmation. */
export type ObjectionFollowUp = "account" | "email" | "page";

export type ObjectionOutcome =
  | { ok: true; objectionId: number; duplicate: boolean; followUp: ObjectionFollowUp }
  | { ok: false; problem: "not_found" | "not_in_notice" | "notice_over" }
  | { ok: false; problem: "rate_limited"; retryAfter: RetryAfter };

/**
 * Files an objection while the notice runs. The same reason from the same contact on the same
 * notice is the objection already filed (a double click, a resent form), not a second one. Writes
 * first, like the incentives: the no-op update takes SQLite's write lock, so two identical
 * objections racing from two processes still make one. The office is told at once.
 */
export async function fileObjection(db: DB, applicationId: number, input: Omit<ObjectionInput, "intent">, objector: Objector, now = new Date()): Promise<ObjectionOutcome> {
  return db.transaction().execute(async (trx): Promise<ObjectionOutcome> => {
    const locked = await trx.updateTable("benchmark_applications").set({ status: sql`status` }).where("id", "=", applicationId).executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0) return { ok: false, problem: "not_found" };
    const head = await noticeHead(trx).where("a.id", "=", applicationId).executeTakeFirst();
    if (!head) return { ok: false, problem: "not_found" };
    const check = checkObject({ status: head.status, noticeStartsAt: head.notice_starts_at, noticeEndsAt: head.notice_ends_at }, now);
    if (!check.ok) return { ok: false, problem: check.refusal };

    const name = input.name.trim();
    const contact = input.contact.trim();
    const reason = input.reason.trim();
    const followUp: ObjectionFollowUp = objector.userId !== null ? "account" : contactKind(contact) === "email" ? "email" : "page";
    const sameReason = await trx
      .selectFrom("benchmark_objections")
      .where("application_id", "=", applicationId)
      .where("reason", "=", reason)
      .select(["id", "contact"])
      .orderBy("id")
      .execute();
    const earlier = sameReason.find((o) => normaliseContact(o.contact) === normaliseContact(contact));
    if (earlier) return { ok: true, objectionId: earlier.id, duplicate: true, followUp };

    const who = { userId: objector.userId, address: objector.ip ?? "unknown" };
    const wait = await rateLimited(trx, "objection", who, now);
    if (wait) return { ok: false, problem: "rate_limited", retryAfter: wait };
    await countAction(trx, "objection", who, now);

    const { id } = await trx
      .insertInto("benchmark_objections")
      .values({ application_id: applicationId, user_id: objector.userId, name, contact, reason, status: "open", created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The office's log names the objection, not the objector: their details stay in one place.
    await audit(trx, { actorUserId: objector.userId, action: "benchmark.object", subjectType: "benchmark_application", subjectId: applicationId, after: { objectionId: id }, ip: objector.ip });
    const office = await trx.selectFrom("users").where("role", "=", "admin").select("id").orderBy("id").execute();
    for (const u of office) {
      await notifyUser(trx, u.id, (t, lang) => ({
        kind: "benchmark.objection",
        title: t("notices.notify.filed.title", { title: head.scenario_title }),
        body: t("notices.notify.filed.body", { code: head.scenario_code ?? "", ends: formatDateTime(head.notice_ends_at ?? "", lang) }),
        link: `/admin/notices#application-${applicationId}`,
      }));
    }
    return { ok: true, objectionId: id, duplicate: false, followUp };
  });
}
