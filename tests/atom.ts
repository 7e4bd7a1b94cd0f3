import { child, childrenNamed, parseXml, type XmlElement } from "./xml";

// What RFC 4287 requires of a feed and its entries, checked on the parsed document. Returns the
// problems found (none for a valid feed) and the entries as plain data for further assertions.

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ATOM_NS = "http://www.w3.org/2005/Atom";

function exactlyOne(parent: XmlElement, name: string, where: string, problems: string[]) {
  const found = childrenNamed(parent, name);
  if (found.length !== 1) problems.push(`${where}: ${found.length} <${name}> (exactly one required)`);
  return found[0];
}

function checkCommon(e: XmlElement, where: string, problems: string[]) {
  const id = exactlyOne(e, "id", where, problems);
  if (id && !/^[a-z][a-z0-9+.-]*:/i.test(id.text)) problems.push(`${where}: id is not an absolute IRI: ${id.text}`);
  exactlyOne(e, "title", where, problems);
  const updated = exactlyOne(e, "updated", where, problems);
  if (updated && !RFC3339.test(updated.text)) problems.push(`${where}: updated is not RFC 3339: ${updated.text}`);
  for (const l of childrenNamed(e, "link")) if (!l.attributes.href) problems.push(`${where}: link without href`);
  for (const name of ["title", "summary", "content"]) {
    const t = child(e, name);
    if (t?.children.length && t.attributes.type !== "xhtml") problems.push(`${where}: <${name}> holds markup`);
  }
}

export function readAtom(xml: string) {
  const root = parseXml(xml);
  const problems: string[] = [];
  if (root.name !== "feed") problems.push(`root is <${root.name}>`);
  if (root.attributes.xmlns !== ATOM_NS) problems.push("feed is not in the Atom namespace");
  checkCommon(root, "feed", problems);
  const self = childrenNamed(root, "link").find((l) => l.attributes.rel === "self");
  if (!self) problems.push("feed has no link rel=self");
  const entries = childrenNamed(root, "entry");
  if (!child(root, "author") && entries.some((e) => !child(e, "author"))) problems.push("no author on the feed or an entry");
  const ids = new Set<string>();
  entries.forEach((e, n) => {
    checkCommon(e, `entry ${n + 1}`, problems);
    const id = child(e, "id")?.text ?? "";
    if (ids.has(id)) problems.push(`entry ${n + 1}: duplicate id ${id}`);
    ids.add(id);
    const content = child(e, "content");
    if (!content && !childrenNamed(e, "link").some((l) => (l.attributes.rel ?? "alternate") === "alternate")) {
      problems.push(`entry ${n + 1}: neither content nor an alternate link`);
    }
  });
  return {
    problems,
    title: child(root, "title")?.text ?? "",
    selfHref: self?.attributes.href ?? null,
    updated: child(root, "updated")?.text ?? "",
    entries: entries.map((e) => ({
      id: child(e, "id")?.text ?? "",
      title: child(e, "title")?.text ?? "",
      updated: child(e, "updated")?.text ?? "",
      link: childrenNamed(e, "link").find((l) => l.attributes.rel === "alternate")?.attributes.href ?? null,
      summary: child(e, "summary")?.text ?? null,
      content: child(e, "content")?.text ?? null,
      categories: childrenNamed(e, "category").map((c) => c.attributes.term),
    })),
  };
}
