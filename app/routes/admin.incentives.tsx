import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, FieldErrors, FormErrors, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { message } from "~/domain/forms/messages";
import { incentiveActionSchema } from "~/domain/forms/pilots";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { grantIncentive, loadIncentivesPage, redeemIncentive, setIncentiveBudget, type IncentiveOutcome } from "~/models/incentives.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const year = Number(new URL(request.url).searchParams.get("year"));
  return loadIncentivesPage(db(), Number.isInteger(year) && year > 0 ? year : undefined);
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("incentives.title"));

function problemMessage(outcome: Exclude<IncentiveOutcome, { ok: true }>): string {
  switch (outcome.problem) {
    case "over_budget":
    case "over_granted":
      return message(`incentives.problem.${outcome.problem}`, { left: outcome.leftWan });
    case "below_granted":
      return message("incentives.problem.below_granted", { granted: outcome.grantedWan });
    default:
      return `incentives.problem.${outcome.problem}`;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: incentiveActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const actor = { userId: user.id, ip: clientAddress(context) };
  const v = submission.value;
  const outcome =
    v.intent === "budget"
      ? await setIncentiveBudget(db(), { editionId: v.editionId, budgetWan: v.budgetWan, actor })
      : v.intent === "grant"
        ? await grantIncentive(db(), { pilotId: v.pilotId, kind: v.kind, amountWan: v.amountWan, actor })
        : await redeemIncentive(db(), { incentiveId: v.incentiveId, amountWan: v.amountWan, note: v.note, actor });
  if (!outcome.ok) {
    return data({ result: submission.reply({ formErrors: [problemMessage(outcome)] }), done: null }, { status: outcome.problem === "not_found" ? 404 : 409 });
  }
  return { result: submission.reply({ resetForm: true }), done: v.intent };
}

const small = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default function Incentives() {
  const { editions, pilots, year } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, lang } = useI18n();
  const busy = useNavigation().state === "submitting";
  const result = actionData?.result;
  const sent = result?.initialValue as Record<string, unknown> | undefined;
  // Errors show next to the form that was sent, keeping what was typed.
  const errorsFor = (key: string, value: unknown) => (sent && sent[key] === String(value) ? result?.error : undefined);
  const typed = (key: string, value: unknown, field: string) =>
    sent && sent[key] === String(value) && result?.error ? String(sent[field] ?? "") : undefined;
  const wan = (n: number) => n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 2 });

  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("incentives.title")}</h1>
      <p className="text-slate-600">{t("incentives.lead")}</p>
      {actionData?.done && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`incentives.done.${actionData.done}`)}</p>
      )}

      <ul className="space-y-2">
        {editions.map((e) => {
          const errors = errorsFor("editionId", e.id);
          return (
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-medium">
                {t("incentives.edition", { title: e.title, budget: wan(e.incentive_budget_wan), granted: wan(e.granted_wan), redeemed: wan(e.redeemed_wan), left: wan(Math.max(0, e.incentive_budget_wan - e.granted_wan)) })}
              </p>
              <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="budget" />
                <input type="hidden" name="editionId" value={e.id} />
                <label className="text-sm">
                  {t("incentives.budget")}
                  <input key={`${e.id}-${e.incentive_budget_wan}-${typed("editionId", e.id, "budgetWan") ?? ""}`} name="budgetWan" inputMode="decimal"
                    defaultValue={typed("editionId", e.id, "budgetWan") ?? String(e.incentive_budget_wan)} aria-invalid={errors?.budgetWan ? true : undefined}
                    className={`${inputClass} mt-1 w-40`} />
                </label>
                <button type="submit" disabled={busy} className={`${buttonClass} text-sm`}>{t("incentives.setBudget")}</button>
              </Form>
              {e.pilots > 0 && (e.year === year
                ? <p className="mt-2 text-sm text-slate-600">{t("incentives.showing", { n: e.pilots })}</p>
                : <Link to={`?year=${e.year}`} className="mt-2 inline-block text-sm text-brand-700 underline">{t("incentives.show", { n: e.pilots })}</Link>)}
              <FieldErrors id={`budget-${e.id}-error`} errors={errors?.budgetWan ?? undefined} />
              {errors?.[""] && <div className="mt-2"><FormErrors id={`edition-${e.id}-errors`} errors={errors[""] ?? undefined} /></div>}
            </li>
          );
        })}
      </ul>

      <h2 className="text-lg font-semibold">{t("incentives.pilots")}{year > 0 && ` · ${year}`}</h2>
      {pilots.length === 0 ? <p className="text-slate-600">{t("incentives.pilots.empty")}</p> : (
        <ul className="space-y-3">
          {pilots.map((p) => {
            const grantErrors = sent?.intent === "grant" ? errorsFor("pilotId", p.id) : undefined;
            return (
              <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link to={`/pilots/${p.id}`} className="font-medium text-brand-700 underline break-words">{p.scenario_title}</Link>
                  <span className="text-sm text-slate-600">{p.vendor_name} · {p.year} · {t(`pilots.status.${p.status}`)}</span>
                </div>
                {p.incentives.length > 0 && (
                  <ul className="mt-2 space-y-2">
                    {p.incentives.map((i) => {
                      const redeemErrors = sent?.intent === "redeem" ? errorsFor("incentiveId", i.id) : undefined;
                      return (
                        <li key={i.id} className="text-sm">
                          <span className="font-medium">{t(`pilots.kind.${i.kind}`)}</span>{" "}
                          {t("pilots.incentive.granted", { amount: wan(i.amount_wan), date: formatDate(i.granted_at, lang) })} ·{" "}
                          {t("pilots.incentive.redeemed", { amount: wan(i.redeemed_wan) })}
                          {i.redeemed_wan < i.amount_wan && (
                            <Form method="post" className="mt-1 flex flex-wrap items-center gap-2">
                              <input type="hidden" name="intent" value="redeem" />
                              <input type="hidden" name="incentiveId" value={i.id} />
                              <input name="amountWan" inputMode="decimal" aria-label={t("incentives.amount")} placeholder={t("incentives.amount")}
                                defaultValue={typed("incentiveId", i.id, "amountWan")} aria-invalid={redeemErrors?.amountWan ? true : undefined} className={`${small} w-32`} />
                              <input name="note" aria-label={t("incentives.note")} placeholder={t("incentives.note")} maxLength={500}
                                defaultValue={typed("incentiveId", i.id, "note")} className={`${small} w-40`} />
                              <button type="submit" disabled={busy} className="rounded border border-slate-400 px-2 py-1 text-sm hover:bg-slate-50">{t("incentives.redeem")}</button>
                            </Form>
                          )}
                          <FieldErrors id={`redeem-${i.id}-error`} errors={redeemErrors?.amountWan ?? undefined} />
                          {redeemErrors?.[""] && <FormErrors id={`redeem-${i.id}-errors`} errors={redeemErrors[""] ?? undefined} />}
                        </li>
                      );
                    })}
                  </ul>
                )}
                {p.status !== "ended" && (
                  <Form method="post" className="mt-3 flex flex-wrap items-center gap-2">
                    <input type="hidden" name="intent" value="grant" />
                    <input type="hidden" name="pilotId" value={p.id} />
                    <select name="kind" aria-label={t("incentives.kind")} defaultValue={typed("pilotId", p.id, "kind") || "compute_voucher"} className={small}>
                      <option value="compute_voucher">{t("pilots.kind.compute_voucher")}</option>
                      <option value="subsidy">{t("pilots.kind.subsidy")}</option>
                    </select>
                    <input name="amountWan" inputMode="decimal" aria-label={t("incentives.amount")} placeholder={t("incentives.amount")}
                      defaultValue={typed("pilotId", p.id, "amountWan")} aria-invalid={grantErrors?.amountWan ? true : undefined} className={`${small} w-32`} />
                    <button type="submit" disabled={busy} className={`${buttonClass} py-1 text-sm`}>{t("incentives.grant")}</button>
                  </Form>
                )}
                <FieldErrors id={`grant-${p.id}-error`} errors={grantErrors?.amountWan ?? undefined} />
                {grantErrors?.[""] && <div className="mt-2"><FormErrors id={`grant-${p.id}-errors`} errors={grantErrors[""] ?? undefined} /></div>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
