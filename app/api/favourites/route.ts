import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { createFavourite } from "@/lib/registrations/favourites";
import { favouriteInputSchema } from "@/lib/registrations/schema";

export const dynamic = "force-dynamic";

/** POST /api/favourites — save a named combination for the caller in a unit they register in. */
export const POST = route({
  method: "POST",
  path: "/api/favourites",
  auth: "session",
  body: { json: favouriteInputSchema, limit: BODY_LIMITS.json },
  handler: async ({ user, body, db }) => Response.json(await createFavourite(db, user!, body), { status: 201 }),
});
