// Proposal attachments: which files are accepted, decided from their bytes and never from the name
// or the Content-Type the browser sent. Pure: the route reads the upload, this says yes or why not.

const MIB = 1024 * 1024;

/**
 * 20 MB per file and 5 files per proposal: enough for a proposal document, a price sheet and a few
 * slides. One post carries at most one full-sized file plus the form, so a request is read into
 * memory only up to that bound; bigger sets go up one post at a time.
 */
export const ATTACHMENT_LIMITS = { maxBytes: 20 * MIB, maxFiles: 5, maxNameLength: 100 } as const;
export const MAX_UPLOAD_REQUEST_BYTES = ATTACHMENT_LIMITS.maxBytes + MIB;
export type AttachmentLimits = { maxBytes: number; maxFiles: number; maxNameLength: number };

export const ATTACHMENT_KINDS = {
  pdf: { mediaType: "application/pdf", content: "pdf" },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", content: "docx" },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content: "xlsx" },
  pptx: { mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", content: "pptx" },
  doc: { mediaType: "application/msword", content: "ole" },
  xls: { mediaType: "application/vnd.ms-excel", content: "ole" },
  ppt: { mediaType: "application/vnd.ms-powerpoint", content: "ole" },
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_KINDS;
export type SniffedContent = "pdf" | "docx" | "xlsx" | "pptx" | "ole" | "zip" | "png" | "jpeg" | "html" | "unknown";

/** What the `accept` attribute of the file input offers. */
export const ACCEPT_ATTRIBUTE = Object.keys(ATTACHMENT_KINDS).map((e) => `.${e}`).join(",");

export type AttachmentRefusal =
  | { code: "name_empty" }
  | { code: "name_path" }
  | { code: "name_control" }
  | { code: "name_reserved" }
  | { code: "name_too_long"; max: number }
  | { code: "extension"; extension: string }
  | { code: "empty_file" }
  | { code: "too_large"; maxBytes: number }
  | { code: "too_many"; maxFiles: number }
  | { code: "content_mismatch"; extension: AttachmentExtension; found: SniffedContent };

export type NameCheck = { ok: true; name: string; extension: AttachmentExtension } | { ok: false; refusal: AttachmentRefusal };

/**
 * A file name as shown and offered for download. The name is never used on disk, but a name with
 * a path in it, control characters or Windows-reserved characters is refused rather than quietly
 * changed, so the vendor knows which file was not taken.
 */
export function checkFileName(raw: string, limits: AttachmentLimits = ATTACHMENT_LIMITS): NameCheck {
  const refuse = (refusal: AttachmentRefusal): NameCheck => ({ ok: false, refusal });
  const name = raw.normalize("NFC").trim();
  if (!name) return refuse({ code: "name_empty" });
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name)) return refuse({ code: "name_control" });
  if (/[/\\]/.test(name) || name === "." || name === "..") return refuse({ code: "name_path" });
  if (/[<>:"|?*]/.test(name) || name.startsWith(".") || name.endsWith(".")) return refuse({ code: "name_reserved" });
  if ([...name].length > limits.maxNameLength) return refuse({ code: "name_too_long", max: limits.maxNameLength });
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  if (!(extension in ATTACHMENT_KINDS)) return refuse({ code: "extension", extension });
  return { ok: true, name, extension: extension as AttachmentExtension };
}

export type AttachmentCheck =
  | { ok: true; name: string; extension: AttachmentExtension; mediaType: string }
  | { ok: false; refusal: AttachmentRefusal };

/** Name, size and content of one uploaded file; `existing` is how many the proposal already has. */
export function checkAttachment(
  file: { name: string; size: number; bytes: Uint8Array },
  existing: number,
  limits: AttachmentLimits = ATTACHMENT_LIMITS,
): AttachmentCheck {
  const refuse = (refusal: AttachmentRefusal): AttachmentCheck => ({ ok: false, refusal });
  const named = checkFileName(file.name, limits);
  if (!named.ok) return named;
  if (existing >= limits.maxFiles) return refuse({ code: "too_many", maxFiles: limits.maxFiles });
  if (file.size === 0) return refuse({ code: "empty_file" });
  if (file.size > limits.maxBytes) return refuse({ code: "too_large", maxBytes: limits.maxBytes });
  const kind = ATTACHMENT_KINDS[named.extension];
  const found = sniffContent(file.bytes);
  if (found !== kind.content) return refuse({ code: "content_mismatch", extension: named.extension, found });
  return { ok: true, name: named.name, extension: named.extension, mediaType: kind.mediaType };
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** What the bytes are, by their signature and, for ZIP, by the entries an Office file must have. */
export function sniffContent(bytes: Uint8Array): SniffedContent {
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, OLE)) return "ole";
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, ZIP_LOCAL)) {
    const names = zipEntryNames(bytes);
    if (!names || !names.includes("[Content_Types].xml")) return "zip";
    if (names.some((n) => n.startsWith("word/"))) return "docx";
    if (names.some((n) => n.startsWith("xl/"))) return "xlsx";
    if (names.some((n) => n.startsWith("ppt/"))) return "pptx";
    return "zip";
  }
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<script")) return "html";
  return "unknown";
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;

/**
 * The entry names in a ZIP's central directory, or null when it is not a readable ZIP. Only the
 * directory is read: nothing is decompressed, so a ZIP bomb costs nothing here.
 */
export function zipEntryNames(bytes: Uint8Array, maxEntries = 10_000): string[] | null {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  // The end record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(bytes, end + 10);
  const offset = u32(bytes, end + 16);
  if (count > maxEntries || offset >= end) return null;
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const names: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) return null;
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > end) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

/**
 * `Content-Disposition` for a download: an ASCII fallback for old clients and the real name as
 * RFC 5987 `filename*`, so 揭榜方案.pdf arrives as 揭榜方案.pdf.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_") || "download";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** 1.5 MB / 820 KB / 12 B, for the list of attached files. */
export function formatBytes(size: number): string {
  if (size >= MIB) return `${(size / MIB).toFixed(1)} MB`;
  if (size >= 1024) return `${Math.round(size / 1024)} KB`;
  return `${size} B`;
}
