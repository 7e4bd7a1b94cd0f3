import type { LoaderFunctionArgs } from "react-router";
import { getOptionalUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import type { MessageKey } from "~/i18n/dictionary";
import { isLang, translator, type Lang } from "~/i18n/i18n";
import { getLang } from "~/i18n/lang.server";
import { reviewsForViewer } from "~/models/benchmark-applications.server";

// The review sheets of a benchmark application, as JSON. The office: every assignment, with the
// reviewer's name. A reviewer: their own sheet only. The pair: once the review has closed, the
// counting sheets numbered "评审专家 1/2/3" with no name; before that a 403 saying the review is
// under way. Errors are written in the request's language (?lang=, the site's language cookie,
// then Accept-Language).

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "private, no-store" } });

const ERRORS = {
  unauthenticated: "benchmarkApply.api.unauthenticated",
  not_found: "benchmarkApply.api.notFound",
  forbidden: "benchmarkApply.api.forbidden",
  review_open: "benchmarkApply.api.reviewOpen",
} as const satisfies Record<string, MessageKey>;

async function requestLang(request: Request): Promise<Lang> {
  const chosen = isLang(new URL(request.url).searchParams.get("lang")) || /(?:^|;\s*)lang=/.test(request.headers.get("Cookie") ?? "");
  if (chosen) return getLang(request);
  const accepted = (request.headers.get("Accept-Language") ?? "").split(",").map((part) => part.trim().slice(0, 2).toLowerCase());
  return accepted.find(isLang) ?? "zh";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = translator(await requestLang(request));
  const error = (status: number, code: keyof typeof ERRORS, extra: Record<string, unknown> = {}) => json({ error: code, message: t(ERRORS[code]), ...extra }, status);
  const user = await getOptionalUser(request);
  if (!user) return error(401, "unauthenticated");
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  if (id === null) return error(404, "not_found");
  const answer = await reviewsForViewer(db(), id, user);
  if (answer.kind === "not_found") return error(404, "not_found");
  if (answer.kind === "forbidden") return error(403, "forbidden");
  if (answer.kind === "hidden") return error(403, "review_open", { status: answer.status });
  const { application, rubric, sheets } = answer.body;
  return json({
    audience: answer.audience,
    application,
    rubric,
    sheets: sheets.map((s) => (answer.audience === "applicant" ? { label: t("benchmarkApply.reviewer", { n: s.number }), ...s } : s)),
  });
}
