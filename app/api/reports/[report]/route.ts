import { authorize, jsonError } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { toCsv } from "@/lib/exchange/csv";
import { tableMatrix } from "@/lib/reports/format";
import { runReport } from "@/lib/reports/run";
import { toXlsx } from "@/lib/reports/xlsx";

// GET /api/reports/{report}?{filters}&format=csv|xlsx|json[&tabel=ID]
// The same guard and scope as the pages: another municipality's or unit's ids give 404.

export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }) {
  try {
    const user = await authorize();
    const { report: slug } = await params;
    const search = new URL(request.url).searchParams;
    const format = search.get("format") ?? "json";
    const tableId = search.get("tabel");
    const filters = new URLSearchParams([...search].filter(([k]) => k !== "format" && k !== "tabel"));
    const { report, ctx, result } = await runReport(getDatabase().sql, user.access, slug, filters);
    if (format === "json") {
      return Response.json(
        { report: report.slug, title: report.title, municipality: ctx.municipality?.number ?? null, round: ctx.round?.code ?? null, tables: result.tables },
        { headers: { "Cache-Control": "no-store" } },
      );
    }
    const table = tableId ? result.tables.find((t) => t.id === tableId) : result.tables[0];
    if (!table) return Response.json({ error: "Tabellen findes ikke." }, { status: 404 });
    const name = `spor-${report.slug}-${table.id}${ctx.municipality ? `-${ctx.municipality.number}` : ""}`;
    if (format === "csv") {
      return new Response(toCsv(tableMatrix(table)), {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"`, "Cache-Control": "no-store" },
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
    return Response.json({ error: "Ukendt format: brug csv, xlsx eller json." }, { status: 400 });
  } catch (error) {
    return jsonError(error);
  }
}
