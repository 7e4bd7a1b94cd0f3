import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "react-router";
import { requireUser } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { tooManyRequests, tryAgainMessage } from "~/utils/retry-after";
import { answerSchema, askSchema } from "~/domain/forms/questions";
import { askBlocked, canAnswer, type AskBlocked, type QuestionIntent } from "~/domain/questions";
import {
  answerQuestion, askQuestion, findQuestionScenario, isFollowing, listQuestions, setFollowing, type QuestionActor,
} from "./questions.server";

// The Q&A section of the public scenario page: what its loader shows and what its four intents do.
// Kept out of the route so that the page stays one loader call, one dispatch and one component.

/** What the viewer sees and may do in the section; `following` is null for visitors not signed in. */
export async function questionsPanel(viewer: SessionUser | null, code: string, now = new Date()) {
  const scenario = await findQuestionScenario(db(), code);
  if (!scenario) return null;
  const [questions, following] = await Promise.all([
    listQuestions(db(), scenario.id, viewer?.id ?? null),
    viewer ? isFollowing(db(), viewer.id, scenario.id) : Promise.resolve(null),
  ]);
  // The owner answers; telling them why they cannot ask would only be noise.
  const answerer = canAnswer(viewer, scenario.rules);
  const blocked = answerer ? null : askBlocked(viewer, scenario.rules, now);
  return { questions, canAsk: !answerer && blocked === null, askBlocked: blocked, canAnswer: answerer, following, deadline: scenario.proposal_deadline };
}

export type QuestionsPanel = NonNullable<Awaited<ReturnType<typeof questionsPanel>>>;

/** Shown next to the ask form when the server refuses a question the form let through. */
export const ASK_REFUSED: Record<AskBlocked, string> = {
  sign_in: "questions.blocked.sign_in",
  not_vendor: "questions.blocked.not_vendor",
  unverified: "questions.blocked.unverified",
  not_open: "questions.blocked.not_open",
  deadline_passed: "questions.error.deadlinePassed",
};

const forbidden = () => new Response("Forbidden", { status: 403 });
const notFound = (code: string) => data({ kind: "scenario_not_found", code }, { status: 404 });

function actorOf(user: SessionUser, ip: string): QuestionActor {
  return { userId: user.id, role: user.role, organisationId: user.organisationId, organisationVerified: user.organisationVerified, ip };
}

/**
 * One of the section's intents, posted to the scenario page. Everyone must be signed in; asking
 * is for vendor members and answering for the owning organisation's demand members, checked here
 * and again in the model.
 */
export async function questionsAction(request: Request, form: FormData, input: { code: string; intent: QuestionIntent; ip: string }) {
  const user = await requireUser(request);
  const actor = actorOf(user, input.ip);
  const { code } = input;
  switch (input.intent) {
    case "ask": {
      if (user.role !== "vendor_member") throw forbidden();
      const submission = parseWithZod(form, { schema: askSchema });
      if (submission.status !== "success") return data({ form: "ask" as const, questionId: null, result: submission.reply() }, { status: 400 });
      const result = await askQuestion(db(), actor, code, submission.value.question);
      if (result.ok) return redirect(`/scenarios/${code}?qa=${result.duplicate ? "duplicate" : "asked"}#q-${result.questionId}`);
      if (result.problem === "not_found") throw notFound(code);
      if (result.problem === "rate_limited") {
        return data({ form: "ask" as const, questionId: null, result: submission.reply({ formErrors: [tryAgainMessage(result.retryAfter)] }) }, tooManyRequests(result.retryAfter));
      }
      const status = result.problem === "unverified" ? 403 : 409;
      return data({ form: "ask" as const, questionId: null, result: submission.reply({ formErrors: [ASK_REFUSED[result.problem]] }) }, { status });
    }
    case "answer": {
      if (user.role !== "demand_member") throw forbidden();
      const submission = parseWithZod(form, { schema: answerSchema });
      const questionId = Number(form.get("questionId")) || null;
      if (submission.status !== "success") return data({ form: "answer" as const, questionId, result: submission.reply() }, { status: 400 });
      const result = await answerQuestion(db(), actor, { code, questionId: submission.value.questionId, answer: submission.value.answer });
      if (result.ok) return redirect(`/scenarios/${code}?qa=answered#q-${submission.value.questionId}`);
      if (result.problem === "not_found") throw notFound(code);
      if (result.problem === "forbidden") throw forbidden();
      return data({ form: "answer" as const, questionId, result: submission.reply({ formErrors: ["questions.error.alreadyAnswered"] }) }, { status: 409 });
    }
    case "follow":
    case "unfollow": {
      const result = await setFollowing(db(), actor, code, input.intent === "follow");
      if (!result.ok) throw result.problem === "not_found" ? notFound(code) : forbidden();
      return data({ form: "follow" as const, questionId: null, following: result.following });
    }
  }
}
