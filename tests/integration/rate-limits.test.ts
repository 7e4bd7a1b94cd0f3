import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { RATE_LIMITS } from "~/domain/rate-limits";
import * as scenarioPage from "~/routes/scenarios.$code";
import * as signup from "~/routes/signup";
import * as searches from "~/routes/my.searches";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertEdition, insertOrganisation, insertScenario, validCreditCode } from "../fixtures";

// Issue 13 item 4: one vendor posted 989 questions on one scenario in 20 minutes. Questions,
// objections (benchmark-notice.test.ts), sign-ups and saved searches are limited per account and
// per address; the refusal is a 429 with Retry-After and says, in the reader's language, when to
// try again. The route's `headers` export must pass Retry-After on, or a plain form post loses it.

let db: DB;
let code: string;

/** Raw outcome of an action: status, Retry-After, the form errors and the Location. */
async function outcome(run: () => Promise<unknown>) {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, retryAfter: result.headers.get("Retry-After"), errors: [] as string[], location: result.headers.get("Location") };
  const { init, data } = result as { init?: { status?: number; headers?: HeadersInit }; data: any };
  const errors: string[] = (data?.result ?? data)?.error?.[""] ?? [];
  return { status: init?.status ?? 200, retryAfter: new Headers(init?.headers).get("Retry-After"), errors, location: null };
}

/** What the route's `headers` export makes of the action's headers, as Remix calls it for the page. */
function pageHeaders(mod: { headers?: unknown }, actionInit: HeadersInit) {
  expect(typeof mod.headers, "the route passes its action's headers on").toBe("function");
  return new Headers((mod.headers as Function)({ actionHeaders: new Headers(actionInit), loaderHeaders: new Headers(), parentHeaders: new Headers(), errorHeaders: undefined }));
}

let clock = Date.parse("2026-12-01T02:00:00.000Z");
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  clock = Date.parse("2026-12-01T02:00:00.000Z");
  vi.setSystemTime(clock);
  db = createTestDatabase();
  useAsAppDatabase(db);
  const { editionId, batchIds } = await insertEdition(db, 2026, 1);
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const vendor = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  await db.insertInto("users").values([
    { email: "owner@hospital.example", name: "王老师", role: "demand_member", organisation_id: hospital },
    { email: "sales@yunqi.example", name: "李明", role: "vendor_member", organisation_id: vendor },
    { email: "colleague@yunqi.example", name: "张伟", role: "vendor_member", organisation_id: vendor },
  ]).execute();
  const scenario = await insertScenario(db, {
    organisation_id: hospital, edition_id: editionId, batch_id: batchIds[0]!, title: "门诊智能导诊", proposal_deadline: "2027-03-01T09:00:00.000Z",
  });
  code = scenario.code!;
});
afterEach(() => vi.useRealTimers());

const advanceMinutes = (minutes: number) => {
  clock += minutes * 60_000;
  vi.setSystemTime(clock);
};

describe("questions", () => {
  const ask = async (email: string, question: string, address = "203.0.113.10") =>
    outcome(async () => scenarioPage.action(routeArgs({
      request: request(`/scenarios/${code}`, { cookie: await cookieFor(db, email), form: { intent: "ask", question } }),
      params: { code }, context: { clientAddress: address },
    })));
  const stored = async () => (await db.selectFrom("scenario_questions").select("id").execute()).length;
  const mails = async () => (await db.selectFrom("email_outbox").select("id").execute()).length;

  it("refuses the account's eleventh question within an hour with 429, Retry-After and the wait, and takes it after", async () => {
    const max = RATE_LIMITS.question.account!.max;
    for (let i = 1; i <= max; i++) {
      expect((await ask("sales@yunqi.example", `第 ${i} 个问题：接口是否开放？`)).status).toBe(302);
      advanceMinutes(1);
    }
    const refused = await ask("sales@yunqi.example", "再问一个：是否提供测试环境？");
    expect(refused.status).toBe(429);
    // The first question leaves the hour 60 − 10 = 50 minutes from now.
    expect(refused.retryAfter).toBe(String(50 * 60));
    expect(refused.errors).toEqual(["rateLimit.tryAgain?minutes=50"]);
    expect(pageHeaders(scenarioPage, { "Retry-After": refused.retryAfter! }).get("Retry-After")).toBe("3000");
    expect(await stored()).toBe(max);
    expect(await mails()).toBe(max);

    // A colleague is another account: not held back by the first one's count.
    expect((await ask("colleague@yunqi.example", "同事的问题：数据是否脱敏？")).status).toBe(302);
    advanceMinutes(50);
    expect((await ask("sales@yunqi.example", "再问一个：是否提供测试环境？")).status).toBe(302);
  });

  it("limits an address across accounts", async () => {
    const perAccount = RATE_LIMITS.question.account!.max;
    const perAddress = RATE_LIMITS.question.address.max;
    const vendor = (await db.selectFrom("users").where("email", "=", "sales@yunqi.example").select("organisation_id").executeTakeFirstOrThrow()).organisation_id;
    const accounts = Array.from({ length: Math.ceil(perAddress / perAccount) + 1 }, (_, i) => `staff${i}@yunqi.example`);
    await db.insertInto("users").values(accounts.map((email) => ({ email, name: email, role: "vendor_member" as const, organisation_id: vendor }))).execute();
    for (let asked = 0; asked < perAddress; asked++) {
      const email = accounts[Math.floor(asked / perAccount)]!;
      expect((await ask(email, `问题 ${asked}：是否支持本地部署？`, "198.51.100.7")).status).toBe(302);
    }
    const fresh = accounts[accounts.length - 1]!;
    const refused = await ask(fresh, "还有一个问题：是否支持信创？", "198.51.100.7");
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("3600");
    // The same account from another address is fine.
    expect((await ask(fresh, "还有一个问题：是否支持信创？", "198.51.100.8")).status).toBe(302);
  });
});

describe("sign-up", () => {
  const signUp = (n: number, address: string) =>
    outcome(() => signup.action(routeArgs({
      request: request("/signup", { form: { name: "李主任", email: `new${n}@example.com`, password: "a-long-password", kind: "demand", organisationName: `新医院${n}`, creditCode: validCreditCode(), district: "鼓楼区" } }),
      params: {}, context: { clientAddress: address },
    })));

  it("allows a few accounts an hour from one address, then says when to try again", async () => {
    const max = RATE_LIMITS.signup.address.max;
    for (let i = 0; i < max; i++) expect((await signUp(i, "203.0.113.20")).status).toBe(302);
    const refused = await signUp(99, "203.0.113.20");
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("3600");
    expect(refused.errors).toEqual(["rateLimit.tryAgain?minutes=60"]);
    expect(pageHeaders(signup, { "Retry-After": "3600" }).get("Retry-After")).toBe("3600");
    expect(await db.selectFrom("users").where("email", "=", "new99@example.com").select("id").executeTakeFirst()).toBeUndefined();
    expect((await signUp(100, "203.0.113.21")).status).toBe(302);
  });
});

describe("saved searches", () => {
  const save = async (name: string, query = "q=医院", address = "203.0.113.30") =>
    outcome(async () => searches.action(routeArgs({
      request: request("/my/searches", { cookie: await cookieFor(db, "sales@yunqi.example"), form: { intent: "save", name, query, frequency: "daily" } }),
      params: {}, context: { clientAddress: address },
    })));
  const rows = async () => db.selectFrom("saved_searches").select(["id", "name"]).execute();

  it("keeps one row for a double submit", async () => {
    const first = await save("医院");
    const second = await save("医院");
    expect(first.status).toBe(302);
    expect(second.location).toBe(first.location);
    expect(await rows()).toHaveLength(1);
  });

  it("limits how many an account adds in an hour", async () => {
    const max = RATE_LIMITS.savedSearch.account!.max;
    for (let i = 0; i < max; i++) expect((await save(`搜索 ${i}`, `q=医院${i}`)).status).toBe(302);
    const refused = await save("再一个", "q=学校");
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("3600");
    expect(refused.errors).toEqual(["rateLimit.tryAgain?minutes=60"]);
    expect(pageHeaders(searches, { "Retry-After": "3600" }).get("Retry-After")).toBe("3600");
    expect(await rows()).toHaveLength(max);
  });
});

describe("sign-in", () => {
  it("passes the throttle's Retry-After on to the page", async () => {
    const login = await import("~/routes/login");
    expect(pageHeaders(login, { "Retry-After": "600" }).get("Retry-After")).toBe("600");
  });
});
