import { route } from "@/lib/actions/route";
import { readinessResponse } from "@/lib/http/health";

// The same as /api/health/ready (kept: playwright.config.ts and existing monitors wait on it).
// Liveness, without the database, is /api/health/live.
export const dynamic = "force-dynamic";

export const GET = route({ method: "GET", path: "/api/health", auth: "public", handler: ({ database }) => readinessResponse(database) });
