import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import type { DB } from "~/db/db.server";
import { action as loginAction } from "~/routes/login";
import { loader as setLanguageLoader } from "~/routes/set-language";
import { request, routeArgs } from "../auth";
import { createTestDatabase, useAsAppDatabase } from "../db";
import { REDIRECT_ATTACKS } from "../hostile-strings";

// Issue 13 item 2: `redirectTo` with a tab or newline (`/%09/evil.example`) left the site, because
// browsers drop those characters from a Location and read `//evil.example`; CR/LF made sign-in a 500
// after its session row was written.

let db: DB;

beforeEach(async () => {
  db = createTestDatabase();
  useAsAppDatabase(db);
  await db.insertInto("users").values({ email: "admin@example.com", name: "办公室", role: "admin", password_hash: await hashPassword("demo-pass-2026") }).execute();
});

/** Where a browser goes from this Location, read the way browsers read it. */
function destination(location: string | null): string {
  return new URL(location ?? "", "http://localhost").origin;
}

async function settle(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    throw new Error(`not a redirect: ${JSON.stringify(result).slice(0, 200)}`);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("redirectTo stays on the site", () => {
  for (const [name, value] of Object.entries(REDIRECT_ATTACKS)) {
    it(`sign-in with ${name}`, async () => {
      const response = await settle(() =>
        loginAction(routeArgs({
          request: request("/login", { form: { email: "admin@example.com", password: "demo-pass-2026", redirectTo: value } }),
          params: {},
          context: { clientAddress: "203.0.113.7" },
        })),
      );
      expect(response.status).toBe(302);
      expect(destination(response.headers.get("Location"))).toBe("http://localhost");
    });

    it(`language switch with ${name}`, async () => {
      const url = `/set-language?${new URLSearchParams({ lang: "en", redirectTo: value })}`;
      const response = await settle(() => setLanguageLoader(routeArgs({ request: request(url), params: {}, context: {} })));
      expect(response.status).toBe(302);
      expect(destination(response.headers.get("Location"))).toBe("http://localhost");
    });
  }

  it("keeps an ordinary path with its query", async () => {
    const url = `/set-language?${new URLSearchParams({ lang: "en", redirectTo: "/scenarios?district=鼓楼区" })}`;
    const response = await settle(() => setLanguageLoader(routeArgs({ request: request(url), params: {}, context: {} })));
    expect(new URL(response.headers.get("Location")!, "http://localhost").searchParams.get("district")).toBe("鼓楼区");
  });
});
