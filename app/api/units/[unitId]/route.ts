import { z } from "zod";
import { route } from "@/lib/actions/route";
import { UserFacingError } from "@/lib/errors";
import { unitSetup } from "@/lib/units/queries";
import { idSchema } from "@/lib/ids";

export const dynamic = "force-dynamic";

/**
 * GET /api/units/:unitId — the unit's channels and tasks, for the registration screen (which caches
 * it for offline use). Answers 404 for any unit outside the caller's scope, so ids cannot be probed.
 */
export const GET = route({
  method: "GET",
  path: "/api/units/[unitId]",
  auth: "session",
  params: z.object({ unitId: idSchema("Enheden findes ikke.") }),
  handler: async ({ user, params, db }) => {
    const setup = await unitSetup(db, user!.access, params.unitId);
    if (!setup) throw new UserFacingError("Enheden findes ikke.", 404);
    return Response.json(setup, { headers: { "Cache-Control": "private, no-store" } });
  },
});
