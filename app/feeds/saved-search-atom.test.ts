import { describe, expect, it } from "vitest";
import { escapeXml, renderAtom, tagUri } from "./saved-search-atom";

describe("renderAtom", () => {
  const xml = renderAtom({
    id: tagUri("example.org", 2026, "saved-search/1"),
    title: "A & B <feed>",
    updated: "2026-11-20T00:00:00.000Z",
    author: "场景机会",
    links: [{ rel: "self", href: "https://example.org/f.atom?a=1&b=2", type: "application/atom+xml" }],
    entries: [{
      id: tagUri("example.org", 2026, "scenario/NJ-2026-0001"),
      title: `<script>alert("x")</script>`,
      updated: "2026-11-19T00:00:00.000Z",
      link: "https://example.org/scenarios/NJ-2026-0001",
      author: "医院",
      summary: "x\u0000y",
    }],
  });

  it("escapes text and attributes", () => {
    expect(xml).toContain("<title type=\"text\">A &amp; B &lt;feed&gt;</title>");
    expect(xml).toContain("<title type=\"text\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>");
    expect(xml).toContain('href="https://example.org/f.atom?a=1&amp;b=2"');
    expect(xml).toContain("<summary type=\"text\">xy</summary>");
  });

  it("has the elements Atom requires", () => {
    for (const part of ["<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<id>tag:example.org,2026:saved-search/1</id>", "<updated>2026-11-20T00:00:00.000Z</updated>",
      "<author><name>场景机会</name></author>", "<entry>", "<id>tag:example.org,2026:scenario/NJ-2026-0001</id>"]) expect(xml).toContain(part);
  });

  it("escapes apostrophes too", () => expect(escapeXml("it's")).toBe("it&apos;s"));
});
