import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import {
  certificationYear,
  checkCertify,
  checkResolveObjection,
  nextBenchmarkNumber,
  rejectsApplication,
} from "~/domain/benchmark-lifecycle";
import { contactKind } from "~/domain/forms/benchmark-notice";
import { translator, type Translate } from "~/i18n/i18n";
import { absoluteUrl, enqueueEmail, notifyUser, type Notice } from "~/mail/outbox.server";
import { audit } from "./audit.server";
import { noticeHead } from "./benchmark-notice.server";
import { TransitionRefused, transitionScenarioIn } from "./scenario-workflow.server";

// The office's side of the public notice: objections with who sent them, resolving each, and
// certifying a notice that ended with none open. Certification numbers the benchmark
// BM-<year>-<nnnn>, gap-free per Shanghai calendar year. Each workflow WRITES FIRST (a no-op
// update of the row it is about), which takes SQLite's write lock at the start of the transaction,
// like BEGIN IMMEDIATE: two certifications from two processes then number one after the other and
// a second click finds the application already certified. See incentives.server.ts.

export interface OfficeActor {
  userId: number;
  ip?: string | null;
}

/** /admin/notices: applications in notice (running or ended awaiting certification), and rejected ones with objections still open. */
export async function loadOfficeNotices(db: DB, now = new Date()) {
  const heads = await noticeHead(db)
    .where((eb) => eb.or([
      eb("a.status", "=", "notice"),
      eb.and([eb("a.status", "=", "rejected"), eb.exists(eb.selectFrom("benchmark_objections as x").whereRef("x.application_id", "=", "a.id").where("x.status", "=", "open").select("x.id"))]),
    ]))
    .orderBy("a.notice_ends_at")
    .orderBy("a.id")
    .execute();
  const objections = heads.length
    ? await db
        .selectFrom("benchmark_objections as o")
        .leftJoin("users as u", "u.id", "o.user_id")
        .leftJoin("users as r", "r.id", "o.resolved_by")
        .where("o.application_id", "in", heads.map((h) => h.id))
        .select([
          "o.id", "o.application_id", "o.name", "o.contact", "o.reason", "o.status", "o.resolution", "o.resolved_at", "o.created_at",
          "u.email as account_email", "r.name as resolver_name",
        ])
        .orderBy("o.created_at")
        .orderBy("o.id")
        .execute()
    : [];
  const applications = heads.map((h) => {
    const check = checkCertify({ status: h.status, noticeEndsAt: h.notice_ends_at, openObjections: Number(h.open_objections ?? 0) }, now);
    return {
      id: h.id,
      status: h.status,
      scenario: { id: h.scenario_id, code: h.scenario_code ?? "", title: h.scenario_title },
      organisation: h.organisation_name,
      vendor: h.vendor_name,
      meanScore: h.mean_score,
      notice: { startsAt: h.notice_starts_at!, endsAt: h.notice_ends_at },
      running: h.status === "notice" && h.notice_ends_at !== null && now.toISOString() < h.notice_ends_at,
      openObjections: Number(h.open_objections ?? 0),
      canCertify: check.ok,
      certifyRefusal: check.ok ? null : check.refusal,
      objections: objections
        .filter((o) => o.application_id === h.id)
        .map((o, i) => ({ ...o, number: i + 1, contactKind: contactKind(o.contact), fromAccount: o.account_email !== null })),
    };
  });
  return { now: now.toISOString(), applications, due: applications.filter((a) => a.canCertify).length };
}

export type OfficeNoticeProblem = "not_found" | "scenario_state" | "not_in_notice" | "notice_running" | "objections_open" | "objection_resolved";
export type OfficeNoticeOutcome =
  | { ok: true; number?: string; already?: boolean; rejected?: boolean }
  | { ok: false; problem: OfficeNoticeProblem };

/** Everyone in the pair: the demand organisation's members and the vendor's. */
async function pairMembers(trx: DB, organisationId: number, vendorId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom("users")
    .where((eb) => eb.or([
      eb.and([eb("organisation_id", "=", organisationId), eb("role", "=", "demand_member")]),
      eb.and([eb("organisation_id", "=", vendorId), eb("role", "=", "vendor_member")]),
    ]))
    .select("id")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

async function tellPair(trx: DB, head: { organisation_id: number; vendor_id: number }, notice: (t: Translate) => Notice) {
  for (const userId of await pairMembers(trx, head.organisation_id, head.vendor_id)) await notifyUser(trx, userId, notice);
}

/**
 * Resolves an open objection: upheld or rejected, with a resolution that is published on the
 * notice. Upholding one while the application is in notice rejects the application (decision_note =
 * the resolution; the scenario stays piloting, so the pair may apply again) and the pair is told.
 * The objector hears of the outcome: in the app when they were signed in, else by e-mail when
 * they left an address (in both languages: a visitor has no stored language).
 */
export async function resolveObjection(
  db: DB,
  input: { objectionId: number; outcome: "upheld" | "rejected"; resolution: string; actor: OfficeActor },
  now = new Date(),
): Promise<OfficeNoticeOutcome> {
  return db.transaction().execute(async (trx): Promise<OfficeNoticeOutcome> => {
    const locked = await trx.updateTable("benchmark_objections").set({ status: sql`status` }).where("id", "=", input.objectionId).executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0) return { ok: false, problem: "not_found" };
    const objection = await trx
      .selectFrom("benchmark_objections")
      .where("id", "=", input.objectionId)
      .select(["id", "application_id", "user_id", "contact", "status"])
      .executeTakeFirstOrThrow();
    const head = await noticeHead(trx).where("a.id", "=", objection.application_id).executeTakeFirst();
    if (!head) return { ok: false, problem: "not_found" };
    const check = checkResolveObjection({ objectionStatus: objection.status, applicationStatus: head.status });
    if (!check.ok) return { ok: false, problem: check.refusal };

    const at = now.toISOString();
    const resolution = input.resolution.trim();
    await trx
      .updateTable("benchmark_objections")
      .set({ status: input.outcome, resolution, resolved_by: input.actor.userId, resolved_at: at })
      .where("id", "=", objection.id)
      .execute();
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: `benchmark.objection.${input.outcome}`,
      subjectType: "benchmark_application",
      subjectId: head.id,
      before: { objectionId: objection.id, status: "open" },
      after: { objectionId: objection.id, status: input.outcome, resolution },
      ip: input.actor.ip,
    });

    const rejected = rejectsApplication(input.outcome, head.status);
    const link = `/notices/${head.id}`;
    if (rejected) {
      await trx.updateTable("benchmark_applications").set({ status: "rejected", decision_note: resolution }).where("id", "=", head.id).where("status", "=", "notice").execute();
      await audit(trx, {
        actorUserId: input.actor.userId,
        action: "benchmark.reject",
        subjectType: "benchmark_application",
        subjectId: head.id,
        before: { status: "notice" },
        after: { status: "rejected", objectionId: objection.id, decisionNote: resolution },
        ip: input.actor.ip,
      });
      await tellPair(trx, head, (t) => ({
        kind: "benchmark.rejected",
        title: t("notices.notify.rejected.title", { title: head.scenario_title }),
        body: t("notices.notify.rejected.body", { resolution }),
        link,
      }));
    }

    const tell = (t: Translate): Notice => ({
      kind: "benchmark.objection.resolved",
      title: t("notices.notify.resolved.title", { title: head.scenario_title }),
      body: t(`notices.notify.resolved.body.${input.outcome}`, { resolution }),
      link,
    });
    if (objection.user_id !== null) await notifyUser(trx, objection.user_id, tell);
    else if (contactKind(objection.contact) === "email") {
      const [zh, en] = [tell(translator("zh")), tell(translator("en"))];
      await enqueueEmail(trx, {
        to: objection.contact.trim(),
        subject: `${zh.title} / ${en.title}`,
        text: `${zh.body}\n\n${en.body}\n\n${absoluteUrl(link)}`,
      });
    }
    return { ok: true, rejected };
  });
}

/**
 * Certifies an application whose notice ended with no open objection: numbers it, moves its
 * scenario piloting → benchmark (with the status history row), audits and tells the pair, all in
 * one transaction. An application already certified is reported as such with its number, so a
 * second click changes nothing.
 */
export async function certifyApplication(db: DB, input: { applicationId: number; actor: OfficeActor }, now = new Date()): Promise<OfficeNoticeOutcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<OfficeNoticeOutcome> => {
      const locked = await trx.updateTable("benchmark_applications").set({ status: sql`status` }).where("id", "=", input.applicationId).executeTakeFirst();
      if (Number(locked.numUpdatedRows) === 0) return { ok: false, problem: "not_found" };
      const head = await noticeHead(trx).where("a.id", "=", input.applicationId).executeTakeFirst();
      if (!head) return { ok: false, problem: "not_in_notice" };
      if (head.status === "certified" && head.benchmark_number) return { ok: true, number: head.benchmark_number, already: true };
      const check = checkCertify({ status: head.status, noticeEndsAt: head.notice_ends_at, openObjections: Number(head.open_objections ?? 0) }, now);
      if (!check.ok) return { ok: false, problem: check.refusal };

      const year = certificationYear(now);
      const taken = await trx.selectFrom("benchmark_applications").where("benchmark_number", "like", `BM-${year}-%`).select("benchmark_number").execute();
      const number = nextBenchmarkNumber(taken.map((r) => r.benchmark_number), year);
      const at = now.toISOString();
      await trx
        .updateTable("benchmark_applications")
        .set({ status: "certified", certified_at: at, benchmark_number: number })
        .where("id", "=", head.id)
        .where("status", "=", "notice")
        .execute();
      await transitionScenarioIn(trx, {
        scenarioId: head.scenario_id,
        action: "certify",
        actor: { userId: input.actor.userId, role: "admin", ip: input.actor.ip },
        reason: number,
      });
      await audit(trx, {
        actorUserId: input.actor.userId,
        action: "benchmark.certify",
        subjectType: "benchmark_application",
        subjectId: head.id,
        before: { status: "notice" },
        after: { status: "certified", number, certifiedAt: at, scenarioId: head.scenario_id },
        ip: input.actor.ip,
      });
      await tellPair(trx, head, (t) => ({
        kind: "benchmark.certified",
        title: t("notices.notify.certified.title", { title: head.scenario_title, number }),
        body: t("notices.notify.certified.body", { number, code: head.scenario_code ?? "" }),
        link: `/notices/${head.id}`,
      }));
      return { ok: true, number, already: false };
    });
  } catch (error) {
    // The scenario is no longer piloting (closed meanwhile): nothing was written.
    if (error instanceof TransitionRefused) return { ok: false, problem: "scenario_state" };
    throw error;
  }
}

/** Certifies every application that is due, oldest notice end first; each in its own transaction. */
export async function certifyDue(db: DB, actor: OfficeActor, now = new Date()) {
  const { applications } = await loadOfficeNotices(db, now);
  const certified: string[] = [];
  let refused = 0;
  for (const a of applications.filter((x) => x.canCertify)) {
    const outcome = await certifyApplication(db, { applicationId: a.id, actor }, now);
    if (outcome.ok && outcome.number && !outcome.already) certified.push(outcome.number);
    else refused++;
  }
  return { certified, refused };
}
