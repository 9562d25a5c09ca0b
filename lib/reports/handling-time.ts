import { dimensionSql } from "./dims";
import { TIMED_REGISTRATIONS, TIMED_ROLLUPS } from "./rollups";
import { Params, reportSource } from "./sql";
import type { FigureBase, ReportDefinition, ReportRow, ReportTable } from "./types";

// Handling time: only time that was measured (docs/method.md, "Time"). A registration counts when its
// start and end are a measured contact time — Spor's timer on the registration screen, or an old unit
// the coordinator said measured time when importing; uploads and mass registrations never. Durations
// count in whole seconds. They come from the timed rollups (registrations per duration), so the
// median is found from the cumulative counts rather than by sorting every registration.

const BREAKDOWNS = [
  { id: "pr-opgave", dimension: "opgave", title: "Pr. opgave", caption: "Tidsforbrug pr. opgave" },
  { id: "pr-kanal", dimension: "kanal", title: "Pr. kanal", caption: "Tidsforbrug pr. kanal" },
] as const;

const TIMED_BASE: FigureBase = {
  n: "timed",
  counts: "tidsmålte registreringer (Spors stopur, eller enheder der ifølge koordinatoren målte tid i gamle data)",
};

export const handlingTime: ReportDefinition = {
  slug: "tidsforbrug",
  title: "Tidsforbrug",
  description: "Hvor lang tid henvendelserne tager, pr. opgave og kanal, fra enheder med tidsmåling.",
  audience: "unit",
  taskTables: true,
  async run(query, ctx) {
    const tables: ReportTable[] = [];
    for (const b of BREAKDOWNS) {
      const spec = dimensionSql(b.dimension, ctx);
      const p = new Params();
      // The smallest timed rollup with the breakdown and the filters' dimensions; the registrations in tests.
      const src = reportSource(
        ctx,
        p,
        spec.needs,
        ctx.useRollups === false ? { source: TIMED_REGISTRATIONS } : { rollups: TIMED_ROLLUPS.slice(0, -1), source: TIMED_ROLLUPS.at(-1)! },
      );
      // Per group and duration the number of registrations (h); their running count (c) finds the
      // median as percentile_cont(0.5) does: the mean of the values at positions ⌊(n−1)/2⌋+1 and ⌈(n−1)/2⌉+1.
      const rows = await query<{
        key: string | null;
        label: string | null;
        is_total: number;
        timed: number;
        average: number;
        median: number;
        hours: number;
      }>(
        `WITH h AS (SELECT ${spec.inner} AS k, GROUPING(${spec.inner}) AS is_total, r.seconds, sum(r.registrations)::float8 AS n
                      FROM ${src.from} ${spec.innerJoin ?? ""} WHERE ${src.where}
                     GROUP BY GROUPING SETS ((${spec.inner}, r.seconds), (r.seconds))),
              c AS (SELECT h.*, sum(h.n) OVER (PARTITION BY h.is_total, h.k ORDER BY h.seconds) AS cum,
                           sum(h.n) OVER (PARTITION BY h.is_total, h.k) AS total
                      FROM h),
              a AS (SELECT c.k, c.is_total, max(c.total) AS timed,
                           sum(c.seconds * c.n) / max(c.total) / 60.0 AS average,
                           (min(c.seconds) FILTER (WHERE c.cum >= floor((c.total - 1) / 2) + 1)
                            + min(c.seconds) FILTER (WHERE c.cum >= ceil((c.total - 1) / 2) + 1)) / 2.0 / 60.0 AS median,
                           sum(c.seconds * c.n) / 3600.0 AS hours
                      FROM c GROUP BY c.k, c.is_total)
         SELECT ${spec.key} AS key, ${spec.label} AS label, a.is_total, a.timed::float8 AS timed, a.average::float8 AS average,
                a.median::float8 AS median, a.hours::float8 AS hours
           FROM a ${spec.join}
          ORDER BY a.is_total, a.hours DESC, ${spec.sort}`,
        p.values,
      );
      const withCode = spec.columns.some((c) => c.key === "code");
      const toRow = (r: (typeof rows)[number]): ReportRow => ({
        ...(withCode ? { code: Number(r.is_total) ? "" : r.key } : {}),
        label: Number(r.is_total) ? "I alt" : r.label,
        timed: Number(r.timed),
        average: Number(r.average),
        median: Number(r.median),
        total: Number(r.hours),
      });
      const total = rows.find((r) => Number(r.is_total));
      tables.push({
        id: b.id,
        title: b.title,
        caption: b.caption,
        columns: [
          ...spec.columns,
          { key: "timed", label: "Tidsmålte registreringer", kind: "count" },
          { key: "average", label: "Gennemsnit (min.)", kind: "decimal", base: TIMED_BASE },
          { key: "median", label: "Median (min.)", kind: "decimal", base: TIMED_BASE },
          { key: "total", label: "Tid i alt (timer)", kind: "decimal" },
        ],
        rows: rows.filter((r) => !Number(r.is_total)).map(toRow),
        total: total ? toRow(total) : undefined,
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
          measure: "Minutter i gennemsnit",
          tableId: "pr-opgave",
          bars: byTask.slice(0, 15).map((r) => ({ label: String(r.label), value: Number(r.average) })),
        },
      ],
      notes: [
        byTask.length
          ? "Kun målt tid tæller: registreringer med Spors stopur (enheder med tidsmåling) og gamle data fra enheder, som koordinatoren ved importen angav målte tid. Uploadede tal og masseregistreringer har ingen tid. Tiden regnes i hele sekunder."
          : "Ingen tidsmålte registreringer i perioden. Tidsmåling slås til pr. enhed under Administration; for gamle data angives enheder med tidsmåling ved importen.",
      ],
    };
  },
};
