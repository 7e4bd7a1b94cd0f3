// Reads only a zip's central directory (the list at its end), before anything is inflated, and
// refuses a workbook whose parts would unpack to far more than any real list: an XLSX "zip bomb"
// (issue 13 item 6: a 1.4 MB file that unpacks to 1.7 GB stalled the site for 15 s). Milliseconds,
// whatever the file claims. The sizes are the ones the file declares: a file that lies about them
// is not caught here (reading the sheet streaming, in a worker, would be; not done yet).

export interface ZipLimits {
  /** All parts together, unpacked. */
  maxUnpackedBytes: number;
  /** Unpacked per packed byte, for any part bigger than `ratioAppliesAbove`. */
  maxRatio: number;
  ratioAppliesAbove: number;
  maxEntries: number;
}

/** A 50,000-row list of 30 columns is about 100 MB of sheet XML; real workbooks compress 5–20 times. */
export const XLSX_LIMITS: ZipLimits = { maxUnpackedBytes: 300 * 1024 * 1024, maxRatio: 200, ratioAppliesAbove: 10 * 1024 * 1024, maxEntries: 2000 };

export type ZipCheck = { ok: true; unpackedBytes: number; entries: number } | { ok: false; reason: "unreadable" | "too_big" | "ratio" | "entries" | "zip64" };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export function checkZipLimits(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 22 bytes plus at most a 64 KiB comment.
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return { ok: false, reason: "unreadable" };
  const entries = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entries === 0xffff || directoryOffset === 0xffffffff) return { ok: false, reason: "zip64" };
  if (entries > limits.maxEntries) return { ok: false, reason: "entries" };
  if (directoryOffset + directorySize > bytes.byteLength) return { ok: false, reason: "unreadable" };
  let at = directoryOffset;
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL) return { ok: false, reason: "unreadable" };
    const packedSize = view.getUint32(at + 20, true);
    const unpackedSize = view.getUint32(at + 24, true);
    if (packedSize === 0xffffffff || unpackedSize === 0xffffffff) return { ok: false, reason: "zip64" };
    unpacked += unpackedSize;
    if (unpacked > limits.maxUnpackedBytes) return { ok: false, reason: "too_big" };
    if (unpackedSize > limits.ratioAppliesAbove && unpackedSize > limits.maxRatio * Math.max(1, packedSize)) return { ok: false, reason: "ratio" };
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { ok: true, unpackedBytes: unpacked, entries };
}
