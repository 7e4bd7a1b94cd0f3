import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SaveSearchForm } from "~/components/save-search-form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { passRetryAfter, tooManyRequests, tryAgainMessage } from "~/utils/retry-after";
import { message } from "~/domain/forms/messages";
import { savedSearchActionSchema } from "~/domain/forms/saved-searches";
import { FREQUENCIES, MAX_SAVED_SEARCHES, savedQuery } from "~/domain/saved-searches";
import { formatDateTime } from "~/i18n/i18n";
import { summarizeQuery } from "~/i18n/query-summary";
import { useI18n } from "~/i18n/use-i18n";
import { absoluteUrl } from "~/mail/outbox.server";
import { createSavedSearch, deleteSavedSearch, listSavedSearches, setSavedSearchFrequency } from "~/models/saved-searches.server";
import { searchEngine } from "~/search/search.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("savedSearch.list.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const searches = await listSavedSearches(db(), searchEngine(), user.id);
  return {
    searches: searches.map((s) => ({ ...s, feedUrl: absoluteUrl(`/feeds/searches/${s.feedToken}.atom`), feedToken: undefined })),
  };
}

export const headers = passRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: savedSearchActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { value } = submission;
  const ip = clientAddress(context);
  if (value.intent === "save") {
    const result = await createSavedSearch(db(), user.id, value, ip);
    if (!result.ok && result.problem === "rate_limited") return data(submission.reply({ formErrors: [tryAgainMessage(result.retryAfter)] }), tooManyRequests(result.retryAfter));
    if (!result.ok) return data(submission.reply({ formErrors: [message("savedSearch.error.tooMany", { max: MAX_SAVED_SEARCHES })] }), { status: 409 });
    return redirect(`/my/searches?done=saved&id=${result.id}`);
  }
  const done = value.intent === "delete"
    ? await deleteSavedSearch(db(), user.id, value.id, ip)
    : await setSavedSearchFrequency(db(), user.id, value.id, value.frequency, ip);
  // Someone else's saved search does not exist as far as this user can tell.
  if (!done) throw new Response("Not Found", { status: 404 });
  return redirect(`/my/searches?done=${value.intent}&id=${value.id}`);
}

export default function SavedSearches() {
  const { searches } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const done = params.get("done");
  const doneId = Number(params.get("id"));
  const saved = done === "saved" ? searches.find((s) => s.id === doneId) : undefined;
  // A save posted from the list that came back with errors: show it again here, as typed.
  const failedSave = lastResult && lastResult.initialValue?.intent === "save" ? lastResult : null;
  const failedQuery = typeof failedSave?.initialValue?.query === "string" ? failedSave.initialValue.query : "";

  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">{t("savedSearch.list.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("savedSearch.list.lead")}</p>

      {(saved || done === "frequency" || done === "delete") && (
        <p role="status" className="mt-4 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {saved ? t("savedSearch.done.saved", { name: saved.name }) : done === "frequency" ? t("savedSearch.done.frequency") : t("savedSearch.done.deleted")}
        </p>
      )}

      {failedSave && (
        <section aria-labelledby="save-heading" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="save-heading" className="font-semibold">{t("savedSearch.save.title")}</h2>
          <p className="mb-3 text-sm text-slate-600">{summarizeQuery(savedQuery(failedQuery), t, lang)}</p>
          <SaveSearchForm query={failedQuery} defaultName="" lastResult={failedSave} />
        </section>
      )}

      {searches.length === 0 ? (
        <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p>{t("savedSearch.list.empty")}</p>
          <Link to="/scenarios" className="mt-2 inline-block text-brand-700 underline">{t("savedSearch.list.toScenarios")}</Link>
        </div>
      ) : (
        <ul className="mt-6 space-y-3">
          {searches.map((s) => (
            <li key={s.id} id={`search-${s.id}`} className={`rounded-lg border bg-white p-4 ${s.id === doneId ? "border-brand-600" : "border-slate-200"}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 className="min-w-0 break-words text-lg font-semibold">
                  <Link to={`/my/searches/${s.id}/open`} className="text-brand-700 underline">{s.name}</Link>
                </h2>
                <NewBadge count={s.newCount} capped={s.newCapped} />
              </div>
              <p className="mt-1 break-words text-sm text-slate-700">
                <span className="text-slate-500">{t("savedSearch.list.conditions")}：</span>{summarizeQuery(savedQuery(s.query), t, lang)}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                {t("savedSearch.list.created", { date: formatDateTime(s.createdAt, lang) })}
                {s.lastAlertedAt && <> · {t("savedSearch.list.lastAlerted", { date: formatDateTime(s.lastAlertedAt, lang) })}</>}
              </p>

              <div className="mt-3 flex flex-wrap items-end gap-3">
                <Link to={`/my/searches/${s.id}/open`} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                  {t("savedSearch.list.run")}
                </Link>
                <Form method="post" className="flex items-end gap-2">
                  <input type="hidden" name="id" value={s.id} />
                  <label className="text-sm">
                    <span className="sr-only">{t("savedSearch.save.frequency")}</span>
                    <select name="frequency" defaultValue={s.frequency} aria-label={`${t("savedSearch.save.frequency")} · ${s.name}`}
                      className="rounded border border-slate-300 bg-white p-1.5">
                      {FREQUENCIES.map((f) => <option key={f} value={f}>{t(`savedSearch.frequency.${f}`)}</option>)}
                    </select>
                  </label>
                  <button type="submit" name="intent" value="frequency" disabled={busy} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                    {t("savedSearch.list.change")}
                  </button>
                </Form>
                <Form method="post" className="ml-auto"
                  onSubmit={(e) => { if (!window.confirm(t("savedSearch.list.deleteConfirm", { name: s.name }))) e.preventDefault(); }}>
                  <input type="hidden" name="id" value={s.id} />
                  <button type="submit" name="intent" value="delete" disabled={busy} className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50">
                    {t("savedSearch.list.delete")}
                  </button>
                </Form>
              </div>

              <details className="mt-3 text-sm">
                <summary className="cursor-pointer text-slate-700">{t("savedSearch.list.feed")}</summary>
                <input readOnly value={s.feedUrl} aria-label={`${t("savedSearch.list.feed")} · ${s.name}`}
                  onFocus={(e) => e.currentTarget.select()}
                  className="mt-2 w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs" />
                <p className="mt-1 text-xs text-slate-500">{t("savedSearch.list.feedHint")}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NewBadge({ count, capped }: { count: number | null; capped: boolean }) {
  const { t } = useI18n();
  if (count === null) return <span className="text-xs text-amber-800">{t("savedSearch.list.newUnknown")}</span>;
  if (count === 0) return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t("savedSearch.list.noNew")}</span>;
  return (
    <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">
      {capped ? t("savedSearch.list.newMany", { count }) : t("savedSearch.list.new", { count })}
    </span>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
