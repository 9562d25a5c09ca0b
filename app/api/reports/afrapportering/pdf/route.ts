import { route } from "@/lib/actions/route";
import { baseUrl } from "@/lib/http/base-url";
import { UserFacingError } from "@/lib/errors";
import { managementContext, managementPath } from "@/lib/reports/management";
import { chromiumPath, pdfSlots, printPageToPdf } from "@/lib/reports/pdf";

// GET /api/reports/afrapportering/pdf?runde=…[&kommune=…][&enhed=…]
// Afrapportering as PDF: the same page, printed by Chromium on the server (lib/reports/pdf.ts) as
// the signed-in user. The scope is checked first, as the page checks it (another municipality: 404).
// Without SPOR_CHROMIUM_PATH there are no server PDFs: 404 (as /api/metrics without its token: the
// resource is not offered here; the page shows no PDF link then), with a message pointing to the browser's print.

export const dynamic = "force-dynamic";

export const GET = route({
  method: "GET",
  path: "/api/reports/afrapportering/pdf",
  auth: "session",
  slots: pdfSlots,
  handler: async ({ user, request, database }) => {
    const ctx = await managementContext(database.sql, user!.access, new URL(request.url).searchParams);
    const executable = chromiumPath();
    if (!executable)
      throw new UserFacingError("Serveren laver ikke PDF'er. Brug browserens udskrift («Gem som PDF») på rapportens side.", 404);
    const pdf = await printPageToPdf(executable, new URL(managementPath(ctx), baseUrl()).toString(), request.headers.get("cookie"));
    const name = `afrapportering-${ctx.municipality?.number ?? "landsplan"}-${ctx.round!.code}.pdf`.replace(/[^A-Za-z0-9._-]/g, "-");
    return new Response(new Uint8Array(pdf), {
      headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
    });
  },
});
