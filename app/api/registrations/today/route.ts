import { z } from "zod";
import { route } from "@/lib/actions/route";
import { UserFacingError } from "@/lib/errors";
import { loadToday } from "@/lib/registrations/queries";
import { loadRegistrationUnit } from "@/lib/registrations/unit-context";
import { idSchema } from "@/lib/ids";

export const dynamic = "force-dynamic";

/** GET /api/registrations/today?unitId=… — the caller's own registrations today and today's counts. */
export const GET = route({
  method: "GET",
  path: "/api/registrations/today",
  auth: "session",
  // A malformed id is answered like an unknown unit (404), so ids cannot be probed.
  query: z.object({ unitId: idSchema().optional().catch(undefined) }),
  handler: async ({ user, query, db }) => {
    const unit = query.unitId ? await loadRegistrationUnit(db, user!.id, query.unitId) : null;
    if (!unit) throw new UserFacingError("Enheden findes ikke.", 404);
    return Response.json(await loadToday(db, user!.id, unit.id), { headers: { "Cache-Control": "private, no-store" } });
  },
});
