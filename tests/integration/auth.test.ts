import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { getSessionUser } from "~/auth/session.server";
import type { DB } from "~/db/db.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { request } from "../auth";
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
  return loginAction({ request: request("/login", { form, cookie }), params: {}, context: { clientAddress: address } }) as Promise<unknown>;
}

const body = (result: unknown) => (result as { data: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }).data;
const status = (result: unknown) => (result as { init?: { status?: number } }).init?.status;
const cookieOf = (response: Response) => response.headers.get("Set-Cookie")!.split(";")[0]!;

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

  it("limits one address trying many accounts", async () => {
    for (let i = 0; i < 20; i++) await signIn({ email: `someone${i}@example.com`, password: "x" });
    expect(status(await signIn({ email: "demand@demo.local", password: "demo-pass-2026" }))).toBe(429);
  }, 30_000); // twenty password hashes: slow on a busy machine, not a speed test

  it("rotates the session id at sign-in, so a planted cookie is worthless", async () => {
    const first = cookieOf((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" })) as Response);
    const second = cookieOf((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" }, first)) as Response);
    expect(second).not.toBe(first);
    expect(await getSessionUser(db, request("/", { cookie: first }))).toBeNull();
    expect(await getSessionUser(db, request("/", { cookie: second }))).not.toBeNull();
  });

  it("ends the session on sign-out", async () => {
    const cookie = cookieOf((await signIn({ email: "demand@demo.local", password: "demo-pass-2026" })) as Response);
    const response = (await logoutAction({ request: request("/logout", { cookie, form: {} }), params: {}, context })) as Response;
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await getSessionUser(db, request("/", { cookie }))).toBeNull();
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
  const signUp = (form: Record<string, string>) => signupAction({ request: request("/signup", { form }), params: {}, context }) as Promise<unknown>;

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
