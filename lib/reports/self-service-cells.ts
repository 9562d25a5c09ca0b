import type { ReportContext } from "./context";
import { groupNumberOf } from "./dims";
import { answerFilterSql } from "./answer-filter";
import { INBOUND_TX } from "./figures";
import { REGISTRATIONS, SELF_SERVICE_ROLLUP } from "./rollups";
import { APPROVED_ONLY, approvedScopeSources, type Params, reportSource, SUM_Q, sumQWhere } from "./sql";

// The self-service figure of each municipality, task and ISO week, with exactly one source counted
// (docs/method.md, "Selvbetjening fra fagsystemerne"): the municipality's own figure — self-service
// registrations (screen, mass registration, uploads, API) plus the counts its coordinator keyed from a
// statistics module or the counter script — or KL's vendor figure (self_service_count, source VENDOR).
// Where only one exists it counts; where both exist, the coordinator's choice for the task
// (self_service_choice) decides, and without a choice the own figure counts. Never both.
//
// Summed (alias the rows `r`), they give self (the counted self-service applications), tx (inbound
// transactions: the other channels' plus `self`), and which source was used or left out, so the
// report can say it per task.

/**
 * Whether counts that belong to a whole municipality and week can apply (docs/method.md): not for
 * some units only (a unit lead; the counts have no unit; national figures take no units), and not
 * when the filter picks registration sources — nationally neither, so that Benchmark compares a
 * municipality and the country on the same terms.
 */
function suppliedApply(ctx: ReportContext, national: boolean): boolean {
  return (national || !ctx.unitIds) && !ctx.sources.length;
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

export type CellKey = "municipality" | "task" | "week";

export interface CellOptions {
  /** Every municipality (approved ones only), whatever the context's municipality and units. */
  national?: boolean;
  /**
   * One row per unit as well: registrations only, as for a unit lead, since the counts KL and the
   * coordinator supply belong to the whole municipality, not to a unit.
   */
  byUnit?: boolean;
  /**
   * The columns the caller groups by; the others are NULL. The fewer, the smaller the rollup the
   * registrations are summed from (nationally by task alone: report_rollup_national).
   */
  keep: readonly CellKey[];
}

/** The source flags of a group of cells (alias `r`): which figures counted and which were left out. */
export const SELF_SERVICE_FLAGS = `(bool_or(r.used_own) OR COALESCE(sum(r.own_left), 0) > 0) AS used_own, bool_or(r.used_vendor) AS used_vendor,
                 bool_or(r.dropped_own) AS dropped_own, bool_or(r.dropped_vendor) AS dropped_vendor,
                 string_agg(DISTINCT r.solutions, ', ') AS solutions`;

/**
 * The cells as a subquery whose rows sum, in any grouping of the kept columns, to the figure of
 * one source per municipality, task and week. Columns: municipality_id, unit_id (null unless
 * `byUnit`), task_id, week_key (iso_year * 100 + iso_week; each null unless kept), self, tx,
 * own_left, used_own, used_vendor, dropped_own, dropped_vendor, solutions. Sum self and tx; take the
 * flags with SELF_SERVICE_FLAGS. Every self-service rate in Spor is such a sum (docs/method.md,
 * "Én selvbetjeningsgrad").
 *
 * Two kinds of rows, because the choice between sources only arises where counts were supplied:
 * - the registrations, summed at the kept columns from the smallest rollup that has them: where no
 *   count was supplied for a municipality, task and week, its own self-service registrations are
 *   its figure (self = own, tx = own + the other channels' inbound transactions);
 * - one correction row per municipality, task and week with supplied counts: the cell's figure with
 *   its one source, minus the registrations the first kind already counted there. A correction moves
 *   self and tx by the same amount (tx = the other channels' transactions + self).
 * Computing every cell instead (registrations per municipality, task and week, joined to the counts)
 * made national figures 3–7 times slower at 10 million registrations (docs/benchmarks.md).
 * `own_left` is the registrations' own self-service less the part in corrected cells: above zero,
 * an uncorrected cell counted own figures (SELF_SERVICE_FLAGS).
 */
export function selfServiceCells(ctx: ReportContext, p: Params, weekKeys: number[] | undefined, options: CellOptions): string {
  const national = options.national ?? false;
  const byUnit = options.byUnit ?? false;
  const keep = new Set(options.keep);
  // The kept columns of rows aliased `at` (registrations `r`, supplied counts `s`); NULL for the others.
  const columns = (at: "r" | "s", unit: boolean) => ({
    municipality: keep.has("municipality") ? `${at}.municipality_id` : "NULL::uuid",
    unit: unit ? `${at}.unit_id` : "NULL::uuid",
    task: keep.has("task") ? `${at}.task_id` : "NULL::uuid",
    week: keep.has("week") ? `(${at}.iso_year * 100 + ${at}.iso_week)` : "NULL::int",
  });
  const grouped = [
    ...(keep.has("municipality") ? ["r.municipality_id"] : []),
    ...(byUnit ? ["r.unit_id"] : []),
    ...(keep.has("task") ? ["r.task_id"] : []),
    ...(keep.has("week") ? ["r.iso_year", "r.iso_week"] : []),
  ];
  const sources = approvedScopeSources(
    ctx,
    p,
    [
      "channel",
      "type",
      ...(keep.has("municipality") ? (["municipality"] as const) : []),
      ...(keep.has("task") ? (["task"] as const) : []),
      ...(byUnit ? (["unit"] as const) : []),
    ],
    { weekKeys, national },
  );
  const own = sumQWhere(`${INBOUND_TX} AND c.self_service`);
  const other = sumQWhere(`${INBOUND_TX} AND NOT c.self_service`);
  const col = columns("r", byUnit);
  const registrations = sources
    .map(
      (src) => `SELECT ${col.municipality} AS municipality_id, ${col.unit} AS unit_id, ${col.task} AS task_id, ${col.week} AS week_key,
           ${own} AS self, ${own} + ${other} AS tx, ${own} AS own_left,
           false AS used_own, false AS used_vendor, false AS dropped_own, false AS dropped_vendor, NULL::text AS solutions
      FROM ${src.from} JOIN channel c ON c.code = r.channel_code
     WHERE ${src.where}
     ${grouped.length ? `GROUP BY ${grouped.join(", ")}` : ""}`,
    )
    .join("\n     UNION ALL\n     ");
  // The supplied counts belong to a whole municipality and week: none per unit.
  if (byUnit || !suppliedApply(ctx, national)) return `(${registrations})`;

  const supplied = `SELECT r.municipality_id, r.task_id, r.iso_year, r.iso_week,
              COALESCE(sum(r.count) FILTER (WHERE r.source <> 'VENDOR'), 0)::float8 AS own_sup,
              count(*) FILTER (WHERE r.source <> 'VENDOR') > 0 AS has_own_sup,
              COALESCE(sum(r.count) FILTER (WHERE r.source = 'VENDOR'), 0)::float8 AS vendor,
              count(*) FILTER (WHERE r.source = 'VENDOR') > 0 AS has_vendor,
              string_agg(r.solution, ', ') FILTER (WHERE r.source = 'VENDOR') AS solutions
         FROM self_service_count r
        WHERE ${suppliedWhere(ctx, p, weekKeys, national)}
        GROUP BY r.municipality_id, r.task_id, r.iso_year, r.iso_week`;
  // The own self-service registrations of the municipalities with supplied counts, per task and week,
  // from the rollup that holds just those (SELF_SERVICE_ROLLUP; the registrations themselves under a
  // date range, which it has no days for). Joined to the counts by hash afterwards: looking each cell
  // up in a rollup instead took 4.9 s for KL's vendor figures of 98 municipalities (22,638 cells) at
  // 10 million registrations; reading them from report_rollup_task_channels about 250 ms.
  const cellSrc = reportSource(ctx, p, ["municipality", "task", "channel"], {
    weekKeys,
    national,
    rollups: [SELF_SERVICE_ROLLUP],
    source: REGISTRATIONS,
  });
  // The rollup holds own self-service transactions only; the registrations need the condition.
  const ownReg = cellSrc.from === SELF_SERVICE_ROLLUP.from ? SUM_Q : own;
  const cellRegistrations = `SELECT r.municipality_id, r.task_id, r.iso_year, r.iso_week, ${ownReg} AS own_reg
      FROM ${cellSrc.from} JOIN channel c ON c.code = r.channel_code AND c.self_service
     WHERE ${cellSrc.where}
       AND r.municipality_id IN (SELECT municipality_id FROM s)
     GROUP BY r.municipality_id, r.task_id, r.iso_year, r.iso_week`;
  // A self-service registration or a keyed count (0 included) is an own figure; a vendor row is KL's.
  const hasOwn = `(COALESCE(g.own_reg, 0) > 0 OR s.has_own_sup)`;
  const useVendor = `(s.has_vendor AND (NOT ${hasOwn} OR COALESCE(ch.choice = 'VENDOR', false)))`;
  const self = `CASE WHEN ${useVendor} THEN s.vendor ELSE COALESCE(g.own_reg, 0) + s.own_sup END`;
  const correction = `(${self}) - COALESCE(g.own_reg, 0)`;
  const c = columns("s", false);
  const corrections = `SELECT ${c.municipality} AS municipality_id, NULL::uuid AS unit_id, ${c.task} AS task_id, ${c.week} AS week_key,
           (${correction})::float8 AS self, (${correction})::float8 AS tx, -COALESCE(g.own_reg, 0)::float8 AS own_left,
           (${hasOwn} AND NOT ${useVendor}) AS used_own, ${useVendor} AS used_vendor,
           (${hasOwn} AND ${useVendor}) AS dropped_own, (s.has_vendor AND NOT ${useVendor}) AS dropped_vendor,
           CASE WHEN ${useVendor} THEN s.solutions END AS solutions
      FROM s
      LEFT JOIN g ON g.municipality_id = s.municipality_id AND g.task_id = s.task_id AND g.iso_year = s.iso_year AND g.iso_week = s.iso_week
      LEFT JOIN self_service_choice ch ON ch.municipality_id = s.municipality_id AND ch.task_id = s.task_id`;
  return `(WITH s AS MATERIALIZED (${supplied}), g AS (${cellRegistrations})
           ${registrations}
           UNION ALL
           ${corrections})`;
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
