import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { settingsInputSchema } from "@/lib/registrations/schema";
import { saveSettings } from "@/lib/registrations/settings";

export const dynamic = "force-dynamic";

/** PUT /api/settings — the caller's own preferences (single-key shortcuts on or off). */
export const PUT = route({
  method: "PUT",
  path: "/api/settings",
  auth: "session",
  body: { json: settingsInputSchema, limit: BODY_LIMITS.json },
  handler: async ({ user, body, db }) => {
    await saveSettings(db, user!, body);
    return Response.json(body);
  },
});
