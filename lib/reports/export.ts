import { toCsv } from "@/lib/exchange/csv";
import { describeContext } from "./describe";
import { tableMatrix } from "./format";
import type { RunReport } from "./run";
import type { ReportTable } from "./types";

// A whole report as one file: every table, as JSON (for programs) or as one CSV document with the
// tables one after the other (for people with a spreadsheet). The command line prints these.

/**
 * Every table as one CSV document (docs/formats.md): a line with the table's title and id in
 * brackets, its header, rows and total row, and an empty line before the next table.
 */
export function tablesCsv(tables: readonly ReportTable[]): string {
  return toCsv(tables.flatMap((t, i) => [...(i ? [[]] : []), [`${t.title} [${t.id}]`], ...tableMatrix(t)]));
}

/** The sentences stating the bases of a table's figures (n, channels, sources), as the report gives them. */
function basesOf(table: ReportTable): string[] {
  return table.bases ?? [];
}

const weekLabel = (key: number) => `${Math.floor(key / 100)}-W${String(key % 100).padStart(2, "0")}`;

/**
 * The report as JSON: what it covers (municipality, round or dates, filters), then every table with
 * its columns (a share column with its `base`: the row key holding n and what n counts), rows, total
 * row (null when it has none) and `bases` (one sentence per base), and the report's notes. Any
 * further field a table carries is passed on as it is. `table`, `columns`, `rows` and `total` at the
 * top repeat the first table (or the one asked for), as the command wrote before it printed them all.
 */
export function reportJson({ report, ctx, result }: RunReport, tableId?: string) {
  const tables = tableId ? result.tables.filter((t) => t.id === tableId) : result.tables;
  const first = tables[0];
  return {
    report: report.slug,
    title: report.title,
    covers: describeContext(ctx),
    municipality: ctx.municipality?.number ?? null,
    municipalityName: ctx.municipality?.name ?? null,
    round: ctx.round?.code ?? null,
    compareRound: ctx.compareRound?.code ?? null,
    from: ctx.from,
    to: ctx.to,
    weeks: ctx.weekKeys?.map(weekLabel) ?? null,
    includeOutside: ctx.includeOutside,
    filters: {
      units: ctx.unitIds,
      tasks: ctx.taskNumbers,
      package: ctx.filters.pakke ?? null,
      needGroup: ctx.needGroup,
      channels: ctx.channels,
      sources: ctx.sources,
      by: ctx.filters.efter ?? null,
    },
    tables: tables.map((t) => ({ ...t, total: t.total ?? null, bases: basesOf(t) })),
    notes: result.notes,
    table: first?.id ?? null,
    columns: first?.columns ?? [],
    rows: first?.rows ?? [],
    total: first?.total ?? null,
  };
}
