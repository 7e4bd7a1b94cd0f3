import { countAction, rateLimited, type RetryAfter } from "~/auth/rate-limit.server";
import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { askBlocked, canAnswer, canFollow, excerpt, type AskBlocked, type QuestionScenario, type QuestionViewer } from "~/domain/questions";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import { notifyUser } from "~/mail/outbox.server";
import { audit } from "./audit.server";

// Clarifications (问答) on public scenarios and who follows them. The asker is stored for
// moderation and for telling them of the answer; nothing returned for display carries it.

export interface QuestionActor extends QuestionViewer {
  userId: number;
  ip: string;
}

/** A public scenario as the Q&A rules need it, or null when no public scenario has the code. */
export async function findQuestionScenario(db: DB, code: string) {
  const row = await db
    .selectFrom("scenarios")
    .where("code", "=", code)
    .where("status", "in", PUBLIC_SCENARIO_STATUSES)
    .select(["id", "code", "title", "status", "organisation_id", "proposal_deadline"])
    .executeTakeFirst();
  if (!row) return null;
  const rules: QuestionScenario = { status: row.status, organisationId: row.organisation_id, proposalDeadline: row.proposal_deadline };
  return { ...row, code: row.code ?? code, rules };
}

export interface PublicQuestion {
  id: number;
  /** 1 for the first question asked on the scenario: the number people quote (问 3). */
  number: number;
  question: string;
  answer: string | null;
  askedAt: string;
  answeredAt: string | null;
  /** Whether the viewer asked it: shown to them alone, and says nothing about anyone else. */
  mine: boolean;
}

/** The scenario's questions in the order they were asked, without anything about who asked. */
export async function listQuestions(db: DB, scenarioId: number, viewerId: number | null = null): Promise<PublicQuestion[]> {
  const rows = await db
    .selectFrom("scenario_questions")
    .where("scenario_id", "=", scenarioId)
    .select(["id", "question", "answer", "created_at", "answered_at"])
    .select(sql<number>`asked_by = ${viewerId ?? -1}`.as("mine"))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r, i) => ({
    id: r.id,
    number: i + 1,
    question: r.question,
    answer: r.answer,
    askedAt: r.created_at,
    answeredAt: r.answered_at,
    mine: Boolean(r.mine),
  }));
}

export async function isFollowing(db: DB, userId: number, scenarioId: number): Promise<boolean> {
  const row = await db.selectFrom("scenario_follows").where("user_id", "=", userId).where("scenario_id", "=", scenarioId).select("user_id").executeTakeFirst();
  return Boolean(row);
}

export type AskResult =
  | { ok: true; questionId: number; duplicate: boolean }
  | { ok: false; problem: "not_found" } | { ok: false; problem: AskBlocked }
  | { ok: false; problem: "rate_limited"; retryAfter: RetryAfter };

/**
 * Publishes a vendor's question, once: the same text from the same person on the same scenario is
 * the question they already asked (a double click, a resent form), not a second one. Asking
 * follows the scenario, and the organisation that posted it is told, without who asked.
 */
export async function askQuestion(db: DB, actor: QuestionActor, code: string, text: string, now = new Date()): Promise<AskResult> {
  return db.transaction().execute(async (trx) => {
    const scenario = await findQuestionScenario(trx, code);
    if (!scenario) return { ok: false, problem: "not_found" } as const;
    const blocked = askBlocked(actor, scenario.rules, now);
    if (blocked) return { ok: false, problem: blocked } as const;

    const question = text.trim();
    const earlier = await trx
      .selectFrom("scenario_questions")
      .where("scenario_id", "=", scenario.id)
      .where("asked_by", "=", actor.userId)
      .where("question", "=", question)
      .select("id")
      .executeTakeFirst();
    if (earlier) return { ok: true, questionId: earlier.id, duplicate: true } as const;
    const who = { userId: actor.userId, address: actor.ip };
    const wait = await rateLimited(trx, "question", who, now);
    if (wait) return { ok: false, problem: "rate_limited", retryAfter: wait } as const;
    await countAction(trx, "question", who, now);

    const at = now.toISOString();
    const { id } = await trx
      .insertInto("scenario_questions")
      .values({ scenario_id: scenario.id, asked_by: actor.userId, question, created_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await follow(trx, actor.userId, scenario.id, at);
    await audit(trx, { actorUserId: actor.userId, action: "question.ask", subjectType: "scenario", subjectId: scenario.id, after: { questionId: id, question }, ip: actor.ip });

    const owners = await trx
      .selectFrom("users")
      .where("organisation_id", "=", scenario.organisation_id)
      .where("role", "=", "demand_member")
      .select("id")
      .orderBy("id")
      .execute();
    const link = `/scenarios/${scenario.code}#q-${id}`;
    for (const owner of owners) {
      await notifyUser(trx, owner.id, (t) => ({
        kind: "question.asked",
        title: t("questions.notice.asked.title", { title: scenario.title }),
        body: t("questions.notice.asked.body", { code: scenario.code, question: excerpt(question, 200) }),
        link,
      }));
    }
    return { ok: true, questionId: id, duplicate: false } as const;
  });
}

export type AnswerResult = { ok: true } | { ok: false; problem: "not_found" | "forbidden" | "already_answered" };

/**
 * Publishes the owner's answer to a question. Answers are final, like a tender clarification:
 * vendors bid on what they read, so a correction is a new amendment, not a silent edit. The asker
 * and everyone following the scenario are told, each once.
 */
export async function answerQuestion(
  db: DB,
  actor: QuestionActor,
  input: { code: string; questionId: number; answer: string },
  now = new Date(),
): Promise<AnswerResult> {
  return db.transaction().execute(async (trx) => {
    const scenario = await findQuestionScenario(trx, input.code);
    if (!scenario) return { ok: false, problem: "not_found" } as const;
    const question = await trx
      .selectFrom("scenario_questions")
      .where("id", "=", input.questionId)
      .where("scenario_id", "=", scenario.id)
      .select(["id", "asked_by", "question"])
      .executeTakeFirst();
    if (!question) return { ok: false, problem: "not_found" } as const;
    if (!canAnswer(actor, scenario.rules)) return { ok: false, problem: "forbidden" } as const;

    const answer = input.answer.trim();
    const at = now.toISOString();
    // Only an unanswered question takes an answer: two colleagues answering at once leave the first.
    const updated = await trx
      .updateTable("scenario_questions")
      .set({ answer, answered_by: actor.userId, answered_at: at })
      .where("id", "=", question.id)
      .where("answer", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { ok: false, problem: "already_answered" } as const;
    await audit(trx, { actorUserId: actor.userId, action: "question.answer", subjectType: "scenario", subjectId: scenario.id, after: { questionId: question.id, answer }, ip: actor.ip });

    const followers = await trx.selectFrom("scenario_follows").where("scenario_id", "=", scenario.id).select("user_id").orderBy("user_id").execute();
    const recipients = new Set([question.asked_by, ...followers.map((f) => f.user_id)]);
    recipients.delete(actor.userId);
    const link = `/scenarios/${scenario.code}#q-${question.id}`;
    for (const userId of recipients) {
      const yours = userId === question.asked_by;
      await notifyUser(trx, userId, (t) => ({
        kind: "question.answered",
        title: t(yours ? "questions.notice.answeredYours.title" : "questions.notice.answered.title", { title: scenario.title }),
        body: t("questions.notice.answered.body", { code: scenario.code, question: excerpt(question.question, 200), answer }),
        link,
      }));
    }
    return { ok: true } as const;
  });
}

export type FollowResult = { ok: true; following: boolean } | { ok: false; problem: "not_found" | "forbidden" };

/** Follows or stops following a public scenario; doing it twice changes nothing. */
export async function setFollowing(db: DB, actor: QuestionActor, code: string, following: boolean, now = new Date()): Promise<FollowResult> {
  const scenario = await findQuestionScenario(db, code);
  if (!scenario) return { ok: false, problem: "not_found" };
  if (!canFollow(actor, scenario.rules)) return { ok: false, problem: "forbidden" };
  if (following) await follow(db, actor.userId, scenario.id, now.toISOString());
  else await db.deleteFrom("scenario_follows").where("user_id", "=", actor.userId).where("scenario_id", "=", scenario.id).execute();
  return { ok: true, following };
}

async function follow(db: DB, userId: number, scenarioId: number, at: string) {
  await db
    .insertInto("scenario_follows")
    .values({ user_id: userId, scenario_id: scenarioId, created_at: at })
    .onConflict((oc) => oc.columns(["user_id", "scenario_id"]).doNothing())
    .execute();
}

/** Unanswered questions per scenario of an organisation, for its list of scenarios. */
export async function unansweredCounts(db: DB, organisationId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("scenario_questions as q")
    .innerJoin("scenarios as s", "s.id", "q.scenario_id")
    .where("s.organisation_id", "=", organisationId)
    .where("q.answer", "is", null)
    .groupBy("q.scenario_id")
    .select(["q.scenario_id", (eb) => eb.fn.countAll<number>().as("n")])
    .execute();
  return new Map(rows.map((r) => [r.scenario_id, r.n]));
}
