import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";
import { type DimensionSql, dimensionSql, pickDimension } from "./dims";
import type { Dimension } from "./filters";
import type { RollupDim } from "./rollups";
import { Params, ratio, reportSource, SUM_Q, sumQWhere } from "./sql";
import { ASKS_DETAILS, ASKS_FORM, channelsWhere } from "./describe";
import type { FigureBase, ReportColumn, ReportDefinition, ReportRow, ReportTable } from "./types";

// Closure and form: a yes-count, a no-count and "not stated", per dimension, with the share
// yes ÷ (yes + no): only contacts where the question was asked and answered. Contacts without an
// answer (uploads, channels where it is not asked — the rollups hold no answer there) are shown apart.

interface YesNo {
  /** The registration field asked about. */
  column: RollupDim;
  yes: string;
  no: string;
  labels: { yes: string; no: string; none: string; share: string };
  base: Omit<FigureBase, "n" | "nLabel">;
}

async function yesNoTable(
  query: SqlExecutor["query"],
  ctx: ReportContext,
  dim: DimensionSql,
  spec: YesNo,
  id: string,
  title: string,
): Promise<ReportTable> {
  const p = new Params();
  const src = reportSource(ctx, p, [spec.column, ...dim.needs]);
  const rows = await query<{
    k_key: string | null;
    k_label: string | null;
    is_total: number;
    yes: number;
    no: number;
    total: number;
    answered: number;
    share: number | null;
  }>(
    `SELECT ${dim.key} AS k_key, ${dim.label} AS k_label, a.is_total, a.yes, a.no, a.total, a.yes + a.no AS answered, ${ratio("a.yes", "a.yes + a.no")} AS share
     FROM (SELECT ${dim.inner} AS k, GROUPING(${dim.inner}) AS is_total,
                  ${sumQWhere(spec.yes)} AS yes, ${sumQWhere(spec.no)} AS no, ${SUM_Q} AS total
           FROM ${src.from} ${dim.innerJoin ?? ""} WHERE ${src.where}
           GROUP BY GROUPING SETS ((${dim.inner}), ())) a
     ${dim.join}
     ORDER BY a.is_total, ${dim.sort}`,
    p.values,
  );
  const toRow = (r: (typeof rows)[number]): ReportRow => ({
    ...(Number(r.is_total) ? { code: "", label: "I alt" } : { code: r.k_key, label: r.k_label }),
    yes: Number(r.yes),
    no: Number(r.no),
    none: Number(r.total) - Number(r.answered),
    total: Number(r.total),
    answered: Number(r.answered),
    share: r.share === null ? null : Number(r.share),
  });
  const columns: ReportColumn[] = [
    ...dim.columns,
    { key: "yes", label: spec.labels.yes, kind: "count" },
    { key: "no", label: spec.labels.no, kind: "count" },
    { key: "none", label: spec.labels.none, kind: "count" },
    { key: "total", label: "Henvendelser i alt", kind: "count" },
    { key: "share", label: spec.labels.share, kind: "share", base: { n: "answered", nLabel: "Med svar (n)", ...spec.base } },
  ];
  const total = rows.find((r) => Number(r.is_total));
  return {
    id,
    title,
    caption: title,
    columns,
    rows: rows.filter((r) => !Number(r.is_total)).map(toRow),
    total: total ? toRow(total) : undefined,
  };
}

function yesNoReport(base: Omit<ReportDefinition, "run">, dims: Dimension[], spec: YesNo, noun: string, notes: string[]): ReportDefinition {
  return {
    ...base,
    dimensions: dims,
    taskTables: dims.includes("opgave"),
    async run(query, ctx) {
      const dimension = pickDimension(ctx, dims);
      const dim = dimensionSql(dimension, ctx);
      const table = await yesNoTable(query, ctx, dim, spec, `pr-${dimension}`, `${noun} pr. ${dim.heading}`);
      return {
        tables: [table],
        charts: [
          {
            title: `${spec.labels.share} pr. ${dim.heading}`,
            caption: `${spec.labels.share} pr. ${dim.heading}, af henvendelser med svar. Tallene står i tabellen.`,
            unit: "share",
            tableId: table.id,
            bars: table.rows.map((r) => ({
              label: dimension === "opgave" ? `${r.code} ${r.label}` : String(r.label),
              value: r.share as number | null,
            })),
          },
        ],
        notes,
      };
    },
  };
}

export const closure = yesNoReport(
  {
    slug: "afslutning",
    title: "Afslutning",
    description: "Andel af henvendelserne, der blev straksafsluttet, pr. kanal, opgave og enhed.",
    audience: "unit",
  },
  ["kanal", "opgave", "enhed"],
  {
    column: "closure",
    yes: "r.closure_code = 'STRAKS'",
    no: "r.closure_code = 'HOLD'",
    labels: { yes: "Straksafsluttet", no: "Lagt til videre behandling", none: "Uden angivelse", share: "Andel straksafsluttet" },
    base: {
      counts: "henvendelser med en afslutning (straksafsluttet eller lagt til videre behandling)",
      channels: channelsWhere(ASKS_DETAILS),
    },
  },
  "Afslutning",
  [
    "Andelen er straksafsluttede ÷ henvendelser med en afslutning. Uploadede tal uden afslutning står under «Uden angivelse».",
    "Besøg på hjemmesiden tælles samlet uden afslutning: de står under «Uden angivelse», også hvis en gammel fil angav en afslutning.",
  ],
);

export const forms = yesNoReport(
  {
    slug: "blanketter",
    title: "Blanketter",
    description: "Andel af henvendelserne med en blanket, pr. kanal og opgave.",
    audience: "unit",
  },
  ["kanal", "opgave"],
  {
    column: "form",
    yes: "r.form = true",
    no: "r.form = false",
    labels: { yes: "Med blanket", no: "Uden blanket", none: "Ikke spurgt eller uden svar", share: "Andel med blanket" },
    base: { counts: "henvendelser, hvor der blev spurgt om blanket og svaret ja eller nej", channels: channelsWhere(ASKS_FORM) },
  },
  "Blanketter",
  [
    "Andelen er henvendelser med blanket ÷ henvendelser, hvor der blev spurgt om blanket og svaret. Der spørges ved alle kanaler undtagen telefon og besøg på hjemmesiden; et «nej» i gamle data ved telefon (TraceTool skrev NEJ uden at spørge) tæller ikke som svar.",
  ],
);
