import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, FieldErrors, FormErrors } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { publishBatchSchema } from "~/domain/forms/office";
import { formatDateTime } from "~/i18n/i18n";
import { vocabularyLabel } from "~/i18n/labels";
import { useI18n } from "~/i18n/use-i18n";
import { PROPOSAL_WINDOW_DAYS } from "~/domain/batch-rules";
import { batchComposer, publishBatch, type BatchProblem } from "~/models/batches.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

const yearParam = z.coerce.number().int().min(2000).max(2100).optional().catch(undefined);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const year = yearParam.parse(new URL(request.url).searchParams.get("edition") ?? undefined);
  return batchComposer(db(), year);
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("admin.batch.title"));

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: publishBatchSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), problem: null, done: null }, { status: 400 });
  const outcome = await publishBatch(db(), { ...submission.value, actor: { userId: user.id, ip: clientAddress(context) } });
  if (!outcome.ok) {
    const problem: BatchProblem = outcome.problem;
    const status = problem.code === "edition_not_found" ? 404 : 409;
    return data({ result: submission.reply({ formErrors: [`admin.batch.problem.${problem.code}`] }), problem, done: null }, { status });
  }
  const { year } = await db().selectFrom("editions").where("id", "=", submission.value.editionId).select("year").executeTakeFirstOrThrow();
  return { result: submission.reply({ resetForm: true }), problem: null, done: { year, ordinal: outcome.ordinal, codes: outcome.codes } };
}

export default function Batches() {
  const { editions, edition, scenarios, nextOrdinal, firstCode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm({
    id: `batch-${edition?.id ?? 0}`,
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: publishBatchSchema }),
  });
  const done = actionData?.done;
  const refused = actionData?.problem?.code === "not_approved" ? actionData.problem.scenarios : [];

  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("admin.batch.title")}</h1>
      <p className="text-slate-600">{t("admin.batch.lead", { days: PROPOSAL_WINDOW_DAYS })}</p>
      {done && (
        <div role="status" className="space-y-1 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          <p>{t("admin.batch.done", { batch: t("batch.label", { year: String(done.year), ordinal: done.ordinal }), n: done.codes.length, first: done.codes[0] ?? "", last: done.codes[done.codes.length - 1] ?? "" })}</p>
          <p>{t("searchAdmin.batchQueued")} <Link to="/admin/search" className="underline">{t("searchAdmin.batchQueuedLink")}</Link></p>
        </div>
      )}
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block font-semibold">{t("list.edition")}</span>
          <select name="edition" defaultValue={edition?.year ?? ""} className="mt-1 rounded border border-slate-300 bg-white p-1.5">
            {editions.map((e) => <option key={e.id} value={e.year}>{t("admin.batch.editionOption", { year: String(e.year), n: e.approved ?? 0 })}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded border border-brand-600 px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50">{t("admin.batch.choose")}</button>
      </Form>

      {!edition || scenarios.length === 0 ? (
        <p role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">{t("admin.batch.none")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          {refused.length > 0 && (
            <ul className="list-disc pl-6 text-sm text-red-800">
              {refused.map((s) => <li key={s.id}>{t("admin.batch.refused", { title: s.title ?? `#${s.id}`, status: s.status ? t(`status.${s.status}` as "status.draft") : "—" })}</li>)}
            </ul>
          )}
          <p className="font-medium">{t("admin.batch.preview", { batch: t("batch.label", { year: String(edition.year), ordinal: nextOrdinal }), code: firstCode ?? "" })}</p>
          <input type="hidden" name="editionId" value={edition.id} />
          <fieldset aria-describedby={fields.scenarioIds.errorId}>
            <legend className="text-sm text-slate-600">{t("admin.batch.choose.legend", { n: scenarios.length })}</legend>
            <FieldErrors id={fields.scenarioIds.errorId} errors={fields.scenarioIds.errors} />
            <ul className="mt-2 divide-y divide-slate-100">
              {scenarios.map((s) => (
                <li key={s.id} className="py-2">
                  <label className="flex items-start gap-3 text-sm">
                    <input type="checkbox" name="scenarioIds" value={s.id} defaultChecked className="mt-1 accent-brand-600" />
                    <span className="flex-1">
                      <span className="font-medium">{s.title}</span>
                      <span className="block text-slate-600">
                        {s.organisation} · {vocabularyLabel(t, lang, "domain", s.domain)} · {vocabularyLabel(t, lang, "district", s.district)}
                        {s.approved_at && ` · ${t("admin.batch.approvedAt", { date: formatDateTime(s.approved_at, lang) })}`}
                      </span>
                    </span>
                    <Link to={`/review/${s.id}`} className="text-brand-700 underline">{t("admin.batch.view")}</Link>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" className={buttonClass} disabled={busy}>{busy ? t("admin.batch.publishing") : t("admin.batch.publish")}</button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
