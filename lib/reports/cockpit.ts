import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";
import { REGISTRATIONS, ROLLUPS, type RollupDim, type RollupSource } from "./rollups";
import { Params, reportSource, SUM_Q, sumQWhere } from "./sql";

// The cockpit's figures (docs/coordinators.md, "Overblik"): the same WHERE clause, scope and rollups
// as every report (lib/reports/sql.ts), so a number on the cockpit is the number the report shows for
// the same units and days. Test registrations never count; registrations outside the municipality's
// counting weeks count only if the context asks for them (it does not, by default).
//
// Every query here reads a source with `occurred_at` (the hours rollup, or the registrations
// themselves when a filter needs more), so "a Danish day" is always the same expression.

type Q = SqlExecutor["query"];

/** Sources with occurred_at (hour precision or better): the hours rollup, and the registrations as fallback. */
const HOURLY: readonly RollupSource[] = ROLLUPS.filter((r) => r.dateColumn === "occurred_at");
const DANISH_DAY = "(r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date";
const DANISH_HOUR = "extract(hour FROM r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::int";

function hourlySource(ctx: ReportContext, p: Params, groupBy: RollupDim[], national = false) {
  // The live cockpit follows every municipality during the weeks, long before any approves.
  return reportSource(ctx, p, groupBy, { rollups: HOURLY, source: REGISTRATIONS, national, allMunicipalities: true });
}

/** The context limited to Danish days `from`–`to` (inclusive, "YYYY-MM-DD"), round and week filters off. */
export function daysContext(ctx: ReportContext, from: string, to: string): ReportContext {
  return { ...ctx, round: null, compareRound: null, weekKeys: null, from, to };
}

/** The context limited to ISO weeks (a round's), date filters off. */
export function weeksContext(ctx: ReportContext, weekKeys: number[]): ReportContext {
  return { ...ctx, weekKeys, from: null, to: null };
}

export interface UnitActivity {
  /** null: the total over all units in scope (computed by the same query). */
  unitId: string | null;
  /** Contacts on `day`. */
  day: number;
  /** Contacts from `from` to `to`. */
  span: number;
  /** Registrations (rows) from `from` to `to`. */
  registrations: number;
  /** The latest registration's hour (rollups keep the hour), or null. */
  latest: Date | null;
}

/**
 * Contacts per unit on one Danish day and over a span of days that holds it (e.g. today and this week
 * so far), with a total row (unitId null). Units without registrations have no row.
 */
export async function unitActivity(query: Q, ctx: ReportContext, span: { from: string; to: string; day: string }): Promise<UnitActivity[]> {
  const p = new Params();
  const src = hourlySource(daysContext(ctx, span.from, span.to), p, ["municipality", "unit", "day", "hour"]);
  const rows = await query<{ unit_id: string | null; day: number; span: number; registrations: number; latest: Date | string | null }>(
    `SELECT r.unit_id, ${sumQWhere(`${DANISH_DAY} = ${p.add(span.day)}::date`)} AS day, ${SUM_Q} AS span,
            COALESCE(sum(r.registrations), 0)::float8 AS registrations, max(r.occurred_at) AS latest
     FROM ${src.from} WHERE ${src.where}
     GROUP BY GROUPING SETS ((r.unit_id), ())`,
    p.values,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    day: Number(r.day),
    span: Number(r.span),
    registrations: Number(r.registrations),
    latest: r.latest === null ? null : new Date(r.latest),
  }));
}

/** Contacts per Danish hour of one day, over the context's units. */
export async function hourlyContacts(query: Q, ctx: ReportContext, day: string): Promise<{ hour: number; contacts: number }[]> {
  const p = new Params();
  const src = hourlySource(daysContext(ctx, day, day), p, ["municipality", "unit", "day", "hour"]);
  const rows = await query<{ hour: number; contacts: number }>(
    `SELECT ${DANISH_HOUR} AS hour, ${SUM_Q} AS contacts FROM ${src.from} WHERE ${src.where} GROUP BY 1 ORDER BY 1`,
    p.values,
  );
  return rows.map((r) => ({ hour: Number(r.hour), contacts: Number(r.contacts) }));
}

export interface DailyTotal {
  /** "YYYY-MM-DD", Danish day. */
  day: string;
  contacts: number;
  registrations: number;
  municipalities: number;
}

/** Every municipality's contacts per Danish day in the context's weeks (national staff's cockpit). */
export async function dailyTotals(query: Q, ctx: ReportContext): Promise<DailyTotal[]> {
  const p = new Params();
  const src = hourlySource(ctx, p, ["municipality", "day"], true);
  const rows = await query<{ day: string | Date; contacts: number; registrations: number; municipalities: number }>(
    `SELECT to_char(${DANISH_DAY}, 'YYYY-MM-DD') AS day, ${SUM_Q} AS contacts, COALESCE(sum(r.registrations), 0)::float8 AS registrations,
            count(DISTINCT r.municipality_id)::int AS municipalities
     FROM ${src.from} WHERE ${src.where} GROUP BY 1 ORDER BY 1`,
    p.values,
  );
  return rows.map((r) => ({
    day: String(r.day),
    contacts: Number(r.contacts),
    registrations: Number(r.registrations),
    municipalities: Number(r.municipalities),
  }));
}

export interface MunicipalityActivity {
  municipalityId: string;
  contacts: number;
  registrations: number;
  /** Contacts on `day`. */
  day: number;
  activeUnits: number;
  /** The first Danish day with a registration, "YYYY-MM-DD". */
  firstDay: string;
}

/** Per municipality with registrations in the context's weeks: contacts, today's, units, first day. */
export async function municipalityActivity(query: Q, ctx: ReportContext, day: string): Promise<MunicipalityActivity[]> {
  const p = new Params();
  const src = hourlySource(ctx, p, ["municipality", "unit", "day"], true);
  const rows = await query<{
    municipality_id: string;
    contacts: number;
    registrations: number;
    day: number;
    active_units: number;
    first_day: string;
  }>(
    `SELECT r.municipality_id, ${SUM_Q} AS contacts, COALESCE(sum(r.registrations), 0)::float8 AS registrations,
            ${sumQWhere(`${DANISH_DAY} = ${p.add(day)}::date`)} AS day, count(DISTINCT r.unit_id)::int AS active_units,
            to_char(min(${DANISH_DAY}), 'YYYY-MM-DD') AS first_day
     FROM ${src.from} WHERE ${src.where} GROUP BY r.municipality_id`,
    p.values,
  );
  return rows.map((r) => ({
    municipalityId: r.municipality_id,
    contacts: Number(r.contacts),
    registrations: Number(r.registrations),
    day: Number(r.day),
    activeUnits: Number(r.active_units),
    firstDay: String(r.first_day),
  }));
}
