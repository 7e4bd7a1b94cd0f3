import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import type { ReactNode } from "react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form";
import { ProposalForm } from "~/components/proposal-form";
import { countdownText, ProposalStatusBadge } from "~/components/proposal-status";
import { db } from "~/db/db.server";
import { checkAttachment, formatBytes, MAX_UPLOAD_REQUEST_BYTES } from "~/domain/attachments";
import { attachmentMessage, COMMAND_INTENTS, proposalCommandSchema, proposalSchema } from "~/domain/forms/proposal";
import { message } from "~/domain/forms/messages";
import { readFormData } from "~/files/form-data.server";
import { formatDate, formatDateTime, translator } from "~/i18n/i18n";
import { getLang } from "~/i18n/lang.server";
import { useI18n } from "~/i18n/use-i18n";
import { getBidScenario, getProposalPage } from "~/models/proposal-page.server";
import {
  countAttachments, reconfirmProposal, removeAttachment, withdrawProposal, writeProposal,
  type AcceptedFile, type ProposalProblem, type ProposalResult, type VendorActor,
} from "~/models/proposals.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

// A vendor member's own proposal on one scenario. The route is `scenarios.$code_` so that it is not
// nested in the public scenario page (which has no outlet); the URL is /scenarios/:code/proposal.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("proposal.title")} · ${data.scenario.title}` : t("proposal.title")));

/** The signed-in vendor member and the public scenario named in the URL. */
async function requireBid(request: Request, context: { clientAddress?: string }, param: string | undefined) {
  const user = await requireRole(request, "vendor_member");
  if (!user.organisationId) throw new Response("Forbidden", { status: 403 });
  const code = (param ?? "").toUpperCase();
  const scenario = /^NJ-\d{4}-\d{4}$/.test(code) ? await getBidScenario(db(), code) : null;
  if (!scenario) throw data({ kind: "scenario_not_found", code: (param ?? "").slice(0, 40) }, { status: 404 });
  const vendor: VendorActor = { userId: user.id, organisationId: user.organisationId, verified: user.organisationVerified, ip: clientAddress(context) };
  return { vendor, scenario };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { vendor, scenario } = await requireBid(request, context, params.code);
  const now = new Date();
  const page = await getProposalPage(db(), vendor.organisationId, scenario, now);
  return { scenario, ...page, verified: vendor.verified, now: now.toISOString() };
}

type Reply = { form: "proposal" | "command"; result: SubmissionResult<string[]>; conflict: boolean };
const reply = (body: Reply, status: number) => data(body, { status });
const MAX_UPLOAD_MB = Math.floor(MAX_UPLOAD_REQUEST_BYTES / 1024 / 1024);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { vendor, scenario } = await requireBid(request, context, params.code);
  const read = await readFormData(request, MAX_UPLOAD_REQUEST_BYTES);
  if (!read.ok) {
    const key = read.code === "too_large" ? message("proposal.error.requestTooLarge", { max: MAX_UPLOAD_MB }) : "proposal.error.unreadable";
    return reply({ form: "proposal", result: { status: "error", error: { "": [key] } }, conflict: false }, read.code === "too_large" ? 413 : 400);
  }
  const formData = read.formData;
  const done = (what: string) => redirect(`/scenarios/${scenario.code}/proposal?done=${what}`);
  const explain = async (problem: ProposalProblem) => {
    if (problem.code === "not_found") throw new Response("Not Found", { status: 404 });
    return { key: await problemMessage(request, problem), status: problem.code === "unverified" ? 403 : 409 };
  };

  if (COMMAND_INTENTS.includes(String(formData.get("intent")))) {
    const submission = parseWithZod(formData, { schema: proposalCommandSchema });
    if (submission.status !== "success") return reply({ form: "command", result: submission.reply(), conflict: false }, 400);
    const v = submission.value;
    const result: ProposalResult =
      v.intent === "withdraw" ? await withdrawProposal(db(), vendor, scenario.id, v.version)
      : v.intent === "reconfirm" ? await reconfirmProposal(db(), vendor, scenario.id, v.version)
      : await removeAttachment(db(), vendor, scenario.id, v.attachmentId);
    if (result.ok) return done({ withdraw: "withdrawn", reconfirm: "reconfirmed", removeAttachment: "removed" }[v.intent]);
    const { key, status } = await explain(result.problem);
    return reply({ form: "command", result: submission.reply({ formErrors: [key] }), conflict: result.problem.code === "stale" }, status);
  }

  const submission = parseWithZod(formData, { schema: proposalSchema });
  // The schema has told what it can from names and sizes; the content is read here, from the bytes.
  const uploads = formData.getAll("files").filter((f): f is File => typeof f !== "string" && !(f.name === "" && f.size === 0));
  const existing = await countAttachments(db(), vendor.organisationId, scenario.id);
  const accepted: AcceptedFile[] = [];
  const fileErrors: string[] = [];
  for (const [i, file] of uploads.entries()) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = checkAttachment({ name: file.name, size: file.size, bytes }, existing + i);
    if (checked.ok) accepted.push({ name: checked.name, mediaType: checked.mediaType, bytes });
    else fileErrors.push(attachmentMessage(file.name, checked.refusal));
  }
  if (submission.status !== "success" || fileErrors.length) {
    const schemaFileErrors = submission.status === "success" ? [] : (submission.error?.files ?? []);
    const files = [...new Set([...schemaFileErrors, ...fileErrors])];
    const extra = files.length ? { fieldErrors: { files }, formErrors: ["proposal.error.filesRejected"] } : {};
    return reply({ form: "proposal", result: submission.reply(extra), conflict: false }, 400);
  }
  const input = submission.value;
  const result = await writeProposal(db(), vendor, scenario.id, input, accepted);
  if (result.ok) return done(input.intent === "submit" ? "submitted" : "saved");
  const { key, status } = await explain(result.problem);
  return reply({ form: "proposal", result: submission.reply({ formErrors: [key] }), conflict: result.problem.code === "stale" }, status);
}

/** A refusal as a translation key with its values, the dates and statuses in the user's language. */
async function problemMessage(request: Request, problem: Exclude<ProposalProblem, { code: "not_found" }>): Promise<string> {
  const lang = await getLang(request);
  switch (problem.code) {
    case "deadline_passed":
      return message("proposal.error.deadline", { date: formatDateTime(problem.deadline, lang) });
    case "illegal":
      return message("proposal.error.illegal", { status: translator(lang)(`proposal.status.${problem.status}`) });
    case "too_many_files":
      return message("proposal.error.tooManyFiles", { max: problem.max });
    case "scenario_not_open":
      return "proposal.error.notOpen";
    case "stale":
      return "proposal.error.stale";
    case "unverified":
      return "proposal.error.unverified";
    case "not_needed":
      return "proposal.error.notNeeded";
    case "foreign_link":
      return "proposal.error.foreignLink";
  }
}

const DONE = z.enum(["saved", "submitted", "withdrawn", "reconfirmed", "removed"]).catch("saved");

export default function ProposalPage() {
  const page = useLoaderData<typeof loader>();
  const { scenario, proposal, live, actions, now } = page;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, lang } = useI18n();
  const done = params.has("done") ? DONE.parse(params.get("done")) : null;
  const deadline = scenario.proposal_deadline;
  const href = `/scenarios/${scenario.code}/proposal`;
  const commandErrors = actionData?.form === "command" ? Object.values(actionData.result.error ?? {}).flat().filter((e): e is string => typeof e === "string") : [];

  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link to={`/scenarios/${scenario.code}`} className="text-sm text-brand-700 underline">← {t("proposal.back")}</Link>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span className="font-mono">{scenario.code}</span>
          <span>{scenario.organisation}</span>
          {proposal && <ProposalStatusBadge status={proposal.status} />}
        </div>
        <h1 className="mt-1 text-2xl font-bold break-words">{t("proposal.heading", { title: scenario.title })}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {t("proposal.deadline")} {deadline ? <time dateTime={deadline}>{formatDateTime(deadline, lang)}</time> : "—"}
          {" · "}
          <span className={actions.edit ? "font-medium text-emerald-800" : "text-slate-600"}>{countdownText(t, deadline, now)}</span>
        </p>
        {proposal?.submittedAt && live && (
          <p className="text-sm text-slate-600">
            {t("proposal.submittedAt", { date: formatDateTime(proposal.submittedAt, lang) })} · {t("proposal.updatedAt", { date: formatDateTime(proposal.updatedAt, lang) })}
          </p>
        )}
      </header>

      {done && !actionData && <p role="status" className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`proposal.done.${done}`)}</p>}
      <FormErrors id="command-errors" errors={commandErrors} />
      {actionData?.form === "command" && actionData.conflict && <a href={href} target="_blank" rel="noreferrer" className="text-sm underline">{t("proposal.error.staleOpen")}</a>}

      {proposal?.needsReconfirmation && live && <ReconfirmBanner />}
      <Outcome />

      {actions.edit && !page.verified && <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("proposal.unverified")}</p>}
      {!actions.edit && (
        <p className="rounded border border-slate-200 bg-slate-100 p-3 text-sm text-slate-700">
          {scenario.status !== "published" ? t("proposal.closed.notOpen")
            : !proposal || proposal.status === "withdrawn" ? t("proposal.closed.none")
            : t("proposal.closed.deadline", { date: deadline ? formatDateTime(deadline, lang) : "—" })}
        </p>
      )}
      {actions.edit && !proposal && <p className="text-sm text-slate-700">{t("proposal.new.lead")}</p>}
      {actions.edit && proposal?.status === "withdrawn" && (
        <p className="rounded border border-slate-200 bg-white p-3 text-sm text-slate-700">{t("proposal.withdrawnBefore", { date: formatDate(proposal.updatedAt, lang) })}</p>
      )}

      {actions.edit ? (
        <ProposalForm
          key={`${proposal?.id ?? 0}-${live ? proposal?.version : 0}`}
          lastResult={actionData?.form === "proposal" ? actionData.result : null}
          defaultValue={page.values ?? {}}
          version={live && proposal ? proposal.version : 0}
          submitted={live && proposal?.status !== "draft"}
          canSubmit={page.verified}
          products={page.products}
          cases={page.cases}
          attachments={live ? page.attachments : []}
          downloadHref={(id) => `/proposals/${proposal?.id}/attachments/${id}`}
          notice={actionData?.form === "proposal" && actionData.conflict && (
            <a href={href} target="_blank" rel="noreferrer" className="text-sm underline">{t("proposal.error.staleOpen")}</a>
          )}
        />
      ) : (
        proposal && proposal.status !== "withdrawn" && <ProposalView />
      )}

      {actions.withdraw && proposal && <WithdrawForm version={proposal.version} />}
      <p className="text-xs text-slate-600">{t("proposal.sealed")}</p>
    </div>
  );
}

function ReconfirmBanner() {
  const { scenario, proposal, amendments, actions } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "reconfirm";
  return (
    <section aria-labelledby="reconfirm-title" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-amber-950">
      <h2 id="reconfirm-title" className="text-lg font-bold">{t("proposal.reconfirm.title")}</h2>
      <p className="mt-1 text-sm">{t("proposal.reconfirm.lead")}</p>
      <ul className="mt-2 space-y-2">
        {amendments.map((a) => (
          <li key={a.number} className="rounded border border-amber-200 bg-white p-2 text-sm">
            <p className="font-medium">
              {t("proposal.reconfirm.item", { number: a.number })} · <time dateTime={a.created_at}>{formatDateTime(a.created_at, lang)}</time>
            </p>
            <p className="mt-1 whitespace-pre-line break-words">{a.reason}</p>
            <Link to={`/scenarios/${scenario.code}#amendment-${a.number}`} className="text-brand-700 underline">{t("proposal.reconfirm.view")}</Link>
          </li>
        ))}
      </ul>
      {actions.reconfirm && proposal ? (
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="reconfirm" />
          <input type="hidden" name="version" value={proposal.version} />
          <button type="submit" disabled={busy} className="rounded bg-amber-700 px-4 py-2 font-medium text-white hover:bg-amber-800 disabled:opacity-60">
            {busy ? t("proposal.reconfirm.pending") : t("proposal.reconfirm.submit")}
          </button>
        </Form>
      ) : (
        <p className="mt-2 text-sm font-medium">{t("proposal.reconfirm.closed")}</p>
      )}
    </section>
  );
}

function Outcome() {
  const { proposal, open, scenario } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  if (!proposal) return null;
  const reason = proposal.decisionReason && <p className="mt-1 whitespace-pre-line break-words text-sm">{t("proposal.outcome.reason", { reason: proposal.decisionReason })}</p>;
  const when = proposal.decidedAt && <p className="mt-1 text-xs">{t("proposal.outcome.decidedAt", { date: formatDate(proposal.decidedAt, lang) })}</p>;
  if (proposal.status === "selected" || proposal.status === "declined") {
    const good = proposal.status === "selected";
    return (
      <section className={`rounded-lg border p-4 ${good ? "border-emerald-300 bg-emerald-50 text-emerald-950" : "border-slate-300 bg-slate-50 text-slate-800"}`}>
        <h2 className="text-lg font-semibold">{t(good ? "proposal.outcome.selected" : "proposal.outcome.declined")}</h2>
        {reason}
        {when}
      </section>
    );
  }
  if (proposal.status === "shortlisted") return <p className="rounded border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950">{t("proposal.outcome.shortlisted")}</p>;
  if (proposal.status === "submitted" && !open && scenario.status === "published") {
    return <p className="rounded border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">{t("proposal.outcome.pending")}</p>;
  }
  return null;
}

/** The proposal as sent, once it can no longer be changed. */
function ProposalView() {
  const { proposal, values, products, cases, attachments } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!proposal || !values) return null;
  const chosenProducts = products.filter((p) => values.productIds.includes(String(p.id)));
  const chosenCases = cases.filter((c) => values.caseIds.includes(String(c.id)));
  const empty = <span className="text-slate-500">{t("proposal.view.empty")}</span>;
  const row = (label: string, body: ReactNode) => (
    <div className="border-b border-slate-100 py-2 sm:grid sm:grid-cols-[9rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm whitespace-pre-line break-words">{body}</dd>
    </div>
  );
  return (
    <section aria-labelledby="proposal-view" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="proposal-view" className="text-lg font-semibold">{t("proposal.view.title")}</h2>
      <dl className="mt-2">
        {row(t("proposal.field.approach"), values.approach || empty)}
        {row(t("proposal.field.team"), values.team || empty)}
        {row(t("proposal.field.price"), values.priceWan ? t("proposal.price.value", { price: values.priceWan }) : empty)}
        {row(t("proposal.field.timeline"), values.timeline || empty)}
        {row(t("proposal.field.products"), chosenProducts.length ? chosenProducts.map((p) => p.name).join("、") : empty)}
        {row(t("proposal.field.cases"), chosenCases.length ? chosenCases.map((c) => t("proposal.case.label", { client: c.client, scenario: c.scenario })).join("\n") : empty)}
        {row(t("proposal.field.files"), attachments.length ? (
          <ul>
            {attachments.map((a) => (
              <li key={a.id}>
                <a href={`/proposals/${proposal.id}/attachments/${a.id}`} className="break-all text-brand-700 underline">{a.file_name}</a>
                <span className="text-slate-500"> · {formatBytes(a.size_bytes)}</span>
              </li>
            ))}
          </ul>
        ) : empty)}
      </dl>
    </section>
  );
}

function WithdrawForm({ version }: { version: number }) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "withdraw";
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">{t("proposal.withdraw.title")}</summary>
      <Form method="post" className="mt-3 space-y-3">
        <p className="text-sm text-slate-600">{t("proposal.withdraw.lead")}</p>
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="version" value={version} />
        <button type="submit" disabled={busy} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {busy ? t("proposal.withdraw.pending") : t("proposal.withdraw.submit")}
        </button>
      </Form>
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
