import { route } from "@/lib/actions/route";
import { referenceTemplateExample } from "@/lib/coverage/reference-rows";

// The example reference-count file (public: it holds no data).
export const GET = route({
  method: "GET",
  path: "/api/exports/reference-template",
  auth: "public",
  handler: async () =>
    new Response(referenceTemplateExample(), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="spor-referencetal-skabelon.csv"',
      },
    }),
});
