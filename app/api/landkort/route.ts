import { z } from "zod";
import { route } from "@/lib/actions/route";
import { UserFacingError } from "@/lib/errors";
import { landkortCsv, landkortJson } from "@/lib/landkort/open-data";
import { loadLandkort } from "@/lib/landkort/queries";

// GET /api/landkort?runde=CODE&format=csv|json — Det Digitale Landkort's open data (public, no
// sign-in): KL's national totals and the published municipalities' figures. docs/formats.md.

export const dynamic = "force-dynamic";

export const GET = route({
  method: "GET",
  path: "/api/landkort",
  auth: "public",
  query: z.object({
    runde: z.string().max(100).optional(),
    format: z.enum(["csv", "json"], { error: "Ukendt format: brug csv eller json." }).default("json"),
  }),
  handler: async ({ query, database }) => {
    const { data } = await loadLandkort(query.runde || undefined, database.sql);
    if (!data) throw new UserFacingError("Der er endnu ingen tællerunder med tal.", 404);
    const name = `spor-landkort-${data.round.code}`;
    if (query.format === "csv") {
      return new Response(landkortCsv(data), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${name}.csv"`,
          "Cache-Control": "no-store",
        },
      });
    }
    return Response.json(landkortJson(data), {
      headers: { "Content-Disposition": `inline; filename="${name}.json"`, "Cache-Control": "no-store" },
    });
  },
});
