import { data } from "react-router";

// Every action reads its body through here. A body that is not a form (text/plain, JSON, nothing
// declared) is a 415 and a form body that cannot be read (a broken multipart) a 400, each with the
// error page in the visitor's language, instead of a 500 with a stack trace in the log.

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** The media type of a request's body, without parameters, lower case ("" when not declared). */
export function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
}

export const unsupportedBody = () => data({ kind: "bad_body" as const }, { status: 415 });
export const unreadableBody = () => data({ kind: "bad_body" as const }, { status: 400 });

export const isFormBody = (request: Request) => FORM_TYPES.has(mediaType(request));

/** The posted form; throws 415 for a body that is not a form and 400 for one that cannot be read. */
export async function readForm(request: Request): Promise<FormData> {
  if (!isFormBody(request)) throw unsupportedBody();
  try {
    return await request.formData();
  } catch {
    throw unreadableBody();
  }
}
