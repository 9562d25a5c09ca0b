import { route } from "@/lib/actions/route";
import { readinessResponse } from "@/lib/http/health";

// Readiness for load balancers and the test harness: 200 {status:"ok"} only when the database answers
// within 2 s, every migration is applied and the tables every request reads are not locked;
// otherwise 503 with what is wrong (lib/database/readiness.ts checks, lib/http/health.ts answers).
// /api/health is the same check.
export const dynamic = "force-dynamic";

export const GET = route({
  method: "GET",
  path: "/api/health/ready",
  auth: "public",
  handler: ({ database }) => readinessResponse(database),
});
