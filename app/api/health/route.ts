import { getDatabase } from "@/lib/db";

// Liveness and readiness for load balancers and the test harness: answers 200 only when the
// database answers. Reveals nothing but "ok".
export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await getDatabase().sql.query("SELECT 1");
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
