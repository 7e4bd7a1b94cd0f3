import type { LoaderFunctionArgs } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { downloadResponse } from "~/files/download.server";
import type { Viewer } from "~/domain/proposals";
import { readAttachment } from "~/models/proposals.server";

// One file of a proposal, only for those the sealing rule lets read it (the proposal's vendor; the
// scenario's organisation and the office after the deadline). Always a download, never rendered
// in the page: the stored type comes from the content, and nosniff keeps the browser to it.

const id = (param: string | undefined) => (/^\d{1,9}$/.test(param ?? "") ? Number(param) : null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const proposalId = id(params.id);
  const attachmentId = id(params.attachmentId);
  if (proposalId === null || attachmentId === null) throw new Response("Not Found", { status: 404 });
  const viewer: Viewer =
    user.role === "admin" ? { kind: "admin" }
    : user.role === "vendor_member" && user.organisationId ? { kind: "vendor", organisationId: user.organisationId }
    : user.role === "demand_member" && user.organisationId ? { kind: "demand", organisationId: user.organisationId }
    : { kind: "other" };
  const file = await readAttachment(db(), viewer, proposalId, attachmentId);
  if (!file.ok) throw new Response(file.status === 403 ? "Forbidden" : "Not Found", { status: file.status });
  return downloadResponse(file);
}
