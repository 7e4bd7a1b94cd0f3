import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db/db.server";
import { loader as dashboardLoader } from "~/routes/admin._index";
import { action as loginAction } from "~/routes/login";
import { action as resetAction } from "~/routes/reset-password.$token";
import { useAsAppDatabase } from "../db";
import { request, routeArgs } from "../auth";
import { settle } from "../results";

// A real deployment (SEED_DEMO=false, empty database) gets its first office administrator from
// `npm run admin:create`: a one-time link to set the password, never a password on the screen.

const run = promisify(execFile);
const files: string[] = [];
let db: DB | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
  for (const f of files.splice(0)) for (const s of ["", "-wal", "-shm"]) fs.rmSync(f + s, { force: true });
});

async function adminCreate(file: string, ...args: string[]) {
  const env = { ...process.env, DATABASE_PATH: file, PUBLIC_URL: "https://changjing.nanjing.example", SEED_DEMO: "false", NODE_ENV: "production" as const };
  try {
    const { stdout, stderr } = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/admin-create.ts", ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("npm run admin:create", { timeout: 60_000 }, () => {
  it("creates the first administrator of an empty database, who sets a password by the link and reaches /admin", async () => {
    const file = path.resolve("tests/.tmp", `admin-${randomUUID()}.db`);
    files.push(file);
    const created = await adminCreate(file, "--email", "Ops@City.example", "--name", "王工");
    expect(created.code).toBe(0);
    const link = /https:\/\/changjing\.nanjing\.example\/reset-password\/([A-Za-z0-9_-]{43})/.exec(created.out);
    expect(link, created.out).not.toBeNull();
    expect(created.out).not.toMatch(/password:|密码：/i);

    db = openDatabase(file);
    useAsAppDatabase(db);
    expect(await db.selectFrom("users").select(["email", "role", "password_hash"]).execute())
      .toEqual([{ email: "ops@city.example", role: "admin", password_hash: null }]);
    const set = await settle(resetAction(routeArgs({ request: request(`/reset-password/${link![1]}`, { form: { password: "a-long-new-pass-2026", confirm: "a-long-new-pass-2026" } }),
      params: { token: link![1]! }, context: { clientAddress: "test" } })));
    expect(set.status).toBe(302);
    const signIn = await loginAction(routeArgs({ request: request("/login", { form: { email: "ops@city.example", password: "a-long-new-pass-2026", redirectTo: "" } }),
      params: {}, context: { clientAddress: "test" } })) as Response;
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await settle(dashboardLoader(routeArgs({ request: request("/admin", { cookie }), params: {}, context: {} })))).status).toBe(200);
    // The link works once.
    const again = await settle(resetAction(routeArgs({ request: request(`/reset-password/${link![1]}`, { form: { password: "another-pass-2026x", confirm: "another-pass-2026x" } }),
      params: { token: link![1]! }, context: { clientAddress: "test" } })));
    expect(again.status).toBe(400);
  });

  it("explains itself with --help, refuses a missing or bad argument and another role's address", async () => {
    const file = path.resolve("tests/.tmp", `admin-${randomUUID()}.db`);
    files.push(file);
    const help = await adminCreate(file, "--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("--email <e-mail> --name <name>");
    expect((await adminCreate(file, "--email", "ops@city.example")).code).toBe(2);
    const bad = await adminCreate(file, "--email", "not-an-address", "--name", "王工");
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("Not a valid e-mail address");
    db = openDatabase(file);
    await db.insertInto("users").values({ email: "vendor@city.example", name: "供应商", role: "vendor_member" }).execute();
    const other = await adminCreate(file, "--email", "vendor@city.example", "--name", "王工");
    expect(other.code).toBe(1);
    expect(other.out).toContain('role "vendor_member"');
    expect((await db.selectFrom("users").where("email", "=", "vendor@city.example").select("role").executeTakeFirstOrThrow()).role).toBe("vendor_member");
  });
});
