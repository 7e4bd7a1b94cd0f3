import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CaseEditor, ProductEditor, ProfileForm } from "~/components/vendor-profile-forms";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { schemaFor, VENDOR_PROFILE_INTENTS, type VendorProfileIntent } from "~/domain/forms/vendor";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import {
  addCase, addProduct, deleteCase, deleteProduct, getVendorProfile, saveProfile, updateCase, updateProduct,
  type Editor, type ProfileResult,
} from "~/models/vendor-profile.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("vendorProfile.title"));

const forbidden = () => new Response("Forbidden", { status: 403 });
const notFound = () => new Response("Not Found", { status: 404 });

/** A member of a vendor organisation, verified or not; everyone else is refused. */
async function requireVendorEditor(request: Request, context: { clientAddress?: string }): Promise<Editor> {
  const user = await requireRole(request, "vendor_member");
  if (!user.organisationId) throw forbidden();
  return { userId: user.id, organisationId: user.organisationId, ip: clientAddress(context) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const editor = await requireVendorEditor(request, context);
  const profile = await getVendorProfile(db(), editor.organisationId);
  if (!profile) throw forbidden();
  return profile;
}

const DONE = z.enum(["profile", "productAdded", "productSaved", "productDeleted", "caseAdded", "caseSaved", "caseDeleted"]);
const ANCHOR: Record<z.infer<typeof DONE>, string> = {
  profile: "about", productAdded: "products", productSaved: "products", productDeleted: "products",
  caseAdded: "cases", caseSaved: "cases", caseDeleted: "cases",
};

/** Which form on the page a post came from: its errors are shown there and nowhere else. */
function formKey(intent: VendorProfileIntent, value: { productId?: unknown; caseId?: unknown }): string {
  const id = (v: unknown) => (typeof v === "number" || typeof v === "string" ? String(v) : "");
  switch (intent) {
    case "profile": return "profile";
    case "addProduct": return "product-new";
    case "addCase": return "case-new";
    case "updateProduct": return `product-${id(value.productId)}`;
    case "deleteProduct": return `product-delete-${id(value.productId)}`;
    case "updateCase": return `case-${id(value.caseId)}`;
    case "deleteCase": return `case-delete-${id(value.caseId)}`;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const editor = await requireVendorEditor(request, context);
  const formData = await readForm(request);
  const intent = VENDOR_PROFILE_INTENTS.find((i) => i === formData.get("intent")) ?? "profile";
  const form = formKey(intent, { productId: formData.get("productId"), caseId: formData.get("caseId") });
  const submission = parseWithZod(formData, { schema: schemaFor(intent) });
  if (submission.status !== "success") return data({ form, result: submission.reply() }, { status: 400 });

  const value = submission.value;
  let result: ProfileResult;
  let done: z.infer<typeof DONE>;
  if (value.intent === "profile") [result, done] = [await saveProfile(db(), editor, value), "profile"];
  else if (value.intent === "addProduct") [result, done] = [await addProduct(db(), editor, value), "productAdded"];
  else if (value.intent === "updateProduct") [result, done] = [await updateProduct(db(), editor, value.productId, value), "productSaved"];
  else if (value.intent === "deleteProduct") [result, done] = [await deleteProduct(db(), editor, value.productId), "productDeleted"];
  else if (value.intent === "addCase") [result, done] = [await addCase(db(), editor, value), "caseAdded"];
  else if (value.intent === "updateCase") [result, done] = [await updateCase(db(), editor, value.caseId, value), "caseSaved"];
  else [result, done] = [await deleteCase(db(), editor, value.caseId), "caseDeleted"];

  if (result.ok) return redirect(`/vendor/profile?done=${done}#${ANCHOR[done]}`);
  // Another organisation's product or case: as if it did not exist.
  if (result.problem === "not_found") throw notFound();
  return data({ form, result: submission.reply({ formErrors: ["vendorProfile.error.inUse"] }) }, { status: 409 });
}

export default function VendorProfile() {
  const { organisation, values, products, cases, vocabulary } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, lang } = useI18n();
  const done = DONE.safeParse(params.get("done"));
  // The confirmation sits in the section the redirect scrolled to, where the reader is looking.
  const notice = (section: string) =>
    done.success && !actionData && ANCHOR[done.data] === section ? (
      <p role="status" className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{t(`vendorProfile.done.${done.data}`)}</p>
    ) : null;
  const resultFor = (form: string) => (actionData?.form === form ? (actionData.result as SubmissionResult<string[]>) : null);
  // Every successful change stamps the profile: a new stamp gives every form its stored values back.
  const stamp = organisation.profile_updated_at ?? "never";

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold break-words">{t("vendorProfile.title")}</h1>
        <p className="mt-1 text-slate-700 break-words">{organisation.name}</p>
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600">
          {organisation.profile_updated_at && (
            <span>{t("vendorProfile.updatedAt", { date: formatDateTime(organisation.profile_updated_at, lang) })}</span>
          )}
          {organisation.verified && <Link to={`/vendors/${organisation.id}`} className="text-brand-700 underline">{t("vendorProfile.viewPublic")}</Link>}
        </div>
      </header>
      {!organisation.verified && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("vendorProfile.unverified")}</p>
      )}

      <ProfileForm key={`profile-${stamp}`} defaultValue={values} capabilities={vocabulary} lastResult={resultFor("profile")}
        notice={notice("about")} />

      <section id="products" aria-labelledby="products-title" className="scroll-mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="products-title" className="text-lg font-semibold">{t("vendorProfile.products")}</h2>
        {notice("products")}
        <p className="text-sm text-slate-600">{t("vendorProfile.products.lead")}</p>
        {products.length === 0 && <p className="text-sm text-slate-600">{t("vendorProfile.products.none")}</p>}
        <ul className="space-y-3">
          {products.map((p) => (
            <li key={`${p.id}-${stamp}`}>
              <ProductEditor product={p} lastResult={resultFor(`product-${p.id}`)} deleteResult={resultFor(`product-delete-${p.id}`)} />
            </li>
          ))}
        </ul>
        <ProductEditor key={`new-product-${stamp}`} lastResult={resultFor("product-new")} />
      </section>

      <section id="cases" aria-labelledby="cases-title" className="scroll-mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="cases-title" className="text-lg font-semibold">{t("vendorProfile.cases")}</h2>
        {notice("cases")}
        <p className="text-sm text-slate-600">{t("vendorProfile.cases.lead")}</p>
        {cases.length === 0 && <p className="text-sm text-slate-600">{t("vendorProfile.cases.none")}</p>}
        <ul className="space-y-3">
          {cases.map((c) => (
            <li key={`${c.id}-${stamp}`}>
              <CaseEditor referenceCase={c} lastResult={resultFor(`case-${c.id}`)} deleteResult={resultFor(`case-delete-${c.id}`)} />
            </li>
          ))}
        </ul>
        <CaseEditor key={`new-case-${stamp}`} lastResult={resultFor("case-new")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
