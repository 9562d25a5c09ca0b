import { route } from "@/lib/actions/route";
import { apiReferenceRequestSchema, ingestReferenceCounts, MAX_API_REFERENCE_BODY_BYTES } from "@/lib/coverage/reference-endpoint";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/reference-counts — counts from another system (answered calls, visits served,
 * self-service applications), authenticated by a municipality's API token. All or nothing per
 * request; counts already stored with the same value are acknowledged (a resend is harmless). They
 * never count as registrations. Rate-limited per token by the route wrapper, as every API-token
 * route. See docs/api.md and docs/openapi.json.
 */
export const POST = route({
  method: "POST",
  path: "/api/v1/reference-counts",
  auth: "api-token",
  body: { json: apiReferenceRequestSchema, limit: MAX_API_REFERENCE_BODY_BYTES },
  handler: async ({ token, body, db }) => {
    const result = await ingestReferenceCounts(db, token!, body.referenceCounts, new Date());
    if (result.status === "invalid") {
      const items = new Set(result.errors.map((e) => e.index)).size;
      return Response.json(
        { error: `${items === 1 ? "1 referencetal har" : `${items} referencetal har`} fejl. Intet er gemt.`, errors: result.errors },
        { status: 422 },
      );
    }
    return Response.json(result, { status: result.created > 0 ? 201 : 200 });
  },
});
