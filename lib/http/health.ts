import "server-only";
import { checkReadiness } from "@/lib/database/readiness";
import type { SporDatabase } from "@/lib/database/open";

/** The readiness check as the health routes answer it: 200 {status:"ok"} or 503 with the problems. */
export async function readinessResponse(database: SporDatabase): Promise<Response> {
  const readiness = await checkReadiness(database);
  const headers = { "Cache-Control": "no-store" };
  if (readiness.ok) return Response.json({ status: "ok" }, { headers });
  return Response.json({ status: "unavailable", problems: readiness.problems }, { status: 503, headers: { ...headers, "Retry-After": "5" } });
}
