import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { getSessionUser } from "~/auth/session.server";
import type { DB } from "~/db/db.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation, validCreditCode } from "../fixtures";

let db: DB;
const context = { clientAddress: "203.0.113.7" };

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  const org = await insertOrganisation(db, "南京市鼓楼医院");
  await db
    .insertInto("users")
    .values({ organisation_id: org, email: "demand@demo.local", name: "王老师", role: "demand_member", password_hash: await hashPassword("demo-pass-2026") })
    .execute();
});

async function signIn(form: Record<string, string>, cookie?: string, address = context.clientAddress) {
  return loginAction(routeArgs({ request: request("/login", { form, cookie }), params: {}, context: { clientAddress: address } })) as Promise<unknown>;
}

afterEach(() => {
  vi.useRealTimers();
});

const body = (result: unknown) => (result as { data: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }).data;
const status = (result: unknown) => (result as { init?: { status?: number } }).init?.status;
const cookieOf = (response: Response) => response.headers.get("Set-Cookie")!.split(";")[0]!;
const retryAfter = (result: unknown) => new Headers((result as { init?: { headers?: HeadersInit } }).init?.headers).get("Retry-After");
const sessionIds = async () => (await db.selectFrom("sessions").select("id").orderBy("id").execute()).map((r) => r.id);

/** A clock the test moves: sign-in attempts are stored with the time they were made. */
function clockAt(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
  return (minutes: number) => vi.setSystemTime(new Date(Date.now() + minutes * 60_000));
}

describe("sign in", () => {
  it("starts a session and sends the demand user to their scenarios", async () => {
    const response = (await signIn({ email: "Demand@Demo.local ", password: "demo-pass-2026" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/my/scenarios");
    expect(response.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect(response.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
    const user = await getSessionUser(db, request("/", { cookie: cookieOf(response) }));
    expect(user?.email).toBe("demand@demo.local");
  });

  it("says the e-mail or password is wrong, keeps the e-mail and drops the password", async () => {
    const result = await signIn({ email: "demand@demo.local", password: "nope" });
    expect(status(result)).toBe(400);
    expect(body(result).error?.[""]).toEqual(["login.failed"]);
    expect(body(result).initialValue).toMatchObject({ email: "demand@demo.local" });
    expect(body(result).initialValue?.password).toBeUndefined();
  });

  it("names the field that is wrong", async () => {
    const result = await signIn({ email: "not-an-email", password: "" });
    expect(body(result).error).toMatchObject({ email: ["error.email"], password: ["error.required"] });
  });

  it("locks an account after five failures, even with the right password, from any address", async () => {
    for (let i = 0; i < 5; i++) await signIn({ email: "demand@demo.local", password: `wrong-${i}` }, undefined, `198.51.100.${i}`);
    const result = await signIn({ email: "demand@demo.local", password: "demo-pass-2026" }, undefined, "198.51.100.99");
    expect(status(result)).toBe(429);
    expect(body(result).error?.[""]?.[0]).toMatch(/^login\.throttled/);
    // The attempts are in the database, so a restart does not forget them.
    const stored = await db.selectFrom("login_attempts").where("key", "=", "account:demand@demo.local").selectAll().execute();
    expect(stored.length).toBeGreaterThanOrEqual(5);
  });

  it("rotates the session id at sign-in, so a planted cookie is worthless", async () => {
    const first = cookieOf((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" })) as Response);
    const second = cookieOf((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" }, first)) as Response);
    expect(second).not.toBe(first);
    expect(await getSessionUser(db, request("/", { cookie: first }))).toBeNull();
    expect(await getSessionUser(db, request("/", { cookie: second }))).not.toBeNull();
  });

  it("refuses the sixth try after five failures with the wait in minutes, and lets them in once the window has passed", async () => {
    const advance = clockAt("2026-11-20T02:00:00.000Z");
    for (let i = 0; i < 5; i++) {
      const failed = await signIn({ email: "demand@demo.local", password: `wrong-${i}` }, undefined, `198.51.100.${i}`);
      expect(body(failed).error?.[""]).toEqual(["login.failed"]);
      advance(1);
    }
    // Five minutes after the first failure: ten more minutes until it leaves the fifteen-minute window.
    const refused = await signIn({ email: "demand@demo.local", password: "demo-pass-2026" });
    expect(status(refused)).toBe(429);
    expect(body(refused).error?.[""]).toEqual(["login.throttled?minutes=10"]);
    expect(retryAfter(refused)).toBe("600");
    expect(await sessionIds()).toEqual([]);

    advance(9);
    expect(body(await signIn({ email: "demand@demo.local", password: "demo-pass-2026" })).error?.[""]).toEqual(["login.throttled?minutes=1"]);
    advance(1);
    // The first failure has left the window: four remain, one below the limit.
    const response = (await signIn({ email: "demand@demo.local", password: "demo-pass-2026" })) as Response;
    expect(response.status).toBe(302);
    expect(await getSessionUser(db, request("/", { cookie: cookieOf(response) }))).toMatchObject({ email: "demand@demo.local" });
    // A success clears the account's failures: the next mistake is only a mistake.
    expect(body(await signIn({ email: "demand@demo.local", password: "wrong" })).error?.[""]).toEqual(["login.failed"]);
  });

  it("refuses an address after twenty failures on any accounts, with the wait, until the window has passed", async () => {
    const advance = clockAt("2026-11-20T02:00:00.000Z");
    for (let i = 0; i < 20; i++) await signIn({ email: `someone${i}@example.com`, password: "x" });
    const refused = await signIn({ email: "demand@demo.local", password: "demo-pass-2026" });
    expect(status(refused)).toBe(429);
    expect(body(refused).error?.[""]).toEqual(["login.throttled?minutes=15"]);
    // Another address is not affected.
    expect(((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" }, undefined, "192.0.2.1")) as Response).status).toBe(302);
    advance(15);
    expect(((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" })) as Response).status).toBe(302);
  }, 30_000); // twenty password hashes: slow on a busy machine, not a speed test

  it("does not take over a session planted before sign-in: the planted one ends, the new id is fresh", async () => {
    const org = await db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    await db.insertInto("users").values({ organisation_id: org.id, email: "attacker@example.com", name: "X", role: "demand_member", password_hash: null }).execute();
    // The attacker's own valid session cookie, set in the victim's browser (e.g. through a sibling domain).
    const planted = await cookieFor(db, "attacker@example.com");
    const [plantedId] = await sessionIds();
    const response = (await signIn({ email: "demand@demo.local", password: "demo-pass-2026" }, planted)) as Response;
    const issued = cookieOf(response);
    expect(issued).not.toBe(planted);
    expect(await sessionIds()).not.toContain(plantedId);
    expect(await sessionIds()).toHaveLength(1);
    expect(await getSessionUser(db, request("/", { cookie: planted }))).toBeNull();
    expect((await getSessionUser(db, request("/", { cookie: issued })))?.email).toBe("demand@demo.local");
    // A forged or tampered cookie is ignored, not trusted.
    const tampered = `${issued.slice(0, -2)}xx`;
    expect(await getSessionUser(db, request("/", { cookie: tampered }))).toBeNull();
  });

  it("ends the session on sign-out", async () => {
    const cookie = cookieOf((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" })) as Response);
    const response = (await logoutAction(routeArgs({ request: request("/logout", { cookie, form: {} }), params: {}, context }))) as Response;
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await getSessionUser(db, request("/", { cookie }))).toBeNull();
  });

  it("deletes the session row on sign-out, so a copy of the cookie is worthless; other devices stay signed in", async () => {
    const laptop = cookieOf((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" })) as Response);
    const phone = await cookieFor(db, "demand@demo.local");
    expect(await sessionIds()).toHaveLength(2);
    await logoutAction(routeArgs({ request: request("/logout", { cookie: laptop, form: {} }), params: {}, context }));
    expect(await sessionIds()).toHaveLength(1);
    expect(await getSessionUser(db, request("/", { cookie: laptop }))).toBeNull();
    expect((await getSessionUser(db, request("/", { cookie: phone })))?.email).toBe("demand@demo.local");
  });
});

describe("sign up", () => {
  const valid = () => ({
    name: "李主任",
    email: "li@hospital.example",
    password: "a-long-password",
    kind: "demand",
    organisationName: "南京市第二医院",
    creditCode: validCreditCode(),
    district: "鼓楼区",
  });
  const signUp = (form: Record<string, string>) => signupAction(routeArgs({ request: request("/signup", { form }), params: {}, context })) as Promise<unknown>;

  it("creates an unverified organisation with its first member as admin", async () => {
    const form = valid();
    const response = (await signUp(form)) as Response;
    expect(response.headers.get("Location")).toBe("/my/scenarios");
    const org = await db.selectFrom("organisations").where("credit_code", "=", form.creditCode).selectAll().executeTakeFirstOrThrow();
    expect(org).toMatchObject({ kind: "demand", verified: 0, name: "南京市第二医院" });
    const user = await db.selectFrom("users").where("email", "=", form.email).selectAll().executeTakeFirstOrThrow();
    expect(user).toMatchObject({ organisation_id: org.id, role: "demand_member", is_org_admin: 1 });
    expect(user.password_hash).toMatch(/^scrypt\$/);
  });

  it("explains a wrong credit code, a short password and a missing choice, keeping the rest", async () => {
    const form = { ...valid(), creditCode: "91320106MA1XY00QW0", password: "short", district: "" };
    const result = await signUp(form);
    expect(body(result).error).toMatchObject({
      creditCode: ["error.creditCode.check"],
      password: ["error.passwordShort"],
      district: ["error.choose"],
    });
    expect(body(result).initialValue).toMatchObject({ name: "李主任", organisationName: "南京市第二医院" });
    expect(await db.selectFrom("organisations").where("name", "=", "南京市第二医院").selectAll().execute()).toEqual([]);
  });

  it("refuses a credit code or e-mail that is already registered, writing nothing", async () => {
    const form = valid();
    await signUp(form);
    const again = await signUp({ ...valid(), email: "other@hospital.example", creditCode: form.creditCode });
    expect(body(again).error).toMatchObject({ creditCode: ["signup.creditCodeTaken"] });
    const sameEmail = await signUp({ ...valid(), email: "demand@demo.local" });
    expect(body(sameEmail).error).toMatchObject({ email: ["signup.emailTaken"] });
    expect((await db.selectFrom("organisations").selectAll().execute()).length).toBe(2);
  });
});
