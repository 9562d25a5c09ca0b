import { route } from "@/lib/actions/route";
import { sectionsFor } from "@/lib/auth/access";
import { listRegistrationUnits } from "@/lib/units/queries";

export const dynamic = "force-dynamic";

/** GET /api/me — who is signed in, which sections they reach and which units they register in. */
export const GET = route({
  method: "GET",
  path: "/api/me",
  auth: "session",
  handler: async ({ user, db }) => {
    const units = await listRegistrationUnits(db, user!.access);
    return Response.json(
      {
        id: user!.id,
        name: user!.name,
        email: user!.email,
        sections: sectionsFor(user!.access),
        registrationUnits: units.map((u) => ({ id: u.id, name: u.name, municipality: u.municipality })),
      },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  },
});
