import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { enqueueEmail, notifyUser, queueDigests } from "~/mail/outbox.server";
import { action as inboxAction, loader as inboxLoader } from "~/routes/notifications";
import { loader as devMailLoader } from "~/routes/dev.mail";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { insertOrganisation } from "../fixtures";

let db: DB;
let wang: number;
let li: number;

async function insertUser(email: string, organisationId: number) {
  const row = await db.insertInto("users").values({ organisation_id: organisationId, email, name: email, role: "demand_member" }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

const inbox = async (email: string) => inboxLoader(routeArgs({ request: request("/notifications", { cookie: await cookieFor(db, email) }), params: {}, context: {} }));
const post = async (email: string, form: Record<string, string>) =>
  inboxAction(routeArgs({ request: request("/notifications", { cookie: await cookieFor(db, email), form }), params: {}, context: {} }));

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  const org = await insertOrganisation(db, "南京市鼓楼医院");
  wang = await insertUser("wang@example.com", org);
  li = await insertUser("li@example.com", org);
  await db.insertInto("notifications").values([
    { user_id: wang, kind: "scenario.returned", title: "场景被退回", body: "", created_at: "2026-03-01T02:00:00.000Z" },
    { user_id: wang, kind: "scenario.approved", title: "场景已通过", body: "等待下一批发布", link: "/my/scenarios/1", created_at: "2026-03-02T02:00:00.000Z" },
    { user_id: li, kind: "scenario.approved", title: "别人的消息", body: "", created_at: "2026-03-03T02:00:00.000Z" },
  ]).execute();
});

describe("notification inbox", () => {
  it("shows the user's own notifications, newest first", async () => {
    const data = await inbox("wang@example.com");
    expect(data.unread).toBe(2);
    expect(data.items.map((n) => n.title)).toEqual(["场景已通过", "场景被退回"]);
    expect(data.items[0]).toMatchObject({ body: "等待下一批发布", link: "/my/scenarios/1", read: false });
  });

  it("marks one or all read, never someone else's", async () => {
    const [newest] = (await inbox("wang@example.com")).items;
    await post("wang@example.com", { intent: "read", id: String(newest!.id) });
    let data = await inbox("wang@example.com");
    expect(data.unread).toBe(1);
    expect(data.items[0]!.read).toBe(true);

    const theirs = await db.selectFrom("notifications").where("user_id", "=", li).select("id").executeTakeFirstOrThrow();
    await post("wang@example.com", { intent: "read", id: String(theirs.id) });
    expect((await inbox("li@example.com")).unread).toBe(1);

    await post("wang@example.com", { intent: "readAll" });
    data = await inbox("wang@example.com");
    expect(data.unread).toBe(0);
    expect((await inbox("li@example.com")).unread).toBe(1);
  });

  it("sends visitors to sign in", async () => {
    const result = await inboxLoader(routeArgs({ request: request("/notifications"), params: {}, context: {} })).catch((e: unknown) => e);
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fnotifications");
  });
});

describe("development mailbox", () => {
  it("shows stored messages with their text, newest first", async () => {
    await enqueueEmail(db, { to: "a@example.com", subject: "第一封", text: "正文一" });
    await notifyUser(db, wang, { kind: "test", title: "第二封", body: "请查看", link: "/my/scenarios/1" });
    const data = await devMailLoader(routeArgs({ request: request("/dev/mail"), params: {}, context: {} }));
    if (data.mode !== "open") throw new Error("the mailbox is open outside production");
    expect(data.messages.map((m) => m.subject)).toEqual(["第二封", "第一封"]);
    expect(data.messages[0]).toMatchObject({ to: "wang@example.com", text: "请查看\n\nhttp://localhost:3000/my/scenarios/1", sentAt: null });

    const filtered = await devMailLoader(routeArgs({ request: request("/dev/mail?to=A@example.com"), params: {}, context: {} }));
    if (filtered.mode !== "open") throw new Error("the mailbox is open outside production");
    expect(filtered.messages.map((m) => m.text)).toEqual(["正文一"]);
  });
});

describe("daily digest", () => {
  const notice = (title: string) => (t: (k: "notifications.title") => string) => ({ kind: "test", title: `${title} · ${t("notifications.title")}`, link: "/scenarios" });
  const outbox = () => db.selectFrom("email_outbox").select(["to_address", "subject", "text_body"]).orderBy("id").execute();

  it("is chosen on the inbox page with the language of messages, and holds e-mail back until the morning", async () => {
    const saved = await post("wang@example.com", { intent: "preferences", notifyMode: "daily", lang: "en" });
    expect(saved).toMatchObject({ status: "success" });
    expect((await inbox("wang@example.com")).preferences).toEqual({ notifyMode: "daily", lang: "en" });

    await db.transaction().execute(async (trx) => {
      await notifyUser(trx, wang, notice("First"));
      await notifyUser(trx, wang, notice("Second"));
      await notifyUser(trx, li, notice("Other"));
    });
    // Li gets e-mail at once, in Chinese; Wang's messages are in the inbox, in English, and wait.
    expect((await outbox()).map((m) => m.subject)).toEqual(["Other · 消息"]);
    expect((await inbox("wang@example.com")).items.slice(0, 2).map((n) => n.title)).toEqual(["Second · Messages", "First · Messages"]);

    const sameDay = new Date(Date.now() + 60_000);
    expect(await queueDigests(db, sameDay)).toBe(0);
    const nextMorning = new Date(Date.UTC(sameDay.getUTCFullYear(), sameDay.getUTCMonth(), sameDay.getUTCDate() + 1, 0, 5));
    expect(await queueDigests(db, nextMorning)).toBe(1);
    const digest = (await outbox()).filter((m) => m.to_address === "wang@example.com");
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe("AI Scenario Opportunities: 2 new messages today");
    expect(digest[0]!.text_body).toMatch(/1\. First · Messages[\s\S]*2\. Second · Messages/);
    // Run again: nothing is sent twice.
    expect(await queueDigests(db, nextMorning)).toBe(0);
  });

  it("refuses a choice that is not offered, changing nothing", async () => {
    const result = await post("wang@example.com", { intent: "preferences", notifyMode: "hourly", lang: "fr" });
    expect(result).toMatchObject({ type: "DataWithResponseInit", init: { status: 400 } });
    expect((await inbox("wang@example.com")).preferences).toEqual({ notifyMode: "immediate", lang: "zh" });
  });
});
