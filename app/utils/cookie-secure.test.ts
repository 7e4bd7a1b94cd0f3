import { describe, expect, it } from "vitest";
import { cookieSecure, httpsRequiredFor, type Env } from "./env.server";

const demo = { NODE_ENV: "production", HTTPS: true, PUBLIC_URL: "http://localhost:3000" } as Env;
const real = { ...demo, PUBLIC_URL: "https://changjing.nanjing.example" } as Env;
const req = (url: string) => new Request(url);

describe("the Secure session cookie (decision 022)", () => {
  it("is not Secure for the demo opened over plain HTTP by any address, so signing in works", () => {
    expect(cookieSecure(req("http://192.0.2.2:3000/login"), demo)).toBe(false);
    expect(httpsRequiredFor(req("http://192.0.2.2:3000/login"), demo)).toBeNull();
  });

  it("is Secure whenever the request came over HTTPS", () => {
    expect(cookieSecure(req("https://192.0.2.2/login"), demo)).toBe(true);
    expect(cookieSecure(req("https://changjing.nanjing.example/login"), { ...demo, NODE_ENV: "development" } as Env)).toBe(true);
  });

  it("is always Secure in production with an https PUBLIC_URL, and a plain-HTTP visitor is sent there", () => {
    expect(cookieSecure(req("http://10.0.0.5/login"), real)).toBe(true);
    expect(httpsRequiredFor(req("http://10.0.0.5/login?redirectTo=%2Fadmin"), real)).toBe("https://changjing.nanjing.example/login?redirectTo=%2Fadmin");
    expect(httpsRequiredFor(req("https://changjing.nanjing.example/login"), real)).toBeNull();
  });

  it("is never Secure with HTTPS=false", () => {
    expect(cookieSecure(req("https://10.0.0.5/login"), { ...real, HTTPS: false } as Env)).toBe(false);
  });
});
