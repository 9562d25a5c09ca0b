import { jsonError } from "@/lib/auth/guards";
import { sessionUserId } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { readSameOriginJson } from "@/lib/http/json";
import { createRegistration } from "@/lib/registrations/mutations";
import { firstIssue, registrationInputSchema } from "@/lib/registrations/schema";

export const dynamic = "force-dynamic";

/**
 * POST /api/registrations — one registration from the registration screen or its offline outbox.
 * Idempotent by the client's id: 201 when stored, 200 when it was already stored.
 * A JSON route (not a server action) because the outbox resends it with fetch after reconnecting.
 */
export async function POST(request: Request) {
  try {
    // The lean session check (one query); membership of the unit is checked with the unit's facts.
    const userId = await sessionUserId(request);
    if (!userId) throw new UserFacingError("Du er ikke logget ind.", 401);
    const parsed = registrationInputSchema.safeParse(await readSameOriginJson(request));
    if (!parsed.success) throw new UserFacingError(firstIssue(parsed.error), 400);
    const result = await createRegistration(db(), { id: userId }, parsed.data);
    return Response.json(result, { status: result.status === "created" ? 201 : 200 });
  } catch (error) {
    return jsonError(error);
  }
}
