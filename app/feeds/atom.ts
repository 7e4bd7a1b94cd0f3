// Atom 1.0 (RFC 4287) documents from plain data. Pure: the routes load the entries, this writes
// the XML. Every text and attribute is escaped here, and characters XML 1.0 cannot carry (most
// control characters) are dropped, so stored text can never break the document or inject markup.

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

export interface AtomPerson {
  name: string;
  uri?: string;
}

export interface AtomEntry {
  /** A permanent, unique IRI: see `tagUri`. */
  id: string;
  title: string;
  /** RFC 3339 time of the last significant change. */
  updated: string;
  published?: string;
  /** The page this entry is about. */
  link: string;
  summary?: string;
  /** Plain text; shown by readers as text, never as HTML. */
  content?: string;
  author?: AtomPerson;
  categories?: { term: string; label?: string }[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** Where this feed is served (rel="self"). */
  selfUrl: string;
  /** The HTML page the feed follows (rel="alternate"). */
  alternateUrl: string;
  /** Used when there are no entries; otherwise the newest entry's time. */
  updated: string;
  author: AtomPerson;
  lang?: string;
  rights?: string;
  entries: AtomEntry[];
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/**
 * A tag URI (RFC 4151): `tag:example.org,2026:scenario/NJ-2026-0137`. The authority is a host
 * name (no port); the date says when it was ours, so the id never changes with the site's address.
 */
export function tagUri(host: string, date: string, specific: string): string {
  const authority = host.replace(/:\d+$/, "").toLowerCase();
  return `tag:${authority},${date}:${specific.replace(/[^A-Za-z0-9\-._~/!$&'()*+,;=:@]/g, encodeURIComponent)}`;
}

/** An RFC 3339 time in UTC, whatever ISO form the database holds. */
export function atomTime(value: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const el = (name: string, text: string, attrs = "") => `<${name}${attrs}>${escapeXml(text)}</${name}>`;
const attr = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;

function person(tag: string, p: AtomPerson, indent: string): string {
  return `${indent}<${tag}>${el("name", p.name)}${p.uri ? el("uri", p.uri) : ""}</${tag}>\n`;
}

function entry(e: AtomEntry): string {
  let xml = "  <entry>\n";
  xml += `    ${el("id", e.id)}\n`;
  xml += `    ${el("title", e.title, attr("type", "text"))}\n`;
  xml += `    ${el("updated", atomTime(e.updated))}\n`;
  if (e.published) xml += `    ${el("published", atomTime(e.published))}\n`;
  xml += `    <link${attr("rel", "alternate")}${attr("type", "text/html")}${attr("href", e.link)}/>\n`;
  if (e.author) xml += person("author", e.author, "    ");
  for (const c of e.categories ?? []) xml += `    <category${attr("term", c.term)}${c.label ? attr("label", c.label) : ""}/>\n`;
  if (e.summary) xml += `    ${el("summary", e.summary, attr("type", "text"))}\n`;
  if (e.content) xml += `    ${el("content", e.content, attr("type", "text"))}\n`;
  return xml + "  </entry>\n";
}

export function renderAtom(feed: AtomFeed): string {
  const newest = feed.entries.map((e) => atomTime(e.updated)).sort().at(-1);
  let xml = '<?xml version="1.0" encoding="utf-8"?>\n';
  xml += `<feed xmlns="http://www.w3.org/2005/Atom"${feed.lang ? attr("xml:lang", feed.lang) : ""}>\n`;
  xml += `  ${el("id", feed.id)}\n`;
  xml += `  ${el("title", feed.title, attr("type", "text"))}\n`;
  if (feed.subtitle) xml += `  ${el("subtitle", feed.subtitle, attr("type", "text"))}\n`;
  xml += `  ${el("updated", newest ?? atomTime(feed.updated))}\n`;
  xml += `  <link${attr("rel", "self")}${attr("type", "application/atom+xml")}${attr("href", feed.selfUrl)}/>\n`;
  xml += `  <link${attr("rel", "alternate")}${attr("type", "text/html")}${attr("href", feed.alternateUrl)}/>\n`;
  xml += person("author", feed.author, "  ");
  if (feed.rights) xml += `  ${el("rights", feed.rights, attr("type", "text"))}\n`;
  xml += `  ${el("generator", "场景机会")}\n`;
  for (const e of feed.entries) xml += entry(e);
  return xml + "</feed>\n";
}
