import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db/db.server";
import { notificationActionSchema } from "~/domain/forms/account";
import { formatDateTime } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/models/notification.server";
import { pageTitle } from "~/utils/meta";
import { safeRedirectPath } from "~/utils/safe-redirect";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("notifications.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { items, unread } = await listNotifications(db(), user.id);
  return {
    unread,
    items: items.map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link && safeRedirectPath(n.link, ""), read: n.read_at !== null, createdAt: n.created_at })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: notificationActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (submission.value.intent === "read") await markNotificationRead(db(), user.id, submission.value.id);
  else await markAllNotificationsRead(db(), user.id);
  return submission.reply();
}

export default function Notifications() {
  const { items, unread } = useLoaderData<typeof loader>();
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
