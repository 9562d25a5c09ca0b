import { authorize, jsonError } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { readSameOriginJson } from "@/lib/http/json";
import { settingsInputSchema } from "@/lib/registrations/schema";

export const dynamic = "force-dynamic";

/** PUT /api/settings — the caller's own preferences (single-key shortcuts on or off). */
export async function PUT(request: Request) {
  try {
    const user = await authorize();
    const parsed = settingsInputSchema.safeParse(await readSameOriginJson(request));
    if (!parsed.success) throw new UserFacingError("Ugyldig indstilling.", 400);
    await db().user.update({ where: { id: user.id }, data: { shortcutsEnabled: parsed.data.shortcutsEnabled } });
    return Response.json(parsed.data);
  } catch (error) {
    return jsonError(error);
  }
}
