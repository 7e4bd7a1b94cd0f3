import { createContext, useContext } from "react";

// The security headers of every response, in one place. Documents (rendered in entry.server.tsx)
// get a Content-Security-Policy that lets only this site's scripts and the inline scripts React Router
// renders with this request's nonce run; server.js gives every other response (static files,
// resource routes, data requests, its own refusals) the same headers with a policy that allows
// nothing, so a file opened on its own (an SVG, a feed) cannot run anything either.
// Decision record: docs/decisions/018-security-headers-and-health.md.

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security: only where the site is served over HTTPS (production with HTTPS=true). */
  hsts: boolean;
}

/** One year; without includeSubDomains, which would bind every other site under the city's domain. */
export const HSTS_VALUE = "max-age=31536000";

/** Headers that do not depend on what the response is. */
export function commonSecurityHeaders({ hsts }: SecurityHeaderOptions): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(hsts ? { "Strict-Transport-Security": HSTS_VALUE } : {}),
  };
}

const policy = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");

/**
 * The page policy. Scripts: this site's files and inline scripts carrying the nonce (React Router's
 * hydration data, module loader and scroll restoration). Styles: this site's stylesheet; style
 * ATTRIBUTES are allowed because a few bars and table columns take their width from data
 * (style-src-attr cannot run script or load anything; <style> elements stay refused).
 *
 * In development the Vite dev server injects its client, React Refresh's preamble and the CSS as
 * inline scripts and <style> elements, and reloads over a WebSocket: that policy is relaxed.
 */
export function documentContentSecurityPolicy({ nonce, development }: { nonce: string; development: boolean }): string {
  return policy({
    "default-src": ["'self'"],
    "script-src": development ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    "style-src": development ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": development ? ["'self'", "ws:", "wss:"] : ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  });
}

/** Everything that is not a page: nothing in it may run, load or be framed. */
export const NON_DOCUMENT_CSP = policy({
  "default-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
  "frame-ancestors": ["'none'"],
});

/** Headers for a response that is not a rendered page (server.js adds them where a response has none). */
export function nonDocumentSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return { ...commonSecurityHeaders(options), "Content-Security-Policy": NON_DOCUMENT_CSP };
}

/** Headers for a rendered page. */
export function documentSecurityHeaders(options: SecurityHeaderOptions & { nonce: string; development: boolean }): Record<string, string> {
  return { ...commonSecurityHeaders(options), "Content-Security-Policy": documentContentSecurityPolicy(options) };
}

/** This request's script nonce, for the inline scripts in the document (empty in the browser). */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
