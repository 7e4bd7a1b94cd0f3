import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { action, loader } from "~/routes/vendor.profile";
import { cookieFor, request } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertEdition, insertOrganisation, insertScenario } from "../fixtures";
import { unwrap } from "../results";

// A vendor editing its public profile through the route, as a browser's GET and POST would.

type Form = Record<string, string | string[]>;
let db: DB;
let yunqi: number;
let rival: number;
let cookies: Record<"member" | "colleague" | "rival" | "newcomer" | "demand" | "reviewer", string>;

async function run(fn: Function, cookie: string | undefined, form?: Form) {
  try {
    return unwrap(await fn({ request: request("/vendor/profile", { cookie, form }), params: {}, context: { clientAddress: "203.0.113.9" } }));
  } catch (thrown) {
    if (thrown instanceof Response || (thrown as any)?.type === "DataWithResponseInit") return unwrap(thrown);
    throw thrown;
  }
}
const post = (form: Form, cookie = cookies.member) => run(action, cookie, form);
const view = (cookie = cookies.member) => run(loader, cookie);
const organisation = (id: number) => db.selectFrom("organisations").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
const products = (id: number) => db.selectFrom("products").where("organisation_id", "=", id).selectAll().orderBy("id").execute();
const cases = (id: number) => db.selectFrom("reference_cases").where("organisation_id", "=", id).selectAll().orderBy("id").execute();
const auditActions = async () => (await db.selectFrom("audit_log").select("action").orderBy("id").execute()).map((a) => a.action);

const PROFILE: Form = {
  intent: "profile",
  summary: "南京云启智能科技有限公司专注医疗和政务大模型。",
  website: "www.yunqi-ai.com.cn",
  capabilities: ["llm", "agent", "speech"],
  domains: ["livelihood", "governance"],
  venueTypes: ["hospital"],
  districts: ["鼓楼区", "江北新区"],
};
const MODEL: Form = { intent: "addProduct", kind: "industry_model", name: "云启医疗大模型", description: "面向医院的行业大模型。", filingNumber: "Jiangsu-YunqiYiliao-202405200031" };
const CASE: Form = { intent: "addCase", client: "南京市鼓楼医院", scenario: "门诊智能导诊", result: "导诊准确率由 78% 提升到 93%", year: "2025" };

async function addUser(email: string, role: "demand_member" | "vendor_member" | "reviewer", organisationId: number | null) {
  await db.insertInto("users").values({ email, name: email.split("@")[0]!, role, organisation_id: organisationId }).execute();
  return cookieFor(db, email);
}

async function addProduct(form: Form = MODEL, cookie = cookies.member) {
  expect((await post(form, cookie)).status).toBe(302);
  return (await db.selectFrom("products").select("id").orderBy("id", "desc").executeTakeFirstOrThrow()).id;
}

async function addCase(form: Form = CASE, cookie = cookies.member) {
  expect((await post(form, cookie)).status).toBe(302);
  return (await db.selectFrom("reference_cases").select("id").orderBy("id", "desc").executeTakeFirstOrThrow()).id;
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  yunqi = await insertOrganisation(db, "南京云启智能科技有限公司", "vendor");
  rival = await insertOrganisation(db, "江苏视界视觉技术有限公司", "vendor");
  const newcomer = await insertOrganisation(db, "南京新来智能科技有限公司", "vendor");
  await db.updateTable("organisations").set({ verified: 0 }).where("id", "=", newcomer).execute();
  const hospital = await insertOrganisation(db, "南京市鼓楼医院");
  cookies = {
    member: await addUser("sales@yunqi.example", "vendor_member", yunqi),
    colleague: await addUser("cto@yunqi.example", "vendor_member", yunqi),
    rival: await addUser("sales@shijie.example", "vendor_member", rival),
    newcomer: await addUser("boss@xinlai.example", "vendor_member", newcomer),
    demand: await addUser("clerk@hospital.example", "demand_member", hospital),
    reviewer: await addUser("expert@review.example", "reviewer", null),
  };
});

describe("who may edit", () => {
  it("shows the editor to members of any vendor organisation, verified or not", async () => {
    const page = await view();
    expect(page.status).toBe(200);
    expect(page.body.organisation).toMatchObject({ name: "南京云启智能科技有限公司", verified: true });
    const newcomer = await view(cookies.newcomer);
    expect(newcomer.body.organisation).toMatchObject({ name: "南京新来智能科技有限公司", verified: false });
    expect((await post(PROFILE, cookies.newcomer)).status).toBe(302);
  });

  it("refuses demand members and reviewers, and sends strangers to sign in", async () => {
    for (const cookie of [cookies.demand, cookies.reviewer]) {
      expect((await view(cookie)).status).toBe(403);
      expect((await post(PROFILE, cookie)).status).toBe(403);
    }
    expect((await view("")).location).toMatch(/^\/login\?redirectTo=/);
    expect((await post(PROFILE, "")).location).toMatch(/^\/login/);
    expect(await auditActions()).toEqual([]);
  });
});

describe("saving the profile", () => {
  it("stores the text, capabilities and what is served, stamps the profile and audits it", async () => {
    const result = await post(PROFILE);
    expect(result).toMatchObject({ status: 302, location: "/vendor/profile?done=profile#about" });
    const org = await organisation(yunqi);
    expect(org).toMatchObject({ summary: PROFILE.summary, website: "https://www.yunqi-ai.com.cn" });
    expect(org.profile_updated_at).not.toBeNull();
    const page = await view();
    expect(page.body.values).toEqual({
      summary: PROFILE.summary, website: "https://www.yunqi-ai.com.cn", capabilities: ["llm", "agent", "speech"],
      domains: expect.arrayContaining(["livelihood", "governance"]), venueTypes: ["hospital"], districts: expect.arrayContaining(["鼓楼区", "江北新区"]),
    });
    const audit = await db.selectFrom("audit_log").selectAll().executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "vendor.profile.update", subject_type: "organisation", subject_id: yunqi, ip: "203.0.113.9" });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ capabilities: ["llm", "agent", "speech"] });
  });

  it("replaces the lists: what is unticked is gone", async () => {
    await post(PROFILE);
    await post({ ...PROFILE, capabilities: ["cv"], domains: [], venueTypes: [], districts: ["玄武区"] }, cookies.colleague);
    const page = await view();
    expect(page.body.values).toMatchObject({ capabilities: ["cv"], domains: [], venueTypes: [], districts: ["玄武区"] });
    expect(await db.selectFrom("vendor_served").where("organisation_id", "=", yunqi).selectAll().execute()).toHaveLength(1);
  });

  it("comes back with each error at its field and the input intact, changing nothing", async () => {
    await post(PROFILE);
    const before = await organisation(yunqi);
    const bad = { ...PROFILE, summary: "长".repeat(2100), website: "javascript:alert(1)", capabilities: [] as string[] };
    const result = await post(bad);
    expect(result.status).toBe(400);
    expect(result.body.form).toBe("profile");
    expect(result.body.result.error).toMatchObject({
      summary: ["vendorProfile.error.tooLong?max=2000&length=2100"],
      website: ["vendorProfile.error.website"],
      capabilities: ["vendorProfile.error.capabilitiesMin"],
    });
    expect(result.body.result.initialValue).toMatchObject({ summary: bad.summary, website: "javascript:alert(1)", districts: ["鼓楼区", "江北新区"] });
    expect(await organisation(yunqi)).toEqual(before);
    expect(await auditActions()).toEqual(["vendor.profile.update"]);
  });

  it("is all or nothing: a failure half way leaves the stored profile as it was", async () => {
    await post(PROFILE);
    const before = { org: await organisation(yunqi), values: (await view()).body.values };
    await sql`create trigger refuse_served before insert on vendor_served begin select raise(abort, 'disk full'); end`.execute(db);
    await expect(post({ ...PROFILE, summary: "新的简介", capabilities: ["cv"] })).rejects.toThrow(/disk full/);
    expect(await organisation(yunqi)).toEqual(before.org);
    expect((await view()).body.values).toEqual(before.values);
    expect(await auditActions()).toEqual(["vendor.profile.update"]);
  });

  it("keeps HTML as text", async () => {
    const html = "<script>alert('x')</script><b>云启</b>";
    await post({ ...PROFILE, summary: html });
    expect((await organisation(yunqi)).summary).toBe(html);
  });
});

describe("products", () => {
  it("adds an industry model with its filing number, and a terminal without one", async () => {
    const result = await post(MODEL);
    expect(result).toMatchObject({ status: 302, location: "/vendor/profile?done=productAdded#products" });
    await post({ intent: "addProduct", kind: "smart_terminal", name: "云启AI导诊一体机", description: "" });
    expect((await products(yunqi)).map((p) => [p.kind, p.name, p.filing_number])).toEqual([
      ["industry_model", "云启医疗大模型", "Jiangsu-YunqiYiliao-202405200031"],
      ["smart_terminal", "云启AI导诊一体机", null],
    ]);
    expect((await organisation(yunqi)).profile_updated_at).not.toBeNull();
    expect(await auditActions()).toEqual(["vendor.product.create", "vendor.product.create"]);
    expect((await view()).body.products).toHaveLength(2);
  });

  it("refuses an industry model without a filing number or with junk, keeping what was typed", async () => {
    const missing = await post({ ...MODEL, filingNumber: "" });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ form: "product-new", result: { error: { filingNumber: ["vendorProfile.error.filingRequired"] } } });
    expect(missing.body.result.initialValue).toMatchObject({ name: "云启医疗大模型", kind: "industry_model" });
    const junk = await post({ ...MODEL, filingNumber: "备案审核中" });
    expect(junk.body.result.error.filingNumber).toEqual(["vendorProfile.error.filingFormat"]);
    expect(junk.body.result.initialValue.filingNumber).toBe("备案审核中");
    expect(await products(yunqi)).toEqual([]);
    expect(await auditActions()).toEqual([]);
  });

  it("edits its own product, with errors on that product's form", async () => {
    const id = await addProduct();
    const bad = await post({ ...MODEL, intent: "updateProduct", productId: String(id), name: "" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ form: `product-${id}`, result: { error: { name: ["error.required"] } } });
    const ok = await post({ ...MODEL, intent: "updateProduct", productId: String(id), name: "云启医疗大模型 2.0" }, cookies.colleague);
    expect(ok.location).toBe("/vendor/profile?done=productSaved#products");
    expect((await products(yunqi))[0]!.name).toBe("云启医疗大模型 2.0");
    expect(await auditActions()).toEqual(["vendor.product.create", "vendor.product.update"]);
  });

  it("deletes its own product", async () => {
    const id = await addProduct();
    expect((await post({ intent: "deleteProduct", productId: String(id) })).location).toBe("/vendor/profile?done=productDeleted#products");
    expect(await products(yunqi)).toEqual([]);
    expect(await auditActions()).toEqual(["vendor.product.create", "vendor.product.delete"]);
  });

  it("cannot touch another vendor's product: 404, and it stays as it was", async () => {
    const theirs = await addProduct({ ...MODEL, name: "视界工业视觉大模型", filingNumber: "Jiangsu-ShijieShijue-202406010002" }, cookies.rival);
    const before = await products(rival);
    expect((await post({ ...MODEL, intent: "updateProduct", productId: String(theirs), name: "改名" })).status).toBe(404);
    expect((await post({ intent: "deleteProduct", productId: String(theirs) })).status).toBe(404);
    expect(await products(rival)).toEqual(before);
    expect(await products(yunqi)).toEqual([]);
    expect(await auditActions()).toEqual(["vendor.product.create"]);
  });

  it("keeps a product a submitted proposal cites", async () => {
    const id = await addProduct();
    const { editionId } = await insertEdition(db, 2026, 1);
    const hospital = (await db.selectFrom("organisations").where("name", "=", "南京市鼓楼医院").select("id").executeTakeFirstOrThrow()).id;
    const scenario = await insertScenario(db, { organisation_id: hospital, edition_id: editionId });
    const proposal = await db.insertInto("proposals").values({ scenario_id: scenario.id, vendor_id: yunqi, status: "submitted" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("proposal_products").values({ proposal_id: proposal.id, product_id: id }).execute();
    const result = await post({ intent: "deleteProduct", productId: String(id) });
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({ form: `product-delete-${id}`, result: { error: { "": ["vendorProfile.error.inUse"] } } });
    expect(await products(yunqi)).toHaveLength(1);
  });
});

describe("reference cases", () => {
  it("adds, edits and deletes a case", async () => {
    const result = await post(CASE);
    expect(result.location).toBe("/vendor/profile?done=caseAdded#cases");
    const [added] = await cases(yunqi);
    expect(added).toMatchObject({ client: "南京市鼓楼医院", scenario: "门诊智能导诊", result: "导诊准确率由 78% 提升到 93%", year: 2025 });
    await post({ ...CASE, intent: "updateCase", caseId: String(added!.id), year: "", result: "导诊准确率 95%" });
    expect((await cases(yunqi))[0]).toMatchObject({ result: "导诊准确率 95%", year: null });
    await post({ intent: "deleteCase", caseId: String(added!.id) });
    expect(await cases(yunqi)).toEqual([]);
    expect(await auditActions()).toEqual(["vendor.case.create", "vendor.case.update", "vendor.case.delete"]);
  });

  it("names each bad field and keeps the input", async () => {
    const result = await post({ ...CASE, client: "", year: "明年", scenario: "场".repeat(1001) });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ form: "case-new" });
    expect(result.body.result.error).toMatchObject({
      client: ["error.required"], year: ["vendorProfile.error.year"], scenario: ["vendorProfile.error.tooLong?max=1000&length=1001"],
    });
    expect(result.body.result.initialValue).toMatchObject({ year: "明年", result: CASE.result });
    expect(await cases(yunqi)).toEqual([]);
  });

  it("cannot touch another vendor's case", async () => {
    const theirs = await addCase({ ...CASE, client: "南京钢铁股份有限公司" }, cookies.rival);
    expect((await post({ ...CASE, intent: "updateCase", caseId: String(theirs) })).status).toBe(404);
    expect((await post({ intent: "deleteCase", caseId: String(theirs) })).status).toBe(404);
    expect((await cases(rival)).map((c) => c.client)).toEqual(["南京钢铁股份有限公司"]);
  });

  it("refuses a tampered id as an out-of-date page", async () => {
    const result = await post({ intent: "deleteCase", caseId: "abc" });
    expect(result.status).toBe(400);
    expect(result.body.result.error.caseId).toEqual(["vendorProfile.error.expired"]);
  });
});
