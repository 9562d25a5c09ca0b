import { servedOverHttps } from "./base-url";

// The response headers that protect Spor's pages (docs/security.md, "Sikkerhedsheadere og cookies").
// Pure functions: proxy.ts sets them on every page; next.config.ts sets the static ones.

/** A fresh nonce per request: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of an HTML page. Scripts: only those carrying this request's nonce
 * (Next.js puts it on its own scripts) and what they load ('strict-dynamic'); no inline script, no
 * eval (development needs 'unsafe-eval' for React's error overlay). Styles: Spor's own CSS files and
 * Next's nonced style tags; no style attributes (Spor has none: components/ui/indent.ts gives classes instead). Nothing may frame Spor, post forms elsewhere, or
 * connect anywhere but Spor itself.
 */
export function pageCsp(nonce: string, options: { development?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // In development Next injects unnonced styles (hot reload); a nonce would cancel 'unsafe-inline'.
    `style-src 'self' ${options.development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The registration screen's service worker (/sw.js): 'strict-dynamic' would otherwise refuse it.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
  ];
  return directives.join("; ");
}

/** For API responses (JSON, CSV, XLSX): nothing in them may run or load anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = "max-age=31536000; includeSubDomains";

/** Strict-Transport-Security when SPOR_BASE_URL is https, else nothing (never over plain http). */
export function hstsHeader(env: Record<string, string | undefined> = process.env): string | null {
  return servedOverHttps(env) ? HSTS : null;
}
