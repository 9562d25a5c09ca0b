import "server-only";
import type { Access } from "@/lib/auth/access";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { ReportNotFoundError, type ReportContext, resolveReportContext } from "./context";
import { answerFilterNote } from "./answer-filter";
import { answerGroupingTable } from "./answer-grouping";
import { approvedMemoFor } from "./approved-memo";
import { withBases } from "./describe";
import { parseReportFilters } from "./filters";
import { canOpenReport, reportBySlug } from "./registry";
import { flushRollups } from "./rollups";
import type { ReportDefinition, ReportResult } from "./types";
import { metrics, timed } from "@/lib/server/metrics.mjs";

export interface RunReport {
  report: ReportDefinition;
  ctx: ReportContext;
  result: ReportResult;
}

/**
 * Runs a report for a user: the report must be one the role may open, and every municipality and
 * unit in the filters must be in the user's scope; otherwise ReportNotFoundError (404). Every share
 * comes back with its base (n and what it covers), on the page, in JSON and in the downloads.
 */
export async function runReport(
  sql: SqlExecutor,
  access: Access,
  slug: string,
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Promise<RunReport> {
  const report = reportBySlug(slug);
  if (!report || !canOpenReport(access, report)) throw new ReportNotFoundError();
  // Flushed first: the context looks in the rollups for the latest round the caller counted.
  await timed(metrics().rollupFlushSeconds, {}, () => flushRollups((text) => sql.query(text))); // spor_rollup_flush_duration_seconds
  const resolved = await resolveReportContext(sql.query.bind(sql), access, parseReportFilters(params));
  // A report across rounds reads each round over its own weeks: no round, week or date filter.
  const scoped: ReportContext = report.acrossRounds
    ? { ...resolved, allRounds: true, round: null, compareRound: null, weekKeys: null, from: null, to: null }
    : resolved;
  const ctx: ReportContext = { ...scoped, approvedMemo: approvedMemoFor(sql) };
  if (report.audience === "municipality" && ctx.unitRestricted) throw new ReportNotFoundError();
  if (report.audience === "national" && !ctx.national) throw new ReportNotFoundError();
  // Every report's figures get their bases here, in one place (describe.ts).
  const result = withBases(await report.run(sql.query.bind(sql), ctx), ctx);
  if (ctx.answerFilter) result.notes.unshift(answerFilterNote(ctx.answerFilter));
  if (ctx.filters.gruppering) {
    const grouped = await answerGroupingTable(sql.query.bind(sql), ctx, report.slug, ctx.filters.gruppering);
    if (grouped) result.tables.push(...withBases({ tables: [grouped], charts: [], notes: [] }, ctx).tables);
  }
  return { report, ctx, result };
}
