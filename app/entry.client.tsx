import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { provideEnglish } from "~/i18n/i18n";

// Chinese messages are bundled; a page served in English fetches the English ones before it hydrates
// (from the route app/routes/i18n.en[.]json.ts, cached by the browser).
async function messages() {
  if (document.documentElement.lang !== "en") return;
  const response = await fetch(`/i18n/en.json?v=${window.__remixManifest.version}`);
  if (response.ok) provideEnglish(await response.json());
}

void messages().finally(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
