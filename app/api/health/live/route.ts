import { route } from "@/lib/actions/route";

// Liveness: the process answers, without touching the database (readiness is /api/health/ready).
// The registration benchmark also uses it as the "bare route handler" baseline.
export const dynamic = "force-dynamic";

export const GET = route({ method: "GET", path: "/api/health/live", auth: "public", handler: async () => Response.json({ status: "ok" }) });
