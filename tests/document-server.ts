// The app's request handler, built in the test process from the same modules the tests import, so
// that a page is rendered exactly as in production: the route's loader, then the streaming renderer
// of app/entry.server.tsx, read to the last byte. Only the browser asset list is made up (no client
// build exists in a unit run); it changes script URLs, not how the body is written.
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import * as entry from "~/entry.server";
import * as root from "~/root";

const routeModules = import.meta.glob<Record<string, unknown>>("/app/routes/*.{ts,tsx}", { eager: true });

export function documentHandler(): (request: Request, context?: { clientAddress?: string }) => Promise<Response> {
  const manifest = flatRoutes(path.resolve("app"));
  const routes: ServerBuild["routes"] = {
    root: { id: "root", path: "", module: root as never },
  };
  const assetRoutes: ServerBuild["assets"]["routes"] = {
    root: { id: "root", path: "", module: "/assets/root.js", hasLoader: true, hasAction: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: true },
  };
  for (const route of Object.values(manifest)) {
    const mod = routeModules[`/app/${route.file}`];
    if (!mod) throw new Error(`No module for ${route.file}`);
    routes[route.id] = { id: route.id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: route.caseSensitive, module: mod as never };
    assetRoutes[route.id] = {
      id: route.id, parentId: route.parentId, path: route.path, index: route.index, module: `/assets/${route.id}.js`,
      hasLoader: "loader" in mod, hasAction: "action" in mod, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: "ErrorBoundary" in mod,
    };
  }
  const build: ServerBuild = {
    mode: "production",
    entry: { module: entry as never },
    routes,
    assets: { entry: { module: "/assets/entry.client.js", imports: [] }, routes: assetRoutes, url: "/assets/manifest.js", version: "test" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    isSpaMode: false,
  };
  const handle = createRequestHandler(build, "production");
  return (request, context = {}) => handle(request, context);
}
