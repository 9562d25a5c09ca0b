import { authorize, jsonError } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { readSameOriginJson } from "@/lib/http/json";
import { createFavourite } from "@/lib/registrations/favourites";
import { favouriteInputSchema, firstIssue } from "@/lib/registrations/schema";

export const dynamic = "force-dynamic";

/** POST /api/favourites — save a named combination for the caller in a unit they register in. */
export async function POST(request: Request) {
  try {
    const user = await authorize();
    const parsed = favouriteInputSchema.safeParse(await readSameOriginJson(request));
    if (!parsed.success) throw new UserFacingError(firstIssue(parsed.error), 400);
    return Response.json(await createFavourite(db(), user, parsed.data), { status: 201 });
  } catch (error) {
    return jsonError(error);
  }
}
