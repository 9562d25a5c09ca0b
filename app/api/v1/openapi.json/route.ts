import spec from "@/docs/openapi.json";
import { route } from "@/lib/actions/route";

export const dynamic = "force-static";

/** GET /api/v1/openapi.json — the ingestion API's description, for the systems that send to it. */
export const GET = route({
  method: "GET",
  path: "/api/v1/openapi.json",
  auth: "public",
  handler: async () => Response.json(spec),
});
