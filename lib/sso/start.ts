import "server-only";
import { getAuth } from "@/lib/auth/auth";
import { isSafeNextPath } from "@/lib/auth/schema";
import { refusalPath } from "./messages";
import { providerIdOf } from "./provider-id";

/**
 * Starts a municipality's single sign-on for a plain link (GET /login/sso?kommune=259): the same flow
 * as the login page's button (state, PKCE and nonce in a cookie bound to this browser), answered as a
 * redirect to the provider, so an intranet link or a browser without JavaScript signs in directly.
 */
export async function ssoStartRedirect(headers: Headers, municipality: number, next: string | undefined): Promise<Response> {
  const refused = () => new Response(null, { status: 302, headers: { location: refusalPath("utilgaengelig") } });
  let started: Response;
  try {
    started = await getAuth().api.signInSocial({
      body: {
        provider: providerIdOf(municipality),
        callbackURL: next && isSafeNextPath(next) ? next : "/",
        errorCallbackURL: "/login/sso-fejl",
        disableRedirect: true,
      },
      headers,
      asResponse: true,
    });
  } catch {
    // Not configured (any more) or the provider's discovery did not answer.
    return refused();
  }
  const url = started.ok ? ((await started.json()) as { url?: string }).url : undefined;
  if (!url) return refused();
  const response = new Response(null, { status: 302, headers: { location: url, "cache-control": "no-store" } });
  for (const cookie of started.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
}
