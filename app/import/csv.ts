// A small RFC 4180 reader: quoted fields with "" for a quote, line breaks inside quotes, CRLF, LF or
// CR line ends, and a delimiter guessed from the first line (comma; tab from Excel's “Unicode text”;
// semicolon from European settings). One record is one row as Excel would show it.

export type CsvResult = { ok: true; records: string[][]; delimiter: string } | { ok: false; unclosedQuoteRecord: number };

export function guessDelimiter(text: string): string {
  let counts = { ",": 0, "\t": 0, ";": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts = { ...counts, [ch]: counts[ch as keyof typeof counts] + 1 };
  }
  const [best] = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

export function parseCsv(text: string, delimiter = guessDelimiter(text)): CsvResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let recordStart = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      record.push(field);
      field = "";
      fieldStarted = false;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      fieldStarted = false;
      recordStart = records.length + 1;
    } else {
      // A quote inside an unquoted field is kept as it is, as Excel does.
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, unclosedQuoteRecord: recordStart };
  if (fieldStarted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records, delimiter };
}
