import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { message } from "~/domain/forms/messages";
import { editionActionSchema } from "~/domain/forms/office";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { createEdition, listEditionsForOffice, setCallOpen, type EditionProblem } from "~/models/editions.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { editions: await listEditionsForOffice(db()) };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("admin.editions.title"));

function problemMessage(problem: EditionProblem): string {
  if (problem.code === "year_taken" || problem.code === "another_call_open") {
    return message(`admin.editions.problem.${problem.code}`, { year: problem.year });
  }
  return `admin.editions.problem.${problem.code}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: editionActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const actor = { userId: user.id, ip: clientAddress(context) };
  const value = submission.value;
  const outcome = value.intent === "create"
    ? await createEdition(db(), { year: value.year, title: value.title, actor })
    : await setCallOpen(db(), { editionId: value.editionId, open: value.intent === "open", actor });
  if (!outcome.ok) {
    const status = outcome.problem.code === "not_found" ? 404 : 409;
    return data({ result: submission.reply({ formErrors: [problemMessage(outcome.problem)] }), done: null }, { status });
  }
  const edition = await db().selectFrom("editions").where("id", "=", outcome.editionId).select("year").executeTakeFirstOrThrow();
  return { result: submission.reply({ resetForm: true }), done: { intent: value.intent, year: edition.year } };
}

const CALL_LABEL = { not_open: "home.edition.notOpen", open: "home.edition.callOpen", closed: "home.edition.callClosed" } as const;

export default function Editions() {
  const { editions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const isCreate = actionData?.result.initialValue?.intent === "create";
  const [form, fields] = useForm({
    id: "create-edition",
    lastResult: isCreate ? actionData?.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editionActionSchema }),
  });
  const callErrors = actionData && !isCreate ? actionData.result.error?.[""] : undefined;
  const busy = navigation.state === "submitting";

  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("admin.editions.title")}</h1>
      <p className="text-slate-600">{t("admin.editions.lead")}</p>
      <FormErrors id="call-errors" errors={callErrors ?? undefined} />
      {actionData?.done && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(`admin.editions.done.${actionData.done.intent}`, { year: String(actionData.done.year) })}
        </p>
      )}

      <ul className="space-y-3">
        {editions.map((e) => (
          <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <h2 className="text-lg font-semibold">{e.title}</h2>
                <p className="text-sm text-slate-600">
                  {t(CALL_LABEL[e.callStatus])}
                  {e.callOpensAt && ` · ${t("admin.dash.callSince", { date: formatDate(e.callOpensAt, lang) })}`}
                  {e.callClosesAt && ` · ${t("admin.dash.callUntil", { date: formatDate(e.callClosesAt, lang) })}`}
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="editionId" value={e.id} />
                {e.callStatus === "open" ? (
                  <button type="submit" name="intent" value="close" disabled={busy} className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
                    {t("admin.editions.closeCall")}
                  </button>
                ) : (
                  <button type="submit" name="intent" value="open" disabled={busy} className={`${buttonClass} text-sm`}>
                    {e.callStatus === "closed" ? t("admin.editions.reopenCall") : t("admin.editions.openCall")}
                  </button>
                )}
              </Form>
            </div>
            <p className="mt-2 text-sm">{t("admin.editions.counts", { submitted: e.submitted, approved: e.approved, published: e.published, awaiting: e.awaiting })}</p>
            <p className="mt-1 text-sm text-slate-700">
              {e.batches.length === 0 ? t("admin.editions.noBatches") : e.batches.map((b) =>
                `${t("batch.label", { year: String(e.year), ordinal: b.ordinal })}${b.published_at ? `（${formatDate(b.published_at, lang)}，${t("admin.editions.batchSize", { n: b.scenarios })}）` : ""}`).join("；")}
            </p>
            {e.approved > 0 && (
              <Link to={`/admin/batches?edition=${e.year}`} className="mt-2 inline-block text-sm text-brand-700 underline">{t("admin.editions.compose")}</Link>
            )}
            <p className="mt-1 text-sm"><Link to={`/admin/editions/${e.id}/rubric`} className="text-brand-700 underline">{t("benchReview.nav.rubric")}</Link></p>
          </li>
        ))}
      </ul>

      <Form method="post" {...getFormProps(form)} className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("admin.editions.create")}</h2>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <Field label={t("admin.editions.year")} htmlFor={fields.year.id} errors={fields.year.errors} errorId={fields.year.errorId}>
          <input {...getInputProps(fields.year, { type: "number" })} min={2020} max={2100} className={inputClass} />
        </Field>
        <Field label={t("admin.editions.name")} htmlFor={fields.title.id} errors={fields.title.errors} errorId={fields.title.errorId}>
          <input {...getInputProps(fields.title, { type: "text" })} maxLength={100} placeholder={t("admin.editions.namePlaceholder")} className={inputClass} />
        </Field>
        <button type="submit" className={buttonClass} disabled={busy}>{t("admin.editions.createSubmit")}</button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
