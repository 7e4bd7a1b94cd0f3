import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { contentDisposition } from "~/domain/attachments";
import { readEvidence } from "~/models/pilot-evidence.server";

// One evidence file of a pilot: for the pair, the office, and reviewers assigned to one of the
// pilot's benchmark applications. Always a download, never rendered in the page, as proposal
// attachments are: the stored type comes from the content, and nosniff keeps the browser to it.

const id = (param: string | undefined) => (/^\d{1,9}$/.test(param ?? "") ? Number(param) : null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const pilotId = id(params.id);
  const evidenceId = id(params.evidenceId);
  if (pilotId === null || evidenceId === null) throw new Response("Not Found", { status: 404 });
  const file = await readEvidence(db(), user, pilotId, evidenceId);
  if (!file.ok) throw new Response(file.status === 403 ? "Forbidden" : "Not Found", { status: file.status });
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
