import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { useI18n } from "~/i18n/use-i18n";

/** Says what went wrong in the visitor's language; never shows a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  let title = t("error.server.title");
  let body = t("error.server.body");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { kind?: string; code?: string } | null;
    if (status === 404 && data?.kind === "scenario_not_found") {
      title = t("scenario.notFound.title");
      body = t("scenario.notFound.body", { code: String(data.code ?? "") });
    } else if ((status === 400 || status === 415) && data?.kind === "bad_body") {
      title = t("error.badBody.title");
      body = t("error.badBody.body");
    } else if (status === 403) {
      title = t("error.forbidden.title");
      body = t("error.forbidden.body");
    } else if (status === 404) {
      title = t("error.notFound.title");
      body = t("error.notFound.body");
    }
  }
  return (
    <section className="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-title">
      <p className="text-5xl font-bold text-slate-500" aria-hidden>{status}</p>
      <h1 id="error-title" className="mt-4 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">{body}</p>
      <div className="mt-6 flex justify-center gap-4">
        <Link className="text-brand-700 underline" to="/scenarios">{t("scenario.back")}</Link>
        <Link className="text-brand-700 underline" to="/">{t("error.home")}</Link>
      </div>
    </section>
  );
}
