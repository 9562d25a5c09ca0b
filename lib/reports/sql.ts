import type { ReportContext } from "./context";
import { groupNumberOf } from "./dims";
import { answerFilterSql } from "./answer-filter";
import { pickRollup, REGISTRATIONS, type RollupDim, type RollupSource } from "./rollups";

// The one WHERE clause every report query shares. All input goes in as parameters.

export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface WhereOptions {
  /**
   * Leave out the municipality and unit filters (national comparison figures). National figures are
   * computed from approved municipalities only (docs/method.md, "Godkendelse"): a registration counts
   * when its municipality approved the round its week belongs to (the view approved_week).
   */
  national?: boolean;
  /** With `national`: every municipality, approved or not (KL's live cockpit and participation overview). */
  allMunicipalities?: boolean;
  /** Use these weeks instead of the context's time filter (comparison round). */
  weekKeys?: number[];
  /** Read this source instead of the smallest fitting rollup (columns no rollup has). */
  source?: RollupSource;
  /** Pick from these rollups instead of the general ones, with `source` as the fallback. */
  rollups?: readonly RollupSource[];
}

/**
 * The approved-only rule of national figures, on any report source (alias `r`). OFFSET 0 keeps the
 * view's few rows (municipalities × approved weeks) a subquery computed once: flattened into the
 * join, its date arithmetic made the national column of the benchmark about 4× slower (110–170 ms
 * against 30–45 ms on report_rollup_totals at 300,000 generated registrations; issue 12's target).
 */
export const APPROVED_ONLY =
  "(r.municipality_id, r.iso_year * 100 + r.iso_week) IN (SELECT municipality_id, week_key FROM approved_week OFFSET 0)";

/**
 * Whether the approved-only rule applies: national figures beside a municipality's, and every figure
 * of a context that reads all municipalities as national figures (`ctx.approvedOnly`, the management
 * report's national edition), unless `allMunicipalities` asks for everyone.
 */
export function approvedOnly(ctx: ReportContext, options: WhereOptions): boolean {
  if (options.allMunicipalities) return false;
  return Boolean(options.national || (ctx.approvedOnly && !ctx.municipality));
}

/** The dimensions the context's filters need, besides those the query groups by. */
export function filterDims(ctx: ReportContext, options: WhereOptions): RollupDim[] {
  const dims: RollupDim[] = [];
  if (!options.national && ctx.municipality) dims.push("municipality");
  if (approvedOnly(ctx, options)) dims.push("municipality");
  if (!options.national && ctx.unitIds) dims.push("unit");
  if (!options.weekKeys && (ctx.from || ctx.to)) dims.push("day");
  if (ctx.taskNumbers.length || ctx.packageId) dims.push("task");
  if (ctx.channels.length) dims.push("channel");
  if (ctx.sources.length) dims.push("source");
  if (ctx.answerFilter) dims.push("municipality");
  return dims;
}

/**
 * Where a report query reads from and the conditions on it (alias `r`): the smallest rollup with
 * every dimension in `groupBy` and in the context's filters (lib/reports/rollups.ts). Test
 * registrations never count (rollups do not hold them); groups emptied by deletions are skipped.
 */
export function reportSource(
  ctx: ReportContext,
  p: Params,
  groupBy: RollupDim[],
  options: WhereOptions = {},
): { from: string; where: string } {
  const needed = [...groupBy, ...filterDims(ctx, options)];
  const source =
    options.rollups && options.source
      ? ctx.useRollups === false
        ? options.source
        : pickRollup(needed, options.rollups, options.source)
      : (options.source ?? (ctx.useRollups === false ? REGISTRATIONS : pickRollup(needed)));
  const where = ["r.registrations > 0"];
  if (!ctx.includeOutside) where.push("r.in_counting_week = true");
  if (approvedOnly(ctx, options)) where.push(APPROVED_ONLY);
  if (!options.national) {
    if (ctx.municipality) where.push(`r.municipality_id = ${p.add(ctx.municipality.id)}::uuid`);
    if (ctx.unitIds) where.push(`r.unit_id = ANY(${p.add(ctx.unitIds)}::uuid[])`);
  }
  const weekKeys = options.weekKeys ?? ctx.weekKeys;
  if (weekKeys) {
    const years = [...new Set(weekKeys.map((k) => Math.floor(k / 100)))];
    const weeks = [...new Set(weekKeys.map((k) => k % 100))];
    where.push(`r.iso_year = ANY(${p.add(years)}::int[])`, `r.iso_week = ANY(${p.add(weeks)}::int[])`);
    // Within one year those two are exact. Across a new year (weeks 52, 53, 1) they would also take
    // week 1 of the first year, so the exact year-and-week condition is added there only: the planner
    // cannot estimate it (it took it for 1.5 % of the rows and chose nested loops over whole rollups).
    if (years.length > 1) where.push(`(r.iso_year * 100 + r.iso_week) = ANY(${p.add(weekKeys)}::int[])`);
  }
  if (!options.weekKeys && source.dateColumn === "occurred_at") {
    if (ctx.from) where.push(`r.occurred_at >= (${p.add(ctx.from)}::date::timestamp AT TIME ZONE 'Europe/Copenhagen')`);
    if (ctx.to) where.push(`r.occurred_at < ((${p.add(ctx.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen')`);
  } else if (!options.weekKeys && source.dateColumn === "occurred_on") {
    if (ctx.from) where.push(`r.occurred_on >= ${p.add(ctx.from)}::date`);
    if (ctx.to) where.push(`r.occurred_on <= ${p.add(ctx.to)}::date`);
  }
  if (ctx.taskNumbers.length) {
    // With task tables rolled up to KLE groups, a group's number also picks its emner (15.20 → 15.20.00 …).
    const numbers = p.add(ctx.taskNumbers);
    const match =
      ctx.taskLevel === "gruppe"
        ? `number = ANY(${numbers}::text[]) OR ${groupNumberOf("number")} = ANY(${numbers}::text[])`
        : `number = ANY(${numbers}::text[])`;
    where.push(`r.task_id IN (SELECT id FROM task WHERE ${match})`);
    // The reporting task differs from the registered one only for Fejlhenvendelse: without it in the
    // filter, the same condition on the registered task is implied, and an index can serve it.
    if (source.recordedTask && !ctx.taskNumbers.includes("FEJL")) where.push(`r.recorded_task_id IN (SELECT id FROM task WHERE ${match})`);
  }
  if (ctx.packageId) {
    const need = ctx.needGroup ? ` AND need_group = ${p.add(ctx.needGroup)}` : "";
    const items = `SELECT task_id FROM task_package_item WHERE package_id = ${p.add(ctx.packageId)}::uuid AND removed = false${need}`;
    where.push(`r.task_id IN (${items})`);
    // As for tasks above: a package without Fejlhenvendelse implies the same condition on the registered task.
    if (source.recordedTask && ctx.packageHasFejl === false) where.push(`r.recorded_task_id IN (${items})`);
  }
  if (ctx.channels.length) where.push(`r.channel_code = ANY(${p.add(ctx.channels)}::text[])`);
  // KL's filter on the questionnaire applies to every column, the national comparison included.
  if (ctx.answerFilter) where.push(answerFilterSql(ctx.answerFilter, p));
  // Compared as the enum, not as text: the planner then knows from the column's statistics how many
  // rows a source keeps (as text it guessed 0.5 % and chose nested loops over whole rollups).
  if (ctx.sources.length) where.push(`r.source = ANY(${p.add(ctx.sources)}::text[]::"RegistrationSource"[])`);
  return { from: source.from, where: where.join("\n  AND ") };
}

/**
 * The sources of a figure over approved municipalities that is not broken down by municipality, as
 * one or two branches to UNION ALL (each `{ from, where }` like reportSource's). When every
 * municipality with registrations in the weeks has approved them — the usual state once KL reads
 * national figures — the approval condition keeps every row, so the first branch reads the smaller
 * rollup without a municipality (report_rollup_national: 78,000 rows against 1.1 million at 10
 * million registrations); otherwise the second reads as reportSource does. The test runs once per
 * query (an InitPlan), and only one branch reads anything. The test is stricter than needed (any
 * row of an unapproved municipality in the weeks, whatever the filters), which only costs speed.
 * One branch (reportSource's) where it cannot apply: not an approved-only scope, grouped by
 * municipality or unit, KL's questionnaire filter, or no weeks to test (a date range).
 */
export function approvedScopeSources(
  ctx: ReportContext,
  p: Params,
  groupBy: RollupDim[],
  options: WhereOptions = {},
): { from: string; where: string }[] {
  const src = reportSource(ctx, p, groupBy, options);
  const keys = options.weekKeys ?? (!ctx.from && !ctx.to ? ctx.weekKeys : undefined);
  const pooled =
    approvedOnly(ctx, options) &&
    !groupBy.includes("municipality") &&
    !groupBy.includes("unit") &&
    !ctx.answerFilter &&
    !ctx.unitIds &&
    keys?.length;
  if (!pooled) return [src];
  const everyone = reportSource(ctx, p, groupBy, { ...options, national: true, allMunicipalities: true });
  // Probed per municipality and week on the rollup's key (municipality first): scanning the weeks'
  // rows of report_rollup_totals instead took about 200 ms at 10 million registrations, per branch.
  const allApproved = `(SELECT NOT EXISTS (SELECT 1 FROM municipality m CROSS JOIN unnest(${p.add(keys)}::int[]) AS k(week_key)
      WHERE (m.id, k.week_key) NOT IN (SELECT municipality_id, week_key FROM approved_week)
        AND EXISTS (SELECT 1 FROM report_rollup_totals t WHERE t.municipality_id = m.id
                      AND t.iso_year = k.week_key / 100 AND t.iso_week = k.week_key % 100 AND t.registrations > 0)))`;
  return [
    { from: everyone.from, where: `${everyone.where}\n  AND ${allApproved}` },
    { from: src.from, where: `${src.where}\n  AND NOT ${allApproved}` },
  ];
}

/** A ratio computed in SQL that is NULL (shown as "–") when the denominator is zero. */
export function ratio(numerator: string, denominator: string): string {
  return `CASE WHEN (${denominator}) > 0 THEN (${numerator})::float8 / (${denominator}) END`;
}

/** sum(quantity) as a JS number on both PGlite and node-postgres. */
export const SUM_Q = "COALESCE(sum(r.quantity), 0)::float8";
export const sumQWhere = (condition: string) => `COALESCE(sum(r.quantity) FILTER (WHERE ${condition}), 0)::float8`;
