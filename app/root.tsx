import {
  type LinksFunction,
  type LoaderFunctionArgs,
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "react-router";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getOptionalUser } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { unreadNotificationCount } from "~/models/notification.server";
import { translator, type Lang, type Translate } from "~/i18n/i18n";
import { getLang } from "~/i18n/lang.server";
import stylesheet from "~/tailwind.css?url";
import { useNonce } from "~/utils/security-headers";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return {
    lang: await getLang(request),
    user: user && { name: user.name, role: user.role, organisationName: user.organisationName, hasOrganisation: user.organisationId !== null },
    unread: user ? await unreadNotificationCount(db(), user.id) : 0,
  };
}

function AccountMenu({ user, t }: { user: NonNullable<ReturnType<typeof useRootUser>>; t: Translate }) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="hidden text-white/85 sm:inline" title={user.organisationName ?? undefined}>
        <span className="sr-only">{t("nav.account")} </span>{user.name} · {t(`role.${user.role}`)}
      </span>
      <Form method="post" action="/logout">
        <button type="submit" className="rounded px-2 py-1 hover:bg-white/10">{t("nav.logout")}</button>
      </Form>
    </div>
  );
}

function useRootUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

function LanguageSwitch({ lang }: { lang: Lang }) {
  const location = useLocation();
  const t = translator(lang);
  const params = new URLSearchParams(location.search);
  params.delete("lang");
  const here = `${location.pathname}${params.size ? `?${params}` : ""}`;
  const other: Lang = lang === "zh" ? "en" : "zh";
  // A plain form (a whole page load, like a link, and no JavaScript needed): the switch is a POST
  // because it also changes the signed-in user's account.
  return (
    <form method="post" action="/set-language">
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={here} />
      <button type="submit" lang={other === "en" ? "en" : "zh-CN"} aria-label={t("lang.switchLabel")}
        className="rounded border border-white/40 px-2 py-1 text-sm hover:bg-white/10">
        {t("lang.switch")}
      </button>
    </form>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const lang = data?.lang ?? "zh";
  const user = data?.user ?? null;
  const t = translator(lang);
  // The inline scripts carry this request's nonce: the page's Content-Security-Policy runs no others.
  const nonce = useNonce();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap rounded px-2 py-1 hover:bg-white/10 ${isActive ? "bg-white/15 font-semibold" : ""}`;
  return (
    <html lang={lang === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          {t("nav.skip")}
        </a>
        <header className="bg-brand-800 text-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link to="/" className="mr-auto flex flex-col leading-tight sm:mr-0">
              <span className="text-lg font-bold">{t("site.name")}</span>
              <span className="text-xs text-white/80">{t("site.tagline")}</span>
            </Link>
            <nav aria-label={t("site.name")} className="order-last flex w-full flex-wrap items-center gap-1 text-sm sm:order-none sm:w-auto sm:flex-1">
              <NavLink to="/" end className={navClass}>{t("nav.home")}</NavLink>
              <NavLink to="/scenarios" className={navClass}>{t("nav.scenarios")}</NavLink>
              <NavLink to="/vendors" className={navClass}>{t("nav.vendors")}</NavLink>
              <NavLink to="/benchmarks" className={navClass}>{t("nav.benchmarks")}</NavLink>
              <NavLink to="/progress" className={navClass}>{t("nav.progress")}</NavLink>
              {user?.role === "demand_member" && <NavLink to="/my/scenarios" className={navClass}>{t("nav.mine")}</NavLink>}
              {user?.role === "vendor_member" && <NavLink to="/my/proposals" className={navClass}>{t("nav.myProposals")}</NavLink>}
              {user?.role === "vendor_member" && user.hasOrganisation && <NavLink to="/vendor/profile" className={navClass}>{t("nav.vendorProfile")}</NavLink>}
              {user?.role === "reviewer" && <NavLink to="/review" className={navClass}>{t("nav.review")}</NavLink>}
              {user?.role === "admin" && <NavLink to="/admin" className={navClass}>{t("nav.admin")}</NavLink>}
              {user && <NavLink to="/my/searches" className={navClass}>{t("nav.savedSearches")}</NavLink>}
              {user?.hasOrganisation && <NavLink to="/account/members" className={navClass}>{t("nav.members")}</NavLink>}
              {user && (
                <NavLink to="/notifications" className={navClass}>
                  {t("nav.notifications")}
                  {data?.unread ? <span className="ml-1 rounded-full bg-white/20 px-1.5 text-xs">{data.unread}</span> : null}
                </NavLink>
              )}
            </nav>
            {user ? (
              <AccountMenu user={user} t={t} />
            ) : (
              <div className="flex items-center gap-1 text-sm">
                <NavLink to="/login" className={navClass}>{t("nav.login")}</NavLink>
                <NavLink to="/signup" className={navClass}>{t("nav.signup")}</NavLink>
              </div>
            )}
            <LanguageSwitch lang={lang} />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white text-sm text-slate-600">
          <div className="mx-auto max-w-6xl px-4 py-4">
            <p>{t("footer.office")}</p>
            <p>{t("footer.note")} · <Link className="underline" to="/open-data">{t("nav.api")}</Link> · <Link className="underline" to="/notices">{t("nav.notices")}</Link></p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
