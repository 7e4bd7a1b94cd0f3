import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { HeldRows } from "~/components/import-held";
import { ImportMapping, ImportReportView, ImportSteps } from "~/components/import-report";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, inputClass } from "~/components/form";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { importFormValues, importSettingsSchema, type ImportSettingsInput } from "~/domain/forms/import";
import { IMPORT_KINDS, type ImportField, type ImportKind } from "~/domain/import/fields";
import { useI18n } from "~/i18n/use-i18n";
import { readFormData } from "~/files/form-data.server";
import { MAX_IMPORT_BYTES, sizeProblem, type ReadProblem } from "~/import/read.server";
import { dismissHeldRow, findHeldRow, fixHeldRow, listHeldRows } from "~/models/import-held.server";
import { verifyOrganisationsInBulk } from "~/models/organisations-bulk.server";
import {
  deleteUpload,
  dryRunImport,
  importChoices,
  inspectImport,
  loadUpload,
  runImport,
  saveUpload,
  type ImportReport,
  type ImportSettings,
} from "~/models/import.server";
import { pageTitle } from "~/utils/meta";
import { clientAddress } from "~/utils/request.server";

// Rows and problems sent to the page at most; the command line prints them all.
const SHOWN_ROWS = 500;
const SHOWN_ISSUES = 1000;
const SHOWN_HELD = 100;

const heldForm = z.object({
  intent: z.enum(["fixHeld", "dismissHeld"]),
  id: z.coerce.number().int().positive(),
  cell: z.array(z.string().max(20_000)).max(200).default([]),
});

const uploadParams = z.object({
  upload: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/).optional().catch(undefined),
  kind: z.enum(IMPORT_KINDS).optional().catch(undefined),
});

/** The edition a file most likely belongs to: a year in its name, else the newest edition. */
function guessYear(fileName: string, years: number[]): number {
  const match = /20\d{2}/.exec(fileName);
  return match ? Number(match[0]) : (years[0] ?? new Date().getFullYear());
}

/** What the page needs of a report: everything, but the long lists cut to what a page can show. */
function forPage(report: ImportReport) {
  return {
    ...report,
    outcomes: report.outcomes.slice(0, SHOWN_ROWS),
    errors: report.errors.slice(0, SHOWN_ISSUES),
    warnings: report.warnings.slice(0, SHOWN_ISSUES),
    totals: { outcomes: report.outcomes.length, errors: report.errors.length, warnings: report.warnings.length },
  };
}
export type PageReport = ReturnType<typeof forPage>;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const params = uploadParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  const editions = await importChoices(db());
  const held = await listHeldRows(db(), SHOWN_HELD);
  const base = { editions, maxMb: MAX_IMPORT_BYTES / 1024 / 1024, held };
  if (!params.upload) return { ...base, upload: null, report: null, gone: false, year: null };
  const file = await loadUpload(db(), params.upload, user.id);
  if (!file) return { ...base, upload: null, report: null, gone: true, year: null };
  const year = guessYear(file.fileName, editions.map((e) => e.year));
  const report = await inspectImport(file, { kind: params.kind, editionYear: year });
  return { ...base, upload: params.upload, report: forPage(report), gone: false, year };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("import.title"));

type ActionResult =
  | { step: "upload"; problem: ReadProblem }
  | { step: "held"; id: number; outcome: "fixed" | "stillWrong" | "dismissed" | "gone"; file: string; row: number }
  | { step: "verified"; verified: number; withoutCode: number; badCode: number }
  | { step: "dryRun" | "commit"; report: PageReport; settings: ImportSettingsInput; done: boolean }
  | { step: "invalid" };

function settingsFrom(input: ImportSettingsInput): ImportSettings {
  const d = (value: string) => (value ? value : undefined);
  const defaults = Object.fromEntries(
    Object.entries({
      organisation: d(input.default_organisation), domain: d(input.default_domain), district: d(input.default_district),
      cooperationMode: d(input.default_cooperationMode), tier: d(input.default_tier), status: d(input.default_status),
      productKind: d(input.default_productKind),
    }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return {
    kind: input.kind,
    editionYear: input.edition,
    mapping: input.map.map((f) => (f ? (f as ImportField) : null)),
    shownMapping: input.shown.length ? input.shown.map((f) => (f ? (f as ImportField) : null)) : null,
    mode: input.mode,
    archive: input.archive === "1",
    defaults,
    batch: input.batch === "new" ? { kind: "new", publishedOn: input.publishedOn || null } : input.batch === "none" ? { kind: "none" } : { kind: "existing", ordinal: Number(input.batch) },
  };
}

async function upload(request: Request, userId: number) {
  // Refused by its declared size before the body is read; the bounded reader stops at the limit too.
  const declared = Number(request.headers.get("Content-Length") ?? 0) || 0;
  // The multipart envelope adds a little to the file's own size.
  const read = await readFormData(request, MAX_IMPORT_BYTES + 64 * 1024);
  if (!read.ok && read.code === "too_large") {
    return data<ActionResult>({ step: "upload", problem: sizeProblem(Math.max(declared, MAX_IMPORT_BYTES + 1))! }, { status: 413 });
  }
  if (!read.ok) return data<ActionResult>({ step: "upload", problem: { key: "proposal.error.unreadable" } }, { status: 400 });
  const form = read.formData;
  const file = form.get("file");
  if (file instanceof File && file.size > MAX_IMPORT_BYTES) return data<ActionResult>({ step: "upload", problem: sizeProblem(file.size)! }, { status: 413 });
  const kind = z.enum(IMPORT_KINDS).optional().catch(undefined).parse(form.get("kind") || undefined);
  if (!(file instanceof File) || file.size === 0) {
    return data<ActionResult>({ step: "upload", problem: { key: file instanceof File && file.name ? "import.error.emptyFile" : "import.error.noFile" } }, { status: 400 });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const inspected = await inspectImport({ bytes, fileName: file.name }, { kind, editionYear: new Date().getFullYear() });
  if (inspected.fatal) return data<ActionResult>({ step: "upload", problem: inspected.fatal }, { status: 422 });
  const token = await saveUpload(db(), { userId, fileName: file.name, bytes });
  return redirect(`/admin/import?${new URLSearchParams({ upload: token, ...(kind ? { kind } : {}) })}`);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return upload(request, user.id);

  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "fixHeld" || intent === "dismissHeld") return heldAction(form, { userId: user.id, ip: clientAddress(context) });
  if (intent === "verifyImport") {
    const sha = z.string().regex(/^[0-9a-f]{64}$/).safeParse(form.get("sha256"));
    if (!sha.success) return data<ActionResult>({ step: "invalid" }, { status: 400 });
    const result = await verifyOrganisationsInBulk(db(), { importedFrom: sha.data, actor: { userId: user.id, ip: clientAddress(context) } });
    return data<ActionResult>({ step: "verified", verified: result.verified, withoutCode: result.withoutCode, badCode: result.badCode.length });
  }
  const parsed = importSettingsSchema.safeParse(importFormValues(form));
  if (!parsed.success || (intent !== "dryRun" && intent !== "commit")) return data<ActionResult>({ step: "invalid" }, { status: 400 });
  const file = await loadUpload(db(), parsed.data.upload, user.id);
  if (!file) return data<ActionResult>({ step: "upload", problem: { key: "import.error.uploadGone" } }, { status: 410 });
  const settings = settingsFrom(parsed.data);

  if (intent === "dryRun") {
    const report = await dryRunImport(db(), file, settings);
    // Row errors in a partial import are rows to hold, not a refusal: the dry run says how many.
    const refused = report.fatal || report.errors.some((e) => e.row === null) || (settings.mode === "all" && report.errors.length > 0);
    return data<ActionResult>({ step: "dryRun", report: forPage(report), settings: { ...parsed.data, map: report.mapping.map((f) => f ?? ""), shown: [] }, done: false }, { status: refused ? 422 : 200 });
  }
  const report = await runImport(db(), file, settings, { userId: user.id, ip: clientAddress(context) });
  if (report.committed) await deleteUpload(db(), parsed.data.upload);
  return data<ActionResult>({ step: "commit", report: forPage(report), settings: parsed.data, done: report.committed }, { status: report.committed ? 200 : 422 });
}

/** 待处理: one held row corrected in place and imported, or dropped. */
async function heldAction(form: FormData, actor: { userId: number; ip: string | null }) {
  const parsed = heldForm.safeParse({ intent: form.get("intent"), id: form.get("id"), cell: form.getAll("cell") });
  if (!parsed.success) return data<ActionResult>({ step: "invalid" }, { status: 400 });
  const { intent, id, cell } = parsed.data;
  const row = await findHeldRow(db(), id);
  if (!row) return data<ActionResult>({ step: "held", id, outcome: "gone", file: "", row: 0 }, { status: 410 });
  if (intent === "dismissHeld") {
    await dismissHeldRow(db(), id);
    return data<ActionResult>({ step: "held", id, outcome: "dismissed", file: row.fileName, row: row.rowNumber });
  }
  const outcome = await fixHeldRow(db(), id, cell, actor);
  return data<ActionResult>(
    { step: "held", id, outcome: outcome.ok ? "fixed" : "stillWrong", file: row.fileName, row: row.rowNumber },
    { status: outcome.ok ? 200 : 422 },
  );
}

export default function ImportPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? (navigation.formData?.get("intent") ?? "upload") : null;

  const result = actionData && "report" in actionData ? actionData : null;
  const done = result?.done ? result.report : null;
  const report = result?.report ?? loaded.report;
  const uploadProblem = actionData && "problem" in actionData ? actionData.problem : null;
  const step = done ? 4 : result ? 3 : loaded.upload ? 2 : 1;

  return (
    <div className="space-y-4">
      <Link to="/admin" className="text-sm text-brand-700 underline">← {t("admin.back")}</Link>
      <h1 className="text-2xl font-bold">{t("import.title")}</h1>
      <p className="max-w-3xl text-slate-600">{t("import.lead", { max: loaded.maxMb })}</p>
      <ImportSteps current={step} />

      {actionData && actionData.step === "verified" && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {actionData.verified === 0 ? t("lists.verify.none") : t("lists.verify.done", { n: actionData.verified, missing: actionData.withoutCode })}
        </p>
      )}
      {actionData && "outcome" in actionData && (
        <p role="status" className={`rounded border p-3 text-sm ${actionData.outcome === "fixed" || actionData.outcome === "dismissed" ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
          {actionData.outcome === "gone" ? t("lists.held.gone") : t(`lists.held.${actionData.outcome}`, { file: actionData.file, row: actionData.row })}
        </p>
      )}
      {done ? (
        <section role="status" className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-emerald-900">
          <p className="font-medium">
            {t("import.done", { file: done.fileName, create: done.counts.create, update: done.counts.update, unchanged: done.counts.unchanged, orgs: done.counts.organisationsCreated })}
          </p>
          {(() => {
            const codes = done.outcomes.filter((o) => o.action === "create" && o.code).map((o) => o.code!);
            return codes.length > 0 && done.totals.outcomes <= done.outcomes.length ? <p>{t("import.done.codes", { first: codes[0]!, last: codes[codes.length - 1]! })}</p> : null;
          })()}
          <p className="flex flex-wrap gap-4">
            {done.kind === "scenarios" && <Link className="text-brand-700 underline" to={`/scenarios?edition=${done.editionYear}`}>{t("import.done.toList")}</Link>}
            <Link className="text-brand-700 underline" to="/admin/import" reloadDocument>{t("import.done.again")}</Link>
          </p>
          {done.counts.held > 0 && <p>{t("lists.done.held", { n: done.counts.held })}</p>}
          {done.counts.organisationsCreated > 0 && (
            <Form method="post">
              <input type="hidden" name="sha256" value={done.sha256} />
              <button type="submit" name="intent" value="verifyImport" className={buttonClass}>{t("lists.verify.import")}</button>
            </Form>
          )}
        </section>
      ) : (
        <>
          {!loaded.upload && loaded.held.total > 0 && <HeldRows held={loaded.held} busyId={busyIntent === "fixHeld" || busyIntent === "dismissHeld" ? Number(navigation.formData?.get("id")) : null} />}
          {(!loaded.upload || uploadProblem) && (
            <UploadForm busy={busyIntent === "upload"} problem={uploadProblem ?? (loaded.gone ? { key: "import.error.uploadGone" } : null)} />
          )}
          {result && <ImportReportView report={result.report} upload={loaded.upload} settings={result.settings} busy={busyIntent === "commit"} />}
          {loaded.upload && report && (
            <ImportMapping
              key={`${report.sha256}-${report.kind}`}
              upload={loaded.upload}
              report={report}
              settings={result?.settings ?? null}
              editions={loaded.editions}
              year={result?.settings.edition ?? loaded.year ?? new Date().getFullYear()}
              busy={busyIntent === "dryRun"}
            />
          )}
        </>
      )}
    </div>
  );
}

function UploadForm({ busy, problem }: { busy: boolean; problem: ReadProblem | null }) {
  const { t } = useI18n();
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-describedby={problem ? "upload-problem" : undefined}>
      {problem && (
        <div role="alert" id="upload-problem" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{t("import.report.fatal")}</p>
          <p>{t(problem.key as "import.error.noFile", problem.values as Record<string, string>)}</p>
        </div>
      )}
      <div>
        <label htmlFor="file" className="block text-sm font-medium">{t("import.file")}</label>
        <p id="file-hint" className="text-xs text-slate-600">{t("import.file.hint")}</p>
        <input id="file" name="file" type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="file-hint" className="mt-1 block w-full text-sm" />
      </div>
      <div>
        <label htmlFor="kind" className="block text-sm font-medium">{t("import.kind")}</label>
        <select id="kind" name="kind" defaultValue="" className={`${inputClass} mt-1 max-w-sm`}>
          <option value="">{t("import.kind.auto")}</option>
          {IMPORT_KINDS.map((k: ImportKind) => <option key={k} value={k}>{t(`import.kind.${k}`)}</option>)}
        </select>
      </div>
      <button type="submit" className={buttonClass} disabled={busy}>{busy ? t("import.uploading") : t("import.upload")}</button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
