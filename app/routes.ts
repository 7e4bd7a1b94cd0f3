import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

// Every file in app/routes is a route, named as in Remix 2 (`scenarios.$code_.proposal.tsx` is
// /scenarios/:code/proposal outside the scenario page's layout).
export default flatRoutes() satisfies RouteConfig;
