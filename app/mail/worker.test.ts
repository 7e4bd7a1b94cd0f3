import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "~/db/db.server";
import { createTestDatabase } from "../../tests/db";
import { enqueueEmail } from "./outbox.server";
import { heldTransport, mailboxMode, smtpTransport, storedOnlyTransport, type MailTransport, type OutgoingEmail } from "./transport.server";
import { deliverPendingEmail, MAX_ATTEMPTS, retryDelayMs } from "./worker.server";

let db: DB;
beforeEach(() => {
  db = createTestDatabase();
});

/** A transport that fails the first `failures` sends, then accepts and records the rest. */
function flakyTransport(failures: number) {
  const delivered: OutgoingEmail[] = [];
  let calls = 0;
  const transport: MailTransport = {
    describe: () => "test",
    async send(message) {
      calls++;
      if (calls <= failures) throw new Error("connect ECONNREFUSED 127.0.0.1:25");
      delivered.push(message);
    },
  };
  return { transport, delivered, calls: () => calls };
}

const row = (id = 1) => db.selectFrom("email_outbox").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
const at = (iso: string) => new Date(iso);

describe("mail worker", () => {
  it("backs off after a failed send, retries when due and marks the message sent", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await enqueueEmail(db, { to: "a@example.com", subject: "你好", text: "正文" });
    const { transport, delivered } = flakyTransport(1);
    const t0 = at("2030-01-01T00:00:00.000Z");

    expect(await deliverPendingEmail(db, transport, { now: t0 })).toEqual({ sent: 0, failed: 1 });
    let message = await row();
    expect(message).toMatchObject({ attempts: 1, sent_at: null, last_error: "connect ECONNREFUSED 127.0.0.1:25" });
    expect(message.next_attempt_at).toBe("2030-01-01T00:00:30.000Z");

    // Not due yet: nothing is tried.
    expect(await deliverPendingEmail(db, transport, { now: at("2030-01-01T00:00:29.000Z") })).toEqual({ sent: 0, failed: 0 });

    expect(await deliverPendingEmail(db, transport, { now: at("2030-01-01T00:00:30.000Z") })).toEqual({ sent: 1, failed: 0 });
    message = await row();
    expect(message.sent_at).not.toBeNull();
    expect(message.last_error).toBeNull();
    expect(delivered).toEqual([{ to: "a@example.com", subject: "你好", text: "正文" }]);

    // A sent message is never sent again.
    expect(await deliverPendingEmail(db, transport, { now: at("2030-01-02T00:00:00.000Z") })).toEqual({ sent: 0, failed: 0 });
  });

  it("doubles the wait up to an hour and gives up after the last attempt, keeping the error", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect([1, 2, 3, 4, 8, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);

    await enqueueEmail(db, { to: "b@example.com", subject: "s", text: "t" });
    const { transport, calls } = flakyTransport(Infinity);
    let now = at("2030-01-01T00:00:00.000Z");
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) {
      await deliverPendingEmail(db, transport, { now });
      now = new Date(now.getTime() + 2 * 3_600_000);
    }
    expect(calls()).toBe(MAX_ATTEMPTS);
    expect(await row()).toMatchObject({ attempts: MAX_ATTEMPTS, sent_at: null, last_error: expect.stringContaining("ECONNREFUSED") });
  });

  it("delivers in id order, a batch at a time", async () => {
    for (const n of [1, 2, 3]) await enqueueEmail(db, { to: `${n}@example.com`, subject: `#${n}`, text: "t" });
    const { transport, delivered } = flakyTransport(0);
    const now = at("2030-01-01T00:00:00.000Z");
    expect(await deliverPendingEmail(db, transport, { now, batchSize: 2 })).toEqual({ sent: 2, failed: 0 });
    expect(await deliverPendingEmail(db, transport, { now, batchSize: 2 })).toEqual({ sent: 1, failed: 0 });
    expect(delivered.map((m) => m.subject)).toEqual(["#1", "#2", "#3"]);
  });

  it("without SMTP only marks messages sent; they stay readable", async () => {
    await enqueueEmail(db, { to: "c@example.com", subject: "s", text: "仍可阅读" });
    expect(await deliverPendingEmail(db, storedOnlyTransport(), { now: at("2030-01-01T00:00:00.000Z") })).toEqual({ sent: 1, failed: 0 });
    expect(await row()).toMatchObject({ text_body: "仍可阅读", attempts: 0, sent_at: expect.any(String) });
  });
});

describe("SMTP transport", () => {
  it("rejects when the server cannot be reached, and never logs the password", async () => {
    const transport = smtpTransport("smtp://user:s3cret@127.0.0.1:1", "场景机会 <noreply@example.com>");
    expect(transport.describe()).toBe("SMTP via 127.0.0.1:1");
    await expect(transport.send({ to: "d@example.com", subject: "s", text: "t" })).rejects.toThrow();
  });
});

describe("development mailbox availability", () => {
  it("is open outside production, and the office's alone in production", () => {
    expect(mailboxMode({ NODE_ENV: "development" })).toBe("open");
    expect(mailboxMode({ NODE_ENV: "test" })).toBe("open");
    expect(mailboxMode({ NODE_ENV: "production" })).toBe("office");
  });

  it("holds mail in production without SMTP: nothing sent, nothing counted as a failure", async () => {
    await enqueueEmail(db, { to: "e@example.com", subject: "held", text: "t" });
    expect(await deliverPendingEmail(db, heldTransport(), { now: at("2030-01-01T00:00:00.000Z") })).toEqual({ sent: 0, failed: 0 });
    expect(await db.selectFrom("email_outbox").select(["sent_at", "attempts", "last_error"]).executeTakeFirstOrThrow()).toEqual({ sent_at: null, attempts: 0, last_error: null });
  });
});
