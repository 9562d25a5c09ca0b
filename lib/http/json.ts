import { UserFacingError } from "@/lib/errors";
import { baseUrl } from "./base-url";

/**
 * Refuses cross-site requests to cookie-authenticated endpoints: Origin / Sec-Fetch-Site tell where a
 * request came from, and browsers cannot send `application/json` cross-site without a CORS preflight
 * (which we never grant). Together they stop CSRF.
 */
export function assertSameOrigin(request: Request): void {
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    throw new UserFacingError("Forespørgsler fra andre websteder afvises.", 403);
  }
  const origin = request.headers.get("origin");
  if (origin) {
    // Spor's own public address (SPOR_BASE_URL), or the Host the request came to. Never
    // X-Forwarded-Host: a client can write anything there.
    const host = request.headers.get("host");
    let originHost: string | null = null;
    let publicHost: string | null = null;
    try {
      originHost = new URL(origin).host;
      publicHost = new URL(baseUrl()).host;
    } catch {
      /* malformed origin or address */
    }
    if (!originHost || (originHost !== host && originHost !== publicHost)) {
      throw new UserFacingError("Forespørgsler fra andre websteder afvises.", 403);
    }
  }
}
