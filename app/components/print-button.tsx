import { useEffect, useState } from "react";

/**
 * Opens the browser's print dialog (where "Save as PDF" is). It appears once scripts run, since
 * without them it could do nothing; the browser's own Print command works either way.
 */
export function PrintButton({ label, className = "" }: { label: string; className?: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" onClick={() => window.print()} data-print="hide"
      className={`rounded border border-brand-600 bg-white px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50 ${className}`}>
      {label}
    </button>
  );
}
