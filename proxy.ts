import { type NextRequest, NextResponse } from "next/server";

// Only a convenience redirect: a visitor without any session cookie is sent to the login page
// straight away. The cookie is never treated as proof of anything: every page, action and route
// handler checks the real session against the database (lib/auth/guards.ts).

/** Paths anyone may open without a session. The matcher below already skips most of them. */
const PUBLIC_PREFIXES = ["/login", "/aktiver", "/api", "/_next", "/tilgaengelighed", "/om-spor"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Better Auth names it "spor.session_token" (or "__Secure-spor.session_token" over HTTPS). */
function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => cookie.name.includes("session_token") && cookie.value !== "");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublic(pathname) || hasSessionCookie(request)) return NextResponse.next();

  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: [
    // Everything except API routes, Next's own files, public pages and files with an extension.
    "/((?!api(?:/|$)|_next/|login(?:/|$)|aktiver(?:/|$)|tilgaengelighed(?:/|$)|om-spor(?:/|$)|favicon\\.ico$|robots\\.txt$|.*\\.[A-Za-z0-9]+$).*)",
  ],
};
