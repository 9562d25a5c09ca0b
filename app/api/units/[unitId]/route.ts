import { authorize, jsonError } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { unitSetup } from "@/lib/units/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/units/:unitId — the unit's channels and tasks, for the registration screen (which caches
 * it for offline use). Answers 404 for any unit outside the caller's scope, so ids cannot be probed.
 */
export async function GET(_request: Request, context: { params: Promise<{ unitId: string }> }) {
  try {
    const user = await authorize();
    const { unitId } = await context.params;
    const setup = await unitSetup(db(), user.access, unitId);
    if (!setup) return Response.json({ error: "Enheden findes ikke." }, { status: 404 });
    return Response.json(setup, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    return jsonError(error);
  }
}
