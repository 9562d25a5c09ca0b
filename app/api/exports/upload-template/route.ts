import { route } from "@/lib/actions/route";
import { uploadTemplateExample } from "@/lib/exchange/upload-rows";

// The example upload file in Spor's template (public: it holds no data).
export const GET = route({
  method: "GET",
  path: "/api/exports/upload-template",
  auth: "public",
  handler: async () =>
    new Response(uploadTemplateExample(), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="spor-upload-skabelon.csv"',
      },
    }),
});
