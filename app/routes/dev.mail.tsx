import { type LoaderFunctionArgs, type MetaFunction, useLoaderData } from "react-router";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { getOptionalUser } from "~/auth/guards.server";
import { emailOutboxSummary, listStoredEmail } from "~/mail/outbox.server";
import { mailboxMode } from "~/mail/transport.server";
import { env } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";

// The development mailbox: every message the site queued, with its text, so sign-up, password
// reset and invitations can be clicked through without a mail server. In production the messages
// are real (reset and invitation links, bidders, objectors): the page is a 404 for everyone but the
// office, and the office sees only how much mail is waiting or failing, never a message.

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, (t) => t("devmail.title")), { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const smtp = Boolean(env().SMTP_URL);
  if (mailboxMode(env()) === "office") {
    const user = await getOptionalUser(request);
    if (user?.role !== "admin") throw new Response("Not Found", { status: 404 });
    return { mode: "office" as const, smtp, ...(await emailOutboxSummary(db())) };
  }
  const to = new URL(request.url).searchParams.get("to")?.trim().toLowerCase() || undefined;
  const messages = await listStoredEmail(db(), { to, limit: 50 });
  return {
    mode: "open" as const,
    to: to ?? "",
    smtp,
    messages: messages.map((m) => ({
      id: m.id,
      to: m.to_address,
      subject: m.subject,
      text: m.text_body,
      createdAt: m.created_at,
      sentAt: m.sent_at,
      attempts: m.attempts,
      lastError: m.last_error,
    })),
  };
}

/** The message text with its links made clickable; everything else stays plain text. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm">
      {parts.map((part, i) => (i % 2 === 1 ? <a key={i} href={part} className="text-brand-700 underline">{part}</a> : part))}
    </pre>
  );
}

export default function DevMailbox() {
  const data = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  if (data.mode === "office") {
    return (
      <div className="mx-auto max-w-3xl">
        <h1 className="text-2xl font-bold">{t("devmail.officeTitle")}</h1>
        <p className="mt-2 text-sm text-slate-700">{data.smtp ? t("devmail.officeSmtp") : t("devmail.officeHeld")}</p>
        <p role="status" className="mt-4 rounded border border-slate-200 bg-white p-4">
          {t("devmail.officeWaiting", { count: data.waiting })}
          {data.oldestWaitingAt && <> · {t("devmail.officeOldest")} <time dateTime={data.oldestWaitingAt}>{formatDateTime(data.oldestWaitingAt, lang)}</time></>}
          {data.failing > 0 && <> · {t("devmail.officeFailing", { count: data.failing })}</>}
        </p>
      </div>
    );
  }
  const { to, smtp, messages } = data;
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">{t("devmail.title")}</h1>
      <p className="mt-2 text-sm text-slate-700">{smtp ? t("devmail.leadSmtp") : t("devmail.lead")}</p>
      <form method="get" className="mt-4 flex gap-2">
        <label htmlFor="to" className="sr-only">{t("devmail.filter")}</label>
        <input id="to" name="to" type="email" defaultValue={to} placeholder={t("devmail.filter")} className="flex-1 rounded border border-slate-300 px-3 py-1.5" />
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">{t("devmail.filterSubmit")}</button>
      </form>
      {messages.length === 0 ? (
        <p className="mt-6 text-slate-600">{t("devmail.empty")}</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">{m.subject}</h2>
              <p className="mt-1 text-xs text-slate-600">
                {t("devmail.to")} {m.to} · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lang)}</time> ·{" "}
                {m.sentAt ? t("devmail.sent") : m.lastError ? t("devmail.failed", { attempts: m.attempts }) : t("devmail.pending")}
              </p>
              {m.lastError && <p className="mt-1 text-xs text-red-700">{m.lastError}</p>}
              <Linkified text={m.text} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
