import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Link, useActionData, useLoaderData } from "react-router";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ScenarioForm } from "~/components/scenario-form";
import { SimilarWhileTyping } from "~/components/similar-scenarios";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { newScenarioSchema } from "~/domain/forms/scenario";
import { formatDate } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { createDraft, formContext, type Owner } from "~/models/my-scenarios.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("demand.new.title"));

async function requireOwner(request: Request, context: { clientAddress?: string }) {
  const user = await requireRole(request, "demand_member");
  if (!user.organisationId) throw new Response("Forbidden", { status: 403 });
  const owner: Owner = { userId: user.id, organisationId: user.organisationId, verified: user.organisationVerified, ip: clientAddress(context) };
  return { owner, user };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { owner, user } = await requireOwner(request, context);
  const { capabilities, call, district } = await formContext(db(), owner.organisationId);
  return {
    // Posting this form twice (double click, resend) must create one scenario: the key says "same form".
    submissionKey: randomUUID(),
    capabilities,
    call,
    verified: owner.verified,
    defaults: { district, contactName: user.name, contactEmail: user.email },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { owner } = await requireOwner(request, context);
  const submission = parseWithZod(await readForm(request), { schema: newScenarioSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createDraft(db(), owner, submission.value.submissionKey, submission.value);
  if (result.ok) return redirect(`/my/scenarios/${result.id}?done=${result.duplicate ? "duplicate" : "created"}`);
  const key = result.problem.code === "no_edition" ? "demand.error.noEdition" : "demand.error.expired";
  return data(submission.reply({ formErrors: [key] }), { status: 409 });
}

export default function NewScenario() {
  const { submissionKey, capabilities, call, verified, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, lang } = useI18n();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link to="/my/scenarios" className="text-sm text-brand-700 underline">← {t("demand.list.title")}</Link>
      <h1 className="text-2xl font-bold">{t("demand.new.title")}</h1>
      <div className="rounded border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
        <p>{t("demand.new.lead")}</p>
        <p className="mt-1">
          {call
            ? call.call_closes_at
              ? t("demand.call.openUntil", { year: String(call.year), date: formatDate(call.call_closes_at, lang) })
              : t("demand.call.open", { year: String(call.year) })
            : t("demand.call.closed")}
        </p>
        {!verified && <p className="mt-1">{t("demand.blocked.unverified")}</p>}
      </div>
      <ScenarioForm mode="new" lastResult={lastResult} defaultValue={defaults} capabilities={capabilities} hidden={{ submissionKey }}
        belowTitle={(id) => <SimilarWhileTyping inputId={id} />} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
