import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { action, loader } from "~/routes/admin.import";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertCapabilities, insertOrganisation } from "../fixtures";
import { CHONGQING_HEADERS, csvBytes, scenarioRows } from "../import-files";
import { settle } from "../results";

let db: DB;
let admin: string;
const context = { clientAddress: "203.0.113.7" };

/** A multipart upload as a browser sends it, with its Content-Length (or, for a streamed body, without). */
async function uploadRequest(bytes: Uint8Array, fileName: string, cookie: string, withLength = true) {
  const form = new FormData();
  form.append("file", new File([Buffer.from(bytes)], fileName, { type: "text/csv" }));
  form.append("kind", "scenarios");
  if (!withLength) return new Request("http://localhost/admin/import", { method: "POST", headers: { Cookie: cookie }, body: form });
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const headers = { Cookie: cookie, "Content-Type": encoded.headers.get("Content-Type")!, "Content-Length": String(body.byteLength) };
  return new Request("http://localhost/admin/import", { method: "POST", headers, body });
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await insertCapabilities(db);
  const office = await insertOrganisation(db, "攻坚办", "office");
  const vendorOrg = await insertOrganisation(db, "南京慧眼科技有限公司", "vendor");
  await db.insertInto("users").values([
    { email: "admin@test.local", name: "管理员", role: "admin", organisation_id: office },
    { email: "admin2@test.local", name: "另一位管理员", role: "admin", organisation_id: office },
    { email: "vendor@test.local", name: "企业", role: "vendor_member", organisation_id: vendorOrg },
  ]).execute();
  admin = await cookieFor(db, "admin@test.local");
});

describe("/admin/import", () => {
  it("takes a GBK upload through mapping, a dry run with errors, a corrected dry run and the import", async () => {
    const rows = scenarioRows(3);
    rows[2]![6] = "浦东新区";
    const uploaded = await settle(action(routeArgs({ request: await uploadRequest(csvBytes([CHONGQING_HEADERS, ...rows], "gbk"), "2025清单.csv", admin), params: {}, context })));
    expect(uploaded.status).toBe(302);
    const token = new URL(uploaded.location!, "http://localhost").searchParams.get("upload")!;

    const page = await loader(routeArgs({ request: request(`/admin/import?upload=${token}&kind=scenarios`, { cookie: admin }), params: {}, context }));
    expect(page.year).toBe(2025);
    expect(page.report).toMatchObject({ encoding: "gb18030", headers: CHONGQING_HEADERS, dataRows: 3 });
    expect(page.report!.proposedMapping).toEqual(["domain", "seq", "title", "organisation", "cooperationMode", "contact", "district", "capabilities"]);

    const form = (intent: string, overrides: Record<string, string | string[]> = {}) => ({
      intent, upload: token, kind: "scenarios", edition: "2025", batch: "new", publishedOn: "2025-06-30",
      map: page.report!.proposedMapping.map((f) => f ?? ""), default_tier: "", mode: "all", ...overrides,
    });
    const before = await db.selectFrom("scenarios").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const noTier = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: form("dryRun") }), params: {}, context })));
    expect(noTier.status).toBe(422);
    expect(noTier.body.report.errors.map((e: { key: string }) => e.key)).toContain("import.error.missingColumn");

    const badDistrict = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: form("dryRun", { default_tier: "integrated" }) }), params: {}, context })));
    expect(badDistrict.status).toBe(422);
    expect(badDistrict.body.report.errors).toEqual([expect.objectContaining({ row: 4, column: "G", header: "所在区域", key: "import.error.unknownValue" })]);
    const refused = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: form("commit", { default_tier: "integrated" }) }), params: {}, context })));
    expect(refused.status).toBe(422);
    expect(await db.selectFrom("scenarios").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).toEqual(before);

    // Column G is not imported this time; the whole list is in 江宁区.
    const map = page.report!.proposedMapping.map((f) => (f === "district" ? "" : (f ?? "")));
    const dry = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: form("dryRun", { default_tier: "integrated", default_district: "江宁区", map }) }), params: {}, context })));
    expect(dry.status).toBe(200);
    expect(dry.body.report.counts).toMatchObject({ create: 3 });
    const done = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: form("commit", { default_tier: "integrated", default_district: "江宁区", map }) }), params: {}, context })));
    expect(done.status).toBe(200);
    expect(done.body.done).toBe(true);
    expect(await db.selectFrom("scenarios").select(["code", "district"]).orderBy("code").execute()).toEqual([
      { code: "NJ-2025-0001", district: "江宁区" }, { code: "NJ-2025-0002", district: "江宁区" }, { code: "NJ-2025-0003", district: "江宁区" },
    ]);
    const audit = await db.selectFrom("audit_log").where("action", "=", "import.scenarios").selectAll().executeTakeFirstOrThrow();
    expect(audit.ip).toBe("203.0.113.7");
    // The upload is gone once imported.
    const again = await loader(routeArgs({ request: request(`/admin/import?upload=${token}`, { cookie: admin }), params: {}, context }));
    expect(again.gone).toBe(true);
  });

  it("imports the good rows of a file, holds the wrong one in 待处理, and imports it once fixed on the page", async () => {
    const rows = scenarioRows(3);
    rows[2]![6] = "浦东新区";
    const uploaded = await settle(action(routeArgs({ request: await uploadRequest(csvBytes([CHONGQING_HEADERS, ...rows]), "2025清单.csv", admin), params: {}, context })));
    const token = new URL(uploaded.location!, "http://localhost").searchParams.get("upload")!;
    const page = await loader(routeArgs({ request: request(`/admin/import?upload=${token}&kind=scenarios`, { cookie: admin }), params: {}, context }));
    expect(page.report!.confidence.every((c: number, i: number) => page.report!.proposedMapping[i] === null || c > 0.5)).toBe(true);
    const form = { intent: "dryRun", upload: token, kind: "scenarios", edition: "2025", batch: "new", publishedOn: "2025-06-30", map: page.report!.proposedMapping.map((f) => f ?? ""), default_tier: "integrated", mode: "partial" };
    const dry = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form }), params: {}, context })));
    expect(dry.status).toBe(200);
    expect(dry.body.report.outcomes.map((o: { action: string }) => o.action)).toEqual(["create", "create", "error"]);
    const done = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: { ...form, intent: "commit" } }), params: {}, context })));
    expect(done.body).toMatchObject({ done: true, report: { counts: { create: 2, held: 1 } } });

    const list = await loader(routeArgs({ request: request("/admin/import", { cookie: admin }), params: {}, context }));
    expect(list.held.total).toBe(1);
    const held = list.held.rows[0]!;
    const cells = [...held.cells];
    cells[6] = "江宁区";
    const fixed = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: { intent: "fixHeld", id: String(held.id), cell: cells } }), params: {}, context })));
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ step: "held", outcome: "fixed", row: 4 });
    expect((await loader(routeArgs({ request: request("/admin/import", { cookie: admin }), params: {}, context }))).held.total).toBe(0);
    expect(await db.selectFrom("scenarios").select(["code", "district"]).orderBy("code").execute()).toEqual([
      { code: "NJ-2025-0001", district: "鼓楼区" }, { code: "NJ-2025-0002", district: "建邺区" }, { code: "NJ-2025-0003", district: "江宁区" },
    ]);
    const again = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: { intent: "dismissHeld", id: String(held.id) } }), params: {}, context })));
    expect(again.status).toBe(410);

    // Every organisation this import created (the fixed row's too) is verified in one step; none has a code.
    const verified = await settle(action(routeArgs({ request: request("/admin/import", { cookie: admin, form: { intent: "verifyImport", sha256: done.body.report.sha256 } }), params: {}, context })));
    expect(verified.body).toEqual({ step: "verified", verified: 3, withoutCode: 3, badCode: 0 });
    expect(await db.selectFrom("organisations").where("kind", "=", "demand").select(["verified"]).execute()).toEqual([{ verified: 1 }, { verified: 1 }, { verified: 1 }]);
    expect(await db.selectFrom("audit_log").where("action", "=", "organisation.verify").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).toEqual({ n: 3 });
  });

  it("refuses a 50 MB file with its size before parsing, and a file in no known encoding", async () => {
    const fifty = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    for (const withLength of [true, false]) {
      const big = await settle(action(routeArgs({ request: await uploadRequest(fifty, "big.csv", admin, withLength), params: {}, context })));
      expect(big.status).toBe(413);
      expect(big.body.problem).toMatchObject({ key: "import.error.tooLarge", values: { max: 20 } });
    }
    const garbled = new Uint8Array([...Buffer.from("场景名称,单位名称\n"), 0x81, 0x20, 0xff, 0x0a]);
    const bad = await settle(action(routeArgs({ request: await uploadRequest(garbled, "x.csv", admin), params: {}, context })));
    expect(bad.status).toBe(422);
    expect(bad.body.problem).toEqual({ key: "import.error.encoding" });
    expect(await db.selectFrom("import_uploads").selectAll().execute()).toEqual([]);
  });

  it("is for the office only, and an upload is only for the person who made it", async () => {
    const vendor = await cookieFor(db, "vendor@test.local");
    const bytes = csvBytes([CHONGQING_HEADERS, ...scenarioRows(1)]);
    expect((await settle(action(routeArgs({ request: await uploadRequest(bytes, "a.csv", vendor), params: {}, context })))).status).toBe(403);
    expect((await settle(loader(routeArgs({ request: request("/admin/import", { cookie: vendor }), params: {}, context })))).status).toBe(403);
    expect((await settle(action(routeArgs({ request: await uploadRequest(bytes, "a.csv", ""), params: {}, context })))).location).toMatch(/^\/login/);
    expect(await db.selectFrom("import_uploads").selectAll().execute()).toEqual([]);

    const uploaded = await settle(action(routeArgs({ request: await uploadRequest(bytes, "a.csv", admin), params: {}, context })));
    const token = new URL(uploaded.location!, "http://localhost").searchParams.get("upload")!;
    const other = await cookieFor(db, "admin2@test.local");
    expect((await loader(routeArgs({ request: request(`/admin/import?upload=${token}`, { cookie: other }), params: {}, context }))).gone).toBe(true);
  });
});
