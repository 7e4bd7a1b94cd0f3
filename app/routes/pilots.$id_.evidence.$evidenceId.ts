import type { LoaderFunctionArgs } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { downloadResponse } from "~/files/download.server";
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
  return downloadResponse(file);
}
