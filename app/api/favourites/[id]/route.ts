import { authorize, jsonError } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/json";
import { deleteFavourite } from "@/lib/registrations/favourites";

export const dynamic = "force-dynamic";

/** DELETE /api/favourites/:id — remove one of the caller's favourites. */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const user = await authorize();
    const { id } = await context.params;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new UserFacingError("Favoritten findes ikke.", 404);
    await deleteFavourite(db(), user, id);
    return Response.json({ status: "deleted" });
  } catch (error) {
    return jsonError(error);
  }
}
