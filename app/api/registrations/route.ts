import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { countOutboxRetry, createRegistration } from "@/lib/registrations/mutations";
import { registrationInputSchema } from "@/lib/registrations/schema";

export const dynamic = "force-dynamic";

/**
 * POST /api/registrations — one registration from the registration screen or its offline outbox.
 * Idempotent by the client's id: 201 when stored, 200 when it was already stored.
 * A JSON route (not a server action) because the outbox resends it with fetch after reconnecting.
 * The lean session check (one query); membership of the unit is checked with the unit's facts.
 */
export const POST = route({
  method: "POST",
  path: "/api/registrations",
  auth: "lean-session",
  body: { json: registrationInputSchema, limit: BODY_LIMITS.json },
  handler: async ({ userId, body, db, request }) => {
    // The outbox marks a resend; counted whatever its outcome (docs/deployment.md, "Metrics").
    if (request.headers.get("x-spor-retry") === "1") countOutboxRetry();
    const result = await createRegistration(db, { id: userId! }, body);
    return Response.json(result, { status: result.status === "created" ? 201 : 200 });
  },
});
