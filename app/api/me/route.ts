import { sectionsFor } from "@/lib/auth/access";
import { authorize, jsonError } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { listRegistrationUnits } from "@/lib/units/queries";

export const dynamic = "force-dynamic";

/** GET /api/me — who is signed in, which sections they reach and which units they register in. */
export async function GET() {
  try {
    const user = await authorize();
    const units = await listRegistrationUnits(db(), user.access);
    return Response.json(
      {
        id: user.id,
        name: user.name,
        email: user.email,
        sections: sectionsFor(user.access),
        registrationUnits: units.map((u) => ({ id: u.id, name: u.name, municipality: u.municipality })),
      },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (error) {
    return jsonError(error);
  }
}
