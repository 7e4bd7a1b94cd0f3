import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeRedirectPath("/scenarios?district=%E9%BC%93%E6%A5%BC%E5%8C%BA#list")).toBe("/scenarios?district=%E9%BC%93%E6%A5%BC%E5%8C%BA#list");
    expect(safeRedirectPath("/my/scenarios")).toBe("/my/scenarios");
  });

  it("turns away everything a browser would read as another host", () => {
    for (const hostile of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "\t//evil.example",
      " //evil.example",
      "/\t\\evil.example",
      "https://evil.example/",
      "//localhost@evil.example",
      "/\u0000/evil.example/..",
    ]) {
      const to = safeRedirectPath(hostile, "/fallback");
      expect(new URL(to, "https://site.example").origin, JSON.stringify(hostile)).toBe("https://site.example");
      expect(to, JSON.stringify(hostile)).toMatch(/^\/(?![/\\])[^\u0000-\u0020\\]*$/);
    }
  });

  it("never returns a character a header cannot carry", () => {
    expect(safeRedirectPath("/scenarios\r\nSet-Cookie: planted=1", "/")).not.toMatch(/[\r\n]/);
    expect(safeRedirectPath("/\r\n/evil.example", "/fallback")).toBe("/fallback");
  });

  it("falls back for nothing at all", () => {
    expect(safeRedirectPath(null, "/home")).toBe("/home");
    expect(safeRedirectPath("", "/home")).toBe("/home");
    expect(safeRedirectPath("scenarios", "/home")).toBe("/home");
  });
});
