import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "react-router";
import type { ReactNode } from "react";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { declineSchema, selectSchema } from "~/domain/forms/selection";
import type { ProposalStatus } from "~/domain/proposals";
import { OTHER_SELECTED_REASON } from "~/domain/selection";
import { formatDateTime, formatNumber } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import type { ProposalView } from "~/models/selection.server";

// The side-by-side comparison: one column per proposal, one row per aspect, so the eye runs along a
// row to compare prices or timelines. On a phone the table scrolls sideways with the labels pinned.

export interface SelectionActionData {
  intent: "shortlist" | "select" | "decline" | null;
  proposalId: number | null;
  result: SubmissionResult<string[]>;
}

const STATUS_COLOURS: Record<ProposalStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  submitted: "bg-sky-100 text-sky-900",
  shortlisted: "bg-amber-100 text-amber-900",
  selected: "bg-emerald-100 text-emerald-900 ring-1 ring-emerald-400",
  declined: "bg-slate-200 text-slate-700",
  withdrawn: "bg-slate-200 text-slate-700",
};

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useI18n();
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${STATUS_COLOURS[status]}`}>{t(`selection.status.${status}`)}</span>;
}

function fileSize(bytes: number, lang: "zh" | "en"): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, lang)} MB`;
}

const SUMMARY_LENGTH = 90;

function LongText({ text }: { text: string }) {
  const { t } = useI18n();
  if (!text) return <span className="text-slate-500">{t("selection.none")}</span>;
  if (text.length <= SUMMARY_LENGTH) return <p className="whitespace-pre-line break-words">{text}</p>;
  // Closed, the summary is the beginning of the text; opened, the whole text replaces it.
  return (
    <details className="group">
      <summary className="cursor-pointer list-none break-words [&::-webkit-details-marker]:hidden">
        <span className="group-open:hidden">{text.slice(0, SUMMARY_LENGTH)}… <span className="text-brand-700 underline">{t("selection.more")}</span></span>
        <span className="hidden text-brand-700 underline group-open:inline">{t("selection.less")}</span>
      </summary>
      <p className="mt-1 whitespace-pre-line break-words">{text}</p>
    </details>
  );
}

// Labels stay in view while the proposals scroll under them; on a phone a column is a little
// narrower than the screen so the next one peeks in and says there is more.
const LABEL = "sticky left-0 z-10 w-[5.5rem] min-w-[5.5rem] whitespace-nowrap border-r border-slate-200 bg-slate-50 p-2 text-left align-top text-xs font-medium text-slate-600 sm:w-28 sm:text-sm";
const COLUMN = "min-w-[14.5rem] max-w-[22rem] p-2 align-top sm:min-w-[12rem]";

function Row({ label, proposals, cell }: { label: string; proposals: ProposalView[]; cell: (p: ProposalView) => ReactNode }) {
  return (
    <tr className="border-t border-slate-200 align-top">
      <th scope="row" className={LABEL}>{label}</th>
      {proposals.map((p) => <td key={p.id} className={`${COLUMN} text-sm`}>{cell(p)}</td>)}
    </tr>
  );
}

export function ProposalTable({ caption, proposals, actionData }: { caption: string; proposals: ProposalView[]; actionData: SelectionActionData | null }) {
  const { t, lang } = useI18n();
  const none = <span className="text-slate-500">{t("selection.none")}</span>;
  const anyActions = proposals.some((p) => p.can.shortlist || p.can.select || p.can.decline);
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      {proposals.length > 1 && <p className="px-2 pt-2 text-xs text-slate-500 md:hidden">{t("selection.scroll")}</p>}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className={LABEL}>{t("selection.col.vendor")}</th>
              {proposals.map((p) => (
                <th key={p.id} scope="col" className={`${COLUMN} text-left`}>
                  <Link to={`/vendors/${p.vendor.id}`} className="font-semibold text-brand-700 underline break-words">{p.vendor.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <Row label={t("selection.col.status")} proposals={proposals} cell={(p) => (
              <>
                <ProposalStatusBadge status={p.status} />
                {p.decisionReason && (
                  <p className="mt-1 text-xs text-slate-600 break-words">
                    {t("selection.reason", { reason: p.decisionReason === OTHER_SELECTED_REASON ? t("selection.otherSelected") : p.decisionReason })}
                  </p>
                )}
              </>
            )} />
            <Row label={t("selection.col.price")} proposals={proposals} cell={(p) => (
              p.priceWan === null ? none : <strong className="text-base">{t("selection.price", { price: p.priceWan })}</strong>
            )} />
            <Row label={t("selection.col.timeline")} proposals={proposals} cell={(p) => <LongText text={p.timeline} />} />
            <Row label={t("selection.col.products")} proposals={proposals} cell={(p) => (
              p.products.length === 0 ? none : (
                <ul className="space-y-1">
                  {p.products.map((x) => (
                    <li key={x.id} className="break-words">
                      {x.name} <span className="text-xs text-slate-500">· {t(`selection.kind.${x.kind as "agent"}`)}</span>
                      {x.filingNumber && <span className="block font-mono text-xs text-slate-500">{t("selection.filing", { number: x.filingNumber })}</span>}
                    </li>
                  ))}
                </ul>
              )
            )} />
            <Row label={t("selection.col.cases")} proposals={proposals} cell={(p) => (
              p.cases.length === 0 ? none : (
                <ul className="space-y-1">
                  {p.cases.map((c) => (
                    <li key={c.id} className="break-words">
                      <span className="font-medium">{c.client}</span>{c.year !== null && <span className="text-slate-500"> · {c.year}</span>}
                      <span className="block text-xs text-slate-600">{c.scenario}{c.result && ` — ${c.result}`}</span>
                    </li>
                  ))}
                </ul>
              )
            )} />
            <Row label={t("selection.col.approach")} proposals={proposals} cell={(p) => <LongText text={p.approach} />} />
            <Row label={t("selection.col.team")} proposals={proposals} cell={(p) => <LongText text={p.team} />} />
            <Row label={t("selection.col.attachments")} proposals={proposals} cell={(p) => (
              p.attachments.length === 0 ? none : (
                <ul className="space-y-1">
                  {p.attachments.map((a) => (
                    <li key={a.id} className="break-all">
                      <a href={`/proposals/${p.id}/attachments/${a.id}`} className="text-brand-700 underline">{a.fileName}</a>
                      <span className="text-xs text-slate-500"> ({fileSize(a.sizeBytes, lang)})</span>
                    </li>
                  ))}
                </ul>
              )
            )} />
            <Row label={t("selection.col.reconfirmation")} proposals={proposals} cell={(p) => (
              p.needsReconfirmation
                ? <span className="font-medium text-orange-800">{t("selection.reconfirm.needed")}</span>
                : <span className="text-slate-700">{t("selection.reconfirm.ok")}</span>
            )} />
            <Row label={t("selection.col.submittedAt")} proposals={proposals} cell={(p) => (
              p.submittedAt ? <time dateTime={p.submittedAt}>{formatDateTime(p.submittedAt, lang)}</time> : none
            )} />
            {anyActions && (
              <Row label={t("selection.col.actions")} proposals={proposals} cell={(p) => <Actions proposal={p} actionData={actionData} />} />
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Actions({ proposal: p, actionData }: { proposal: ProposalView; actionData: SelectionActionData | null }) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("proposalId") === String(p.id);
  const declineResult = actionData?.intent === "decline" && actionData.proposalId === p.id ? actionData.result : null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {p.can.shortlist && (
          <Form method="post">
            <input type="hidden" name="proposalId" value={p.id} />
            <button type="submit" name="intent" value="shortlist" disabled={busy} className="rounded border border-amber-400 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 hover:bg-amber-100 disabled:opacity-60">
              {t("selection.shortlist")}
            </button>
          </Form>
        )}
        {p.can.select && (
          <Link to={`?confirm=${p.id}#confirm-select`} preventScrollReset className={`${buttonClass} inline-block text-sm`}>{t("selection.select")}</Link>
        )}
      </div>
      {p.can.decline && <DeclineForm proposalId={p.id} lastResult={declineResult} busy={busy} />}
    </div>
  );
}

function DeclineForm({ proposalId, lastResult, busy }: { proposalId: number; lastResult: SubmissionResult<string[]> | null; busy: boolean }) {
  const { t } = useI18n();
  const [form, fields] = useForm({
    id: `decline-${proposalId}`,
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema }),
  });
  return (
    <details open={Boolean(lastResult)} className="rounded border border-slate-200 p-2">
      <summary className="cursor-pointer text-sm text-red-800">{t("selection.decline")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="proposalId" value={proposalId} />
        <Field label={t("selection.decline.reason")} htmlFor={fields.reason.id} errors={fields.reason.errors} errorId={fields.reason.errorId}>
          <textarea {...getTextareaProps(fields.reason)} rows={3} className={`${inputClass} text-sm`} />
        </Field>
        <button type="submit" name="intent" value="decline" disabled={busy} className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {busy ? t("selection.pending") : t("selection.decline.submit")}
        </button>
      </Form>
    </details>
  );
}

/** The confirm step of a selection, reached by a link so it works before JavaScript loads. */
export function ConfirmSelection({ proposal, lastResult }: { proposal: { id: number; vendor: string; others: number }; lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "select";
  const [form, fields] = useForm({
    id: `select-${proposal.id}`,
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: selectSchema }),
  });
  return (
    <section id="confirm-select" aria-labelledby="confirm-title" className="rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
      <h2 id="confirm-title" className="text-lg font-semibold break-words">{t("selection.confirm.title", { vendor: proposal.vendor })}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("selection.confirm.body", { n: proposal.others })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <input type="hidden" name="proposalId" value={proposal.id} />
        <Field label={t("selection.confirm.note")} htmlFor={fields.note.id} errors={fields.note.errors} errorId={fields.note.errorId}>
          <textarea {...getTextareaProps(fields.note)} rows={2} className={inputClass} />
        </Field>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" name="intent" value="select" disabled={busy} className={buttonClass}>
            {busy ? t("selection.pending") : t("selection.confirm.submit")}
          </button>
          <Link to="." className="text-sm text-brand-700 underline">{t("selection.confirm.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
