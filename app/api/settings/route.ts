import { route } from "@/lib/actions/route";
import { db } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { settingsInputSchema } from "@/lib/registrations/schema";

export const dynamic = "force-dynamic";

/** PUT /api/settings — the caller's own preferences (single-key shortcuts on or off). */
export const PUT = route({
  method: "PUT",
  path: "/api/settings",
  auth: "session",
  body: { json: settingsInputSchema, limit: BODY_LIMITS.json },
  handler: async ({ user, body }) => {
    await db().user.update({ where: { id: user!.id }, data: { shortcutsEnabled: body.shortcutsEnabled } });
    return Response.json(body);
  },
});
