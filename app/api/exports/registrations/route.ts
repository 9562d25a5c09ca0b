import { route } from "@/lib/actions/route";
import { coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { UserFacingError } from "@/lib/errors";
import { exportQueryFromSearchParams, resolveExportFilter } from "@/lib/exchange/export-filter";
import { auditExport, exportRegistrationsStream } from "@/lib/exchange/export-registrations";
import { exportSlots } from "@/lib/exchange/export-slots";

export const dynamic = "force-dynamic";

/**
 * GET /api/exports/registrations?kommune=&fra=&til=&runde=&enhed=&opgave=&kanal=&format=csv|legacy
 * Raw registrations streamed from the database (never test registrations). Coordinators export their
 * own municipality; national staff any municipality, or all of them. Every export is audit-logged.
 * At most SPOR_EXPORT_CONCURRENCY run at once per instance (503 beyond that).
 */
export const GET = route({
  method: "GET",
  path: "/api/exports/registrations",
  auth: "session",
  allow: (a) => isNational(a) || coordinatorMunicipalityIds(a).length > 0,
  slots: exportSlots,
  handler: async ({ user, request, ip, db }) => {
    // Repeated parameters (enhed, opgave, kanal) are lists: parsed from the URL by the export's own schema.
    const parsed = exportQueryFromSearchParams(new URL(request.url).searchParams);
    if (!parsed.success) throw new UserFacingError(parsed.error.issues[0].message);
    const { filter, format, label } = await resolveExportFilter(db, user!.access, parsed.data);
    await auditExport(db, user!.id, filter, format, ip);
    const name = `spor-registreringer-${label}${format === "legacy" ? "-gammelt-format" : ""}.csv`;
    return new Response(exportRegistrationsStream(filter, format), {
      headers: {
        "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "text/csv; charset=iso-8859-1",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
