import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useFetcher, useLocation, useNavigation, useSearchParams } from "react-router";
import { useState } from "react";
import { ANSWER_MAX, answerSchema, askSchema, QUESTION_MAX, QUESTION_MIN } from "~/domain/forms/questions";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import type { PublicQuestion } from "~/models/questions.server";
import type { QuestionsPanel } from "~/models/questions-page.server";
import { buttonClass, Field, FormErrors, inputClass } from "./form";

// The 答疑 section of the public scenario page: the questions in the order they were asked, the
// vendor's ask form, the owner's answer forms, and following the scenario.

type QuestionsActionData =
  | { form: "ask" | "answer"; questionId: number | null; result: SubmissionResult<string[]> }
  | { form: "follow"; questionId: null; following: boolean };

const DONE = ["asked", "duplicate", "answered"] as const;

export function ScenarioQuestions({ code, panel }: { code: string; panel: QuestionsPanel }) {
  const { t } = useI18n();
  const actionData = useActionData() as QuestionsActionData | undefined;
  const [params] = useSearchParams();
  // A new location after each post that went through (redirect) starts an empty form; a refused
  // post keeps its text, which the form takes back from the action's reply.
  const { key: visit } = useLocation();
  const done = DONE.find((d) => d === params.get("qa"));
  const result = (form: "ask" | "answer", questionId: number | null = null) =>
    actionData && actionData.form === form && actionData.questionId === questionId ? actionData.result : null;
  const open = panel.questions.filter((q) => q.answer === null).length;

  return (
    <section id="questions" aria-labelledby="questions-title" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 id="questions-title" className="text-lg font-semibold">{t("questions.title")}</h2>
          <p className="text-sm text-slate-600">{t("questions.lead")}</p>
        </div>
        <FollowControl code={code} following={panel.following} />
      </div>

      {done && !actionData && (
        <p role="status" className="mt-3 rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`questions.done.${done}`)}</p>
      )}

      {panel.questions.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("questions.empty")}</p>
      ) : (
        <>
          <p className="mt-3 text-sm text-slate-600">{open ? t("questions.summary", { n: panel.questions.length, open }) : t("questions.summaryAnswered", { n: panel.questions.length })}</p>
          <ol className="mt-1">
            {panel.questions.map((q) => (
              <QuestionItem key={q.id} question={q} canAnswer={panel.canAnswer} lastResult={result("answer", q.id)} />
            ))}
          </ol>
        </>
      )}

      <div className="mt-4 border-t border-slate-200 pt-4">
        {panel.canAsk ? (
          <AskForm key={visit} deadline={panel.deadline} lastResult={result("ask")} />
        ) : panel.canAnswer ? (
          <p className="text-sm text-slate-700">{t("questions.owner")}</p>
        ) : (
          <AskBlockedNote code={code} reason={panel.askBlocked} deadline={panel.deadline} />
        )}
      </div>
    </section>
  );
}

function QuestionItem({ question: q, canAnswer, lastResult }: { question: PublicQuestion; canAnswer: boolean; lastResult: SubmissionResult<string[]> | null }) {
  const { t, lang } = useI18n();
  const unsent = q.answer !== null && lastResult ? lastResult.initialValue?.answer : null;
  return (
    <li id={`q-${q.id}`} className="scroll-mt-4 border-t border-slate-100 py-3 first:border-t-0">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-500">
        <span className="font-semibold text-slate-800">{t("questions.number", { n: q.number })}</span>
        <time dateTime={q.askedAt}>{formatDateTime(q.askedAt, lang)}</time>
        {q.mine && <span className="rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-800">{t("questions.mine")}</span>}
        {q.answer === null && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("questions.pending")}</span>}
      </div>
      <p className="mt-1 leading-relaxed whitespace-pre-line wrap-anywhere">{q.question}</p>
      {q.answer !== null && (
        <div className="mt-2 rounded border-l-4 border-brand-600 bg-slate-50 px-3 py-2">
          <p className="text-sm text-slate-500">
            <span className="font-semibold text-slate-800">{t("questions.answer")}</span>
            {q.answeredAt && <> · <time dateTime={q.answeredAt}>{formatDateTime(q.answeredAt, lang)}</time></>}
          </p>
          <p className="mt-1 leading-relaxed whitespace-pre-line wrap-anywhere">{q.answer}</p>
        </div>
      )}
      {unsent && lastResult && (
        <div className="mt-2 space-y-2">
          <FormErrors id={`answer-${q.id}-error`} errors={lastResult.error?.[""] ?? undefined} />
          <p className="text-sm text-slate-600">{t("questions.answer.unsent")}</p>
          <p className="rounded border border-dashed border-slate-300 p-2 text-sm whitespace-pre-line wrap-anywhere text-slate-700">{String(unsent)}</p>
        </div>
      )}
      {canAnswer && q.answer === null && <AnswerForm question={q} lastResult={lastResult} />}
    </li>
  );
}

function AnswerForm({ question, lastResult }: { question: PublicQuestion; lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `answer-${question.id}`,
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: answerSchema }),
  });
  const busy =
    navigation.state !== "idle" && navigation.formData?.get("intent") === "answer" && navigation.formData.get("questionId") === String(question.id);
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-2">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="questionId" value={question.id} />
      <Field
        label={t("questions.answer.label", { n: question.number })}
        hint={t("questions.answer.hint", { max: ANSWER_MAX })}
        htmlFor={fields.answer.id}
        errors={fields.answer.errors}
        errorId={fields.answer.errorId}
      >
        <textarea {...getTextareaProps(fields.answer)} rows={3} className={inputClass} />
      </Field>
      <button type="submit" name="intent" value="answer" disabled={busy} className={buttonClass}>
        {busy ? t("questions.answer.pending") : t("questions.answer.submit")}
      </button>
    </Form>
  );
}

function AskForm({ deadline, lastResult }: { deadline: string | null; lastResult: SubmissionResult<string[]> | null }) {
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "ask",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: askSchema }),
  });
  const [length, setLength] = useState(() => [...String(lastResult?.initialValue?.question ?? "")].length);
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "ask";
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <h3 className="font-semibold">{t("questions.ask.title")}</h3>
      {deadline && <p className="text-sm text-slate-600">{t("questions.ask.deadline", { date: formatDateTime(deadline, lang) })}</p>}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t("questions.ask.label")}
        hint={t("questions.ask.hint", { min: QUESTION_MIN, max: QUESTION_MAX })}
        htmlFor={fields.question.id}
        errors={fields.question.errors}
        errorId={fields.question.errorId}
      >
        <textarea
          {...getTextareaProps(fields.question)}
          rows={4}
          className={inputClass}
          onInput={(e) => setLength([...e.currentTarget.value].length)}
        />
      </Field>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <button type="submit" name="intent" value="ask" disabled={busy} className={buttonClass}>
          {busy ? t("questions.ask.pending") : t("questions.ask.submit")}
        </button>
        <p className={`text-xs ${length > QUESTION_MAX ? "text-red-700" : "text-slate-500"}`} aria-live="polite">
          {t("questions.ask.count", { n: length, max: QUESTION_MAX })}
        </p>
      </div>
    </Form>
  );
}

function AskBlockedNote({ code, reason, deadline }: { code: string; reason: QuestionsPanel["askBlocked"]; deadline: string | null }) {
  const { t, lang } = useI18n();
  if (!reason) return null;
  if (reason === "sign_in") {
    return (
      <p className="text-sm text-slate-700">
        {t("questions.blocked.sign_in")}{" "}
        <Link to={`/login?${new URLSearchParams({ redirectTo: `/scenarios/${code}` })}`} className="text-brand-700 underline">
          {t("questions.blocked.signInLink")}
        </Link>
      </p>
    );
  }
  const text = reason === "deadline_passed" ? t("questions.blocked.deadline_passed", { date: deadline ? formatDateTime(deadline, lang) : "" }) : t(`questions.blocked.${reason}`);
  return <p className="text-sm text-slate-700">{text}</p>;
}

function FollowControl({ code, following }: { code: string; following: boolean | null }) {
  const { t } = useI18n();
  const fetcher = useFetcher<QuestionsActionData>();
  if (following === null) {
    return (
      <Link to={`/login?${new URLSearchParams({ redirectTo: `/scenarios/${code}` })}`} className="text-sm text-brand-700 underline">
        {t("questions.follow.signIn")}
      </Link>
    );
  }
  // Shown as done while the request is on its way; the reload after it settles has the truth.
  const pending = fetcher.formData?.get("intent");
  const shown = pending ? pending === "follow" : following;
  return (
    <fetcher.Form method="post" className="flex flex-col items-start gap-1 sm:items-end">
      {shown ? (
        <div className="flex items-center gap-2">
          <span className="text-sm font-medium text-emerald-800">✓ {t("questions.following")}</span>
          <button type="submit" name="intent" value="unfollow" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
            {t("questions.unfollow")}
          </button>
        </div>
      ) : (
        <button type="submit" name="intent" value="follow" className="rounded border border-brand-600 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50">
          {t("questions.follow")}
        </button>
      )}
      <span className="text-xs text-slate-500">{t("questions.follow.hint")}</span>
    </fetcher.Form>
  );
}
