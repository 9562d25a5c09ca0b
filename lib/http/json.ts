import { UserFacingError } from "@/lib/errors";
import { baseUrl } from "./base-url";

/**
 * Reads a JSON body from a cookie-authenticated request, refusing cross-site requests: browsers
 * cannot send `application/json` cross-site without a CORS preflight (which we never grant), and
 * Origin / Sec-Fetch-Site tell us where a request came from. Together they stop CSRF.
 */
export async function readSameOriginJson(request: Request): Promise<unknown> {
  assertSameOrigin(request);
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new UserFacingError("Forespørgslen skal være JSON.", 415);
  }
  try {
    return await request.json();
  } catch {
    throw new UserFacingError("Forespørgslen er ikke gyldig JSON.", 400);
  }
}

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
