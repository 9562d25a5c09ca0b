import { z } from "zod";
import { route } from "@/lib/actions/route";
import { deleteFavourite } from "@/lib/registrations/favourites";
import { idSchema } from "@/lib/ids";

export const dynamic = "force-dynamic";

/** DELETE /api/favourites/:id — remove one of the caller's favourites. */
export const DELETE = route({
  method: "DELETE",
  path: "/api/favourites/[id]",
  auth: "session",
  params: z.object({ id: idSchema("Favoritten findes ikke.") }),
  handler: async ({ user, params, db }) => {
    await deleteFavourite(db, user!, params.id);
    return Response.json({ status: "deleted" });
  },
});
