import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { loader as myListLoader } from "~/routes/my.scenarios._index";
import { action, loader } from "~/routes/scenarios.$code";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { settle } from "../results";

// Clarifications on the public scenario page, through its loader and action as a browser calls them.

type Who = "clerk" | "colleague" | "stranger" | "asker" | "rival" | "newVendor" | "reviewer" | "admin";

let db: DB;
let cookies: Record<Who, string>;
let users: Record<Who, number>;
let hospital: number;
let code: string;
let scenarioId: number;

const ASKER = { email: "li.ming@yunqi.example", name: "李明远", company: "南京云启智能科技有限公司" };
const QUESTION = "HIS 系统的接口是否开放？是否提供测试环境和接口文档？";
const ANSWER = "开放 HL7 和 WebService 接口，签约后提供测试环境和接口文档。";
const FUTURE = new Date(Date.now() + 30 * 86_400_000).toISOString();
const PAST = new Date(Date.now() - 86_400_000).toISOString();

const view = (cookie?: string, at = code) => settle(loader(routeArgs({ request: request(`/scenarios/${at}`, { cookie }), params: { code: at }, context: {} })));
const post = (cookie: string | undefined, form: Record<string, string>, at = code) =>
  settle(action(routeArgs({ request: request(`/scenarios/${at}`, { cookie, form }), params: { code: at }, context: { clientAddress: "test" } })));
const ask = (who: Who | null, question = QUESTION, at = code) => post(who ? cookies[who] : undefined, { intent: "ask", question }, at);
const answer = (who: Who | null, questionId: number, text = ANSWER) =>
  post(who ? cookies[who] : undefined, { intent: "answer", questionId: String(questionId), answer: text });

const questions = () => db.selectFrom("scenario_questions").selectAll().orderBy("id").execute();
const notices = (kind: string) => db.selectFrom("notifications").where("kind", "=", kind).select(["user_id", "title", "body", "link"]).orderBy("id").execute();

async function addUser(email: string, role: "demand_member" | "vendor_member" | "reviewer" | "admin", organisationId: number | null, name = email.split("@")[0]!) {
  const { id } = await db.insertInto("users").values({ email, name, role, organisation_id: organisationId }).returning("id").executeTakeFirstOrThrow();
  return id;
}

async function askedQuestionId() {
  const result = await ask("asker");
  expect(result.status).toBe(302);
  return Number(/#q-(\d+)$/.exec(result.location!)![1]);
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 1);
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const otherHospital = await insertOrganisation(db, "南京市第一医院");
  const yunqi = await insertOrganisation(db, ASKER.company, "vendor");
  const rival = await insertOrganisation(db, "江苏智算科技有限公司", "vendor");
  const newcomer = await insertOrganisation(db, "新注册的数据科技有限公司", "vendor");
  await db.updateTable("organisations").set({ verified: 0 }).where("id", "=", newcomer).execute();
  const accounts: Record<Who, [string, "demand_member" | "vendor_member" | "reviewer" | "admin", number | null, string?]> = {
    clerk: ["clerk@hospital.example", "demand_member", hospital],
    colleague: ["colleague@hospital.example", "demand_member", hospital],
    stranger: ["other@first.example", "demand_member", otherHospital],
    asker: [ASKER.email, "vendor_member", yunqi, ASKER.name],
    rival: ["sales@zhisuan.example", "vendor_member", rival],
    newVendor: ["new@data.example", "vendor_member", newcomer],
    reviewer: ["expert@review.example", "reviewer", null],
    admin: ["admin@office.example", "admin", null],
  };
  users = {} as typeof users;
  cookies = {} as typeof cookies;
  for (const [who, [email, role, organisationId, name]] of Object.entries(accounts) as [Who, (typeof accounts)[Who]][]) {
    users[who] = await addUser(email, role, organisationId, name);
    cookies[who] = await cookieFor(db, email);
  }
  await db.updateTable("users").set({ lang: "en" }).where("id", "=", users.colleague).execute();
  const scenario = await insertScenario(db, {
    organisation_id: hospital, edition_id: editionId, batch_id: batchIds[0]!, title: "门诊智能导诊", proposal_deadline: FUTURE,
  });
  code = scenario.code!;
  scenarioId = scenario.id;
});

describe("asking", () => {
  it("publishes a vendor's question, follows the scenario, audits it and tells the owner's members in their language", async () => {
    const result = await ask("asker");
    const [row] = await questions();
    expect(result.location).toBe(`/scenarios/${code}?qa=asked#q-${row!.id}`);
    expect(row).toMatchObject({ scenario_id: scenarioId, asked_by: users.asker, question: QUESTION, answer: null });
    const follows = await db.selectFrom("scenario_follows").select(["user_id", "scenario_id"]).execute();
    expect(follows).toEqual([{ user_id: users.asker, scenario_id: scenarioId }]);
    const audit = await db.selectFrom("audit_log").where("action", "=", "question.ask").select(["actor_user_id", "subject_id"]).execute();
    expect(audit).toEqual([{ actor_user_id: users.asker, subject_id: scenarioId }]);

    const sent = await notices("question.asked");
    expect(sent.map((n) => n.user_id)).toEqual([users.clerk, users.colleague]);
    expect(sent[0]!.title).toBe("“门诊智能导诊”收到新的提问");
    expect(sent[1]!.title).toBe("New question on “门诊智能导诊”");
    expect(sent[0]!.link).toBe(`/scenarios/${code}#q-${row!.id}`);
    // The owner is not told who asked either.
    for (const n of sent) expect(`${n.title}${n.body}`).not.toMatch(/李明远|云启|yunqi/);
  });

  it("refuses everyone but vendor members", async () => {
    for (const who of ["clerk", "stranger", "reviewer", "admin"] as const) expect((await ask(who)).status, who).toBe(403);
    const anonymous = await ask(null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
    expect(await questions()).toEqual([]);
  });

  it("tells a vendor whose company is not verified yet, keeping what they typed", async () => {
    const result = await ask("newVendor");
    expect(result.status).toBe(403);
    expect(result.body.result.error[""]).toEqual(["questions.blocked.unverified"]);
    expect(result.body.result.initialValue.question).toBe(QUESTION);
    expect(await questions()).toEqual([]);
  });

  it("closes questions at the proposal deadline and says so", async () => {
    await db.updateTable("scenarios").set({ proposal_deadline: PAST }).where("id", "=", scenarioId).execute();
    const result = await ask("asker");
    expect(result.status).toBe(409);
    expect(result.body.result.error[""]).toEqual(["questions.error.deadlinePassed"]);
    expect(result.body.result.initialValue.question).toBe(QUESTION);
    expect(await questions()).toEqual([]);
    const page = await view(cookies.asker);
    expect(page.body.questions).toMatchObject({ canAsk: false, askBlocked: "deadline_passed" });
  });

  it("finds no scenario that is not public, and takes no questions once a scenario is matched", async () => {
    await db.updateTable("scenarios").set({ status: "withdrawn" }).where("id", "=", scenarioId).execute();
    expect((await ask("asker")).status).toBe(404);
    expect((await ask("asker", QUESTION, "NJ-2026-9999")).status).toBe(404);
    await db.updateTable("scenarios").set({ status: "matched" }).where("id", "=", scenarioId).execute();
    const matched = await ask("asker");
    expect(matched.status).toBe(409);
    expect(matched.body.result.error[""]).toEqual(["questions.blocked.not_open"]);
    expect(await questions()).toEqual([]);
  });

  it("creates one question when the same form is posted twice", async () => {
    const first = await ask("asker");
    const second = await ask("asker", `  ${QUESTION}\n`);
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location!.replace("qa=asked", "qa=duplicate"));
    expect(await questions()).toHaveLength(1);
    expect(await notices("question.asked")).toHaveLength(2);
    // Another vendor asking the same thing is a question of its own.
    await ask("rival");
    expect(await questions()).toHaveLength(2);
  });

  it("returns a bad question with the typed text and an error on the field", async () => {
    const short = await ask("asker", "接口？");
    expect(short.status).toBe(400);
    expect(short.body.result.error.question).toEqual(["questions.error.tooShort?min=5"]);
    expect(short.body.result.initialValue.question).toBe("接口？");
    const long = await ask("asker", "问".repeat(1001));
    expect(long.body.result.error.question).toEqual(["error.tooLong?max=1000"]);
    expect(long.body.result.initialValue.question).toHaveLength(1001);
    expect(await questions()).toEqual([]);
  });
});

describe("the public page", () => {
  it("lists questions, answered or not, without anything that says who asked", async () => {
    const first = await askedQuestionId();
    await post(cookies.rival, { intent: "ask", question: "数据能否在院外脱敏后使用？" });
    await answer("clerk", first);
    for (const who of [null, "rival", "stranger", "clerk", "reviewer"] as const) {
      const page = await view(who ? cookies[who] : undefined);
      const json = JSON.stringify(page.body);
      for (const secret of [ASKER.email, ASKER.name, ASKER.company, "rival", "zhisuan", "江苏智算"]) expect(json, `${who} sees ${secret}`).not.toContain(secret);
      const listed = page.body.questions.questions;
      expect(listed.map((q: any) => [q.number, q.question, q.answer])).toEqual([
        [1, QUESTION, ANSWER],
        [2, "数据能否在院外脱敏后使用？", null],
      ]);
      for (const q of listed) expect(Object.keys(q).sort()).toEqual(["answer", "answeredAt", "askedAt", "id", "mine", "number", "question"]);
    }
    const mine = await view(cookies.asker);
    expect(mine.body.questions.questions.map((q: any) => q.mine)).toEqual([true, false]);
    expect(JSON.stringify(mine.body)).not.toContain(ASKER.email);
  });

  it("tells each kind of visitor what they may do", async () => {
    const panel = async (who: Who | null) => (await view(who ? cookies[who] : undefined)).body.questions;
    expect(await panel(null)).toMatchObject({ canAsk: false, askBlocked: "sign_in", canAnswer: false, following: null });
    expect(await panel("asker")).toMatchObject({ canAsk: true, askBlocked: null, canAnswer: false, following: false });
    expect(await panel("newVendor")).toMatchObject({ canAsk: false, askBlocked: "unverified" });
    expect(await panel("stranger")).toMatchObject({ canAsk: false, askBlocked: "not_vendor", canAnswer: false });
    expect(await panel("clerk")).toMatchObject({ canAsk: false, askBlocked: null, canAnswer: true });
  });
});

describe("answering", () => {
  it("publishes the owner's answer and tells the asker and every follower once each", async () => {
    const id = await askedQuestionId();
    // The asker also follows (asking did that), a rival vendor and a reviewer follow, and the
    // answering clerk follows their own scenario: they are not told of their own answer.
    for (const who of ["asker", "rival", "reviewer", "clerk"] as const) expect((await post(cookies[who], { intent: "follow" })).status).toBe(200);
    const result = await answer("clerk", id);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/scenarios/${code}?qa=answered#q-${id}`);
    const [row] = await questions();
    expect(row).toMatchObject({ answer: ANSWER, answered_by: users.clerk });
    expect(row!.answered_at).not.toBeNull();
    const audit = await db.selectFrom("audit_log").where("action", "=", "question.answer").select(["actor_user_id", "subject_id"]).execute();
    expect(audit).toEqual([{ actor_user_id: users.clerk, subject_id: scenarioId }]);

    const sent = await notices("question.answered");
    expect(sent.map((n) => n.user_id).sort((a, b) => a - b)).toEqual([users.asker, users.rival, users.reviewer].sort((a, b) => a - b));
    expect(sent.find((n) => n.user_id === users.asker)!.title).toBe("您在“门诊智能导诊”的提问已答复");
    expect(sent.find((n) => n.user_id === users.rival)!.title).toBe("您关注的“门诊智能导诊”有新的答复");
    for (const n of sent) {
      expect(n.link).toBe(`/scenarios/${code}#q-${id}`);
      expect(n.body).toContain(ANSWER);
    }
    const page = await view();
    expect(page.body.questions.questions[0]).toMatchObject({ answer: ANSWER });
  });

  it("shows the owner how many questions wait for an answer in their list of scenarios", async () => {
    const waiting = async () => {
      const list = await settle(myListLoader(routeArgs({ request: request("/my/scenarios", { cookie: cookies.clerk }), params: {}, context: {} })));
      return list.body.items.map((s: any) => [s.code, s.unanswered]);
    };
    const id = await askedQuestionId();
    await ask("rival", "是否允许联合体参与揭榜？");
    expect(await waiting()).toEqual([[code, 2]]);
    await answer("clerk", id);
    expect(await waiting()).toEqual([[code, 1]]);
  });

  it("refuses another demand organisation, vendors and reviewers; sends visitors to sign in", async () => {
    const id = await askedQuestionId();
    for (const who of ["stranger", "asker", "rival", "reviewer"] as const) expect((await answer(who, id)).status, who).toBe(403);
    expect((await answer(null, id)).location).toMatch(/^\/login/);
    expect((await questions())[0]!.answer).toBeNull();
    expect(await notices("question.answered")).toEqual([]);
  });

  it("keeps the first answer: a second one is refused with the typed text kept", async () => {
    const id = await askedQuestionId();
    await answer("clerk", id);
    const second = await answer("colleague", id, "另一种说法");
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ form: "answer", questionId: id });
    expect(second.body.result.error[""]).toEqual(["questions.error.alreadyAnswered"]);
    expect(second.body.result.initialValue.answer).toBe("另一种说法");
    expect((await questions())[0]!.answer).toBe(ANSWER);
  });

  it("returns an empty answer with an error on the field, and finds no question of another scenario", async () => {
    const id = await askedQuestionId();
    const empty = await answer("clerk", id, "   ");
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ form: "answer", questionId: id });
    expect(empty.body.result.error.answer).toEqual(["questions.error.answerRequired"]);
    const other = await insertScenario(db, { organisation_id: hospital, edition_id: (await db.selectFrom("editions").select("id").executeTakeFirstOrThrow()).id, proposal_deadline: FUTURE });
    const elsewhere = await post(cookies.clerk, { intent: "answer", questionId: String(id), answer: ANSWER }, other.code!);
    expect(elsewhere.status).toBe(404);
    expect((await questions())[0]!.answer).toBeNull();
  });
});

describe("following", () => {
  it("lets anyone signed in follow and unfollow, twice changing nothing", async () => {
    const follows = () => db.selectFrom("scenario_follows").select("user_id").execute();
    expect((await post(cookies.reviewer, { intent: "follow" })).body).toMatchObject({ form: "follow", following: true });
    await post(cookies.reviewer, { intent: "follow" });
    expect(await follows()).toEqual([{ user_id: users.reviewer }]);
    expect((await view(cookies.reviewer)).body.questions.following).toBe(true);
    expect((await post(cookies.reviewer, { intent: "unfollow" })).body).toMatchObject({ following: false });
    await post(cookies.reviewer, { intent: "unfollow" });
    expect(await follows()).toEqual([]);
    expect((await post(undefined, { intent: "follow" })).location).toMatch(/^\/login/);
  });

  it("follows only public scenarios", async () => {
    await db.updateTable("scenarios").set({ status: "withdrawn" }).where("id", "=", scenarioId).execute();
    expect((await post(cookies.rival, { intent: "follow" })).status).toBe(404);
  });

  it("answers an unknown intent with 400 for the signed in", async () => {
    expect((await post(cookies.rival, { intent: "delete" })).status).toBe(400);
  });
});
