import { describe, expect, it } from "vitest";
import { commonSecurityHeaders, documentContentSecurityPolicy, NON_DOCUMENT_CSP } from "./security-headers";
import { servedOverHttps, type Env } from "./env.server";

const production = { NODE_ENV: "production", HTTPS: true } as Env;

describe("security headers", () => {
  it("sends HSTS only in production over HTTPS", () => {
    expect(servedOverHttps(production)).toBe(true);
    expect(servedOverHttps({ ...production, HTTPS: false })).toBe(false);
    expect(servedOverHttps({ ...production, NODE_ENV: "development" })).toBe(false);
    expect(commonSecurityHeaders({ hsts: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(commonSecurityHeaders({ hsts: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("lets pages run only this site's scripts and the nonce's, relaxed for the dev server alone", () => {
    const page = documentContentSecurityPolicy({ nonce: "abc123", development: false });
    expect(page).toContain("script-src 'self' 'nonce-abc123'");
    expect(page.match(/script-src[^;]*/)![0]).not.toContain("unsafe-inline");
    expect(page).toContain("style-src 'self';");
    expect(page).toContain("style-src-attr 'unsafe-inline'");
    expect(page).toContain("frame-ancestors 'none'");
    const dev = documentContentSecurityPolicy({ nonce: "abc123", development: true });
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).not.toContain("nonce-");
    expect(dev).toContain("connect-src 'self' ws: wss:");
    expect(NON_DOCUMENT_CSP).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  });
});
