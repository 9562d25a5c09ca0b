import { type NextRequest, NextResponse } from "next/server";
import { createNonce, hstsHeader, pageCsp } from "@/lib/http/security-headers";

// Runs before every page (not /api, not Next's static files):
// 1. A fresh nonce and the page's Content-Security-Policy (lib/http/security-headers.ts). Next.js reads
//    the nonce from the request's CSP header and puts it on its own scripts; the same policy goes on
//    the response, with Strict-Transport-Security when SPOR_BASE_URL is https.
// 2. Only a convenience redirect: a visitor without any session cookie is sent to the login page
//    straight away. The cookie is never treated as proof of anything: every page, action and route
//    handler checks the real session against the database (lib/auth/guards.ts).

/** Paths anyone may open without a session. */
const PUBLIC_PREFIXES = ["/login", "/aktiver", "/api", "/_next", "/tilgaengelighed", "/om-spor", "/privatliv", "/landkort"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Better Auth names it "spor.session_token" (or "__Secure-spor.session_token" over HTTPS). */
function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => cookie.name.includes("session_token") && cookie.value !== "");
}

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = pageCsp(nonce, { development: process.env.NODE_ENV === "development" });
  const { pathname, search } = request.nextUrl;

  let response: NextResponse;
  if (isPublic(pathname) || hasSessionCookie(request)) {
    // Whatever the client sent under these names is replaced.
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", csp);
    headers.set("x-nonce", nonce);
    response = NextResponse.next({ request: { headers } });
  } else {
    // Next turns a same-host redirect into a relative Location, so no host from the request leaks out.
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    response = NextResponse.redirect(login);
  }
  response.headers.set("Content-Security-Policy", csp);
  const hsts = hstsHeader();
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  matcher: [
    // Every page, public ones included; not API routes (next.config.ts gives them a strict CSP of
    // their own, and the proxy would buffer their bodies), Next's static files or files with an extension.
    "/((?!api(?:/|$)|_next/static/|_next/image(?:/|$)|favicon\\.ico$|robots\\.txt$|.*\\.[A-Za-z0-9]+$).*)",
  ],
};
