import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Link, useLoaderData } from "react-router";
import type { ReactNode } from "react";
import { getOptionalUser, requireUser } from "~/auth/guards.server";
import { AmendmentList } from "~/components/amendment-list";
import { AwardNotice } from "~/components/award-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Section } from "~/components/section";
import { ProposalPanel } from "~/components/proposal-panel";
import { PrintButton } from "~/components/print-button";
import { ScenarioCard } from "~/components/scenario-card";
import { ScenarioQuestions } from "~/components/scenario-questions";
import { StatusBadge } from "~/components/status-badge";
import { SOURCE_KEYS } from "~/domain/import/source-fields";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { passRetryAfter } from "~/utils/retry-after";
import { isQuestionIntent } from "~/domain/questions";
import { formatDate, formatDateTime } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { questionsAction, questionsPanel } from "~/models/questions-page.server";
import { bidPanel } from "~/models/proposal-page.server";
import { getPublicScenario } from "~/models/scenario-detail.server";
import { awardFor } from "~/models/selection.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").toUpperCase();
  const found = /^NJ-\d{4}-\d{4}$/.test(code) ? await getPublicScenario(db(), code) : null;
  if (!found) throw data({ kind: "scenario_not_found", code: (params.code ?? "").slice(0, 40) }, { status: 404 });
  // One session lookup for the page: the Q&A section and the bid panel both depend on who is looking.
  const viewer = await getOptionalUser(request);
  const [questions, award, bid] = await Promise.all([
    questionsPanel(viewer, code),
    awardFor(db(), found.scenario.id),
    bidPanel(db(), viewer, found.scenario.id),
  ]);
  return { ...found, questions, award, bid };
}

export const headers = passRetryAfter;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const code = (params.code ?? "").toUpperCase();
  const form = await readForm(request);
  const intent = form.get("intent");
  if (isQuestionIntent(intent)) return questionsAction(request, form, { code, intent, ip: clientAddress(context) });
  await requireUser(request);
  throw new Response("Bad Request", { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => data?.scenario.title ?? t("scenario.notFound.title"));

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-slate-100 py-2 sm:grid sm:grid-cols-[8rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

function Paragraphs({ text }: { text: string }) {
  return <>{text.split(/\n+/).filter(Boolean).map((p, i) => <p key={i} className="mt-1 leading-relaxed wrap-anywhere">{p}</p>)}</>;
}

export default function ScenarioPage() {
  const { scenario: s, phase, capabilities, dataResources, attachments, timeline, related, amendments, questions, award, archive, source, industries } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const label = (kind: Parameters<typeof vocabularyLabel>[2], value: string | null) => vocabularyLabel(t, lang, kind, value);

  return (
    <article className="space-y-4">
      <div data-print="hide" className="flex flex-wrap items-center justify-between gap-2">
        <Link to="/scenarios" className="text-sm text-brand-700 underline">← {t("scenario.back")}</Link>
        <PrintButton label={t("opendata.print.button")} />
      </div>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span className="font-mono">{s.code}</span>
          {archive && s.status === "published"
            ? <span className="rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-800">{t("lists.archive.badge")}</span>
            : <StatusBadge status={s.status} phase={phase} />}
          {s.ordinal !== null && <span>{t("batch.label", { year: String(s.year), ordinal: s.ordinal })}</span>}
        </div>
        <h1 className="mt-1 text-2xl font-bold break-words">{s.title}</h1>
        <p className="mt-1 text-slate-700">{s.organisation}</p>
        {archive && <p className="mt-2 rounded border border-slate-300 bg-slate-50 p-2 text-sm text-slate-700">{t("lists.archive.lead")}</p>}
      </header>
      <AwardNotice award={award} />

      <div className="grid gap-4 lg:grid-cols-[1fr_20rem] print:flex print:flex-col">
        <div className="space-y-4">
          <Section id="description" title={t("scenario.description")}><Paragraphs text={s.description} /></Section>
          {s.requirements && <Section id="requirements" title={t("scenario.requirements")}><Paragraphs text={s.requirements} /></Section>}
          {s.acceptance_criteria && <Section id="acceptance" title={t("scenario.acceptance")}><Paragraphs text={s.acceptance_criteria} /></Section>}
          <Section id="data" title={t("scenario.dataResources")}>
            {dataResources.length === 0 ? <p className="text-sm text-slate-600">{t("scenario.data.none")}</p> : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="text-slate-500">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">{t("scenario.data.kind")}</th>
                      <th scope="col" className="py-1 pr-3 font-medium">{t("scenario.data.volume")}</th>
                      <th scope="col" className="py-1 pr-3 font-medium">{t("scenario.data.labelled")}</th>
                      <th scope="col" className="py-1 font-medium">{t("scenario.data.sensitivity")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dataResources.map((d, i) => (
                      <tr key={i} className="border-t border-slate-100">
                        <td className="py-1 pr-3">{d.kind}</td>
                        <td className="py-1 pr-3">{d.volume}</td>
                        <td className="py-1 pr-3">{d.labelled ? t("yes") : t("no")}</td>
                        <td className="py-1">{label("sensitivity", d.sensitivity)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
          <AmendmentList amendments={amendments} />
          {s.site_access && <Section id="site" title={t("scenario.siteAccess")}><Paragraphs text={s.site_access} /></Section>}
          {questions && <ScenarioQuestions code={s.code ?? ""} panel={questions} />}
          <Section id="timeline" title={t("scenario.timeline")}>
            <ol className="relative ml-2 border-l border-slate-200">
              {timeline.map((entry, i) => (
                <li key={i} className="mb-3 ml-4">
                  <span aria-hidden className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border border-white bg-brand-600" />
                  <p className="text-sm"><StatusBadge status={entry.to} /> <time dateTime={entry.at} className="text-slate-500">{formatDateTime(entry.at, lang)}</time></p>
                  {entry.reason && <p className="mt-1 text-sm text-slate-700">{entry.reason}</p>}
                </li>
              ))}
            </ol>
          </Section>
        </div>

        <aside className="space-y-4 print:order-first">
          <ProposalPanel />
          <section aria-label={t("scenario.code")} className="rounded-lg border border-slate-200 bg-white p-4">
            <dl>
              <Field label={t("scenario.domain")}>{label("domain", s.domain)}</Field>
              <Field label={t("scenario.venueType")}>{label("venue", s.venue_type)}</Field>
              <Field label={t("scenario.district")}>{label("district", s.district)}</Field>
              <Field label={t("scenario.mode")}>{label("mode", s.cooperation_mode)}</Field>
              <Field label={t("scenario.tier")}>{label("tier", s.tier)}</Field>
              {industries.length > 0 && (
                <Field label={t("lists.industries")}>
                  {industries.map((i) => `${t(`industry.${i.industry}` as "industry.general")}${i.source === "inferred" ? t("lists.industries.inferred") : ""}`).join("、")}
                </Field>
              )}
              <Field label={t("scenario.budget")}>{s.budget_wan === null ? t("list.budgetNegotiable") : t("list.budgetValue", { budget: s.budget_wan })}</Field>
              <Field label={t("scenario.period")}>
                {s.period_start && s.period_end ? t("period.range", { start: formatDate(s.period_start, lang), end: formatDate(s.period_end, lang) }) : t("scenario.notSpecified")}
              </Field>
              {s.published_at && <Field label={t("scenario.publishedAt")}>{formatDate(s.published_at, lang)}</Field>}
              {s.proposal_deadline && (
                <Field label={t("scenario.deadline")}>
                  {formatDateTime(s.proposal_deadline, lang)}
                  {amendments.some((a) => a.deadlineAfter !== a.deadlineBefore) && <span className="block text-xs text-amber-800">{t("amend.deadlineNote")}</span>}
                </Field>
              )}
            </dl>
            {capabilities.length > 0 && (
              <div className="mt-3">
                <h2 className="text-sm text-slate-500">{t("scenario.capabilities")}</h2>
                <ul className="mt-1 flex flex-wrap gap-1">
                  {capabilities.map((c) => (
                    <li key={c.slug}>
                      <Link to={`/scenarios?q=${encodeURIComponent(c.name_zh)}`} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800 hover:underline">
                        {lang === "en" ? c.name_en : c.name_zh}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          {source && (
            <Section id="source" title={t("lists.source.title")}>
              <dl>
                {SOURCE_KEYS.filter((k) => source[k]).map((k) => (
                  <Field key={k} label={t(`lists.source.${k}`)}>{source[k]}</Field>
                ))}
              </dl>
            </Section>
          )}
          <Section id="contact" title={t("scenario.contact")}>
            <dl>
              <Field label={t("scenario.contactName")}>{s.contact_name}</Field>
              {s.contact_phone && <Field label={t("scenario.phone")}><a className="underline" href={`tel:${s.contact_phone}`}>{s.contact_phone}</a></Field>}
              {s.contact_email && <Field label={t("scenario.email")}><a className="underline break-all" href={`mailto:${s.contact_email}`}>{s.contact_email}</a></Field>}
            </dl>
          </Section>
          <Section id="attachments" title={t("scenario.attachments")}>
            {attachments.length === 0 ? <p className="text-sm text-slate-600">{t("scenario.attachments.none")}</p> : (
              <ul className="text-sm">{attachments.map((a) => <li key={a.id}>{a.file_name}</li>)}</ul>
            )}
          </Section>
        </aside>
      </div>

      <section aria-labelledby="related" data-print="hide">
        <h2 id="related" className="text-lg font-semibold">{t("scenario.related")}</h2>
        {related.length === 0 ? <p className="text-sm text-slate-600">{t("scenario.related.none")}</p> : (
          <ul className="mt-2 grid gap-3 md:grid-cols-2">{related.map((r) => <li key={r.id}><ScenarioCard scenario={r} /></li>)}</ul>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
