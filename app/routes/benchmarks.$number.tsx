import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "react-router";
import { z } from "zod";
import { getOptionalUser, requireUser } from "~/auth/guards.server";
import { KpiTable } from "~/components/benchmark-kpis";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/form";
import { Section } from "~/components/section";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { parseBenchmarkNumber } from "~/domain/benchmark-showcase";
import { formatDate } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { getShowcaseBenchmark, replicateBenchmark, untouchedReplica } from "~/models/benchmark-showcase.server";
import type { Owner } from "~/models/my-scenarios.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

const notFound = () => new Response("Not Found", { status: 404 });

async function findBenchmark(param: string | undefined) {
  const number = parseBenchmarkNumber(param);
  const benchmark = number ? await getShowcaseBenchmark(db(), number) : null;
  if (!benchmark) throw notFound();
  return benchmark;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const benchmark = await findBenchmark(params.number);
  const user = await getOptionalUser(request);
  const here = `/benchmarks/${benchmark.number}`;
  const replicate = !user
    ? { kind: "anonymous" as const, signIn: `/login?${new URLSearchParams({ redirectTo: here })}` }
    : user.role === "demand_member" && user.organisationId !== null
      ? {
        kind: "demand" as const,
        // Posting the same form twice (double click, resend) makes one draft: the key says "same form".
        submissionKey: randomUUID(),
        existingDraftId: await untouchedReplica(db(), user.organisationId, benchmark.id),
      }
      : { kind: "other" as const };
  return { benchmark, replicate };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${data.benchmark.number} ${data.benchmark.scenario.title}` : t("showcase.detail.notFound.title")));

const replicateForm = z.object({
  intent: z.literal("replicate"),
  submissionKey: z.string().min(16).max(100),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Only demand organisations post scenarios.
  if (user.role !== "demand_member" || user.organisationId === null) throw new Response("Forbidden", { status: 403 });
  const parsed = replicateForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "showcase.replicate.expired" as const }, { status: 400 });
  const number = parseBenchmarkNumber(params.number);
  if (!number) throw notFound();
  const owner: Owner = { userId: user.id, organisationId: user.organisationId, verified: user.organisationVerified, ip: clientAddress(context) };
  const result = await replicateBenchmark(db(), owner, user, number, parsed.data.submissionKey);
  if (result.ok) return redirect(`/my/scenarios/${result.id}?done=replicated`);
  if (result.problem.code === "benchmark_not_found") throw notFound();
  const error = result.problem.code === "no_edition" ? ("showcase.replicate.noEdition" as const) : ("showcase.replicate.expired" as const);
  return data({ error }, { status: 409 });
}

export default function BenchmarkPage() {
  const { benchmark: b } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const hiddenReplicas = b.replications.count - b.replications.scenarios.length;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p><Link to="/benchmarks" className="text-sm text-brand-700 underline">← {t("showcase.detail.back")}</Link></p>
      <header>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-amber-900">{b.number}</span>
          <time dateTime={b.certifiedAt}>{t("showcase.certifiedOn", { date: formatDate(b.certifiedAt, lang) })}</time>
        </p>
        <h1 className="mt-1 text-2xl font-bold break-words">{b.scenario.title}</h1>
      </header>

      <dl className="grid gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm grid-cols-[auto_1fr]">
        <dt className="text-slate-500">{t("showcase.detail.scenario")}</dt>
        <dd className="min-w-0 break-words">
          <Link to={`/scenarios/${b.scenario.code}`} className="text-brand-700 underline">{b.scenario.code}</Link>
          {" · "}{vocabularyLabel(t, lang, "domain", b.scenario.domain)}
          {b.scenario.venueType && <>{" · "}{vocabularyLabel(t, lang, "venue", b.scenario.venueType)}</>}
          {" · "}{vocabularyLabel(t, lang, "district", b.scenario.district)}
        </dd>
        <dt className="text-slate-500">{t("showcase.organisation")}</dt>
        <dd className="min-w-0 break-words">{b.organisation.name}</dd>
        <dt className="text-slate-500">{t("showcase.vendor")}</dt>
        <dd className="min-w-0 break-words"><Link to={`/vendors/${b.vendor.id}`} className="text-brand-700 underline">{b.vendor.name}</Link></dd>
        <dt className="text-slate-500">{t("showcase.detail.certified")}</dt>
        <dd>{formatDate(b.certifiedAt, lang)}</dd>
        {b.notice.startsAt && b.notice.endsAt && (
          <>
            <dt className="text-slate-500">{t("showcase.detail.notice")}</dt>
            <dd>{t("showcase.detail.noticeRange", { start: formatDate(b.notice.startsAt, lang), end: formatDate(b.notice.endsAt, lang) })}</dd>
          </>
        )}
        {b.meanScore !== null && (
          <>
            <dt className="text-slate-500">{t("showcase.detail.meanScore")}</dt>
            <dd className="font-semibold" data-testid="mean-score">{b.meanScore}</dd>
          </>
        )}
        {b.capabilities.length > 0 && (
          <>
            <dt className="text-slate-500">{t("showcase.detail.capabilities")}</dt>
            <dd className="flex flex-wrap gap-1.5">
              {b.capabilities.map((c) => <span key={c.slug} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{lang === "en" ? c.en : c.zh}</span>)}
            </dd>
          </>
        )}
      </dl>

      <Section id="kpis" title={t("showcase.detail.kpis")}>
        <KpiTable kpis={b.kpis} />
      </Section>

      {b.narrative && (
        <Section id="narrative" title={t("showcase.detail.narrative")}>
          <p className="whitespace-pre-line break-words text-slate-800">{b.narrative}</p>
        </Section>
      )}

      <Section id="replications" title={t("showcase.detail.replications")}>
        <p data-testid="replication-count">
          {b.replications.count > 0 ? t("showcase.detail.replications.count", { n: b.replications.count }) : t("showcase.detail.replications.none")}
          {hiddenReplicas > 0 && <> {t("showcase.detail.replications.hidden", { n: hiddenReplicas })}</>}
        </p>
        {b.replications.scenarios.length > 0 && (
          <ul className="mt-2 space-y-1 text-sm">
            {b.replications.scenarios.map((s) => (
              <li key={s.code} className="break-words">
                <Link to={`/scenarios/${s.code}`} className="font-mono text-brand-700 underline">{s.code}</Link>{" "}
                {s.title} <span className="text-slate-500">· {s.organisation}</span>
              </li>
            ))}
          </ul>
        )}
        <ReplicatePanel />
      </Section>
    </div>
  );
}

function ReplicatePanel() {
  const { replicate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "replicate";
  return (
    <div className="mt-4 rounded border border-brand-100 bg-brand-50 p-3 text-sm">
      <h3 className="font-semibold">{t("showcase.replicate.title")}</h3>
      {replicate.kind === "anonymous" && (
        <>
          <p className="mt-1 text-slate-700">{t("showcase.replicate.anonymous")}</p>
          <Link to={replicate.signIn} className={`${buttonClass} mt-2 inline-block`}>{t("showcase.replicate.signIn")}</Link>
        </>
      )}
      {replicate.kind === "other" && <p className="mt-1 text-slate-700" data-testid="replicate-refused">{t("showcase.replicate.notDemand")}</p>}
      {replicate.kind === "demand" && (
        <>
          <p className="mt-1 text-slate-700">{t("showcase.replicate.lead")}</p>
          {replicate.existingDraftId !== null && (
            <p className="mt-1">
              {t("showcase.replicate.existing")}{" "}
              <Link to={`/my/scenarios/${replicate.existingDraftId}`} className="text-brand-700 underline">{t("showcase.replicate.open")}</Link>
            </p>
          )}
          {actionData?.error && <p role="alert" className="mt-2 text-red-700">{t(actionData.error)}</p>}
          <Form method="post" className="mt-2">
            <input type="hidden" name="submissionKey" value={replicate.submissionKey} />
            <button type="submit" name="intent" value="replicate" disabled={busy} className={buttonClass}>
              {busy ? t("showcase.replicate.pending") : t("showcase.replicate.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <section className="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-title">
      <p className="text-5xl font-bold text-slate-500" aria-hidden>404</p>
      <h1 id="error-title" className="mt-4 text-2xl font-semibold">{t("showcase.detail.notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t("showcase.detail.notFound.body")}</p>
      <Link className="mt-6 inline-block text-brand-700 underline" to="/benchmarks">{t("showcase.detail.back")}</Link>
    </section>
  );
}
