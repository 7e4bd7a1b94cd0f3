import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { UserRole } from "~/db/schema";
import { verifyPassword } from "~/auth/password.server";
import { getSessionUser } from "~/auth/session.server";
import { inviteMember } from "~/models/invitation.server";
import { action as acceptAction, loader as acceptLoader } from "~/routes/invitations.$token";
import { action as membersAction } from "~/routes/account.members";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation } from "../fixtures";
import { unwrap, settle } from "../results";

let db: DB;
let hospital: number;
let vendor: number;



async function insertUser(email: string, organisationId: number | null, role: UserRole = "demand_member", isOrgAdmin = false) {
  const row = await db
    .insertInto("users")
    .values({ organisation_id: organisationId, email, name: email.split("@")[0]!, role, is_org_admin: isOrgAdmin ? 1 : 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const invite = async (email: string, cookie?: string) =>
  settle(membersAction(routeArgs({ request: request("/account/members", { cookie, form: { intent: "invite", email } }), params: {}, context: {} })));

const accept = (token: string, form: Record<string, string>, cookie?: string) =>
  settle(acceptAction(routeArgs({ request: request(`/invitations/${token}`, { cookie, form }), params: { token }, context: {} })));

const invitationPage = async (token: string, cookie?: string) =>
  acceptLoader(routeArgs({ request: request(`/invitations/${token}`, { cookie }), params: { token }, context: {} }));

async function tokenMailedTo(email: string): Promise<string> {
  const mail = await db.selectFrom("email_outbox").where("to_address", "=", email).orderBy("id", "desc").select("text_body").executeTakeFirstOrThrow();
  const match = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text_body);
  expect(match, mail.text_body).not.toBeNull();
  return match![1]!;
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  vendor = await insertOrganisation(db, "南京智算科技有限公司", "vendor");
  await insertUser("admin@hospital.example", hospital, "demand_member", true);
  await insertUser("member@hospital.example", hospital);
  await insertUser("admin@vendor.example", vendor, "vendor_member", true);
  await insertUser("reviewer@example.com", null, "reviewer");
});

describe("invitations", () => {
  it("an organisation admin invites; accepting creates a member of that organisation, once", async () => {
    const sent = await invite("Li@Hospital.example", await cookieFor(db, "admin@hospital.example"));
    expect(sent.status).toBe(200);
    expect(sent.body.done).toEqual({ key: "members.invite.sent", email: "li@hospital.example" });
    const token = await tokenMailedTo("li@hospital.example");
    const mail = await db.selectFrom("email_outbox").select(["subject", "text_body"]).executeTakeFirstOrThrow();
    expect(mail.subject).toContain("南京市鼓楼医院");
    expect(mail.text_body).toContain(`http://localhost:3000/invitations/${token}`);
    expect(await invitationPage(token)).toEqual({
      invitation: { email: "li@hospital.example", organisationName: "南京市鼓楼医院", state: "open" },
      signedInAs: null,
    });

    const joined = await accept(token, { intent: "register", name: "李护士", password: "a good password" });
    expect(joined.status).toBe(302);
    expect(joined.location).toBe("/my/scenarios");
    const user = await db.selectFrom("users").where("email", "=", "li@hospital.example").selectAll().executeTakeFirstOrThrow();
    expect(user).toMatchObject({ organisation_id: hospital, role: "demand_member", is_org_admin: 0, name: "李护士" });
    expect(await verifyPassword("a good password", user.password_hash)).toBe(true);

    const audit = await db.selectFrom("audit_log").select(["action", "subject_id"]).orderBy("id").execute();
    expect(audit).toEqual([
      { action: "member.invite", subject_id: hospital },
      { action: "member.join", subject_id: hospital },
    ]);
    const notice = await db.selectFrom("notifications as n").innerJoin("users as u", "u.id", "n.user_id").select(["u.email", "n.title"]).execute();
    expect(notice).toEqual([{ email: "admin@hospital.example", title: "李护士（li@hospital.example）已接受邀请，加入本单位" }]);

    const again = await accept(token, { intent: "register", name: "又一个", password: "another password" });
    expect(again.status).toBe(400);
    expect((await invitationPage(token)).invitation?.state).toBe("accepted");
  });

  it("refuses members who are not admins, people without an organisation, and visitors", async () => {
    expect((await invite("x@example.com", await cookieFor(db, "member@hospital.example"))).status).toBe(403);
    expect((await invite("x@example.com", await cookieFor(db, "reviewer@example.com"))).status).toBe(403);
    const anonymous = await invite("x@example.com");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
    expect(await db.selectFrom("invitations").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("email_outbox").selectAll().execute()).toEqual([]);
  });

  it("cannot invite an address registered in another organisation, and says so", async () => {
    const result = await invite("admin@vendor.example", await cookieFor(db, "admin@hospital.example"));
    expect(result.status).toBe(400);
    expect(result.body.result.error).toEqual({ email: ["members.invite.elsewhere"] });
    expect(result.body.result.initialValue.email).toBe("admin@vendor.example");
    const member = await invite("member@hospital.example", await cookieFor(db, "admin@hospital.example"));
    expect(member.body.result.error).toEqual({ email: ["members.invite.alreadyMember"] });
  });

  it("a vendor admin's colleague becomes a vendor member of the vendor", async () => {
    await invite("zhao@vendor.example", await cookieFor(db, "admin@vendor.example"));
    const token = await tokenMailedTo("zhao@vendor.example");
    expect((await accept(token, { intent: "register", name: "赵工", password: "a good password" })).location).toBe("/my/proposals");
    expect(await db.selectFrom("users").where("email", "=", "zhao@vendor.example").select(["organisation_id", "role"]).executeTakeFirst()).toEqual({
      organisation_id: vendor,
      role: "vendor_member",
    });
  });

  it("expires after seven days", async () => {
    const adminId = (await db.selectFrom("users").where("email", "=", "admin@hospital.example").select("id").executeTakeFirstOrThrow()).id;
    await inviteMember(db, { actorId: adminId, email: "late@example.com", lang: "zh", ip: "test", now: new Date(Date.now() - 8 * 86_400_000) });
    const token = await tokenMailedTo("late@example.com");
    expect((await invitationPage(token)).invitation?.state).toBe("expired");
    const result = await accept(token, { intent: "register", name: "迟到", password: "a good password" });
    expect(result.body.error[""]).toEqual(["invite.accept.invalid"]);
    expect(await db.selectFrom("users").where("email", "=", "late@example.com").selectAll().execute()).toEqual([]);
  });

  it("a signed-in account with the invited e-mail just joins; another account cannot use the link", async () => {
    const loose = await insertUser("loose@example.com", null);
    await invite("loose@example.com", await cookieFor(db, "admin@hospital.example"));
    const token = await tokenMailedTo("loose@example.com");

    const wrong = await accept(token, { intent: "join" }, await cookieFor(db, "member@hospital.example"));
    expect(wrong.body.error[""]).toEqual(["invite.accept.wrongAccount"]);
    const taken = await accept(token, { intent: "register", name: "冒名", password: "a good password" });
    expect(taken.body.error[""]).toEqual(["invite.accept.emailTaken"]);
    expect(taken.body.initialValue).toEqual({ intent: "register", name: "冒名" });

    const cookie = await cookieFor(db, "loose@example.com");
    expect((await invitationPage(token, cookie)).signedInAs).toBe("loose@example.com");
    const joined = await accept(token, { intent: "join" }, cookie);
    expect(joined.status).toBe(302);
    expect(await db.selectFrom("users").where("id", "=", loose).select("organisation_id").executeTakeFirst()).toEqual({ organisation_id: hospital });
    const session = await getSessionUser(db, request("/", { cookie: await cookieFor(db, "loose@example.com") }));
    expect(session?.organisationName).toBe("南京市鼓楼医院");
  });

  it("gives field errors with the input intact", async () => {
    await invite("new@example.com", await cookieFor(db, "admin@hospital.example"));
    const token = await tokenMailedTo("new@example.com");
    const result = await accept(token, { intent: "register", name: "", password: "short" });
    expect(result.status).toBe(400);
    expect(result.body.error).toEqual({ name: ["error.required"], password: ["error.passwordShort"] });
    expect(result.body.initialValue).toEqual({ intent: "register" });
  });
});
