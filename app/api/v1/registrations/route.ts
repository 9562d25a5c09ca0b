import { route } from "@/lib/actions/route";
import { ingestRegistrations } from "@/lib/ingestion/ingest";
import { apiRequestSchema, MAX_API_BODY_BYTES } from "@/lib/ingestion/schema";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/registrations — registrations from another system, authenticated by a municipality's
 * API token (no session cookie, so no CSRF check). All or nothing per request; idempotent by id.
 * The route wrapper takes the rate limits (per token; per address without a valid token) before the
 * body is read. See docs/api.md and docs/openapi.json.
 */
export const POST = route({
  method: "POST",
  path: "/api/v1/registrations",
  auth: "api-token",
  body: { json: apiRequestSchema, limit: MAX_API_BODY_BYTES },
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
