import type { ReportContext } from "./context";

// The one WHERE clause every report query shares. All input goes in as parameters.

export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface WhereOptions {
  /** Leave out the municipality and unit filters (national comparison figures). */
  national?: boolean;
  /** Use these weeks instead of the context's time filter (comparison round). */
  weekKeys?: number[];
}

/**
 * Conditions on `registration_hourly r` (the hourly pre-aggregate of registrations) for a context.
 * Test registrations never count; buckets emptied by deletions are skipped.
 */
export function registrationWhere(ctx: ReportContext, p: Params, options: WhereOptions = {}): string {
  const where = ["r.is_test = false", "r.registrations > 0"];
  if (!ctx.includeOutside) where.push("r.in_counting_week = true");
  if (!options.national) {
    if (ctx.municipality) where.push(`r.municipality_id = ${p.add(ctx.municipality.id)}::uuid`);
    if (ctx.unitIds) where.push(`r.unit_id = ANY(${p.add(ctx.unitIds)}::uuid[])`);
  }
  const weekKeys = options.weekKeys ?? ctx.weekKeys;
  if (weekKeys) {
    const years = [...new Set(weekKeys.map((k) => Math.floor(k / 100)))];
    const weeks = [...new Set(weekKeys.map((k) => k % 100))];
    where.push(`r.iso_year = ANY(${p.add(years)}::int[])`, `r.iso_week = ANY(${p.add(weeks)}::int[])`);
    where.push(`(r.iso_year * 100 + r.iso_week) = ANY(${p.add(weekKeys)}::int[])`);
  }
  if (!options.weekKeys) {
    if (ctx.from) where.push(`r.occurred_at >= (${p.add(ctx.from)}::date::timestamp AT TIME ZONE 'Europe/Copenhagen')`);
    if (ctx.to) where.push(`r.occurred_at < ((${p.add(ctx.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen')`);
  }
  if (ctx.taskNumbers.length) where.push(`r.task_id IN (SELECT id FROM task WHERE number = ANY(${p.add(ctx.taskNumbers)}::text[]))`);
  if (ctx.packageId) {
    const need = ctx.needGroup ? ` AND need_group = ${p.add(ctx.needGroup)}` : "";
    where.push(`r.task_id IN (SELECT task_id FROM task_package_item WHERE package_id = ${p.add(ctx.packageId)}::uuid AND removed = false${need})`);
  }
  if (ctx.channels.length) where.push(`r.channel_code = ANY(${p.add(ctx.channels)}::text[])`);
  if (ctx.sources.length) where.push(`r.source::text = ANY(${p.add(ctx.sources)}::text[])`);
  return where.join("\n  AND ");
}

/** A ratio computed in SQL that is NULL (shown as "–") when the denominator is zero. */
export function ratio(numerator: string, denominator: string): string {
  return `CASE WHEN (${denominator}) > 0 THEN (${numerator})::float8 / (${denominator}) END`;
}

/** sum(quantity) as a JS number on both PGlite and node-postgres. */
export const SUM_Q = "COALESCE(sum(r.quantity), 0)::float8";
export const sumQWhere = (condition: string) => `COALESCE(sum(r.quantity) FILTER (WHERE ${condition}), 0)::float8`;
