// The app's request handler, built in the test process from the same modules the tests import, so
// that a page is rendered exactly as in production: the route's loader, then the streaming renderer
// of app/entry.server.tsx, read to the last byte. Routes come from app/routes.ts, as in the build.
// Only the browser asset list is made up (no client build exists in a unit run); it changes script
// URLs, not how the body is written.
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "react-router";
import * as entry from "~/entry.server";
import * as rootModule from "~/root";

// Under Vitest a stylesheet imported with `?url` is the empty string; the build gives it a file name.
const root = { ...rootModule, links: () => rootModule.links().map((link) => ("href" in link && link.href === "" ? { ...link, href: "/assets/tailwind.css" } : link)) };

const routeModules = import.meta.glob<Record<string, unknown>>("/app/routes/*.{ts,tsx}", { eager: true });

interface ConfigEntry {
  id?: string;
  file: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: ConfigEntry[];
}

export async function documentHandler(): Promise<(request: Request, context?: { clientAddress?: string }) => Promise<Response>> {
  // app/routes.ts reads the app directory from where React Router's build tool leaves it.
  (globalThis as { __reactRouterAppDirectory?: string }).__reactRouterAppDirectory = path.resolve("app");
  const config: ConfigEntry[] = await (await import("~/routes")).default;
  const routes: ServerBuild["routes"] = { root: { id: "root", path: "", module: root as never } };
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  const describe = (id: string, parentId: string | undefined, entry: Omit<ConfigEntry, "file">, mod: Record<string, unknown>) => {
    routes[id] ??= { id, parentId, path: entry.path, index: entry.index, caseSensitive: entry.caseSensitive, module: mod as never };
    assetRoutes[id] = {
      id, parentId, path: entry.path, index: entry.index, module: `/assets/${id}.js`,
      hasLoader: "loader" in mod, hasAction: "action" in mod, hasClientAction: false, hasClientLoader: false, hasClientMiddleware: false,
      hasErrorBoundary: "ErrorBoundary" in mod, clientActionModule: undefined, clientLoaderModule: undefined, clientMiddlewareModule: undefined,
      hydrateFallbackModule: undefined,
    };
  };
  describe("root", undefined, { path: "" }, root);
  const walk = (entries: ConfigEntry[], parentId: string) => {
    for (const route of entries) {
      const mod = routeModules[`/app/${route.file}`];
      if (!mod || !route.id) throw new Error(`No module for ${route.file}`);
      describe(route.id, parentId, route, mod);
      walk(route.children ?? [], route.id);
    }
  };
  walk(config, "root");
  const build: ServerBuild = {
    entry: { module: entry as never },
    routes,
    assets: { entry: { module: "/assets/entry.client.js", imports: [] }, routes: assetRoutes, url: "/assets/manifest.js", version: "test" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v8_passThroughRequests: false, v8_trailingSlashAwareDataRequests: false, v8_middleware: false },
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: "lazy", manifestPath: "/__manifest" },
  };
  const handle = createRequestHandler(build, "production");
  return (request, context = {}) => handle(request, context);
}
