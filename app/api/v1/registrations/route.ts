import { route } from "@/lib/actions/route";
import { ingestRegistrations } from "@/lib/ingestion/ingest";
import { API_RATE_LIMIT, apiRateLimiter } from "@/lib/ingestion/rate-limit";
import { apiRequestSchema, MAX_API_BODY_BYTES } from "@/lib/ingestion/schema";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/registrations — registrations from another system, authenticated by a municipality's
 * API token (no session cookie, so no CSRF check). All or nothing per request; idempotent by id.
 * The rate limit is taken before the body is read. See docs/api.md and docs/openapi.json.
 */
export const POST = route({
  method: "POST",
  path: "/api/v1/registrations",
  auth: "api-token",
  body: { json: apiRequestSchema, limit: MAX_API_BODY_BYTES },
  beforeBody: ({ token }) => {
    const rate = apiRateLimiter.take(token!.id, Date.now());
    if (rate.allowed) return null;
    return Response.json(
      { error: `For mange forespørgsler: højst ${API_RATE_LIMIT.requests} i minuttet pr. nøgle. Prøv igen om ${rate.retryAfterSeconds} sekunder.` },
      { status: 429, headers: { "Retry-After": String(rate.retryAfterSeconds) } },
    );
  },
  handler: async ({ token, body, db }) => {
    const result = await ingestRegistrations(db, token!, body.registrations, new Date());
    if (result.status === "invalid") {
      const items = new Set(result.errors.map((e) => e.index)).size;
      return Response.json(
        { error: `${items === 1 ? "1 registrering har" : `${items} registreringer har`} fejl. Intet er gemt.`, errors: result.errors },
        { status: 422 },
      );
    }
    return Response.json(result, { status: result.created > 0 ? 201 : 200 });
  },
});
