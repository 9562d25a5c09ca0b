import { z } from "zod";
import { route } from "@/lib/actions/route";
import { UserFacingError } from "@/lib/errors";
import { toCsv } from "@/lib/exchange/csv";
import { tableMatrix } from "@/lib/reports/format";
import { loadReport } from "@/lib/reports/queries";
import { toXlsx } from "@/lib/reports/xlsx";

// GET /api/reports/{report}?{filters}&format=csv|xlsx|json[&tabel=ID]
// The same guard and scope as the pages: another municipality's or unit's ids give 404.

export const dynamic = "force-dynamic";

export const GET = route({
  method: "GET",
  path: "/api/reports/[report]",
  auth: "session",
  params: z.object({ report: z.string().max(100) }),
  handler: async ({ user, params, request }) => {
    // The report's own filters (several may repeat) are parsed by the report; only these two are ours.
    const search = new URL(request.url).searchParams;
    const format = search.get("format") ?? "json";
    const tableId = search.get("tabel");
    const filters = new URLSearchParams([...search].filter(([k]) => k !== "format" && k !== "tabel"));
    const { report, ctx, result } = await loadReport(user!.access, params.report, filters);
    if (format === "json") {
      return Response.json(
        {
          report: report.slug,
          title: report.title,
          municipality: ctx.municipality?.number ?? null,
          round: ctx.round?.code ?? null,
          tables: result.tables,
        },
        { headers: { "Cache-Control": "no-store" } },
      );
    }
    const table = tableId ? result.tables.find((t) => t.id === tableId) : result.tables[0];
    if (!table) throw new UserFacingError("Tabellen findes ikke.", 404);
    const name = `spor-${report.slug}-${table.id}${ctx.municipality ? `-${ctx.municipality.number}` : ""}`;
    if (format === "csv") {
      return new Response(toCsv(tableMatrix(table)), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${name}.csv"`,
          "Cache-Control": "no-store",
        },
      });
    }
    if (format === "xlsx") {
      return new Response(new Uint8Array(toXlsx(table.title, tableMatrix(table))), {
        headers: {
          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="${name}.xlsx"`,
          "Cache-Control": "no-store",
        },
      });
    }
    throw new UserFacingError("Ukendt format: brug csv, xlsx eller json.", 400);
  },
});
