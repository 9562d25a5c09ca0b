import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";
import { Params, ratio, reportSource } from "./sql";
import type { ReportRow, ReportTable } from "./types";

// «Dækning» per hour (issue 16): where another system supplied counts per hour (reference_count.hour),
// the registrations of each hour against them, per unit (or, for KL, per municipality), day, hour and
// channel. Only registrations with a real time of day count (time precision TIME): a date-only upload
// or a week's mass registration has no hour. docs/method.md, "Dækning".

const DAY = new Intl.DateTimeFormat("da-DK", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const two = (n: number) => String(n).padStart(2, "0");
/** 9 → "09.00–09.59", as Tidspunkt labels hours. */
export const hourLabel = (hour: number) => `${two(hour)}.00–${two(hour)}.59`;

/**
 * The hourly table, or null when no hourly reference count lies in the context's days and scope.
 * `channels`, `days`, `scope`, `units` and `threshold` are the daily query's (lib/reports/coverage.ts),
 * built on the same Params `p`.
 */
export async function hourlyCoverage(
  query: SqlExecutor["query"],
  ctx: ReportContext,
  sql: { channels: string[]; days: (p: Params) => string },
): Promise<ReportTable | null> {
  const p = new Params();
  const perMunicipality = !ctx.municipality;
  const src = reportSource(ctx, p, ["municipality", "unit", "hour", "precision", "channel"]);
  const channels = p.add(sql.channels);
  const days = sql.days(p);
  const scope = ctx.municipality ? `c.municipality_id = ${p.add(ctx.municipality.id)}::uuid` : "true";
  const units = ctx.unitIds ? `AND c.unit_id = ANY(${p.add(ctx.unitIds)}::uuid[])` : "";
  // Per municipality (KL): a municipality-wide count for an hour wins over its units' counts, as per day.
  const ref = perMunicipality
    ? `SELECT c.municipality_id AS key, c.day, c.hour, c.channel_code,
              CASE WHEN bool_or(c.unit_id IS NULL) THEN sum(c.count) FILTER (WHERE c.unit_id IS NULL) ELSE sum(c.count) END::float8 AS reference
       FROM reference_count c WHERE ${scope} AND ${days} AND c.hour IS NOT NULL GROUP BY 1, 2, 3, 4`
    : `SELECT c.unit_id AS key, c.day, c.hour, c.channel_code, sum(c.count)::float8 AS reference
       FROM reference_count c WHERE ${scope} AND ${days} AND c.hour IS NOT NULL ${units} GROUP BY 1, 2, 3, 4`;
  const local = "(r.occurred_at AT TIME ZONE 'Europe/Copenhagen')";
  const threshold = ctx.municipality
    ? `(SELECT coverage_threshold FROM municipality WHERE id = ${p.add(ctx.municipality.id)}::uuid)`
    : "m.coverage_threshold";
  const rows = await query<{
    label: string;
    day: Date;
    hour: number;
    channel: string;
    registered: number;
    reference: number;
    coverage: number | null;
    threshold: number;
  }>(
    `WITH ref AS (${ref}),
     reg AS (SELECT ${perMunicipality ? "r.municipality_id" : "r.unit_id"} AS key, ${local}::date AS day, extract(hour FROM ${local})::int AS hour,
                    r.channel_code, sum(r.quantity)::float8 AS registered
             FROM ${src.from} WHERE ${src.where} AND r.time_precision = 'TIME' AND r.channel_code = ANY(${channels}::text[]) GROUP BY 1, 2, 3, 4),
     reg_all AS (SELECT day, hour, channel_code, sum(registered) AS registered FROM reg GROUP BY 1, 2, 3),
     joined AS (
       SELECT ref.key, ref.day, ref.hour, ref.channel_code, ref.reference,
              COALESCE(CASE WHEN ref.key IS NULL THEN a.registered ELSE g.registered END, 0)::float8 AS registered
       FROM ref
       LEFT JOIN reg g ON g.key = ref.key AND g.day = ref.day AND g.hour = ref.hour AND g.channel_code = ref.channel_code
       LEFT JOIN reg_all a ON ref.key IS NULL AND a.day = ref.day AND a.hour = ref.hour AND a.channel_code = ref.channel_code)
     SELECT ${perMunicipality ? "m.name" : "COALESCE(u.name, 'Hele kommunen')"} AS label, j.day, j.hour,
            ch.name || CASE ch.direction WHEN 'IN' THEN ' ind' ELSE ' ud' END AS channel,
            j.registered, j.reference, ${ratio("j.registered", "j.reference")} AS coverage, ${threshold}::float8 / 100 AS threshold
     FROM joined j
     JOIN channel ch ON ch.code = j.channel_code
     ${perMunicipality ? "JOIN municipality m ON m.id = j.key" : "LEFT JOIN unit u ON u.id = j.key"}
     ORDER BY (${ratio("j.registered", "j.reference")} < ${threshold}::float8 / 100) IS TRUE DESC, label, j.day, j.hour, j.channel_code`,
    p.values,
  );
  if (!rows.length) return null;
  const out: ReportRow[] = rows.map((r) => {
    const share = r.coverage === null ? null : Number(r.coverage);
    return {
      label: r.label,
      day: DAY.format(new Date(r.day)),
      hour: hourLabel(Number(r.hour)),
      channel: r.channel,
      registered: Number(r.registered),
      reference: Number(r.reference),
      coverage: share,
      below: share !== null && share < Number(r.threshold) ? "Under grænsen" : "",
    };
  });
  return {
    id: "daekning-time",
    title: perMunicipality ? "Dækning pr. kommune og time" : "Dækning pr. enhed og time",
    caption: `Registrerede henvendelser mod referencetal pr. time, ${perMunicipality ? "kommune" : "enhed"}, dag og kanal, hvor et andet system talte pr. time; under grænsen først`,
    columns: coverageColumns(perMunicipality, true),
    rows: out,
    missing: { coverage: "referencetallet for timen er 0" },
  };
}

/** The columns of Dækning's tables: per unit (or municipality), day, hour where counted per hour, and channel. */
export function coverageColumns(perMunicipality: boolean, perHour: boolean): ReportTable["columns"] {
  return [
    { key: "label", label: perMunicipality ? "Kommune" : "Enhed", kind: "text" },
    { key: "day", label: "Dag", kind: "text" },
    ...(perHour ? [{ key: "hour", label: "Time", kind: "text" as const }] : []),
    { key: "channel", label: "Kanal", kind: "text" },
    { key: "registered", label: "Registreret", kind: "count" },
    { key: "reference", label: "Referencetal", kind: "count" },
    {
      key: "coverage",
      label: "Dækning",
      kind: "share",
      decimals: 0,
      base: {
        n: "reference",
        counts: `henvendelser talt${perHour ? " pr. time" : ""} i et andet system (besvarede opkald, betjente besøg, selvbetjeningsansøgninger)`,
      },
    },
    { key: "below", label: "Status", kind: "text" },
  ];
}
