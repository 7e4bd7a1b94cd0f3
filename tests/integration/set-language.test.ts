import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db/db.server";
import { langCookie } from "~/i18n/lang.server";
import * as setLanguage from "~/routes/set-language";
import { cookieFor, request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";

// Issue 13 item 8: a GET (a link, a prefetch, an <img src>) changed the signed-in user's stored
// language. The stored change is a POST; a GET only sets the cookie for this browser.

let db: DB;
beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await db.insertInto("users").values({ email: "reviewer@example.com", name: "评审", role: "reviewer", lang: "zh" }).execute();
});

/** The language the response's cookie sets, as the next request would read it. */
const cookieLang = async (response: Response) => langCookie.parse(response.headers.get("Set-Cookie")?.split(";")[0] ?? null);
const storedLang = async () => (await db.selectFrom("users").select("lang").executeTakeFirstOrThrow()).lang;

async function settle(run: () => Promise<unknown>): Promise<Response> {
  try {
    return (await run()) as Response;
  } catch (thrown) {
    return thrown as Response;
  }
}

describe("/set-language", () => {
  it("GET switches this browser only and writes nothing to the account", async () => {
    const cookie = await cookieFor(db, "reviewer@example.com");
    const response = await settle(() => setLanguage.loader(routeArgs({ request: request("/set-language?lang=en&redirectTo=/review", { cookie }), params: {}, context: {} })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/review");
    expect(await cookieLang(response)).toBe("en");
    expect(await storedLang()).toBe("zh");
  });

  it("POST switches the browser and keeps the choice on the account", async () => {
    const cookie = await cookieFor(db, "reviewer@example.com");
    const response = await settle(() =>
      setLanguage.action!(routeArgs({ request: request("/set-language", { cookie, form: { lang: "en", redirectTo: "/review?page=2" } }), params: {}, context: {} })),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/review?page=2");
    expect(await cookieLang(response)).toBe("en");
    expect(await storedLang()).toBe("en");
  });

  it("POST with an unknown language changes nothing", async () => {
    const cookie = await cookieFor(db, "reviewer@example.com");
    const response = await settle(() => setLanguage.action!(routeArgs({ request: request("/set-language", { cookie, form: { lang: "fr" } }), params: {}, context: {} })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(await storedLang()).toBe("zh");
  });
});
