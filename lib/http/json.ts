import { UserFacingError } from "@/lib/errors";

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
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      /* malformed origin */
    }
    if (!host || originHost !== host) throw new UserFacingError("Forespørgsler fra andre websteder afvises.", 403);
  }
}
