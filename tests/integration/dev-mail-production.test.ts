import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { transportFromEnvironment } from "~/mail/transport.server";
import { deliverPendingEmail } from "~/mail/worker.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { loader as devMailLoader } from "~/routes/dev.mail";
import { resetEnvCache } from "~/utils/env.server";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation } from "../fixtures";

// The reproduction of issue 13 item 1: on a production site without SMTP, an anonymous visitor asked
// for the administrator's reset link and read it at /dev/mail.

let db: DB;

function production(smtp = "") {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("SMTP_URL", smtp);
  resetEnvCache();
}

async function outcome(run: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const result = await run();
    return { status: result instanceof Response ? result.status : 200, body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null };
    throw thrown;
  }
}

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  const org = await insertOrganisation(db, "南京市鼓楼医院");
  await db.insertInto("users").values([
    { email: "admin@example.com", name: "办公室", role: "admin" },
    { email: "vendor@example.com", name: "供应商", role: "vendor_member", organisation_id: org },
    { email: "reviewer@example.com", name: "评审", role: "reviewer" },
  ]).execute();
  await forgotAction(routeArgs({ request: request("/forgot-password", { form: { email: "admin@example.com" } }), params: {}, context: { clientAddress: "203.0.113.9" } }));
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("the mailbox in production", () => {
  it("is not served to anyone but the office, with or without SMTP", async () => {
    for (const smtp of ["", "smtp://mail.example:25"]) {
      production(smtp);
      const anonymous = await outcome(() => devMailLoader(routeArgs({ request: request("/dev/mail?to=admin@example.com"), params: {}, context: {} })));
      expect(anonymous.status).toBe(404);
      for (const email of ["vendor@example.com", "reviewer@example.com"]) {
        const cookie = await cookieFor(db, email);
        expect((await outcome(() => devMailLoader(routeArgs({ request: request("/dev/mail", { cookie }), params: {}, context: {} })))).status).toBe(404);
      }
    }
  });

  it("shows the office that mail is waiting, never a message's text or recipient", async () => {
    production();
    const cookie = await cookieFor(db, "admin@example.com");
    const { status, body } = await outcome(() => devMailLoader(routeArgs({ request: request("/dev/mail", { cookie }), params: {}, context: {} })));
    expect(status).toBe(200);
    expect(body).toMatchObject({ mode: "office", waiting: 1, smtp: false });
    const text = JSON.stringify(body);
    expect(text).not.toContain("/reset-password/");
    expect(text).not.toContain("admin@example.com");
  });

  it("keeps mail in the outbox without SMTP instead of marking it sent", async () => {
    production();
    const report = await deliverPendingEmail(db, transportFromEnvironment({ SMTP_URL: "", MAIL_FROM: "x <x@example.com>", NODE_ENV: "production" }), {
      now: new Date(Date.now() + 60_000),
    });
    expect(report).toEqual({ sent: 0, failed: 0 });
    const row = await db.selectFrom("email_outbox").select(["sent_at", "attempts"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ sent_at: null, attempts: 0 });
  });

  it("stays open with its links in development", async () => {
    const data = await devMailLoader(routeArgs({ request: request("/dev/mail?to=admin@example.com"), params: {}, context: {} }));
    expect(JSON.stringify(data)).toContain("/reset-password/");
  });
});
