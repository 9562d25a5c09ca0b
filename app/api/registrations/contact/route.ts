import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { createContact } from "@/lib/registrations/contact";
import { countOutboxRetry } from "@/lib/registrations/mutations";
import { contactInputSchema } from "@/lib/registrations/schema";

export const dynamic = "force-dynamic";

/**
 * POST /api/registrations/contact — one contact about several tasks from the registration screen
 * or its offline outbox: one registration per task, stored all or none. Idempotent by the clients'
 * ids: 201 when stored, 200 when every registration was already stored.
 */
export const POST = route({
  method: "POST",
  path: "/api/registrations/contact",
  auth: "lean-session",
  body: { json: contactInputSchema, limit: BODY_LIMITS.json },
  handler: async ({ userId, body, db, request }) => {
    if (request.headers.get("x-spor-retry") === "1") countOutboxRetry();
    const result = await createContact(db, { id: userId! }, body);
    return Response.json(result, { status: result.status === "created" ? 201 : 200 });
  },
});
