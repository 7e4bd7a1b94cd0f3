import { isFormBody, unsupportedBody } from "~/utils/read-form.server";

// Reads a posted form, multipart or not, into memory only up to a bound. Remix's multipart helper
// strips any path from a file name before we see it; reading the body ourselves keeps the name as
// sent, so `../../etc/passwd` is refused with a reason instead of quietly becoming `passwd`.

export type FormRead = { ok: true; formData: FormData } | { ok: false; code: "too_large" | "unreadable" };

/** Past this many times the bound the rest of the body is not even drained. */
const DRAIN_FACTOR = 4;

export async function readFormData(request: Request, maxBytes: number): Promise<FormRead> {
  // Not a form at all (text/plain, JSON): the 415 page, as every other action answers.
  if (!isFormBody(request)) throw unsupportedBody();
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await drain(request, maxBytes * DRAIN_FACTOR);
    return { ok: false, code: "too_large" };
  }
  if (!request.body) return { ok: true, formData: new FormData() };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Read on (and drop) a while, so the browser gets the answer instead of a reset connection.
      await drainReader(reader, maxBytes * DRAIN_FACTOR - total);
      return { ok: false, code: "too_large" };
    }
    chunks.push(value);
  }
  try {
    const body = Buffer.concat(chunks);
    const formData = await new Response(body, { headers: { "Content-Type": request.headers.get("Content-Type") ?? "" } }).formData();
    return { ok: true, formData };
  } catch {
    return { ok: false, code: "unreadable" };
  }
}

async function drain(request: Request, budget: number) {
  if (request.body && !request.bodyUsed) await drainReader(request.body.getReader(), budget);
}

async function drainReader(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number) {
  let left = budget;
  try {
    while (left > 0) {
      const { done, value } = await reader.read();
      if (done) return;
      left -= value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away; nothing to answer.
  }
}
