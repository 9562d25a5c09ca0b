import { authorize, jsonError } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { loadToday } from "@/lib/registrations/queries";
import { loadRegistrationUnit } from "@/lib/registrations/unit-context";

export const dynamic = "force-dynamic";

/** GET /api/registrations/today?unitId=… — the caller's own registrations today and today's counts. */
export async function GET(request: Request) {
  try {
    const user = await authorize();
    const unitId = new URL(request.url).searchParams.get("unitId") ?? "";
    const unit = /^[0-9a-f-]{36}$/i.test(unitId) ? await loadRegistrationUnit(db(), user.id, unitId) : null;
    if (!unit) return Response.json({ error: "Enheden findes ikke." }, { status: 404 });
    return Response.json(await loadToday(db(), user.id, unit.id), { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    return jsonError(error);
  }
}
