import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ATTACHMENT_LIMITS, checkAttachment, checkFileName, contentDisposition, formatBytes, sniffContent, zipEntryNames,
} from "./attachments";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/files", name)));
const PDF = fixture("minimal.pdf");
const DOCX = fixture("minimal.docx");
const PNG = fixture("pixel.png");
const HTML = fixture("page.html");
const ZIP = fixture("plain.zip");
const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);

/** A stored (uncompressed) ZIP with these entries, as Office writes them minus the content. */
function zip(names: string[], comment = ""): Uint8Array {
  const enc = new TextEncoder();
  const local: number[] = [];
  const central: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  for (const name of names) {
    const bytes = [...enc.encode(name)];
    const offset = local.length;
    local.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0), ...u16(bytes.length), ...u16(0), ...bytes);
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0),
      ...u16(bytes.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...bytes);
  }
  const c = [...enc.encode(comment)];
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(names.length), ...u16(names.length), ...u32(central.length), ...u32(local.length), ...u16(c.length), ...c];
  return new Uint8Array([...local, ...central, ...end]);
}

describe("sniffContent", () => {
  it("knows PDF, legacy Office (OLE) and Word by their bytes", () => {
    expect(sniffContent(PDF)).toBe("pdf");
    expect(sniffContent(OLE)).toBe("ole");
    expect(sniffContent(DOCX)).toBe("docx");
  });

  it("tells the OOXML kinds apart by their parts", () => {
    expect(sniffContent(zip(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]))).toBe("docx");
    expect(sniffContent(zip(["[Content_Types].xml", "xl/workbook.xml"]))).toBe("xlsx");
    expect(sniffContent(zip(["[Content_Types].xml", "ppt/presentation.xml"], "a comment at the end"))).toBe("pptx");
  });

  it("calls a ZIP without the Office parts just a ZIP", () => {
    expect(sniffContent(ZIP)).toBe("zip");
    expect(sniffContent(zip(["word/document.xml"]))).toBe("zip");
    expect(sniffContent(zip(["[Content_Types].xml", "content.xml"]))).toBe("zip");
  });

  it("recognises what renamed uploads really are", () => {
    expect(sniffContent(PNG)).toBe("png");
    expect(sniffContent(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffContent(HTML)).toBe("html");
    expect(sniffContent(new TextEncoder().encode("  <html><body>x</body></html>"))).toBe("html");
    expect(sniffContent(new TextEncoder().encode("just text"))).toBe("unknown");
    expect(sniffContent(new Uint8Array())).toBe("unknown");
  });

  it("does not take a PDF signature further in the file", () => {
    expect(sniffContent(new TextEncoder().encode(" %PDF-1.4"))).toBe("unknown");
  });
});

describe("zipEntryNames", () => {
  it("reads the central directory", () => {
    expect(zipEntryNames(DOCX)).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
  });

  it("gives up on a cut-off or corrupt ZIP instead of reading past it", () => {
    expect(zipEntryNames(DOCX.subarray(0, DOCX.length - 10))).toBeNull();
    expect(zipEntryNames(DOCX.subarray(0, 40))).toBeNull();
    const broken = DOCX.slice();
    const end = broken.length - 22;
    broken[end + 16] = 0xff; // central directory offset past the end record
    broken[end + 17] = 0xff;
    expect(zipEntryNames(broken)).toBeNull();
    expect(zipEntryNames(zip(["a", "b"]), 1)).toBeNull();
  });
});

describe("checkFileName", () => {
  it.each([
    ["../../etc/passwd", "name_path"],
    ["a/b.pdf", "name_path"],
    ["a\\b.pdf", "name_path"],
    ["C:\\Users\\x\\方案.pdf", "name_path"],
    ["..", "name_path"],
    ["x\u0000.pdf", "name_control"],
    ["x\n.pdf", "name_control"],
    ["invoice\u202Efdp.exe", "name_control"],
    [".htaccess.pdf", "name_reserved"],
    ["方案.pdf.", "name_reserved"],
    ["a:b.pdf", "name_reserved"],
    ["what?.pdf", "name_reserved"],
    ["", "name_empty"],
    ["   ", "name_empty"],
    ["setup.exe", "extension"],
    ["report", "extension"],
    ["page.html", "extension"],
  ])("refuses %j (%s)", (name, code) => {
    const result = checkFileName(name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal.code).toBe(code);
  });

  it("refuses a very long name and says how long a name may be", () => {
    expect(checkFileName(`${"方".repeat(ATTACHMENT_LIMITS.maxNameLength)}.pdf`)).toEqual({ ok: false, refusal: { code: "name_too_long", max: ATTACHMENT_LIMITS.maxNameLength } });
    expect(checkFileName(`${"方".repeat(ATTACHMENT_LIMITS.maxNameLength - 4)}.pdf`).ok).toBe(true);
  });

  it("accepts ordinary names, trimmed and in NFC, with the extension in any case", () => {
    expect(checkFileName(" 南京鼓楼医院 揭榜方案（v2）.PDF ")).toEqual({ ok: true, name: "南京鼓楼医院 揭榜方案（v2）.PDF", extension: "pdf" });
    expect(checkFileName("Cafe\u0301.docx")).toEqual({ ok: true, name: "Café.docx", extension: "docx" });
    for (const ext of ["doc", "docx", "xls", "xlsx", "ppt", "pptx"]) expect(checkFileName(`报价.${ext}`).ok).toBe(true);
  });
});

describe("checkAttachment", () => {
  const file = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, bytes });

  it("accepts a real PDF, a real Word file and legacy Office files, with the type from the content", () => {
    expect(checkAttachment(file("方案.pdf", PDF), 0)).toEqual({ ok: true, name: "方案.pdf", extension: "pdf", mediaType: "application/pdf" });
    expect(checkAttachment(file("方案.docx", DOCX), 0)).toMatchObject({ ok: true, mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    expect(checkAttachment(file("报价.xls", OLE), 0)).toMatchObject({ ok: true, mediaType: "application/vnd.ms-excel" });
    expect(checkAttachment(file("介绍.ppt", OLE), 0)).toMatchObject({ ok: true, mediaType: "application/vnd.ms-powerpoint" });
    expect(checkAttachment(file("旧版.doc", OLE), 0)).toMatchObject({ ok: true, mediaType: "application/msword" });
  });

  it("refuses a file whose content is not what its name says", () => {
    expect(checkAttachment(file("方案.pdf", PNG), 0)).toEqual({ ok: false, refusal: { code: "content_mismatch", extension: "pdf", found: "png" } });
    expect(checkAttachment(file("方案.pdf", HTML), 0)).toEqual({ ok: false, refusal: { code: "content_mismatch", extension: "pdf", found: "html" } });
    expect(checkAttachment(file("方案.docx", ZIP), 0)).toMatchObject({ ok: false, refusal: { code: "content_mismatch", found: "zip" } });
    expect(checkAttachment(file("报价.xlsx", DOCX), 0)).toMatchObject({ ok: false, refusal: { code: "content_mismatch", found: "docx" } });
    expect(checkAttachment(file("方案.docx", OLE), 0)).toMatchObject({ ok: false, refusal: { code: "content_mismatch", found: "ole" } });
    expect(checkAttachment(file("方案.doc", PDF), 0)).toMatchObject({ ok: false, refusal: { code: "content_mismatch", found: "pdf" } });
  });

  it("refuses empty, oversize and one-too-many files", () => {
    const limits = { maxBytes: 100, maxFiles: 2, maxNameLength: 50 };
    expect(checkAttachment(file("a.pdf", new Uint8Array()), 0, limits)).toEqual({ ok: false, refusal: { code: "empty_file" } });
    expect(checkAttachment({ name: "a.pdf", size: 101, bytes: PDF }, 0, limits)).toEqual({ ok: false, refusal: { code: "too_large", maxBytes: 100 } });
    expect(checkAttachment({ name: "a.pdf", size: 100, bytes: PDF }, 1, limits).ok).toBe(true);
    expect(checkAttachment(file("a.pdf", PDF), 2, limits)).toEqual({ ok: false, refusal: { code: "too_many", maxFiles: 2 } });
    expect(checkAttachment({ name: "a.pdf", size: ATTACHMENT_LIMITS.maxBytes + 1, bytes: PDF }, 0)).toMatchObject({ ok: false, refusal: { code: "too_large" } });
  });

  it("checks the name before anything else", () => {
    expect(checkAttachment(file("../../etc/passwd", PDF), 9)).toEqual({ ok: false, refusal: { code: "name_path" } });
  });
});

describe("contentDisposition", () => {
  it("offers the real name as UTF-8 and an ASCII fallback", () => {
    expect(contentDisposition("揭榜方案.pdf")).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''%E6%8F%AD%E6%A6%9C%E6%96%B9%E6%A1%88.pdf`,
    );
  });

  it("encodes the characters RFC 5987 does not allow bare", () => {
    expect(contentDisposition("it's (v2) *final*.pdf")).toBe(`attachment; filename="it's (v2) *final*.pdf"; filename*=UTF-8''it%27s%20%28v2%29%20%2Afinal%2A.pdf`);
  });
});

describe("formatBytes", () => {
  it("says bytes, kilobytes or megabytes", () => {
    expect(formatBytes(12)).toBe("12 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
  });
});
