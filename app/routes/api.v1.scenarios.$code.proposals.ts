import type { LoaderFunctionArgs } from "react-router";
import { getOptionalUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { listProposalsForOwner, scenarioByCode, type ProposalView } from "~/models/selection.server";

// The proposals for a scenario, for its own organisation (signed in by the session cookie), once
// the deadline has passed. An API answers with a status and JSON, never a redirect to sign in.
// A resource route must return a real Response: Remix serves `data(…, { status })` from one as 200.

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const error = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => json({ error: code, message, ...extra }, status);

function toApiProposal(p: ProposalView) {
  return {
    id: p.id,
    vendor: p.vendor,
    status: p.status,
    approach: p.approach,
    team: p.team,
    priceWan: p.priceWan,
    timeline: p.timeline,
    submittedAt: p.submittedAt,
    decidedAt: p.decidedAt,
    decisionReason: p.decisionReason,
    needsReconfirmation: p.needsReconfirmation,
    products: p.products,
    cases: p.cases,
    attachments: p.attachments.map((a) => ({ ...a, url: `/proposals/${p.id}/attachments/${a.id}` })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return error(401, "unauthenticated", "Sign in first");
  const code = (params.code ?? "").toUpperCase();
  const scenario = /^NJ-\d{4}-\d{4}$/.test(code) ? await scenarioByCode(db(), code) : null;
  if (!scenario) return error(404, "not_found", `No published scenario with code ${code.slice(0, 40)}`);
  if (user.role !== "demand_member" || user.organisationId !== scenario.organisation_id) {
    return error(403, "forbidden", "Only the scenario's own organisation may read its proposals");
  }
  const found = await listProposalsForOwner(db(), scenario.organisation_id, scenario.id, new Date());
  if (found.kind === "not_found") return error(404, "not_found", `No published scenario with code ${code.slice(0, 40)}`);
  if (found.kind === "sealed") {
    return error(403, "sealed", "Proposals are sealed until the deadline", { opensAt: found.scenario.proposalDeadline, count: found.count });
  }
  const { scenario: s, considered, notConsidered } = found;
  return json({
    scenario: { code: s.code, title: s.title, status: s.status, proposalDeadline: s.proposalDeadline },
    considered: considered.map(toApiProposal),
    notConsidered: notConsidered.map(toApiProposal),
  });
}
