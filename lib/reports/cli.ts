import type { Access } from "@/lib/auth/access";
import { withCliDatabase } from "@/lib/cli/open-cli-database";
import { UserFacingError } from "@/lib/errors";
import { toCsv } from "@/lib/exchange/csv";
import { tableMatrix } from "./format";
import { REPORTS } from "./registry";
import { runReport } from "./run";

// `npx spor report NAME --municipality NUMBER [--from DATE --to DATE | --round ID] --format csv|json`
// The operator holds the database, so the CLI reads as national staff; the municipality is required.

const OPERATOR: Access = { userId: "cli", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

export interface ReportCliOptions {
  municipality?: string;
  from?: string;
  to?: string;
  round?: string;
  format?: string;
  table?: string;
  /** Data sources (registration sources), repeated or comma-separated; parsed as the URL's `kilde`. */
  source?: string[];
  "include-outside"?: boolean;
}

export async function runReportCommand(name: string | undefined, options: ReportCliOptions, write: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  if (!name) throw new UserFacingError(`Angiv en rapport: ${REPORTS.map((r) => r.slug).join(", ")}`);
  if (!REPORTS.some((r) => r.slug === name)) throw new UserFacingError(`Ukendt rapport: ${name}. Vælg en af ${REPORTS.map((r) => r.slug).join(", ")}`);
  if (!options.municipality && !["ranglister", "deltagelse"].includes(name)) throw new UserFacingError("Angiv kommunen: --municipality NUMMER");
  if (options.round && (options.from || options.to)) throw new UserFacingError("Brug enten --round eller --from/--to, ikke begge.");
  const format = options.format ?? "csv";
  if (format !== "csv" && format !== "json") throw new UserFacingError("--format skal være csv eller json.");
  const params: Record<string, string> = {};
  if (options.municipality) params.kommune = options.municipality;
  if (options.round) params.runde = options.round;
  if (options.from) params.fra = options.from;
  if (options.to) params.til = options.to;
  if (options["include-outside"]) params.udenfor = "1";
  if (options.source?.length) params.kilde = options.source.join(",");
  return withCliDatabase(async (database) => {
    const { report, ctx, result } = await runReport(database.sql, OPERATOR, name, params);
    const table = options.table ? result.tables.find((t) => t.id === options.table) : result.tables[0];
    if (!table) throw new UserFacingError(`Rapporten har ingen tabel ${options.table}. Tabeller: ${result.tables.map((t) => t.id).join(", ")}`);
    if (format === "csv") write(toCsv(tableMatrix(table)));
    else {
      write(
        `${JSON.stringify(
          { report: report.slug, table: table.id, municipality: ctx.municipality?.number ?? null, round: ctx.round?.code ?? null, from: ctx.from, to: ctx.to, columns: table.columns, rows: table.rows, total: table.total ?? null },
          null,
          2,
        )}\n`,
      );
    }
    return 0;
  });
}
