// A small, pure Atom 1.0 writer (RFC 4287) for the saved-search feeds. The site-wide feeds get
// their own writer in app/feeds/atom.ts; this one has the same shape — a plain feed object in,
// a string out — so the two can be merged by swapping `renderAtom` for that module's.

export interface AtomLink {
  href: string;
  rel: "self" | "alternate";
  type?: string;
}

export interface AtomEntry {
  /** A permanent, unique IRI, e.g. a tag: URI. */
  id: string;
  title: string;
  /** ISO 8601 date-time. */
  updated: string;
  published?: string;
  link: string;
  author: string;
  /** Plain text; written escaped as type="text". */
  summary: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  links: AtomLink[];
  author: string;
  lang?: string;
  entries: AtomEntry[];
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text and attribute values for XML; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

/** A tag: URI (RFC 4151): `tag:example.org,2026:saved-search/12`. */
export function tagUri(authority: string, year: number, specific: string): string {
  return `tag:${authority},${year}:${specific}`;
}

const element = (name: string, text: string, attributes = "") => `<${name}${attributes}>${escapeXml(text)}</${name}>`;

export function renderAtom(feed: AtomFeed): string {
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom"${feed.lang ? ` xml:lang="${escapeXml(feed.lang)}"` : ""}>`,
    `  ${element("id", feed.id)}`,
    `  ${element("title", feed.title, ' type="text"')}`,
    ...(feed.subtitle ? [`  ${element("subtitle", feed.subtitle, ' type="text"')}`] : []),
    `  ${element("updated", feed.updated)}`,
    ...feed.links.map((l) => `  <link rel="${l.rel}" href="${escapeXml(l.href)}"${l.type ? ` type="${escapeXml(l.type)}"` : ""}/>`),
    `  <author>${element("name", feed.author)}</author>`,
    ...feed.entries.flatMap((e) => [
      "  <entry>",
      `    ${element("id", e.id)}`,
      `    ${element("title", e.title, ' type="text"')}`,
      `    ${element("updated", e.updated)}`,
      ...(e.published ? [`    ${element("published", e.published)}`] : []),
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
      `    <author>${element("name", e.author)}</author>`,
      ...(e.categories ?? []).map((c) => `    <category term="${escapeXml(c)}"/>`),
      `    ${element("summary", e.summary, ' type="text"')}`,
      "  </entry>",
    ]),
    "</feed>",
    "",
  ];
  return lines.join("\n");
}
