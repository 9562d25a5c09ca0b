import type { ReportContext } from "./context";
import { groupNumberOf } from "./dims";
import { answerFilterSql } from "./answer-filter";
import { INBOUND_TX } from "./figures";
import { APPROVED_ONLY, type Params, reportSource, sumQWhere } from "./sql";

// The self-service figure of each municipality, task and ISO week, with exactly one source counted
// (docs/method.md, "Selvbetjening fra fagsystemerne"): the municipality's own figure — self-service
// registrations (screen, mass registration, uploads, API) plus the counts its coordinator keyed from a
// statistics module or the counter script — or KL's vendor figure (self_service_count, source VENDOR).
// Where only one exists it counts; where both exist, the coordinator's choice for the task
// (self_service_choice) decides, and without a choice the own figure counts. Never both.
//
// The rows (alias them `r`) have municipality_id, task_id, self (the counted self-service
// applications), tx (inbound transactions: the other channels' plus `self`), and which source was
// used or left out, so the report can say it per task.

/**
 * Whether counts that belong to a whole municipality and week can apply: not for some units only
 * (a unit lead; the counts have no unit), not when the filter picks registration sources, and not
 * when the channel filter leaves out every self-service channel.
 */
function suppliedApply(ctx: ReportContext): boolean {
  return !ctx.unitIds && !ctx.sources.length;
}

/** The WHERE clause of self_service_count rows (alias `r`), the same filters as reportSource's. */
function suppliedWhere(ctx: ReportContext, p: Params, weekKeys: number[] | undefined, national: boolean): string {
  const where = ["true"];
  if (ctx.channels.length)
    where.push(`EXISTS (SELECT 1 FROM channel sc WHERE sc.self_service AND sc.code = ANY(${p.add(ctx.channels)}::text[]))`);
  // National figures count approved municipalities only, as reportSource does for registrations.
  if (!national && ctx.municipality) where.push(`r.municipality_id = ${p.add(ctx.municipality.id)}::uuid`);
  else if (national || ctx.approvedOnly) where.push(APPROVED_ONLY);
  // KL's filter on the round questionnaire keeps the same municipalities as for registrations.
  if (ctx.answerFilter) where.push(answerFilterSql(ctx.answerFilter, p));
  const keys = weekKeys ?? ctx.weekKeys;
  if (keys) where.push(`(r.iso_year * 100 + r.iso_week) = ANY(${p.add(keys)}::int[])`);
  // A date range takes the weeks it overlaps: the counts are per week.
  const monday = "to_date(r.iso_year || '-' || r.iso_week, 'IYYY-IW')";
  if (!weekKeys && ctx.from) where.push(`${monday} + 6 >= ${p.add(ctx.from)}::date`);
  if (!weekKeys && ctx.to) where.push(`${monday} <= ${p.add(ctx.to)}::date`);
  if (!ctx.includeOutside) {
    // The counting-week rule for a whole week: one of the municipality's counting weeks, or a week
    // that overlaps one of its local counting periods.
    where.push(`((r.municipality_id, r.iso_year, r.iso_week) IN (SELECT municipality_id, iso_year, iso_week FROM municipality_counting_week)
      OR EXISTS (SELECT 1 FROM local_counting_period lp WHERE lp.municipality_id = r.municipality_id
                  AND lp.starts_on <= ${monday} + 6 AND lp.ends_on >= ${monday}))`);
  }
  if (ctx.taskNumbers.length) {
    const numbers = p.add(ctx.taskNumbers);
    const match =
      ctx.taskLevel === "gruppe"
        ? `number = ANY(${numbers}::text[]) OR ${groupNumberOf("number")} = ANY(${numbers}::text[])`
        : `number = ANY(${numbers}::text[])`;
    where.push(`r.task_id IN (SELECT id FROM task WHERE ${match})`);
  }
  if (ctx.packageId) {
    const need = ctx.needGroup ? ` AND need_group = ${p.add(ctx.needGroup)}` : "";
    where.push(
      `r.task_id IN (SELECT task_id FROM task_package_item WHERE package_id = ${p.add(ctx.packageId)}::uuid AND removed = false${need})`,
    );
  }
  return where.join("\n  AND ");
}

export interface CellOptions {
  /** Every municipality (approved ones only), whatever the context's municipality and units. */
  national?: boolean;
  /**
   * One row per unit as well: registrations only, as for a unit lead, since the counts KL and the
   * coordinator supply belong to the whole municipality, not to a unit.
   */
  byUnit?: boolean;
}

/**
 * The cells as a subquery: one row per municipality, task and week (and unit with `byUnit`) with
 * self-service or inbound transactions. Columns: municipality_id, unit_id (null unless `byUnit`),
 * task_id, week_key (iso_year * 100 + iso_week), self, tx, used_own, used_vendor, dropped_own,
 * dropped_vendor, solutions (the vendor figures' solutions, comma-separated, where they counted).
 * Every self-service rate in Spor is a sum over these cells (docs/method.md, "Én selvbetjeningsgrad").
 */
export function selfServiceCells(ctx: ReportContext, p: Params, weekKeys?: number[], options: CellOptions = {}): string {
  const national = options.national ?? false;
  const byUnit = options.byUnit ?? false;
  const src = reportSource(ctx, p, ["municipality", "task", "channel", "type", ...(byUnit ? (["unit"] as const) : [])], {
    weekKeys,
    national,
  });
  const unit = byUnit ? "r.unit_id" : "NULL::uuid";
  const registrations = `SELECT r.municipality_id, ${unit} AS unit_id, r.task_id, r.iso_year, r.iso_week,
           ${sumQWhere(`${INBOUND_TX} AND c.self_service`)} AS own_reg,
           ${sumQWhere(`${INBOUND_TX} AND NOT c.self_service`)} AS other_tx
      FROM ${src.from} JOIN channel c ON c.code = r.channel_code
     WHERE ${src.where}
     GROUP BY r.municipality_id, ${byUnit ? "r.unit_id, " : ""}r.task_id, r.iso_year, r.iso_week`;
  const supplied =
    !byUnit && (national || suppliedApply(ctx))
      ? `SELECT r.municipality_id, r.task_id, r.iso_year, r.iso_week,
              COALESCE(sum(r.count) FILTER (WHERE r.source <> 'VENDOR'), 0)::float8 AS own_sup,
              count(*) FILTER (WHERE r.source <> 'VENDOR') > 0 AS has_own_sup,
              COALESCE(sum(r.count) FILTER (WHERE r.source = 'VENDOR'), 0)::float8 AS vendor,
              count(*) FILTER (WHERE r.source = 'VENDOR') > 0 AS has_vendor,
              string_agg(DISTINCT r.solution, ', ') FILTER (WHERE r.source = 'VENDOR') AS solutions
         FROM self_service_count r
        WHERE ${suppliedWhere(ctx, p, weekKeys, national)}
        GROUP BY r.municipality_id, r.task_id, r.iso_year, r.iso_week`
      : `SELECT NULL::uuid AS municipality_id, NULL::uuid AS task_id, 0 AS iso_year, 0 AS iso_week, 0::float8 AS own_sup,
              false AS has_own_sup, 0::float8 AS vendor, false AS has_vendor, NULL::text AS solutions WHERE false`;
  // A self-service registration or a keyed count (0 included) is an own figure; a vendor row is KL's.
  const useVendor = `(COALESCE(s.has_vendor, false) AND (NOT (COALESCE(g.own_reg, 0) > 0 OR COALESCE(s.has_own_sup, false)) OR COALESCE(ch.choice = 'VENDOR', false)))`;
  const hasOwn = `(COALESCE(g.own_reg, 0) > 0 OR COALESCE(s.has_own_sup, false))`;
  const self = `CASE WHEN ${useVendor} THEN s.vendor ELSE COALESCE(g.own_reg, 0) + COALESCE(s.own_sup, 0) END`;
  return `(SELECT COALESCE(g.municipality_id, s.municipality_id) AS municipality_id, g.unit_id, COALESCE(g.task_id, s.task_id) AS task_id,
                 (COALESCE(g.iso_year, s.iso_year) * 100 + COALESCE(g.iso_week, s.iso_week)) AS week_key,
                 (${self})::float8 AS self,
                 (COALESCE(g.other_tx, 0) + ${self})::float8 AS tx,
                 (${hasOwn} AND NOT ${useVendor}) AS used_own,
                 ${useVendor} AS used_vendor,
                 (${hasOwn} AND ${useVendor}) AS dropped_own,
                 (COALESCE(s.has_vendor, false) AND NOT ${useVendor}) AS dropped_vendor,
                 CASE WHEN ${useVendor} THEN s.solutions END AS solutions
            FROM (${registrations}) g
            FULL JOIN (${supplied}) s
              ON s.municipality_id = g.municipality_id AND s.task_id = g.task_id AND s.iso_year = g.iso_year AND s.iso_week = g.iso_week
            LEFT JOIN self_service_choice ch
              ON ch.municipality_id = COALESCE(g.municipality_id, s.municipality_id) AND ch.task_id = COALESCE(g.task_id, s.task_id))`;
}

/** The source sentence of one task (or the total) from its cells' flags. */
export function sourceLabel(flags: {
  used_own: boolean;
  used_vendor: boolean;
  dropped_own: boolean;
  dropped_vendor: boolean;
  solutions: string | null;
}): string {
  const solutions = [...new Set((flags.solutions ?? "").split(", ").filter(Boolean))].sort((a, b) => a.localeCompare(b, "da"));
  const vendor = `leverandørdata${solutions.length ? ` (${solutions.join(", ")})` : ""}`;
  const used = [flags.used_own ? "egne tal" : null, flags.used_vendor ? vendor : null].filter(Boolean).join(" og ");
  const dropped = [flags.dropped_own ? "egne tal" : null, flags.dropped_vendor ? "leverandørdata" : null].filter(Boolean).join(" og ");
  const text = used ? used[0].toUpperCase() + used.slice(1) : "Ingen selvbetjening";
  return dropped ? `${text}; ${dropped} fravalgt` : text;
}
