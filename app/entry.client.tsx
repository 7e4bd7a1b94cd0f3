import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { provideEnglish } from "~/i18n/i18n";

declare global {
  interface Window {
    /** React Router's description of the build, written into every page (its version changes with each build). */
    __reactRouterManifest: { version: string };
  }
}

// Chinese messages are bundled; a page served in English fetches the English ones before it hydrates
// (from the route app/routes/i18n.en[.]json.ts, cached by the browser).
async function messages() {
  if (document.documentElement.lang !== "en") return;
  const response = await fetch(`/i18n/en.json?v=${window.__reactRouterManifest.version}`);
  if (response.ok) provideEnglish(await response.json());
}

void messages().finally(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
});
