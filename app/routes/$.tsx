import type { MetaFunction } from "react-router";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("error.notFound.title"));

// Unknown paths render the translated 404 page inside the site layout.
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
