import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { getSessionUser } from "~/auth/session.server";
import { requestPasswordReset } from "~/models/password-reset.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation } from "../fixtures";
import { unwrap } from "../results";

let db: DB;
const EMAIL = "wang@hospital.example";


const forgot = async (email: string) => unwrap(await forgotAction(routeArgs({ request: request("/forgot-password", { form: { email } }), params: {}, context: {} })));
const reset = (token: string, password: string, confirm = password, cookie?: string) =>
  resetAction(routeArgs({ request: request(`/reset-password/${token}`, { cookie, form: { password, confirm } }), params: { token }, context: {} }));
const resetPage = async (token: string) => resetLoader(routeArgs({ request: request(`/reset-password/${token}`), params: { token }, context: {} }));

async function tokenFromMail(to = EMAIL): Promise<string> {
  const mail = await db.selectFrom("email_outbox").where("to_address", "=", to).orderBy("id", "desc").select(["to_address", "text_body"]).executeTakeFirstOrThrow();
  const match = /http:\/\/localhost:3000\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail.text_body);
  expect(match, mail.text_body).not.toBeNull();
  return match![1]!;
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  const org = await insertOrganisation(db, "南京市鼓楼医院");
  await db
    .insertInto("users")
    .values({ organisation_id: org, email: EMAIL, name: "王医生", role: "demand_member", password_hash: await hashPassword("old password 123") })
    .execute();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("password reset", () => {
  it("answers the same for an unknown e-mail and sends nothing", async () => {
    const known = await forgot(EMAIL);
    const unknown = await forgot("nobody@example.com");
    // Identical apart from the echoed address.
    expect({ ...unknown, body: { ...unknown.body, result: { ...unknown.body.result, initialValue: null } } }).toEqual({
      ...known,
      body: { ...known.body, result: { ...known.body.result, initialValue: null } },
    });
    expect(unknown.body.sent).toBe(true);
    const outbox = await db.selectFrom("email_outbox").select("to_address").execute();
    expect(outbox).toEqual([{ to_address: EMAIL }]);
    expect(await db.selectFrom("password_resets").selectAll().execute()).toHaveLength(1);
  });

  it("stores only a hash of the token, works once, ends old sessions and signs in anew", async () => {
    const oldCookie = await cookieFor(db, EMAIL);
    await forgot(EMAIL);
    const token = await tokenFromMail();
    const stored = await db.selectFrom("password_resets").select("token_hash").executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await resetPage(token)).toEqual({ email: EMAIL });

    const response = await reset(token, "new password 456");
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/my/scenarios");
    const newCookie = (response as Response).headers.get("Set-Cookie")!.split(";")[0]!;

    const user = await db.selectFrom("users").where("email", "=", EMAIL).select("password_hash").executeTakeFirstOrThrow();
    expect(await verifyPassword("new password 456", user.password_hash)).toBe(true);
    expect(await getSessionUser(db, request("/", { cookie: oldCookie }))).toBeNull();
    expect((await getSessionUser(db, request("/", { cookie: newCookie })))?.email).toBe(EMAIL);
    const actions = await db.selectFrom("audit_log").select("action").orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual(["password.reset_requested", "password.reset"]);

    // The same link again: refused, and the password stays.
    expect(await resetPage(token)).toEqual({ email: null });
    const again = unwrap(await reset(token, "third password 789"));
    expect(again.status).toBe(400);
    expect(again.body.error[""]).toEqual(["reset.invalid"]);
    const after = await db.selectFrom("users").where("email", "=", EMAIL).select("password_hash").executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(user.password_hash);
  });

  it("expires after an hour", async () => {
    await requestPasswordReset(db, { email: EMAIL, lang: "zh", ip: "test", now: new Date(Date.now() - 61 * 60_000) });
    const token = await tokenFromMail();
    expect(await resetPage(token)).toEqual({ email: null });
    expect(unwrap(await reset(token, "new password 456")).status).toBe(400);
  });

  it("works for an hour by the clock and not a minute longer", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-20T02:00:00.000Z"));
    await forgot(EMAIL);
    const token = await tokenFromMail();
    vi.setSystemTime(new Date("2026-11-20T02:59:00.000Z"));
    expect(await resetPage(token)).toEqual({ email: EMAIL });
    vi.setSystemTime(new Date("2026-11-20T03:00:01.000Z"));
    expect(await resetPage(token)).toEqual({ email: null });
    const late = unwrap(await reset(token, "new password 456"));
    expect(late.status).toBe(400);
    expect(late.body.error[""]).toEqual(["reset.invalid"]);
    const user = await db.selectFrom("users").where("email", "=", EMAIL).select("password_hash").executeTakeFirstOrThrow();
    expect(await verifyPassword("old password 123", user.password_hash)).toBe(true);
  });

  it("changes only the account the link was sent to: another user's password and link stay", async () => {
    const OTHER = "li@hospital.example";
    const org = await db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    await db.insertInto("users").values({ organisation_id: org.id, email: OTHER, name: "李医生", role: "demand_member", password_hash: await hashPassword("li password 123") }).execute();
    const otherCookie = await cookieFor(db, OTHER);
    await forgot(EMAIL);
    await forgot(OTHER);
    const mine = await tokenFromMail(EMAIL);
    const theirs = await tokenFromMail(OTHER);

    // Used by the other user while signed in as themselves: it still resets the account it was sent for.
    const response = await reset(mine, "new password 456", "new password 456", otherCookie);
    expect((response as Response).status).toBe(302);
    const newCookie = (response as Response).headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await getSessionUser(db, request("/", { cookie: newCookie })))?.email).toBe(EMAIL);
    const other = await db.selectFrom("users").where("email", "=", OTHER).select("password_hash").executeTakeFirstOrThrow();
    expect(await verifyPassword("li password 123", other.password_hash)).toBe(true);
    expect(await resetPage(theirs)).toEqual({ email: OTHER });

    // The other user's own link still works, and only for them.
    const theirReset = await reset(theirs, "li new password 789");
    expect((theirReset as Response).status).toBe(302);
    const after = await db.selectFrom("users").where("email", "in", [EMAIL, OTHER]).select(["email", "password_hash"]).orderBy("email").execute();
    expect(await verifyPassword("li new password 789", after.find((u) => u.email === OTHER)!.password_hash)).toBe(true);
    expect(await verifyPassword("new password 456", after.find((u) => u.email === EMAIL)!.password_hash)).toBe(true);
  });

  it("ends every other session of the account, on every device", async () => {
    const devices = [await cookieFor(db, EMAIL), await cookieFor(db, EMAIL), await cookieFor(db, EMAIL)];
    await forgot(EMAIL);
    const response = await reset(await tokenFromMail(), "new password 456");
    for (const cookie of devices) expect(await getSessionUser(db, request("/", { cookie }))).toBeNull();
    const user = await db.selectFrom("users").where("email", "=", EMAIL).select("id").executeTakeFirstOrThrow();
    const left = await db.selectFrom("sessions").where("user_id", "=", user.id).select("id").execute();
    expect(left).toHaveLength(1);
    expect((response as Response).headers.get("Set-Cookie")).toContain("__session=");
  });

  it("sends at most three links an hour to one address, still answering the same", async () => {
    for (let i = 0; i < 5; i++) expect((await forgot(EMAIL)).body.sent).toBe(true);
    expect(await db.selectFrom("email_outbox").selectAll().execute()).toHaveLength(3);
  });

  it("says which field is wrong and never sends the passwords back", async () => {
    await forgot(EMAIL);
    const token = await tokenFromMail();
    const result = unwrap(await reset(token, "new password 456", "something else 1"));
    expect(result.status).toBe(400);
    expect(result.body.error).toEqual({ confirm: ["error.passwordMismatch"] });
    expect(JSON.stringify(result.body)).not.toContain("new password 456");

    const short = unwrap(await reset(token, "short"));
    expect(short.body.error.password).toEqual(["error.passwordShort"]);
    const invalidEmail = await forgot("not-an-email");
    expect(invalidEmail.status).toBe(400);
    expect(invalidEmail.body.result.error.email).toEqual(["error.email"]);
    expect(invalidEmail.body.result.initialValue.email).toBe("not-an-email");
  });

  it("refuses a made-up token", async () => {
    expect(await resetPage("not-a-token")).toEqual({ email: null });
    expect(unwrap(await reset("A".repeat(43), "new password 456")).status).toBe(400);
  });
});
