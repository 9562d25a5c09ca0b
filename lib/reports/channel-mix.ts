import { type DimensionSql, dimensionSql, pickDimension } from "./dims";
import { Params, reportSource, SUM_Q } from "./sql";
import type { ReportChart, ReportDefinition, ReportRow, ReportTable } from "./types";

const DIRECTION = { IN: "Indgående", OUT: "Udgående" } as const;

export const channelMix: ReportDefinition = {
  slug: "kanaler",
  title: "Kanalfordeling",
  description: "Henvendelser pr. kanal, indgående og udgående hver for sig, i alt og fordelt på opgave, enhed, uge eller kommune.",
  audience: "unit",
  dimensions: ["kanal", "opgave", "enhed", "uge", "kommune"],
  taskTables: true,
  async run(query, ctx) {
    const dimension = pickDimension(ctx, ["kanal", "opgave", "enhed", "uge", "kommune"]);
    const totals = await channelMixTable(query, ctx, null);
    const tables: ReportTable[] = [totals];
    if (dimension !== "kanal") tables.push(await channelMixTable(query, ctx, dimensionSql(dimension, ctx)));
    const charts: ReportChart[] = (["IN", "OUT"] as const).map((direction) => ({
      title: `${DIRECTION[direction]} henvendelser pr. kanal`,
      caption: `Antal ${DIRECTION[direction].toLowerCase()} henvendelser pr. kanal. Tallene står i tabellen "Kanalfordeling i alt".`,
      unit: "count",
      tableId: totals.id,
      bars: totals.rows
        .filter((r) => r.direction === DIRECTION[direction])
        .map((r) => ({ label: String(r.channel), value: Number(r.contacts) })),
    }));
    return {
      tables,
      charts: charts.filter((c) => c.bars.length),
      notes: ["Andelen er regnet inden for retningen: indgående og udgående henvendelser er hver 100 %."],
    };
  },
};

/** The channel mix of the context, in total (`dim` null) or per group of a breakdown; also per answer (answer-grouping.ts). */
export async function channelMixTable(
  query: Parameters<ReportDefinition["run"]>[0],
  ctx: Parameters<ReportDefinition["run"]>[1],
  dim: DimensionSql | null,
): Promise<ReportTable> {
  const p = new Params();
  const src = reportSource(ctx, p, ["channel", ...(dim?.needs ?? [])]);
  const rows = await query<{
    k_key: string | null;
    k_label: string | null;
    direction: "IN" | "OUT";
    code: string;
    name: string;
    contacts: number;
    in_direction: number;
    share: number | null;
  }>(
    `SELECT ${dim ? `${dim.key} AS k_key, ${dim.label} AS k_label,` : "NULL AS k_key, NULL AS k_label,"}
       c.direction::text AS direction, c.code, c.name, a.contacts,
       sum(a.contacts) OVER (PARTITION BY a.k, c.direction) AS in_direction,
       a.contacts / NULLIF(sum(a.contacts) OVER (PARTITION BY a.k, c.direction), 0) AS share
     FROM (SELECT ${dim ? dim.inner : "0"} AS k, r.channel_code, ${SUM_Q} AS contacts
           FROM ${src.from} ${dim?.innerJoin ?? ""} WHERE ${src.where} GROUP BY 1, 2) a
     JOIN channel c ON c.code = a.channel_code
     ${dim?.join ?? ""}
     ORDER BY ${dim ? `${dim.sort}, ` : ""}c.direction, c.sort_order, c.code`,
    p.values,
  );
  const out: ReportRow[] = rows.map((r) => ({
    ...(dim ? { code: r.k_key, label: r.k_label } : {}),
    direction: DIRECTION[r.direction],
    channelCode: r.code,
    channel: r.name,
    contacts: Number(r.contacts),
    share: r.share === null ? null : Number(r.share),
    inDirection: Number(r.in_direction),
  }));
  const title = dim ? `Kanalfordeling pr. ${dim.heading}` : "Kanalfordeling i alt";
  return {
    id: dim ? `pr-${dim.dimension}` : "i-alt",
    title,
    caption: `${title}: henvendelser og andel af retningen`,
    columns: [
      ...(dim ? dim.columns.filter((c) => c.key !== "code" || dim.dimension !== "kanal") : []),
      { key: "direction", label: "Retning", kind: "text" },
      { key: "channelCode", label: "Kanalkode", kind: "text" },
      { key: "channel", label: "Kanal", kind: "text" },
      { key: "contacts", label: "Henvendelser", kind: "count" },
      {
        key: "share",
        label: "Andel af retningen",
        kind: "share",
        base: {
          n: "inDirection",
          nLabel: "Henvendelser i retningen",
          counts: dim
            ? `alle henvendelser i samme retning (indgående eller udgående) for samme ${dim.heading}`
            : "alle henvendelser i samme retning (indgående eller udgående)",
        },
      },
    ],
    rows: out,
  };
}
