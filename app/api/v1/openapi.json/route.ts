import spec from "@/docs/openapi.json";

export const dynamic = "force-static";

/** GET /api/v1/openapi.json — the ingestion API's description, for the systems that send to it. */
export function GET() {
  return Response.json(spec);
}
