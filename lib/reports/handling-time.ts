import { dimensionSql } from "./dims";
import type { RollupSource } from "./rollups";
import { Params, reportSource } from "./sql";
import type { ReportDefinition, ReportRow, ReportTable } from "./types";

// Handling time from the units that measure it (the registrant's start/stop timer). Only timed
// registrations count, and only their own time: a mass registration has no timer. No rollup holds
// start and end, so this reads the timed registrations themselves — a small share of all rows.

const TIMED: RollupSource = {
  from: `(SELECT municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week,
                 iso_year, iso_week, occurred_at, quantity, 1 AS registrations,
                 extract(epoch FROM ended_at - started_at) / 60.0 AS minutes
            FROM registration WHERE is_test = false AND started_at IS NOT NULL AND ended_at IS NOT NULL) r`,
  dims: new Set(["municipality", "unit", "task", "channel", "type", "closure", "form", "source", "day", "hour"]),
  dateColumn: "occurred_at",
};

const BREAKDOWNS = [
  { id: "pr-opgave", dimension: "opgave", title: "Pr. opgave", caption: "Tidsforbrug pr. opgave" },
  { id: "pr-kanal", dimension: "kanal", title: "Pr. kanal", caption: "Tidsforbrug pr. kanal" },
] as const;

export const handlingTime: ReportDefinition = {
  slug: "tidsforbrug",
  title: "Tidsforbrug",
  description: "Hvor lang tid henvendelserne tager, pr. opgave og kanal, fra enheder med tidsmåling.",
  audience: "unit",
  async run(query, ctx) {
    const tables: ReportTable[] = [];
    for (const b of BREAKDOWNS) {
      const spec = dimensionSql(b.dimension, ctx);
      const p = new Params();
      const src = reportSource(ctx, p, spec.needs, { source: TIMED });
      const rows = await query<{ key: string; label: string; timed: number; average: number; median: number; total: number }>(
        `SELECT ${spec.key} AS key, ${spec.label} AS label, a.timed, a.average, a.median, a.total
         FROM (SELECT ${spec.inner} AS k, count(*)::float8 AS timed, avg(r.minutes)::float8 AS average,
                      percentile_cont(0.5) WITHIN GROUP (ORDER BY r.minutes)::float8 AS median, (sum(r.minutes) / 60.0)::float8 AS total
               FROM ${src.from} WHERE ${src.where} GROUP BY 1) a
         ${spec.join}
         ORDER BY a.total DESC, ${spec.sort}`,
        p.values,
      );
      const out: ReportRow[] = rows.map((r) => ({
        ...(spec.columns.some((c) => c.key === "code") ? { code: r.key } : {}),
        label: r.label,
        timed: Number(r.timed),
        average: Number(r.average),
        median: Number(r.median),
        total: Number(r.total),
      }));
      tables.push({
        id: b.id,
        title: b.title,
        caption: b.caption,
        columns: [
          ...spec.columns,
          { key: "timed", label: "Tidsmålte henvendelser", kind: "count" },
          { key: "average", label: "Gennemsnit (min.)", kind: "decimal" },
          { key: "median", label: "Median (min.)", kind: "decimal" },
          { key: "total", label: "Tid i alt (timer)", kind: "decimal" },
        ],
        rows: out,
      });
    }
    const byTask = tables[0].rows;
    return {
      tables,
      charts: [
        {
          title: "Gennemsnitlig tid pr. opgave",
          caption: "Gennemsnitlig tid i minutter pr. opgave. Tallene står i tabellen.",
          unit: "count",
          tableId: "pr-opgave",
          bars: byTask.slice(0, 15).map((r) => ({ label: String(r.label), value: Number(r.average) })),
        },
      ],
      notes: [
        byTask.length
          ? "Kun registreringer med start og slut tæller: enheder med tidsmåling, registreret på registreringsskærmen."
          : "Ingen tidsmålte registreringer i perioden. Tidsmåling slås til pr. enhed under Administration.",
      ],
    };
  },
};
