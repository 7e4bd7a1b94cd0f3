import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, isRouteErrorResponse, Link, useActionData, useLoaderData, useParams, useRouteError, useSearchParams } from "react-router";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form";
import { ConfirmSelection, ProposalTable } from "~/components/proposal-comparison";
import { StatusBadge } from "~/components/status-badge";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { selectionActionSchema, TYPED_FIELDS } from "~/domain/forms/selection";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { isMine } from "~/models/my-scenarios.server";
import {
  declineProposal, listProposalsForOwner, selectProposal, shortlistProposal, type DecisionProblem,
} from "~/models/selection.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

// The demand side compares the proposals for one of its scenarios and decides. Before the deadline
// the proposals are sealed: the page answers 403 and says when they open.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("selection.title")} · ${data.scenario.title}` : t("selection.title")));

const notFound = () => new Response("Not Found", { status: 404 });

async function requireOwner(request: Request, param: string | undefined) {
  const user = await requireRole(request, "demand_member");
  if (!user.organisationId) throw new Response("Forbidden", { status: 403 });
  const id = /^\d{1,9}$/.test(param ?? "") ? Number(param) : null;
  if (id === null) throw notFound();
  return { user: { ...user, organisationId: user.organisationId }, id };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, id } = await requireOwner(request, params.id);
  const found = await listProposalsForOwner(db(), user.organisationId, id, new Date());
  if (found.kind === "not_found") throw notFound();
  if (found.kind === "sealed") {
    throw data({ kind: "proposals_sealed", opensAt: found.scenario.proposalDeadline, count: found.count }, { status: 403 });
  }
  const wanted = Number(new URL(request.url).searchParams.get("confirm"));
  const confirm = found.considered.find((p) => p.id === wanted && p.can.select) ?? null;
  const undecided = found.considered.filter((p) => p.can.decline).length + found.notConsidered.filter((p) => p.can.decline).length;
  return { ...found, confirm: confirm && { id: confirm.id, vendor: confirm.vendor.name, others: undecided - 1 } };
}

function problemKey(problem: DecisionProblem): string {
  return `selection.problem.${problem.code === "refused" ? problem.refusal.code : problem.code}`;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, id } = await requireOwner(request, params.id);
  if (!(await isMine(db(), user.organisationId, id))) throw notFound();
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: selectionActionSchema });
  const intent = z.enum(["shortlist", "select", "decline"]).nullable().catch(null).parse(formData.get("intent"));
  const proposalId = Number(formData.get("proposalId")) || null;
  if (submission.status !== "success") {
    const stale = Object.keys(submission.error ?? {}).some((field) => !TYPED_FIELDS.includes(field));
    return data({ intent, proposalId, result: submission.reply({ formErrors: stale ? ["selection.error.expired"] : undefined }) }, { status: 400 });
  }
  const value = submission.value;
  const actor = { userId: user.id, organisationId: user.organisationId, ip: clientAddress(context) };
  const target = { scenarioId: id, proposalId: value.proposalId };
  const outcome =
    value.intent === "shortlist"
      ? await shortlistProposal(db(), actor, target)
      : value.intent === "decline"
        ? await declineProposal(db(), actor, { ...target, reason: value.reason })
        : await selectProposal(db(), actor, { ...target, note: value.note });
  if (outcome.ok) return redirect(`/my/scenarios/${id}/proposals?done=${value.intent}`);
  if (outcome.problem.code === "not_found") throw notFound();
  return data({ intent, proposalId, result: submission.reply({ formErrors: [problemKey(outcome.problem)] }) }, { status: 409 });
}

const DONE = z.enum(["shortlist", "select", "decline"]).nullable().catch(null);

export default function ScenarioProposals() {
  const { scenario, considered, notConsidered, confirm } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, lang } = useI18n();
  const done = DONE.parse(params.get("done"));
  const decidable = scenario.status === "published";
  // Refusals of a decline are shown in its own form; everything else at the top.
  const topErrors = actionData && actionData.intent !== "decline" ? actionData.result.error?.[""] : undefined;
  const total = considered.length + notConsidered.length;
  const consideredTitle = considered.some((p) => p.status === "selected") ? t("selection.selected") : t("selection.considered");
  return (
    <div className="space-y-4">
      <Link to={`/my/scenarios/${scenario.id}`} className="text-sm text-brand-700 underline">← {t("selection.back")}</Link>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <StatusBadge status={scenario.status} />
          {scenario.code && <span className="font-mono">{scenario.code}</span>}
        </div>
        <h1 className="mt-1 text-2xl font-bold break-words">{t("selection.title")}</h1>
        <p className="mt-1 text-slate-700 break-words">{scenario.title}</p>
        <p className="mt-2 text-sm text-slate-600">
          {t("selection.lead", { deadline: formatDateTime(scenario.proposalDeadline, lang), n: total })}{" "}
          {decidable ? t("selection.hint") : t("selection.leadClosed")}
        </p>
      </header>
      {done && !actionData && <p role="status" className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`selection.done.${done}`)}</p>}
      <FormErrors id="selection-errors" errors={topErrors ?? undefined} />
      {confirm && <ConfirmSelection proposal={confirm} lastResult={actionData?.intent === "select" ? actionData.result : null} />}

      <section aria-labelledby="considered" className="space-y-2">
        <h2 id="considered" className="text-lg font-semibold">{consideredTitle}</h2>
        {considered.length === 0 ? <p className="text-sm text-slate-600">{t("selection.empty")}</p> : (
          <ProposalTable caption={consideredTitle} proposals={considered} actionData={actionData ?? null} />
        )}
      </section>
      {notConsidered.length > 0 && (
        <section aria-labelledby="not-considered" className="space-y-2">
          <h2 id="not-considered" className="text-lg font-semibold">{t("selection.notConsidered")}</h2>
          {notConsidered.some((p) => p.needsReconfirmation && p.status !== "declined") && <p className="text-sm text-slate-600">{t("selection.notConsidered.lead")}</p>}
          <ProposalTable caption={t("selection.notConsidered")} proposals={notConsidered} actionData={actionData ?? null} />
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { id } = useParams();
  const { t, lang } = useI18n();
  const sealed = isRouteErrorResponse(error) && error.status === 403 && (error.data as { kind?: string } | null)?.kind === "proposals_sealed";
  if (!sealed) return <GeneralErrorBoundary />;
  const { opensAt, count } = error.data as { opensAt: string; count: number };
  return (
    <section className="mx-auto max-w-xl py-12 text-center" aria-labelledby="sealed-title">
      <p className="text-5xl font-bold text-slate-500" aria-hidden>403</p>
      <h1 id="sealed-title" className="mt-4 text-2xl font-semibold">{t("selection.sealed.title")}</h1>
      <p className="mt-2 text-slate-600">{t("selection.sealed.body", { deadline: formatDateTime(opensAt, lang) })}</p>
      <p className="mt-1 text-slate-600">{t("selection.sealed.count", { n: count })}</p>
      <Link className="mt-6 inline-block text-brand-700 underline" to={`/my/scenarios/${id ?? ""}`}>{t("selection.back")}</Link>
    </section>
  );
}
