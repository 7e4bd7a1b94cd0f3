import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { ReactNode } from "react";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { formatDateTime, type Translate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { searchOverview } from "~/models/search-admin.server";
import { reindexAll, ReindexBusyError, type ReindexResult } from "~/search/reindex.server";
import { searchEngine } from "~/search/search.server";
import { applySearchOutbox, retrySearchOutboxNow } from "~/search/sync.server";
import { requestSearchSync } from "~/search/worker.server";
import { env } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { ...(await searchOverview(db(), searchEngine(), env().MEILI_HOST)), now: new Date().toISOString() };
}

type ActionResult =
  | { intent: "reindex"; results: ReindexResult[] }
  | { intent: "reindex"; busy: true }
  | { intent: "retry"; applied: number; failed: number }
  | { intent: null };

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const intent = (await readForm(request)).get("intent");
  if (intent === "reindex") {
    try {
      const results = await reindexAll(db(), searchEngine());
      // Changes made while it ran go to the new index now.
      requestSearchSync();
      return data<ActionResult>({ intent, results }, { status: results.every((r) => r.ok) ? 200 : 502 });
    } catch (error) {
      if (error instanceof ReindexBusyError) return data<ActionResult>({ intent, busy: true }, { status: 409 });
      throw error;
    }
  }
  if (intent === "retry") {
    await retrySearchOutboxNow(db());
    const report = await applySearchOutbox(db(), searchEngine());
    return data<ActionResult>({ intent, applied: report.applied, failed: report.failed });
  }
  return data<ActionResult>({ intent: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("searchAdmin.title"));

function age(t: Translate, from: string, now: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(from)) / 1000));
  if (seconds < 60) return t("searchAdmin.age.seconds", { n: seconds });
  if (seconds < 3600) return t("searchAdmin.age.minutes", { n: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t("searchAdmin.age.hours", { n: Math.floor(seconds / 3600) });
  return t("searchAdmin.age.days", { n: Math.floor(seconds / 86_400) });
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      <div className="mt-2 text-sm">{children}</div>
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2 py-0.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

export default function SearchAdmin() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const entityLabel = (entity: string) => t(entity === "vendor" ? "searchAdmin.entity.vendor" : "searchAdmin.entity.scenario");
  const { sync } = d;
  const mismatch = "count" in d.indexed && d.indexed.count !== d.publicScenarios;

  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("searchAdmin.title")}</h1>
      <p className="text-slate-600">{t("searchAdmin.lead")}</p>

      {result && "results" in result && (
        <div role="status" className="space-y-1 rounded border border-slate-300 bg-slate-50 p-3 text-sm">
          {result.results.map((r) => (
            <p key={r.entity} className={r.ok ? "text-emerald-900" : "text-red-800"}>
              {r.ok
                ? t("searchAdmin.reindex.done", { entity: entityLabel(r.entity), n: r.documents, settled: r.settledRows, ms: r.ms })
                : t("searchAdmin.reindex.failed", { entity: entityLabel(r.entity), error: r.error ?? "" })}
            </p>
          ))}
        </div>
      )}
      {result && "busy" in result && <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("searchAdmin.reindex.busy")}</p>}
      {result && "applied" in result && (
        <p role="status" className="rounded border border-slate-300 bg-slate-50 p-3 text-sm">{t("searchAdmin.retry.done", { applied: result.applied, failed: result.failed })}</p>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <Panel id="engine" title={t("searchAdmin.engine.heading")}>
          <dl>
            <Row label={t("searchAdmin.engine.name")}>{t(d.engine.name === "meilisearch" ? "searchAdmin.engine.meilisearch" : "searchAdmin.engine.embedded")}</Row>
            <Row label={t("searchAdmin.engine.host")}>{d.engine.host ?? t("searchAdmin.engine.hostEmbedded")}</Row>
            <Row label={t("searchAdmin.engine.indexed")}>
              {"count" in d.indexed ? d.indexed.count : <span className="text-red-800">{t("searchAdmin.engine.unreachable", { error: d.indexed.error })}</span>}
            </Row>
            <Row label={t("searchAdmin.engine.public")}>{d.publicScenarios}</Row>
            {d.version && "version" in d.version && <Row label={t("searchAdmin.engine.version")}>{d.version.version}</Row>}
          </dl>
          {mismatch && <p className="mt-2 text-amber-900">{t("searchAdmin.engine.mismatch")}</p>}
          {d.version && "error" in d.version && (
            <p role="alert" className="mt-2 text-red-800">{t("searchAdmin.engine.versionUnknown", { error: d.version.error })}</p>
          )}
          {d.version && "support" in d.version && d.version.support !== "supported" && (
            <p role="alert" className={d.version.support === "noChineseSplit" ? "mt-2 text-amber-900" : "mt-2 text-red-800"}>
              {d.version.support === "unsupported"
                ? t("searchAdmin.engine.versionUnsupported", { version: d.version.version })
                : d.version.support === "noChineseSplit"
                  ? t("searchAdmin.engine.versionNoChineseSplit", { version: d.version.version })
                  : t("searchAdmin.engine.versionUnknown", { error: d.version.version })}
            </p>
          )}
          {d.engine.name === "meilisearch" && <p className="mt-2 text-slate-600">{t("searchAdmin.engine.words")}</p>}
        </Panel>

        <Panel id="outbox" title={t("searchAdmin.outbox.heading")}>
          <dl>
            <Row label={t("searchAdmin.outbox.pending")}>{sync.pending}</Row>
            <Row label={t("searchAdmin.outbox.failing")}>{sync.failing}</Row>
            <Row label={t("searchAdmin.outbox.oldest")}>{sync.oldestPendingAt ? age(t, sync.oldestPendingAt, d.now) : t("searchAdmin.outbox.none")}</Row>
            {sync.failing > 0 && sync.nextAttemptAt && <Row label={t("searchAdmin.outbox.nextAttempt")}>{formatDateTime(sync.nextAttemptAt, lang)}</Row>}
            <Row label={t("searchAdmin.outbox.lastApplied")}>{sync.lastAppliedAt ? formatDateTime(sync.lastAppliedAt, lang) : t("searchAdmin.outbox.none")}</Row>
          </dl>
          <Form method="post" className="mt-3">
            <button type="submit" name="intent" value="retry" className={buttonClass} disabled={busyIntent != null}>{t("searchAdmin.retry.button")}</button>
          </Form>
        </Panel>

        <Panel id="last-error" title={t("searchAdmin.error.heading")}>
          {sync.lastError ? (
            <>
              <p className="text-slate-600">{t("searchAdmin.error.at", { at: formatDateTime(sync.lastError.at, lang), entity: entityLabel(sync.lastError.entity), id: sync.lastError.entityId })}</p>
              <p className="mt-1 break-all font-mono text-xs">{sync.lastError.message}</p>
              <p className={sync.lastError.resolved ? "mt-1 text-emerald-800" : "mt-1 text-amber-900"}>
                {t(sync.lastError.resolved ? "searchAdmin.error.resolved" : "searchAdmin.error.open")}
              </p>
            </>
          ) : <p className="text-slate-600">{t("searchAdmin.error.none")}</p>}
        </Panel>

        <Panel id="reindex" title={t("searchAdmin.reindex.heading")}>
          <p className="text-slate-600">{t("searchAdmin.reindex.lead")}</p>
          <p className="mt-2">
            {sync.lastReindex ? (
              <>
                {t("searchAdmin.reindex.last", { at: formatDateTime(sync.lastReindex.startedAt, lang) })}
                {" · "}
                {sync.lastReindex.finishedAt === null
                  ? t("searchAdmin.reindex.running")
                  : sync.lastReindex.error
                    ? t("searchAdmin.reindex.lastFailed", { error: sync.lastReindex.error })
                    : t("searchAdmin.reindex.lastOk", { n: sync.lastReindex.documents ?? 0 })}
              </>
            ) : t("searchAdmin.reindex.never")}
          </p>
          <Form method="post" className="mt-3">
            <button type="submit" name="intent" value="reindex" className={buttonClass} disabled={busyIntent != null}>{t("searchAdmin.reindex.button")}</button>
          </Form>
        </Panel>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
