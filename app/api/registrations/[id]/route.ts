import { z } from "zod";
import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { correctRegistration, deleteRegistration } from "@/lib/registrations/mutations";
import { registrationCorrectionSchema } from "@/lib/registrations/schema";
import { idSchema } from "@/lib/ids";

export const dynamic = "force-dynamic";

const params = z.object({ id: idSchema("Registreringen findes ikke.") });

/** PATCH /api/registrations/:id — correct one of your own registrations from today (audit-logged). */
export const PATCH = route({
  method: "PATCH",
  path: "/api/registrations/[id]",
  auth: "session",
  params,
  body: { json: registrationCorrectionSchema, limit: BODY_LIMITS.json },
  handler: async ({ user, params, body, db }) => {
    await correctRegistration(db, user!, params.id, body);
    return Response.json({ status: "corrected" });
  },
});

/** DELETE /api/registrations/:id[?reason=undo] — delete (or undo) your own registration from today. */
export const DELETE = route({
  method: "DELETE",
  path: "/api/registrations/[id]",
  auth: "session",
  params,
  query: z.object({
    reason: z
      .string()
      .optional()
      .transform((v) => (v === "undo" ? "undo" : "delete")),
  }),
  handler: async ({ user, params, query, db }) => {
    await deleteRegistration(db, user!, params.id, query.reason);
    return Response.json({ status: "deleted" });
  },
});
