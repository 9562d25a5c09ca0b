import { authorize, jsonError } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { assertSameOrigin, readSameOriginJson } from "@/lib/http/json";
import { correctRegistration, deleteRegistration } from "@/lib/registrations/mutations";
import { firstIssue, registrationCorrectionSchema } from "@/lib/registrations/schema";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

function checkId(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new UserFacingError("Registreringen findes ikke.", 404);
}

/** PATCH /api/registrations/:id — correct one of your own registrations from today (audit-logged). */
export async function PATCH(request: Request, context: Context) {
  try {
    const user = await authorize();
    const { id } = await context.params;
    checkId(id);
    const parsed = registrationCorrectionSchema.safeParse(await readSameOriginJson(request));
    if (!parsed.success) throw new UserFacingError(firstIssue(parsed.error), 400);
    await correctRegistration(db(), user, id, parsed.data);
    return Response.json({ status: "corrected" });
  } catch (error) {
    return jsonError(error);
  }
}

/** DELETE /api/registrations/:id[?reason=undo] — delete (or undo) your own registration from today. */
export async function DELETE(request: Request, context: Context) {
  try {
    assertSameOrigin(request);
    const user = await authorize();
    const { id } = await context.params;
    checkId(id);
    const reason = new URL(request.url).searchParams.get("reason") === "undo" ? "undo" : "delete";
    await deleteRegistration(db(), user, id, reason);
    return Response.json({ status: "deleted" });
  } catch (error) {
    return jsonError(error);
  }
}
