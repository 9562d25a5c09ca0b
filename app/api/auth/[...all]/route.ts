import { route } from "@/lib/actions/route";
import { getAuth } from "@/lib/auth/auth";
import { guardedSignIn, SIGN_IN_MESSAGES, signInEmailOf } from "@/lib/auth/sign-in";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { municipalityNumberOf } from "@/lib/sso/provider-id";

// Better Auth's HTTP endpoints that Spor serves (lib/auth/auth.ts SERVED_AUTH_PATHS): sign-in for
// scripts and API clients, sign-out, the session, change of password, and the callback of a
// municipality's single sign-on (GET /api/auth/callback/kommune-<number>). Every other path answers 404
// before Better Auth sees it. A POST body is read within BODY_LIMITS.auth first (a large body is
// refused with 413 while it streams) and Better Auth gets a new request with those bytes.
export const dynamic = "force-dynamic";

const PREFIX = "/api/auth";
// SERVED_AUTH_PATHS in lib/auth/auth.ts, by method.
const GET_PATHS = new Set<string>(["/get-session", "/ok", "/error"]);
const POST_PATHS = new Set<string>(["/sign-in/email", "/sign-out", "/change-password"]);

function authPath(request: Request): string {
  const pathname = new URL(request.url).pathname;
  return pathname.startsWith(`${PREFIX}/`) ? pathname.slice(PREFIX.length).replace(/\/+$/, "") : "";
}

function notFound(): Response {
  return Response.json({ error: "Siden findes ikke." }, { status: 404 });
}

export const GET = route({
  method: "GET",
  path: "/api/auth/[...all]",
  auth: "public",
  handler: async ({ request }) => {
    const path = authPath(request);
    // The municipalities' OIDC providers redirect here (lib/sso/better-auth.ts); no other provider exists.
    const ssoCallback = path.startsWith("/callback/") && municipalityNumberOf(path.slice("/callback/".length)) !== null;
    if (!GET_PATHS.has(path) && !ssoCallback) return notFound();
    return getAuth().handler(request);
  },
});

export const POST = route({
  method: "POST",
  path: "/api/auth/[...all]",
  auth: "public",
  body: { bytes: true, limit: BODY_LIMITS.auth },
  handler: async ({ request, bytes, ip, db }) => {
    const path = authPath(request);
    if (!POST_PATHS.has(path)) return notFound();
    const headers = new Headers(request.headers);
    headers.delete("content-length");
    const forward = new Request(request.url, { method: "POST", headers, body: bytes && bytes.byteLength ? (bytes as BodyInit) : null });
    if (path === "/sign-in/email") {
      const email = signInEmailOf(request.headers.get("content-type"), bytes ?? new Uint8Array(0));
      const { outcome, response } = await guardedSignIn(db, { email, ip }, () => getAuth().handler(forward));
      if (outcome === "success" || outcome === "error") return response;
      // The same Danish message as the login page, with Better Auth's code for scripts.
      const { code } = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { code?: string };
      const headers = new Headers(response.headers);
      headers.delete("content-length");
      return Response.json({ code, message: SIGN_IN_MESSAGES[outcome] }, { status: response.status, headers });
    }
    return getAuth().handler(forward);
  },
});
