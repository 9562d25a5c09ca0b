// Liveness: the process answers, without touching the database (readiness is /api/health).
// The registration benchmark also uses it as the "bare route handler" baseline.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
