import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { useState, type FormEvent } from "react";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, FieldErrors, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { rubricFormSchema, rubricRowCount } from "~/domain/forms/benchmark-review";
import { DEFAULT_NOTICE_DAYS, DEFAULT_PASS_MARK, DEFAULT_RUBRIC, type Criterion } from "~/domain/rubric";
import { useI18n } from "~/i18n/use-i18n";
import { getEditionRubric, saveEditionRubric } from "~/models/edition-rubric.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

function editionId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const found = await getEditionRubric(db(), editionId(params));
  if (!found) throw new Response("Not found", { status: 404 });
  return found;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => `${t("benchReview.rubric.title")} · ${data?.edition.title ?? ""}`);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const id = editionId(params);
  const submission = parseWithZod(await readForm(request), { schema: rubricFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const value = submission.value;
  const outcome = await saveEditionRubric(db(), {
    editionId: id,
    settings: value.intent === "reset" ? null : { rubric: value.criteria, passMark: value.passMark, noticeDays: value.noticeDays },
    actor: { userId: user.id, ip: clientAddress(context) },
  });
  if (!outcome.ok) {
    if (outcome.problem === "not_found") throw new Response("Not found", { status: 404 });
    return data({ result: submission.reply({ formErrors: ["benchReview.rubric.problem.invalid"] }), done: null }, { status: 400 });
  }
  return { result: submission.reply(), done: value.intent };
}

const FIELDS = ["key", "zh", "en", "weight"] as const;

function RubricForm({ rubric, passMark, noticeDays }: { rubric: Criterion[]; passMark: number; noticeDays: number }) {
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  const rows = rubricRowCount(rubric.length);
  const lastResult = actionData?.result.initialValue?.intent === "save" ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: "rubric",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: {
      criteria: Array.from({ length: rows }, (_, i) => {
        const c = rubric[i];
        return c ? { key: c.key, zh: c.zh, en: c.en, weight: String(c.weight) } : { key: "", zh: "", en: "", weight: "" };
      }),
      passMark: String(passMark),
      noticeDays: String(noticeDays),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rubricFormSchema }),
  });
  const criteria = fields.criteria.getFieldList();
  const weightsOf = (formData: FormData) =>
    criteria.reduce((sum, _, i) => {
      const text = String(formData.get(`criteria[${i}].weight`) ?? "").trim();
      return sum + (/^\d+$/.test(text) ? Number(text) : 0);
    }, 0);
  const initialSum = criteria.reduce((sum, row) => {
    const text = String(row.getFieldset().weight.initialValue ?? "").trim();
    return sum + (/^\d+$/.test(text) ? Number(text) : 0);
  }, 0);
  const [sum, setSum] = useState(initialSum);
  const onInput = (event: FormEvent<HTMLFormElement>) => setSum(weightsOf(new FormData(event.currentTarget)));

  return (
    <Form method="post" {...getFormProps(form)} onInput={onInput} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset className="space-y-2" aria-describedby={`${fields.criteria.errorId} rubric-sum`}>
        <legend className="text-lg font-semibold">{t("benchReview.rubric.criteria")}</legend>
        <p className="text-sm text-slate-600">{t("benchReview.rubric.criteriaHint")}</p>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-700">
              <tr>
                <th scope="col" className="p-1">#</th>
                <th scope="col" className="p-1">{t("benchReview.rubric.key")}</th>
                <th scope="col" className="p-1">{t("benchReview.rubric.zh")}</th>
                <th scope="col" className="p-1">{t("benchReview.rubric.en")}</th>
                <th scope="col" className="p-1 w-24">{t("benchReview.rubric.weight")}</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((row, i) => {
                const cells = row.getFieldset();
                return (
                  <tr key={row.key} className="align-top">
                    <td className="p-1 pt-3 text-slate-500">{i + 1}</td>
                    {FIELDS.map((f) => (
                      <td key={f} className="p-1">
                        <input
                          {...getInputProps(cells[f], { type: "text" })}
                          aria-label={`${t(`benchReview.rubric.${f}`)} ${i + 1}`}
                          inputMode={f === "weight" ? "numeric" : undefined}
                          maxLength={f === "key" ? 32 : f === "zh" ? 20 : f === "en" ? 40 : 6}
                          className={`${inputClass} ${f === "key" ? "font-mono" : ""}`}
                        />
                        <FieldErrors id={cells[f].errorId} errors={cells[f].errors} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p id="rubric-sum" aria-live="polite" className={`text-sm font-medium ${sum === 100 ? "text-emerald-800" : "text-orange-800"}`}>
          {t("benchReview.rubric.sum", { sum })}
        </p>
        <FieldErrors id={fields.criteria.errorId} errors={fields.criteria.errors} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={fields.passMark.id} className="block text-sm font-medium">{t("benchReview.rubric.passMark")}</label>
          <p className="text-xs text-slate-600">{t("benchReview.rubric.passMarkHint", { value: DEFAULT_PASS_MARK })}</p>
          <input {...getInputProps(fields.passMark, { type: "text" })} inputMode="decimal" className={`${inputClass} mt-1 max-w-32`} />
          <FieldErrors id={fields.passMark.errorId} errors={fields.passMark.errors} />
        </div>
        <div>
          <label htmlFor={fields.noticeDays.id} className="block text-sm font-medium">{t("benchReview.rubric.noticeDays")}</label>
          <p className="text-xs text-slate-600">{t("benchReview.rubric.noticeDaysHint", { value: DEFAULT_NOTICE_DAYS })}</p>
          <input {...getInputProps(fields.noticeDays, { type: "text" })} inputMode="numeric" className={`${inputClass} mt-1 max-w-32`} />
          <FieldErrors id={fields.noticeDays.errorId} errors={fields.noticeDays.errors} />
        </div>
      </div>
      <button type="submit" className={buttonClass} disabled={busy}>{busy ? t("benchReview.saving") : t("benchReview.rubric.save")}</button>
    </Form>
  );
}

export default function EditionRubric() {
  const { edition, rubric, passMark, noticeDays, isDefault, openApplications } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const busy = useNavigation().state === "submitting";
  const defaults = DEFAULT_RUBRIC.map((c) => `${lang === "en" ? c.en : c.zh} ${c.weight}`).join(lang === "en" ? ", " : "、");

  return (
    <div className="space-y-4">
      <Link to="/admin/editions" className="text-sm text-brand-700 underline">← {t("admin.editions.title")}</Link>
      <h1 className="text-2xl font-bold">{t("benchReview.rubric.heading", { edition: edition.title })}</h1>
      <div className="space-y-1 rounded border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">
        <p>{t("benchReview.rubric.copyRule")}</p>
        <p>{t("benchReview.rubric.noticeRule")}</p>
        {openApplications > 0 && <p className="font-medium">{t("benchReview.rubric.openApplications", { n: openApplications })}</p>}
      </div>
      {actionData?.done && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`benchReview.rubric.done.${actionData.done}`)}</p>
      )}
      <RubricForm key={JSON.stringify({ rubric, passMark, noticeDays })} rubric={rubric} passMark={passMark} noticeDays={noticeDays} />
      <Form method="post" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("benchReview.rubric.reset")}</h2>
        <p className="text-sm text-slate-600">{t("benchReview.rubric.resetHint", { criteria: defaults, passMark: DEFAULT_PASS_MARK, days: DEFAULT_NOTICE_DAYS })}</p>
        {isDefault ? <p className="text-sm text-slate-700">{t("benchReview.rubric.isDefault")}</p> : (
          <button type="submit" name="intent" value="reset" disabled={busy} className="rounded border border-slate-400 px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60">
            {t("benchReview.rubric.reset")}
          </button>
        )}
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
