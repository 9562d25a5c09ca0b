import "server-only";
import { checkReadiness } from "@/lib/database/readiness";
import type { SporDatabase } from "@/lib/database/open";

export const NOT_READY = {
  message: "Spor er ikke klar: databasen svarer ikke, eller den er ikke migreret færdig.",
  messageEn: "Spor is not ready: the database does not answer, or not every migration has been applied.",
};

/**
 * The readiness check as the health routes answer it: 200 {status:"ok"}, or 503 with a Danish and an
 * English message for whoever reads the load balancer's log, and the problems (Danish) in detail.
 */
export async function readinessResponse(database: SporDatabase): Promise<Response> {
  const readiness = await checkReadiness(database);
  const headers = { "Cache-Control": "no-store" };
  if (readiness.ok) return Response.json({ status: "ok" }, { headers });
  return Response.json(
    { status: "unavailable", ...NOT_READY, problems: readiness.problems },
    { status: 503, headers: { ...headers, "Retry-After": "5" } },
  );
}
