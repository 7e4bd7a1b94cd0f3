import type { Config } from "@react-router/dev/config";

// Server rendering (streamed, app/entry.server.tsx) for every page. Remix 2's future flags (single
// fetch, lazy route discovery, fetcher persistence, relative splat paths, abort reasons) are React
// Router 7's defaults. React Router 8's changes stay off, each named so that turning one on is a
// decision of its own (decision 020): with them off the routes behave as they did on Remix 2.
export default {
  ssr: true,
  future: {
    v8_middleware: false,
    v8_splitRouteModules: false,
    v8_viteEnvironmentApi: false,
    v8_passThroughRequests: false,
    v8_trailingSlashAwareDataRequests: false,
  },
} satisfies Config;
