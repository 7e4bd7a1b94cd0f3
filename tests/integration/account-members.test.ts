import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import type { UserRole } from "~/db/schema";
import { getSessionUser } from "~/auth/session.server";
import { action as membersAction, loader as membersLoader } from "~/routes/account.members";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation } from "../fixtures";
import { unwrap, settle } from "../results";

let db: DB;
let hospital: number;
const ids: Record<string, number> = {};



async function insertUser(email: string, organisationId: number | null, role: UserRole = "demand_member", isOrgAdmin = false) {
  const row = await db
    .insertInto("users")
    .values({ organisation_id: organisationId, email, name: email.split("@")[0]!, role, is_org_admin: isOrgAdmin ? 1 : 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids[email] = row.id;
}

const post = (as: string | null, form: Record<string, string>) =>
  (as ? cookieFor(db, as) : Promise.resolve(undefined)).then((cookie) =>
    settle(membersAction(routeArgs({ request: request("/account/members", { cookie, form }), params: {}, context: {} }))),
  );
const page = async (as: string | null) =>
  settle(membersLoader(routeArgs({ request: request("/account/members", { cookie: as ? await cookieFor(db, as) : undefined }), params: {}, context: {} })));
const orgOf = async (email: string) =>
  (await db.selectFrom("users").where("email", "=", email).select(["organisation_id", "is_org_admin"]).executeTakeFirstOrThrow());

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  hospital = await insertOrganisation(db, "南京市鼓楼医院");
  const school = await insertOrganisation(db, "南京市第一中学");
  await insertUser("admin@hospital.example", hospital, "demand_member", true);
  await insertUser("nurse@hospital.example", hospital);
  await insertUser("doctor@hospital.example", hospital);
  await insertUser("teacher@school.example", school, "demand_member", true);
  await insertUser("reviewer@example.com", null, "reviewer");
});

describe("members page", () => {
  it("lists the organisation's members; only admins may change anything", async () => {
    const admin = (await page("admin@hospital.example")).body;
    expect(admin.isAdmin).toBe(true);
    expect(admin.members.map((m: { email: string }) => m.email)).toEqual(["admin@hospital.example", "doctor@hospital.example", "nurse@hospital.example"]);
    const member = (await page("nurse@hospital.example")).body;
    expect(member).toMatchObject({ isAdmin: false, invitations: [] });
    expect(member.members).toHaveLength(3);
    expect((await page("reviewer@example.com")).status).toBe(403);
    expect((await page(null)).location).toMatch(/^\/login/);
  });

  it("an admin removes a member: the account leaves the organisation and is signed out", async () => {
    const nurseCookie = await cookieFor(db, "nurse@hospital.example");
    const result = await post("admin@hospital.example", { intent: "remove", memberId: String(ids["nurse@hospital.example"]) });
    expect(result.status).toBe(200);
    expect(await orgOf("nurse@hospital.example")).toEqual({ organisation_id: null, is_org_admin: 0 });
    expect(await getSessionUser(db, request("/", { cookie: nurseCookie }))).toBeNull();
    const entry = await db.selectFrom("audit_log").where("action", "=", "member.remove").selectAll().executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_user_id: ids["admin@hospital.example"], subject_id: ids["nurse@hospital.example"] });
    expect(JSON.parse(entry.before_json!)).toEqual({ organisationId: hospital, isOrgAdmin: false });
  });

  it("only an admin of the same organisation can remove, and not themselves", async () => {
    const nurse = String(ids["nurse@hospital.example"]);
    expect((await post("doctor@hospital.example", { intent: "remove", memberId: nurse })).status).toBe(403);
    expect((await post("reviewer@example.com", { intent: "remove", memberId: nurse })).status).toBe(403);
    expect((await post("teacher@school.example", { intent: "remove", memberId: nurse })).status).toBe(404);
    const self = await post("admin@hospital.example", { intent: "remove", memberId: String(ids["admin@hospital.example"]) });
    expect(self.status).toBe(400);
    expect(self.body.result.error[""]).toEqual(["members.self"]);
    expect((await orgOf("nurse@hospital.example")).organisation_id).toBe(hospital);
    expect((await orgOf("admin@hospital.example")).organisation_id).toBe(hospital);
    expect(await db.selectFrom("audit_log").selectAll().execute()).toEqual([]);
  });

  it("an admin makes a member admin, who is told", async () => {
    const result = await post("admin@hospital.example", { intent: "makeAdmin", memberId: String(ids["doctor@hospital.example"]) });
    expect(result.status).toBe(200);
    expect((await orgOf("doctor@hospital.example")).is_org_admin).toBe(1);
    const notice = await db.selectFrom("notifications").where("user_id", "=", ids["doctor@hospital.example"]!).select(["title", "link"]).execute();
    expect(notice).toEqual([{ title: "您已被设为本单位管理员", link: "/account/members" }]);
    expect(await db.selectFrom("email_outbox").select("to_address").execute()).toEqual([{ to_address: "doctor@hospital.example" }]);
    expect((await post("nurse@hospital.example", { intent: "makeAdmin", memberId: String(ids["doctor@hospital.example"]) })).status).toBe(403);
  });

  it("rejects a malformed request with a 400", async () => {
    const result = await post("admin@hospital.example", { intent: "remove", memberId: "abc" });
    expect(result.status).toBe(400);
    expect(result.body.result.error.memberId).toBeDefined();
  });
});
