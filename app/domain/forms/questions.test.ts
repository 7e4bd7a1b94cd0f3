import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { answerSchema, askSchema } from "./questions";

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

/** The parsed value, or the field errors: what the page would show. */
function outcome<T>(submission: { status?: string; value?: T; error?: unknown }) {
  return submission.status === "success" ? { value: submission.value } : { error: submission.error };
}
const ask = (question: string) => outcome(parseWithZod(form({ intent: "ask", question }), { schema: askSchema }));
const answer = (entries: Record<string, string>) => outcome(parseWithZod(form({ intent: "answer", ...entries }), { schema: answerSchema }));

describe("askSchema", () => {
  it("takes 5 to 1000 characters, trimmed, counting a Chinese character or an emoji as one", () => {
    expect(ask("  接口开放吗？ \n").value).toEqual({ intent: "ask", question: "接口开放吗？" });
    expect(ask("是否开放").error).toEqual({ question: ["questions.error.tooShort?min=5"] });
    expect(ask("🙂🙂🙂🙂").error).toEqual({ question: ["questions.error.tooShort?min=5"] });
    expect(ask("🙂🙂🙂🙂🙂").value).toBeDefined();
    expect(ask("问".repeat(1000)).value).toBeDefined();
    expect(ask("问".repeat(1001)).error).toEqual({ question: ["error.tooLong?max=1000"] });
  });

  it("asks for a question when it is empty or only spaces, with one message", () => {
    expect(ask("").error).toEqual({ question: ["error.required"] });
    expect(ask("     ").error).toEqual({ question: ["error.required"] });
  });
});

describe("answerSchema", () => {
  it("takes 1 to 2000 characters for an existing question id", () => {
    expect(answer({ questionId: "12", answer: " 是。 " }).value).toEqual({ intent: "answer", questionId: 12, answer: "是。" });
    expect(answer({ questionId: "12", answer: "答".repeat(2001) }).error).toEqual({ answer: ["error.tooLong?max=2000"] });
    expect(answer({ questionId: "12", answer: "  " }).error).toEqual({ answer: ["questions.error.answerRequired"] });
  });

  it("refuses a missing or malformed question id", () => {
    expect(answer({ answer: "是。" }).error).toHaveProperty("questionId");
    expect(answer({ questionId: "abc", answer: "是。" }).error).toHaveProperty("questionId");
    expect(answer({ questionId: "-3", answer: "是。" }).error).toHaveProperty("questionId");
  });
});
