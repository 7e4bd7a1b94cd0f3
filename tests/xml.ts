// A small, strict XML reader for tests (Node has no DOMParser): it scans character by character,
// builds elements with attributes and text, decodes entities, and throws on anything a real XML
// parser would refuse here — a raw `<` or `&` in text, a tag closed by the wrong name, an
// undefined entity, text after the root element. No DTDs, CDATA or processing instructions other
// than the XML declaration: our feeds use none.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const isNameChar = (c: string) => /[A-Za-z0-9_:.\-]/.test(c);
const isSpace = (c: string | undefined) => c === " " || c === "\n" || c === "\t" || c === "\r";

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`XML error at ${i}: ${why} near ${JSON.stringify(source.slice(Math.max(0, i - 20), i + 20))}`);
  };
  const skipSpace = () => {
    while (isSpace(source[i])) i++;
  };
  const readName = () => {
    const start = i;
    while (i < source.length && isNameChar(source[i]!)) i++;
    if (i === start) fail("expected a name");
    return source.slice(start, i);
  };
  const decode = (raw: string) => {
    let out = "";
    for (let j = 0; j < raw.length; j++) {
      const c = raw[j]!;
      if (c === "<") fail("raw < in text");
      if (c !== "&") {
        out += c;
        continue;
      }
      const end = raw.indexOf(";", j);
      if (end < 0) fail("& without ;");
      const ref = raw.slice(j + 1, end);
      if (ref.startsWith("#x")) out += String.fromCodePoint(parseInt(ref.slice(2), 16));
      else if (ref.startsWith("#")) out += String.fromCodePoint(Number(ref.slice(1)));
      else if (ref in ENTITIES) out += ENTITIES[ref];
      else fail(`undefined entity &${ref};`);
      j = end;
    }
    return out;
  };

  if (source.startsWith("<?xml")) {
    const end = source.indexOf("?>");
    if (end < 0) fail("unterminated declaration");
    i = end + 2;
  }
  skipSpace();

  const readElement = (): XmlElement => {
    if (source[i] !== "<") fail("expected <");
    i++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (source.startsWith("/>", i)) {
        i += 2;
        return { name, attributes, children: [], text: "" };
      }
      if (source[i] === ">") {
        i++;
        break;
      }
      const attr = readName();
      skipSpace();
      if (source[i] !== "=") fail("expected =");
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail("expected a quoted value");
      const end = source.indexOf(quote!, i + 1);
      if (end < 0) fail("unterminated attribute");
      if (attr in attributes) fail(`duplicate attribute ${attr}`);
      attributes[attr] = decode(source.slice(i + 1, end));
      i = end + 1;
    }
    const element: XmlElement = { name, attributes, children: [], text: "" };
    for (;;) {
      const next = source.indexOf("<", i);
      if (next < 0) fail(`unclosed <${name}>`);
      element.text += decode(source.slice(i, next));
      i = next;
      if (source.startsWith("</", i)) {
        i += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (source[i] !== ">") fail("expected >");
        i++;
        return element;
      }
      element.children.push(readElement());
    }
  };

  const root = readElement();
  skipSpace();
  if (i !== source.length) fail("content after the root element");
  return root;
}

export const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);
export const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
