import { contentDisposition } from "~/domain/attachments";

/**
 * A stored file as a download: never shown inline, never sniffed into something that runs, never
 * cached by a shared cache (only people with the right to it may fetch it).
 */
export function downloadResponse(file: { body: ReadableStream<Uint8Array>; mediaType: string; size: number; name: string }): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
