// The open-data API over real HTTP: status codes and headers as a client sees them (route tests
// call loaders directly and cannot see what the server makes of their results).
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

describe("open-data API over HTTP", () => {
  it("answers a list as JSON with CORS, a bad parameter with 400 and an unknown code with 404", async () => {
    const list = await fetch(`${baseUrl}/api/v1/scenarios?q=医院`);
    expect(list.status).toBe(200);
    expect(list.headers.get("content-type")).toMatch(/^application\/json/);
    expect(list.headers.get("access-control-allow-origin")).toBe("*");
    const body = await list.json();
    expect(body.total).toBeGreaterThan(0);

    const bad = await fetch(`${baseUrl}/api/v1/scenarios?page=-1`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("invalid_query");

    const missing = await fetch(`${baseUrl}/api/v1/scenarios/NJ-2026-9999`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("not_found");

    const one = await fetch(`${baseUrl}/api/v1/scenarios/${body.items[0].code}`);
    expect(one.status).toBe(200);
  });
});
