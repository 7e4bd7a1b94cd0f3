import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, Form, Link, useLoaderData, useNavigation } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { readForm } from "~/utils/read-form.server";
import { notificationActionSchema } from "~/domain/forms/account";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { getPreferences, listNotifications, markAllNotificationsRead, markNotificationRead, setPreferences } from "~/models/notification.server";
import { clientAddress } from "~/utils/request.server";
import { pageTitle } from "~/utils/meta";
import { safeRedirectPath } from "~/utils/safe-redirect";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("notifications.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [{ items, unread }, preferences] = await Promise.all([listNotifications(db(), user.id), getPreferences(db(), user.id)]);
  return {
    unread,
    preferences,
    items: items.map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link && safeRedirectPath(n.link, ""), read: n.read_at !== null, createdAt: n.created_at })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: notificationActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { value } = submission;
  if (value.intent === "read") await markNotificationRead(db(), user.id, value.id);
  else if (value.intent === "readAll") await markAllNotificationsRead(db(), user.id);
  else await setPreferences(db(), user.id, value, clientAddress(context));
  return submission.reply();
}

export default function Notifications() {
  const { items, unread, preferences } = useLoaderData<typeof loader>();
  const { t, lang } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-3xl">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("notifications.title")}</h1>
        {unread > 0 && (
          <Form method="post">
            <button type="submit" name="intent" value="readAll" disabled={busy} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              {t("notifications.readAll", { count: unread })}
            </button>
          </Form>
        )}
      </div>
      <Preferences {...preferences} busy={busy} />
      {items.length === 0 ? (
        <p className="mt-6 text-slate-600">{t("notifications.empty")}</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start gap-3 p-4 ${n.read ? "text-slate-600" : ""}`}>
              <div className="min-w-0 flex-1">
                <p className={n.read ? "" : "font-semibold"}>
                  {!n.read && <span className="sr-only">{t("notifications.unread")} </span>}
                  {n.link ? <Link to={n.link} className="text-brand-700 underline">{n.title}</Link> : n.title}
                </p>
                {n.body && <p className="mt-1 whitespace-pre-line text-sm">{n.body}</p>}
                <p className="mt-1 text-xs text-slate-600"><time dateTime={n.createdAt}>{formatDateTime(n.createdAt, lang)}</time></p>
              </div>
              {!n.read && (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" name="intent" value="read" disabled={busy} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Two choices, saved together; works without JavaScript. */
function Preferences({ notifyMode, lang: mailLang, busy }: { notifyMode: string; lang: string; busy: boolean }) {
  const { t } = useI18n();
  const radio = (name: string, value: string, current: string, label: string) => (
    <label className="flex items-center gap-1.5 text-sm">
      <input type="radio" name={name} value={value} defaultChecked={current === value} className="accent-brand-600" />
      {label}
    </label>
  );
  return (
    <Form method="post" className="mt-4 flex flex-wrap items-end gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <fieldset>
        <legend className="text-sm font-medium">{t("notifications.prefs.mode")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {radio("notifyMode", "immediate", notifyMode, t("notifications.prefs.immediate"))}
          {radio("notifyMode", "daily", notifyMode, t("notifications.prefs.daily"))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">{t("notifications.prefs.lang")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {radio("lang", "zh", mailLang, "中文")}
          {radio("lang", "en", mailLang, "English")}
        </div>
      </fieldset>
      <button type="submit" name="intent" value="preferences" disabled={busy} className="rounded border border-brand-600 px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50">
        {t("notifications.prefs.save")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
